"""The inspector: edit the selected person, the selected people together, the selected tie,
or the deal's own details.

Each finished change (editing finished, a new combo choice, focus leaving the notes) is one
call to the document, so one undo step. The inspector reloads from `deal_changed`, so undo
and redo show here too; a field the user is typing in is left alone while it has focus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consensus_map.app.document import Document
from consensus_map.app.panels.tie_list import TieList
from consensus_map.app.panels.updating import UPDATING, show_outdated
from consensus_map.app.panels.widgets import (
    ElidedLabel,
    EnumCombo,
    NotesEdit,
    OptionalDate,
    agree_on_met,
    plain_label,
)
from consensus_map.app.story import plural, risk_words
from consensus_map.domain import (
    BuyerMode,
    DealInfoChanged,
    DealStage,
    Influence,
    Readiness,
    Role,
    Stakeholder,
    StakeholdersChanged,
    StakeholdersMoved,
    Stance,
    TieKey,
    TieKind,
)
from consensus_map.domain.records import MAX_ID, MAX_SHORT_TEXT, MAX_STRENGTH

W = TypeVar("W", bound=QWidget)


def _line_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setMaxLength(MAX_SHORT_TEXT)
    return edit


def _mode_combo(accessible_name: str) -> EnumCombo[BuyerMode]:
    combo = EnumCombo(BuyerMode, accessible_name)
    combo.set_hint("Does this person see a reason to change? (buyer mode)")
    return combo


def _set_line(edit: QLineEdit, text: str) -> None:
    # Leave a half-typed value alone: it commits when the user finishes.
    if edit.hasFocus() and edit.isModified():
        return
    edit.setText(text)
    edit.setModified(False)
    edit.setCursorPosition(0)


def _heading(text: str = "") -> QLabel:
    # One line, cut with "…": a long name must not push the fields down.
    label = ElidedLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    return label


class _Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)  # fields stay together at the top, however tall the dock
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow dock a field goes under its label instead of off the edge.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

    def row(self, label: str, widget: W) -> W:
        self.form.addRow(label, widget)
        return widget


class PersonPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.heading = _heading()
        self.heading.setAccessibleName("Selected person")
        self.form.addRow(self.heading)
        # The engine's view of the person first: it is why the seller opened the inspector.
        # A box of fixed height that scrolls, so the fields below never move as it changes.
        self.assessment = plain_label(wrap=True, name="Risk for this person", selectable=True)
        self.assessment.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.assessment_box = QScrollArea()
        self.assessment_box.setWidget(self.assessment)
        self.assessment_box.setWidgetResizable(True)
        self.assessment_box.setFrameShape(QFrame.Shape.NoFrame)
        self.assessment_box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.assessment_box.setFixedHeight(self.assessment.fontMetrics().lineSpacing() * 6 + 4)
        self.assessment_box.setAccessibleName("Why, and what to do")
        self.form.addRow(self.assessment_box)
        self.name = self.row("&Name", _line_edit("Name"))
        self.title = self.row("&Title", _line_edit("Title"))
        self.role = self.row("&Role", EnumCombo(Role, "Role"))
        self.readiness = self.row("Rea&diness", EnumCombo(Readiness, "Readiness"))
        self.stance = self.row("&Stance", EnumCombo(Stance, "Stance"))
        self.mode = self.row("&Mode", _mode_combo("Buyer mode"))
        self.concern = self.row("Concern", _line_edit("Concern"))
        self.concern.setPlaceholderText("what they must get out of it, or fear, in their words")
        self.influence = self.row("In&fluence", EnumCombo(Influence, "Influence"))
        self.attends = self.row("", QCheckBox("&Attends the presentation"))
        self.attends.setAccessibleName("Attends the presentation")
        self.last_contact = self.row("Last &contact", OptionalDate("Met", "Last contact"))
        self.email = self.row("&Email", _line_edit("Email"))
        self.crm_id = self.row("CRM &id", _line_edit("CRM id"))
        self.crm_id.setMaxLength(MAX_ID)
        self.crm_id.setPlaceholderText("the contact's id in the CRM, for merging exports")
        self.notes = self.row("N&otes", NotesEdit("Notes"))
        self.ties = self.row("Ties", TieList())
        self.what_if = self.row("", QCheckBox("Treat as engaged (&what-if)"))
        self.what_if.setAccessibleName("Treat as engaged (what-if)")
        self.what_if.setToolTip(
            "Recompute the risks as if this person were engaged; the file is not changed."
        )


class TiePage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.heading = _heading("Relationship")
        self.form.addRow(self.heading)
        self.kind = self.row("Kind", plain_label(name="Kind"))
        self.ends = self.row("Between", plain_label(wrap=True, name="Between"))
        spin = QDoubleSpinBox()
        spin.setRange(0.5, MAX_STRENGTH)
        spin.setSingleStep(0.5)
        spin.setDecimals(1)
        spin.setAccessibleName("Strength")
        spin.setToolTip("1 weak, 2 normal, 3 strong")
        self.strength = self.row("&Strength", spin)
        self.hint = plain_label(wrap=True)
        self.form.addRow(self.hint)


class DealPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.heading = _heading("Deal")
        self.form.addRow(self.heading)
        self.name = self.row("&Name", _line_edit("Deal name"))
        self.account = self.row("&Account", _line_edit("Account"))
        self.stage = self.row("S&tage", EnumCombo(DealStage, "Stage"))
        self.presentation = self.row(
            "&Presentation", OptionalDate("Scheduled", "Presentation date")
        )
        self.target = self.row("Target &readiness", EnumCombo(Readiness, "Target readiness"))
        self.notes = self.row("N&otes", NotesEdit("Deal notes"))


class ManyPage(_Page):
    """Several people: the fields a seller sets for a group, such as everyone met together.

    A field the selected people disagree on shows "mixed"; choosing a value gives it to all
    of them as one edit (one undo step).
    """

    def __init__(self) -> None:
        super().__init__()
        self.heading = _heading()
        self.heading.setAccessibleName("Selection")
        self.form.addRow(self.heading)
        self.names = plain_label(wrap=True, name="Selected people")
        self.form.addRow(self.names)
        self.role = self.row("&Role", _mixed(EnumCombo(Role, "Role of everyone selected")))
        self.readiness = self.row(
            "Rea&diness", _mixed(EnumCombo(Readiness, "Readiness of everyone selected"))
        )
        self.stance = self.row("&Stance", _mixed(EnumCombo(Stance, "Stance of everyone selected")))
        self.mode = self.row("&Mode", _mixed(_mode_combo("Buyer mode of everyone selected")))
        self.influence = self.row(
            "In&fluence", _mixed(EnumCombo(Influence, "Influence of everyone selected"))
        )
        self.attends = self.row("", QCheckBox("&Attend the presentation"))
        self.attends.setAccessibleName("Everyone selected attends the presentation")
        self.what_if = self.row("", QCheckBox("Treat as engaged (&what-if)"))
        self.what_if.setAccessibleName("Treat everyone selected as engaged (what-if)")
        self.what_if.setToolTip(
            "Recompute the risks as if these people were engaged; the file is not changed."
        )
        self.hint = plain_label("A change here applies to everyone selected.", wrap=True)
        self.form.addRow(self.hint)


def _enum_fields(page: PersonPage | ManyPage) -> tuple[tuple[EnumCombo[Any], str], ...]:
    """A person's list fields, each with the Stakeholder field it edits."""
    return (
        (page.role, "role"),
        (page.readiness, "readiness"),
        (page.stance, "stance"),
        (page.mode, "mode"),
        (page.influence, "influence"),
    )


