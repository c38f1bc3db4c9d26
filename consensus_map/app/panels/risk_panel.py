"""The risk panel: the consensus headline, deal-sinkers, warnings and the engagement plan.

The number never stands alone: the band comes first, in words, then the figure and its
range ("Very low — about 5.2% (2.1–15%) if the team met today", analysis.wording).

It follows `analysis_changed`, so it is live after every edit, undo and what-if. On a big
account map the new analysis runs in the background: meanwhile (`analysis_outdated`) the
last figures stay, greyed, with "updating…". The plan is watched only while the panel is
visible, and a hidden panel does no work at all: it catches up when shown. Clicking a
sinker asks the window to select and centre that person (`person_activated`); the what-if
box on a sinker recomputes the analysis without touching the file.
"""

from __future__ import annotations

import heapq

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consensus_map.analysis.result import Assessment
from consensus_map.analysis.wording import (
    BAND_LABELS,
    NO_ONE_IN_DECISION,
    gain,
    headline,
    percent,
)
from consensus_map.app.document import Document
from consensus_map.app.panels.updating import UPDATING, show_outdated
from consensus_map.app.panels.widgets import plain_label

MAX_COSTLY = 3
MAX_SHOWN = 8  # sinkers listed before "Show N more"
WARNING_CHARS = 400  # a warning longer than this is cut (at a name) in the panel
RANGE_HELP = (
    "The band and the range come from running the model over the documented range of each "
    "of its hand-set weights: read the band and who is on the list, not the decimals."
)


def _section(text: str) -> QLabel:
    label = plain_label(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 8, 0, 0)
    return label


