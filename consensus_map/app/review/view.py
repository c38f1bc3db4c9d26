"""The pre-presentation review view: what a seller and their manager go through together.

From the top: the deal, the presentation date and the days left; the band, probability and
range; the two charts; the attendees; the people who do not attend but sway them (or
sign); the warnings; and the plan for K meetings. It follows the document's analysis like
the risk panel does, and does no work while it is hidden: it watches the plan for K only
while shown. The review is of one moment, the analysis and the plan of the same version of
the deal: on a big map, while a newer one is on its way, the last review stays, greyed, with
"updating…".
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consensus_map.app.document import Document
from consensus_map.app.panels.updating import UPDATING, show_outdated
from consensus_map.app.panels.widgets import plain_label
from consensus_map.app.review.charts import PlanChart, RiskBars
from consensus_map.app.review.tables import (
    PERSON_FIELDS,
    PLAN_FIELDS,
    ReviewTable,
    swayer_fields,
)
from consensus_map.render.charts import ChartPoint, RiskBar
from consensus_map.report.review import Review, build_review


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
    label.setVisible(bool(text))


class ReviewView(QScrollArea):
    """The review of the open deal, live. `person_activated` names a clicked person."""

    person_activated = Signal(str)
    meetings_changed = Signal(int)

    def __init__(self, meetings: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Pre-presentation review")
        self.document: Document | None = None
        self.review: Review | None = None
        self._stale = True
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(6)
        # Says "updating…" (or nothing) in a place of fixed size, so saying it moves nothing.
        self.updating = plain_label(UPDATING, name="Review state")
        self.updating.setFixedSize(self.updating.sizeHint())
        self.updating.setText("")
        layout.addWidget(self.updating)
        self.deal = _bold(plain_label(wrap=True, name="Deal"), 1.3)
        self.presentation = plain_label(wrap=True, name="Presentation date")
        self.headline = _bold(plain_label(wrap=True, name="Consensus"), 1.15)
        self.what_if = plain_label(wrap=True, name="What-if")
        for label in (self.deal, self.presentation, self.headline, self.what_if):
            layout.addWidget(label)
        charts = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(_bold(plain_label("Veto risk of each attendee, riskiest first")))
        self.risk_bars = RiskBars()
        left.addWidget(self.risk_bars)
        right.addWidget(_bold(plain_label("Chance the team agrees, meeting by meeting")))
        self.plan_chart = PlanChart()
        right.addWidget(self.plan_chart)
        charts.addLayout(left, 1)
        charts.addSpacing(16)
        charts.addLayout(right, 1)
        layout.addLayout(charts)

        self.attendees_title = self._section(layout)
        self.attendees = ReviewTable(PERSON_FIELDS, "Attendees")
        layout.addWidget(self.attendees)
        self.swayers_title = self._section(layout)
        self.swayers = ReviewTable(swayer_fields(), "Not at the presentation")
        layout.addWidget(self.swayers)
        self.warnings_title = self._section(layout)
        self.warnings = plain_label(wrap=True, name="Warnings", selectable=True)
        layout.addWidget(self.warnings)

        plan_head = QHBoxLayout()
        self.plan_title = _bold(plain_label("Plan"))
        self.plan_title.setContentsMargins(0, 10, 0, 0)
        plan_head.addWidget(self.plan_title)
        plan_head.addStretch(1)
        meetings_label = QLabel("&Meetings before the presentation")
        self.meetings = QSpinBox()
        self.meetings.setRange(1, 20)
        self.meetings.setValue(meetings)
        self.meetings.setAccessibleName("Meetings before the presentation")
        meetings_label.setBuddy(self.meetings)
        plan_head.addWidget(meetings_label)
        plan_head.addWidget(self.meetings)
        layout.addLayout(plan_head)
        self.plan_summary = plain_label(wrap=True, name="Plan summary")
        layout.addWidget(self.plan_summary)
        self.plan = ReviewTable(PLAN_FIELDS, "Plan")
        layout.addWidget(self.plan)
        layout.addStretch(1)
        self.setWidget(body)
        for table in (self.attendees, self.swayers, self.plan):
            table.person_activated.connect(self.person_activated)
        # Bursts of edits (and the spin box's arrows) refresh once, just after.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self.meetings.valueChanged.connect(self._on_meetings)

    def _section(self, layout: QVBoxLayout) -> QLabel:
        label = _bold(plain_label())
        label.setContentsMargins(0, 10, 0, 0)
        layout.addWidget(label)
        return label

    # ----------------------------------------------------------------- document
    def set_document(self, document: Document | None) -> None:
        # Every edit but a move brings a new analysis (a move changes nothing here).
        if self.document is not None:
            self.document.analysis_changed.disconnect(self.schedule)
            self.document.analysis_outdated.disconnect(self._show_outdated)
            self.document.plan_changed.disconnect(self._on_plan_changed)
            self.document.unwatch_plan(self)
        self.document = document
        if document is not None:
            document.analysis_changed.connect(self.schedule)
            document.analysis_outdated.connect(self._show_outdated)
            document.plan_changed.connect(self._on_plan_changed)
        self._watch_plan()
        self.schedule()

    def _on_meetings(self, value: int) -> None:
        self.meetings_changed.emit(value)
        self._watch_plan()
        self.schedule()

    def _watch_plan(self) -> None:
        """The document keeps the plan for these meetings current while the review shows."""
        if self.document is not None and self.isVisible():
            self.document.watch_plan(self, self.meetings.value())

    def _on_plan_changed(self, meetings: int) -> None:
        if meetings == self.meetings.value():
            self.schedule()

    def _show_outdated(self) -> None:
        document = self.document
        outdated = document is not None and (
            document.analysis_updating or document.plan_updating(self.meetings.value())
        )
        text = UPDATING if outdated else ""
        if self.updating.text() != text:
            self.updating.setText(text)
        body = self.widget()
        if body is not None:
            show_outdated(body, outdated)

    def schedule(self) -> None:
        """Refresh soon if shown; else when next shown (a hidden review costs nothing)."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._watch_plan()
        if self._stale:
            self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.document is not None:
            self.document.unwatch_plan(self)  # a hidden review plans nothing

    def refresh_pending(self) -> bool:
        """A refresh is scheduled, or (while shown) the plan for these meetings is coming."""
        if self._timer.isActive():
            return True
        document = self.document
        if document is None or not self.isVisible() or document.analysis_pending:
            return False
        return document.analysis_updating or not document.analysis_runner.plan_current(
            self.meetings.value()
        )

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        self._stale = False
        document = self.document
        if document is None or document.analysis_pending:
            self.review = None
            _set(self.deal, "" if document is None else document.deal.info.name)
            _set(self.presentation, "" if document is None else "Analysing the committee…")
            for label in (self.headline, self.what_if, self.plan_summary):
                _set(label, "")
            return
        meetings = self.meetings.value()
        plan = document.plan_for(meetings)
        current = plan is not None and document.analysis_runner.plan_current(meetings)
        if document.analysis_updating or not current or plan is None:
            # The analysis or the plan of this version is still on its way: the last review
            # stays (greyed on a big map) and this one comes with `plan_changed`.
            self._show_outdated()
            return
        from consensus_map.analysis.plan import plan_note

        analysis = document.analysis
        note = plan_note(analysis, plan.steps, meetings)
        review = build_review(document.deal, analysis, plan.steps, meetings, date.today(), note)
        self.show_review(review)
        self._show_outdated()

    def show_review(self, review: Review) -> None:
        self.review = review
        _set(self.deal, " · ".join(p for p in (review.deal_name, review.account) if p))
        _set(self.presentation, review.presentation)
        _set(self.headline, review.headline)
        _set(self.what_if, review.what_if)
        background = self.palette().color(QPalette.ColorRole.Base)
        self.risk_bars.set_bars(
            [
                RiskBar(r.name, r.veto_risk, r.readiness, r.stance, r.guessed, r.sinker)
                for r in review.attendees
            ]
        )
        self.plan_chart.set_points([ChartPoint(*p) for p in review.plan_points()])
        count = len(review.attendees)
        _set(
            self.attendees_title,
            f"Attendees ({count}) — riskiest first, with what to do about each"
            if count
            else "Nobody is marked as attending the presentation.",
        )
        self.attendees.set_rows(review.attendees, background)
        self.attendees.setVisible(bool(count))
        _set(
            self.swayers_title,
            f"Not at the presentation, but they sway it or sign ({len(review.swayers)})"
            if review.swayers
            else "",
        )
        self.swayers.set_rows(review.swayers, background)
        self.swayers.setVisible(bool(review.swayers))
        _set(self.warnings_title, f"Warnings ({len(review.warnings)})")
        _set(
            self.warnings,
            "\n".join(f"⚠ {w}" for w in review.warnings) if review.warnings else "No warnings.",
        )
        meetings = review.meetings
        self.plan_title.setText(f"Plan: {meetings} meeting{'s' if meetings != 1 else ''}")
        summary = [f"Consensus {review.plan_gain}." if review.plan_gain else ""]
        summary.append(review.plan_note)
        if not review.plan and not review.plan_note:
            summary.append("Nobody is left to meet.")
        _set(self.plan_summary, "\n".join(s for s in summary if s))
        self.plan.set_rows(review.plan, background)
        self.plan.setVisible(bool(review.plan))


__all__ = ["ReviewView"]