def _commit_when_typed(edit: QLineEdit, field: str, apply: Callable[..., None]) -> None:
    """One edit per finished typing (Enter or leaving the field), only if the text changed."""

    def commit() -> None:
        if edit.isModified():
            edit.setModified(False)
            apply(**{field: edit.text()})

    edit.editingFinished.connect(commit)


def _mixed(combo: EnumCombo[Any]) -> EnumCombo[Any]:
    combo.setPlaceholderText("— mixed —")
    return combo


def _common(values: Iterable[StrEnum]) -> StrEnum | None:
    """The value everyone shares, or None when they differ."""
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def _set_check(box: QCheckBox, states: Iterable[bool]) -> None:
    """Checked or unchecked when everyone agrees; partly checked (mixed) when not."""
    distinct = set(states)
    if len(distinct) == 1:
        box.setTristate(False)
        box.setChecked(distinct.pop())
    else:
        box.setTristate(True)
        box.setCheckState(Qt.CheckState.PartiallyChecked)


class Inspector(QScrollArea):
    """Shows and edits whatever is selected on the canvas (or the deal when nothing is)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Inspector")
        self.document: Document | None = None
        self.person_id: str | None = None
        self.tie_key: TieKey | None = None
        self.person_ids: tuple[str, ...] = ()
        self._ties_shown_for: str | None = None  # whose ties the person page's list shows
        self.person_page = PersonPage()
        self.tie_page = TiePage()
        self.deal_page = DealPage()
        self.many_page = ManyPage()
        self.empty_page = QWidget()
        QVBoxLayout(self.empty_page).addWidget(plain_label("No deal is open.", wrap=True))
        self.stack = QStackedWidget()
        for page in (
            self.person_page,
            self.tie_page,
            self.deal_page,
            self.many_page,
            self.empty_page,
        ):
            self.stack.addWidget(page)
        self.setWidget(self.stack)
        self._connect_person()
        self._connect_many()
        self._connect_tie()
        self._connect_deal()
        self.stack.setCurrentWidget(self.empty_page)

    # ---------------------------------------------------------------- public
    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.deal_changed.disconnect(self._on_deal_changed)
            self.document.analysis_changed.disconnect(self._on_analysis_changed)
            self.document.analysis_outdated.disconnect(self._load_assessment)
        self.document = document
        if document is not None:
            document.deal_changed.connect(self._on_deal_changed)
            document.analysis_changed.connect(self._on_analysis_changed)
            document.analysis_outdated.connect(self._load_assessment)
        self.show_selection((), ())

    def show_selection(self, person_ids: Sequence[str], tie_keys: Sequence[TieKey]) -> None:
        self.person_ids = tuple(person_ids)
        self.person_id = self.person_ids[0] if len(self.person_ids) == 1 else None
        self.tie_key = tie_keys[0] if not person_ids and len(tie_keys) == 1 else None
        self.reload()

    def focus_name(self) -> None:
        """Edit the selected person's name (Enter or a double-click on them)."""
        self.focus_field("name")

    def focus_field(self, field: str) -> None:
        """Put the cursor in one of the person's fields ("name", "title", …)."""
        if self.stack.currentWidget() is not self.person_page:
            return
        widget = getattr(self.person_page, field)
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def reload(self, ties: bool = True) -> None:
        """Show the selection as the deal has it now (`ties`: False when the shown person's
        ties and the names in them are known to be unchanged)."""
        document = self.document
        if document is None:
            self.stack.setCurrentWidget(self.empty_page)
            return
        deal = document.deal
        if self.person_id is not None and self.person_id in deal:
            self._load_person(ties or self._ties_shown_for != self.person_id)
            self.stack.setCurrentWidget(self.person_page)
        elif self.tie_key is not None and deal_has_tie(document, self.tie_key):
            self._load_tie()
            self.stack.setCurrentWidget(self.tie_page)
        elif len([i for i in self.person_ids if i in deal]) > 1:
            self._load_many()
            self.stack.setCurrentWidget(self.many_page)
        else:
            self._load_deal()
            self.stack.setCurrentWidget(self.deal_page)

    # --------------------------------------------------------------- loading
    def _load_person(self, ties: bool = True) -> None:
        assert self.document is not None and self.person_id is not None
        person = self.document.deal.stakeholder(self.person_id)
        page = self.person_page
        with _Blocked(page):
            page.heading.setText(person.name + (f" — {person.title}" if person.title else ""))
            _set_line(page.name, person.name)
            _set_line(page.title, person.title)
            page.role.set_value(person.role)
            page.readiness.set_value(person.readiness)
            page.stance.set_value(person.stance)
            page.mode.set_value(person.mode)
            _set_line(page.concern, person.concern)
            page.influence.set_value(person.influence)
            page.attends.setChecked(person.attends)
            page.last_contact.set_value(person.last_contact)
            _set_line(page.email, person.email)
            _set_line(page.crm_id, person.crm_id)
            if not (page.notes.hasFocus() and page.notes.document().isModified()):
                page.notes.set_text(person.notes)
            page.what_if.setChecked(person.id in self.document.what_if)
            if ties:
                # Reading a person's ties scans every tie of the deal (15,000 on a big map).
                page.ties.set_ties(self.document.deal, person.id)
                self._ties_shown_for = person.id
        self._load_assessment()

    def _selected_people(self) -> list[Stakeholder]:
        assert self.document is not None
        found = (self.document.deal.get(i) for i in self.person_ids)
        return [p for p in found if p is not None]

    def _load_many(self) -> None:
        assert self.document is not None
        people = self._selected_people()
        page = self.many_page
        with _Blocked(page):
            page.heading.setText(f"{plural(len(people), 'person')} selected")
            page.names.setText("\n".join(sorted(p.name for p in people)))
            page.role.set_value(_common(p.role for p in people))
            page.readiness.set_value(_common(p.readiness for p in people))
            page.stance.set_value(_common(p.stance for p in people))
            page.mode.set_value(_common(p.mode for p in people))
            page.influence.set_value(_common(p.influence for p in people))
            _set_check(page.attends, (p.attends for p in people))
            _set_check(page.what_if, (p.id in self.document.what_if for p in people))

    def _load_assessment(self) -> None:
        if self.document is None or self.person_id is None:
            return
        label = self.person_page.assessment
        if self.document.analysis_pending:
            label.setText("Analysing…")
            return
        # On a big map the new analysis runs in the background: the last one, greyed.
        updating = self.document.analysis_updating
        show_outdated(label, updating)
        analysis = self.document.analysis
        item = analysis.assessment(self.person_id)
        if item is None:
            label.setText(UPDATING if updating else "")
            return
        if not item.in_decision:
            parts = ["Not in the decision: no veto risk"]
        else:
            # The risk card's words (app/story.py), with the rank the map's badge shows.
            sinkers = list(analysis.sinkers)
            rank = sinkers.index(item.id) + 1 if item.id in sinkers else 0
            steps = "at the target" if item.gap == 0 else f"{item.gap} short of the target"
            parts = [risk_words(item, rank), steps]
            if item.effective_readiness is not item.readiness:
                parts.append(f"counts as {item.effective_readiness}: last contact is old")
        lines = [" · ".join(parts)]
        if item.reasons:
            lines.append("Why: " + "; ".join(item.reasons))
        if item.action:
            lines.append("→ " + item.action)
        if updating:  # first, so that the fixed box never scrolls it out of sight
            lines[0] = f"{UPDATING} {lines[0]}"
        label.setText("\n".join(lines))

    def _load_tie(self) -> None:
        assert self.document is not None and self.tie_key is not None
        tie = self.document.deal.tie(self.tie_key)
        deal = self.document.deal
        page = self.tie_page
        source, target = deal.stakeholder(tie.source).name, deal.stakeholder(tie.target).name
        with _Blocked(page):
            page.kind.setText(tie.kind.label)
            arrow = "↔" if tie.kind.symmetric else "→"
            page.ends.setText(f"{source} {arrow} {target}")
            page.strength.setValue(tie.strength)
            reports = tie.kind is TieKind.REPORTS_TO
            page.strength.setEnabled(not reports)
            page.hint.setText(
                "Strength means nothing for reports to."
                if reports
                else "1 weak, 2 normal, 3 strong."
            )

    def _load_deal(self) -> None:
        assert self.document is not None
        info = self.document.deal.info
        page = self.deal_page
        with _Blocked(page):
            _set_line(page.name, info.name)
            _set_line(page.account, info.account)
            page.stage.set_value(info.stage)
            page.presentation.set_value(info.presentation_date)
            page.target.set_value(info.target_readiness)
            if not (page.notes.hasFocus() and page.notes.document().isModified()):
                page.notes.set_text(info.notes)

    # ------------------------------------------------------------ committing
    def _edit_person(self, **changes: Any) -> None:
        if self.document is None or self.person_id is None:
            return
        if self.person_id not in self.document.deal:
            return
        if not self.document.edit_person(self.person_id, **changes):
            self.reload()  # refused: show what the file still holds

    def _edit_met(self, **changes: Any) -> None:
        """A change to readiness or the last contact, offering to keep the two in step."""
        if self.document is None or self.person_id is None:
            return
        person = self.document.deal.get(self.person_id)
        if person is None:
            return
        agree_on_met(self, person, changes)
        self._edit_person(**changes)

    def _edit_many(self, **changes: Any) -> None:
        if self.document is None or not self.person_ids:
            return
        ids = [i for i in self.person_ids if i in self.document.deal]
        if not self.document.edit_people(ids, **changes):
            self.reload()

    def _edit_deal(self, **changes: Any) -> None:
        if self.document is not None and not self.document.edit_deal(**changes):
            self.reload()

    def _connect_person(self) -> None:
        page = self.person_page

        typed = (
            (page.name, "name"),
            (page.title, "title"),
            (page.concern, "concern"),
            (page.email, "email"),
            (page.crm_id, "crm_id"),
        )
        for edit, field in typed:
            _commit_when_typed(edit, field, self._edit_person)
        for combo, field in _enum_fields(page):
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, f=field: self._edit_met(**{f: c.value()})
            )
        page.attends.toggled.connect(lambda on: self._edit_person(attends=on))
        page.last_contact.committed.connect(lambda day: self._edit_met(last_contact=day))
        page.notes.editing_finished.connect(
            lambda: self._edit_person(notes=page.notes.toPlainText())
        )
        page.what_if.toggled.connect(self._toggle_what_if)
        page.ties.remove_requested.connect(self._remove_tie)
        page.ties.add_requested.connect(self._add_tie)

    def _connect_many(self) -> None:
        page = self.many_page
        for combo, field in _enum_fields(page):
            combo.currentIndexChanged.connect(
                lambda index, c=combo, f=field: self._choose_for_many(index, f, c)
            )
        # `clicked` is the user's click only (never a reload); from "mixed" it means checked.
        page.attends.clicked.connect(
            lambda: self._edit_many(attends=page.attends.checkState() != Qt.CheckState.Unchecked)
        )
        page.what_if.clicked.connect(
            lambda: self._set_many_what_if(page.what_if.checkState() != Qt.CheckState.Unchecked)
        )

    def _choose_for_many(self, index: int, field: str, combo: EnumCombo[Any]) -> None:
        if index >= 0:  # -1 is "mixed", which is shown, never chosen
            self._edit_many(**{field: combo.value()})

    def _set_many_what_if(self, on: bool) -> None:
        if self.document is None:
            return
        ids = set(self.document.what_if)
        selected = set(self.person_ids)
        self.document.set_what_if(ids | selected if on else ids - selected)

    def _remove_tie(self, key: TieKey) -> None:
        if self.document is not None and deal_has_tie(self.document, key):
            self.document.delete(tie_keys=[key])

    def _add_tie(self) -> None:
        from consensus_map.app.tie_dialog import open_add_tie_dialog

        if self.document is not None and self.person_id is not None:
            open_add_tie_dialog(self.window(), self.document, [self.person_id])

    def _toggle_what_if(self, on: bool) -> None:
        if self.document is None or self.person_id is None:
            return
        ids = set(self.document.what_if)
        if on:
            ids.add(self.person_id)
        else:
            ids.discard(self.person_id)
        self.document.set_what_if(ids)

    def _connect_tie(self) -> None:
        spin = self.tie_page.strength

        def commit() -> None:
            document, key = self.document, self.tie_key
            if document is None or key is None or not deal_has_tie(document, key):
                return
            if not document.edit_tie(key, spin.value()):
                self.reload()

        spin.editingFinished.connect(commit)

    def _connect_deal(self) -> None:
        page = self.deal_page

        for edit, field in ((page.name, "name"), (page.account, "account")):
            _commit_when_typed(edit, field, self._edit_deal)
        page.stage.currentIndexChanged.connect(lambda _i: self._edit_deal(stage=page.stage.value()))
        page.target.currentIndexChanged.connect(
            lambda _i: self._edit_deal(target_readiness=page.target.value())
        )
        page.presentation.committed.connect(lambda day: self._edit_deal(presentation_date=day))
        page.notes.editing_finished.connect(lambda: self._edit_deal(notes=page.notes.toPlainText()))

    # ---------------------------------------------------------------- events
    def _on_deal_changed(self, event: object) -> None:
        if isinstance(event, StakeholdersMoved):
            return  # nothing here shows where people stand on the map
        self.reload(ties=not _ties_unchanged(event, self.person_id))

    def _on_analysis_changed(self) -> None:
        if self.stack.currentWidget() is self.many_page:
            self._load_many()  # what-if may have changed
            return
        if self.stack.currentWidget() is self.person_page:
            with _Blocked(self.person_page):
                assert self.document is not None
                self.person_page.what_if.setChecked(self.person_id in self.document.what_if)
            self._load_assessment()


def _ties_unchanged(event: object, person_id: str | None) -> bool:
    """After `event`, `person_id`'s tie list reads as before: their ties are the same, and
    so are the names of the people at the other ends."""
    if isinstance(event, DealInfoChanged):
        return True
    if isinstance(event, StakeholdersChanged):
        return all(
            new.id == person_id or new.name == old.name
            for old, new in zip(event.old, event.new, strict=True)
        )
    return False


def deal_has_tie(document: Document, key: TieKey) -> bool:
    return document.deal.find_tie(*key) is not None


class _Blocked:
    """Block the signals of a page's children while loading, so loading is not an edit."""

    def __init__(self, page: QWidget) -> None:
        self._widgets = [page, *page.findChildren(QWidget)]
        self._previous: list[bool] = []

    def __enter__(self) -> None:
        self._previous = [w.blockSignals(True) for w in self._widgets]

    def __exit__(self, *_exc: object) -> None:
        for widget, previous in zip(self._widgets, self._previous, strict=True):
            widget.blockSignals(previous)