def _brief(message: str, limit: int = WARNING_CHARS) -> str:
    """A warning cut to a few lines, at the end of a name: on a big account map one can list
    hundreds of people (60,000 characters), which no one reads in a side panel and which
    took a quarter of a second to lay out after every edit."""
    if len(message) <= limit:
        return message
    cut = max(message.rfind("; ", 0, limit), message.rfind(", ", 0, limit))
    return message[: cut if cut > limit // 2 else limit].rstrip(" ,;") + " …"


def _state_label(name: str, margins: tuple[int, int, int, int] = (0, 0, 0, 0)) -> QLabel:
    """Says "updating…" or nothing, in a place of fixed size: saying it moves nothing and
    costs no relayout of the long, word-wrapped reasons below (80 ms on a big map)."""
    label = plain_label(UPDATING, name=name)
    label.setContentsMargins(*margins)  # before measuring: margins set later would cut it
    label.setFixedSize(label.sizeHint())
    label.setText("")
    return label


def _say_updating(label: QLabel, updating: bool) -> None:
    _set_text(label, UPDATING if updating else "")


def _set_text(label: QLabel, text: str) -> None:
    # Unchanged text: no relayout, no repaint (the panel refreshes after every edit).
    if label.text() != text:
        label.setText(text)


class SinkerRow(QFrame):
    """One deal-sinker: who, why, what to do, and a what-if box. Updated in place."""

    activated = Signal(str)
    what_if_toggled = Signal(str, bool)

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # AlternateBase, not Base: a check box's indicator is filled with Base and must show.
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        head = QHBoxLayout()
        self.name = plain_label(wrap=True, name="Deal-sinker")
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        head.addWidget(self.name, 1)
        self.risk = plain_label(name="Veto risk")
        head.addWidget(self.risk, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.reasons = plain_label(wrap=True, name="Reasons")
        self.action = plain_label(wrap=True, name="Action")
        self.introducer = plain_label(wrap=True, name="Introducer")
        for label in (self.reasons, self.action, self.introducer):
            layout.addWidget(label)
        buttons = QHBoxLayout()
        self.what_if = QCheckBox("What-if: engaged")
        self.what_if.toggled.connect(lambda on: self.what_if_toggled.emit(self.person_id, on))
        self.show_button = QPushButton("Show on map")
        self.show_button.clicked.connect(lambda: self.activated.emit(self.person_id))
        buttons.addWidget(self.what_if)
        buttons.addStretch(1)
        buttons.addWidget(self.show_button)
        layout.addLayout(buttons)

    def show_item(self, item: Assessment, introducer: str, title: str, what_if: bool) -> None:
        _set_text(self.name, item.name + (f" ({title})" if title else ""))
        _set_text(self.risk, f"{percent(item.veto_risk)} veto risk")
        # Every reason, one a line: each names the people behind it (no unnamed "+N more").
        # The title is already in the heading.
        shown = [r for r in item.reasons if r != title]
        _set_text(self.reasons, "\n".join(f"• {r}" for r in shown))
        action = item.action
        if what_if:
            action = "Treated as engaged in this what-if (the file is unchanged)."
        _set_text(self.action, ("→ " + action) if action else "")
        self.action.setVisible(bool(action))
        needs_introducer = bool(introducer) and introducer not in action
        _set_text(self.introducer, f"Introducer: {introducer}" if needs_introducer else "")
        self.introducer.setVisible(needs_introducer)
        self.what_if.setAccessibleName(f"Treat {item.name} as engaged (what-if)")
        self.show_button.setAccessibleName(f"Show {item.name} on the map")
        if self.what_if.isChecked() != what_if:
            blocked = self.what_if.blockSignals(True)
            self.what_if.setChecked(what_if)
            self.what_if.blockSignals(blocked)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.person_id)
        super().mouseReleaseEvent(event)


class RiskPanel(QScrollArea):
    """Live review of the open deal."""

    person_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Risk panel")
        self.document: Document | None = None
        body = QWidget()
        outer = QVBoxLayout(body)
        # The figures (greyed while updating) in their own box; "updating…" beside the band.
        self.updating = _state_label("Risk analysis state")
        self.figures = QWidget()
        self.layout_ = QVBoxLayout(self.figures)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.figures)
        # The band in large type, then "about 5.2% (2.1–15%) if the team met today".
        self.probability = QLabel("–")
        self.probability.setTextFormat(Qt.TextFormat.PlainText)
        self.probability.setAccessibleName("Consensus band")
        font = self.probability.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.probability.setFont(font)
        self.probability.setToolTip(RANGE_HELP)
        self.caption = plain_label(
            "chance the whole committee consents", wrap=True, name="Consensus caption"
        )
        self.caption.setToolTip(RANGE_HELP)
        self.outside = plain_label(wrap=True, name="People not in the decision")
        self.costly = plain_label(wrap=True, name="People who cost the most")
        self.what_if_note = plain_label(wrap=True, name="What-if")
        band_row = QHBoxLayout()
        band_row.addWidget(self.probability)
        band_row.addStretch(1)
        band_row.addWidget(self.updating, 0, Qt.AlignmentFlag.AlignVCenter)
        self.layout_.addLayout(band_row)
        self.layout_.addWidget(self.caption)
        self.layout_.addWidget(self.costly)
        self.layout_.addWidget(self.outside)
        self.layout_.addWidget(self.what_if_note)
        self.sinkers_heading = _section("Deal-sinkers")
        self.layout_.addWidget(self.sinkers_heading)
        self.sinkers_box = QVBoxLayout()
        self.layout_.addLayout(self.sinkers_box)
        self.empty_sinkers = plain_label(
            "No deal-sinkers: no one in the decision carries a material veto risk.",
            wrap=True,
            name="Deal-sinkers",
        )
        self.empty_sinkers.hide()
        self.layout_.addWidget(self.empty_sinkers)
        self.more_button = QPushButton()
        self.more_button.setAccessibleName("Show more or fewer deal-sinkers")
        self.more_button.hide()
        self.more_button.clicked.connect(self._toggle_show_all)
        self.layout_.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(_section("Warnings"))
        self.warnings_box = QVBoxLayout()
        self.warnings_box.setSpacing(6)
        self.layout_.addLayout(self.warnings_box)
        self.warning_labels: list[QLabel] = []
        plan_head = QHBoxLayout()
        plan_head.addWidget(_section("Plan"))
        self.plan_updating = _state_label("Plan state", margins=(6, 8, 0, 0))
        plan_head.addWidget(self.plan_updating)
        plan_head.addStretch(1)
        meetings_label = QLabel("&Meetings")
        self.meetings = QSpinBox()
        self.meetings.setRange(1, 20)
        self.meetings.setValue(3)
        self.meetings.setAccessibleName("Meetings before the presentation")
        meetings_label.setBuddy(self.meetings)
        plan_head.addWidget(meetings_label)
        plan_head.addWidget(self.meetings)
        outer.addLayout(plan_head)
        self.plan = plain_label(wrap=True, name="Engagement plan")
        outer.addWidget(self.plan)
        self.plan_note = plain_label(wrap=True, name="About the plan")
        outer.addWidget(self.plan_note)
        outer.addStretch(1)
        self.setWidget(body)
        # Cards of what-if people who are no deal-sinker go under their own heading, so the
        # deal-sinker cards are exactly the count in the heading and the status bar.
        self.what_if_heading = _section("Treated as engaged (what-if)")
        self.what_if_heading.hide()
        self.sinker_rows: list[SinkerRow] = []  # shown, in order
        self._rows: dict[str, SinkerRow] = {}
        self._show_all = False
        self._stale = True  # hidden when the analysis changed: refresh when shown
        self.meetings.valueChanged.connect(lambda _v: self._watch_plan())

    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.analysis_changed.disconnect(self.refresh)
            self.document.analysis_outdated.disconnect(self._show_outdated)
            self.document.plan_changed.disconnect(self._on_plan_changed)
            self.document.unwatch_plan(self)
        self.document = document
        if document is not None:
            document.analysis_changed.connect(self.refresh)
            document.analysis_outdated.connect(self._show_outdated)
            document.plan_changed.connect(self._on_plan_changed)
        self.refresh()
        self._watch_plan()

    # ------------------------------------------------------------- visibility
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
        self._watch_plan()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.document is not None:
            self.document.unwatch_plan(self)  # a hidden dock plans nothing

    def _watch_plan(self) -> None:
        """Ask the document for the plan of the chosen meetings while the panel is shown."""
        if self.document is not None and self.isVisible():
            self.document.watch_plan(self, self.meetings.value())
        self.refresh_plan()

    def _on_plan_changed(self, meetings: int) -> None:
        if meetings == self.meetings.value():
            self.refresh_plan()

    def _show_outdated(self) -> None:
        """A new analysis is on its way: grey the figures (and the plan) where they are."""
        document = self.document
        outdated = document is not None and document.analysis_updating
        _say_updating(self.updating, outdated)
        show_outdated(self.figures, outdated)
        self._show_plan_outdated()

    def _show_plan_outdated(self) -> None:
        document = self.document
        outdated = document is not None and document.plan_updating(self.meetings.value())
        _say_updating(self.plan_updating, outdated)
        show_outdated(self.plan, outdated)
        show_outdated(self.plan_note, outdated)

    # ------------------------------------------------------------- refreshing
    def refresh(self) -> None:
        document = self.document
        self._show_outdated()
        if document is None:
            self.probability.setText("–")
            self.caption.setText("")
            self.outside.hide()
            self.costly.setText("")
            self.what_if_note.setText("")
            self.what_if_note.hide()
            self._show_rows([])
            self._show_warnings([])
            self.plan.setText("")
            self.plan_note.hide()
            return
        if document.analysis_pending:
            _set_text(self.probability, "…")
            _set_text(self.caption, "")
            _set_text(self.costly, "Analysing the committee…")
            self._show_rows([])
            self._show_warnings([])
            return
        if not document.deal.stakeholders:
            # Nobody to consent is no "100% chance": say what to do first.
            _set_text(self.probability, "–")
            _set_text(self.caption, "Add the first people to see who could sink the deal.")
            _set_text(
                self.costly,
                "Double-click the map or press Ins to add a person, or type or paste a "
                "list in the People table (Ctrl+Shift+L).",
            )
            self.what_if_note.hide()
            self.outside.hide()
            self._show_rows([])
            self.empty_sinkers.hide()
            self.more_button.hide()
            _set_text(self.sinkers_heading, "Deal-sinkers")
            self._show_warnings([])
            self.refresh_plan()
            return
        if not self.isVisible():
            self._stale = True  # nobody sees it: no work until it is shown
            return
        self._stale = False
        analysis = document.analysis
        deciding = analysis.in_decision_count
        outside = len(analysis.stakeholders) - deciding
        if not deciding:
            # Nobody signs, attends or sways anyone who does: no "Strong — about 100%".
            _set_text(self.probability, "–")
            _set_text(self.caption, NO_ONE_IN_DECISION + ".")
            self.probability.setAccessibleDescription(NO_ONE_IN_DECISION)
        else:
            line = headline(
                analysis.consensus_probability, analysis.consensus_band, analysis.consensus_range
            )
            band = BAND_LABELS[analysis.consensus_band]
            _set_text(self.probability, band)
            _set_text(self.caption, line.removeprefix(f"{band} — "))
            self.probability.setAccessibleDescription(line)
        _set_text(
            self.outside,
            (
                f"{outside} {'person' if outside == 1 else 'people'} on the map "
                f"{'is' if outside == 1 else 'are'} not in the decision: they neither sign, "
                "attend nor sway anyone who does, so they cost nothing here."
            )
            if outside
            else "",
        )
        self.outside.setVisible(bool(outside))
        by_id = {item.id: item for item in analysis.stakeholders}
        # The riskiest few: the first sinkers (listed in that order), else the riskiest of
        # everyone (no sort of thousands after every edit on a big map).
        costly = [by_id[i] for i in analysis.sinkers[:MAX_COSTLY] if i in by_id]
        if len(costly) < MAX_COSTLY:
            costly = heapq.nsmallest(
                MAX_COSTLY,
                (item for item in analysis.stakeholders if item.veto_risk > 0),
                key=lambda item: (-item.veto_risk, item.name, item.id),
            )
        if costly:
            cost = "Costs the most: " + ", ".join(
                f"{i.name} ({percent(i.veto_risk)})" for i in costly
            )
        elif not deciding:
            cost = (
                "Set a person's role in the inspector or the People table, and tick Attends "
                "for those in the room: they, and whoever sways them, make the decision."
            )
        else:
            cost = "Nobody is at risk of withholding consent."
        _set_text(self.costly, cost)
        what_if = document.what_if
        _set_text(
            self.what_if_note,
            f"What-if: {len(what_if)} treated as engaged; the file is unchanged."
            if what_if
            else "",
        )
        self.what_if_note.setVisible(bool(what_if))
        # The most dangerous sinkers, then what-if people so that they can be untoggled.
        sinkers = [i for i in analysis.sinkers if i in by_id]
        _set_text(self.sinkers_heading, f"Deal-sinkers ({len(sinkers)})")
        shown = sinkers if self._show_all else sinkers[:MAX_SHOWN]
        sinker_cards = len(shown)
        shown += sorted(
            (i for i in what_if if i not in shown and i in by_id),
            key=lambda i: (by_id[i].name, i),
        )
        rows = []
        for person_id in shown:
            item = by_id[person_id]
            # Names and titles as the analysis saw them: while a newer one is on its way the
            # whole row is of one moment.
            intro = by_id.get(item.introducer) if item.introducer else None
            introducer = intro.name if intro is not None else (item.introducer or "")
            row = self._rows.get(person_id)
            if row is None:
                row = self._rows[person_id] = SinkerRow(person_id)
                row.activated.connect(self.person_activated)
                row.what_if_toggled.connect(self._toggle_what_if)
            row.show_item(item, introducer, item.title, person_id in what_if)
            rows.append(row)
        self.sinkers_box.removeWidget(self.what_if_heading)
        self._show_rows(rows)
        if len(rows) > sinker_cards:
            self.sinkers_box.insertWidget(sinker_cards, self.what_if_heading)
        self.what_if_heading.setVisible(len(rows) > sinker_cards)
        self.empty_sinkers.setVisible(not sinkers)
        hidden = len(sinkers) - min(len(sinkers), MAX_SHOWN)
        self.more_button.setVisible(hidden > 0)
        self.more_button.setText("Show fewer" if self._show_all else f"Show {hidden} more")
        lines = [f"⚠ {_brief(w.message)}" for w in analysis.warnings]
        self._show_warnings(lines or ["No warnings."])
        self.refresh_plan()

    def _show_rows(self, rows: list[SinkerRow]) -> None:
        """Lay out exactly `rows`, in order, reusing the widgets already there."""
        keep = {row.person_id for row in rows}
        for person_id in [i for i in self._rows if i not in keep]:
            gone = self._rows.pop(person_id)
            self.sinkers_box.removeWidget(gone)
            gone.deleteLater()
        if rows != self.sinker_rows:
            for row in self.sinker_rows:
                self.sinkers_box.removeWidget(row)
            for index, row in enumerate(rows):
                self.sinkers_box.insertWidget(index, row)
                row.show()
        self.sinker_rows = rows

    def _toggle_show_all(self) -> None:
        self._show_all = not self._show_all
        self.refresh()

    def _show_warnings(self, lines: list[str]) -> None:
        # One label a warning, so each reads as its own item; labels are reused.
        while len(self.warning_labels) < len(lines):
            label = plain_label(wrap=True, name="Warning")
            self.warnings_box.addWidget(label)
            self.warning_labels.append(label)
        while len(self.warning_labels) > len(lines):
            label = self.warning_labels.pop()
            self.warnings_box.removeWidget(label)
            label.deleteLater()
        for label, line in zip(self.warning_labels, lines, strict=True):
            _set_text(label, line)

    def plan_pending(self) -> bool:
        """True while the plan shown is not yet the one for the deal as it is now."""
        document = self.document
        return document is not None and not document.analysis_runner.plan_current(
            self.meetings.value()
        )

    def refresh_plan(self) -> None:
        document = self.document
        if document is None or not self.isVisible():
            return
        self._show_plan_outdated()
        if document.analysis_pending or not document.deal.stakeholders:
            self.plan.setText("")
            self.plan_note.hide()
            return
        meetings = self.meetings.value()
        plan = document.plan_for(meetings)
        if plan is None:  # the first for this many meetings: the last one shown stays
            if not self.plan.text():
                _set_text(self.plan, "Planning…")
            return
        steps = plan.steps
        lines = []
        for number, step in enumerate(steps, 1):
            lines.append(
                f"{number}. {step.name} → {step.readiness_after}: {step.action} "
                f"→ {percent(step.consensus_probability)}"
            )
        if steps:
            start = steps[0].probability_before
            lines.append(f"Consensus {gain(start, steps[-1].consensus_probability, len(steps))}.")
        if not lines and plan.in_decision:
            lines = ["Nobody left to engage."]
        # (No one in the decision: the note alone says why there is no one to meet.)
        _set_text(self.plan, "\n".join(lines))
        note = plan.note
        _set_text(self.plan_note, note)
        self.plan_note.setVisible(bool(note))

    def _toggle_what_if(self, person_id: str, on: bool) -> None:
        if self.document is None:
            return
        ids = set(self.document.what_if)
        if on:
            ids.add(person_id)
        else:
            ids.discard(person_id)
        # Rebuilding the rows deletes the check box that sent this signal: do it next.
        document = self.document
        QTimer.singleShot(0, lambda: document.set_what_if(ids))
