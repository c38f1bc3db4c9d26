"""The "Add tie…" dialog: connect two people from the keyboard, without the mouse.

From, kind, To and strength, with one line saying what the tie will mean ("Lee Okafor
reports to Dana Ruiz"). OK is one `Document.add_tie`, so one undo step; a tie the deal
refuses (a second manager, a reporting loop, a duplicate) keeps the dialog open with the
reason on one line, and nothing is changed. Names are shown as plain text only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consensus_map.app.canvas.tools import TIE_KIND_CHOICES
from consensus_map.app.document import Document
from consensus_map.app.panels.widgets import TypeAheadCombo, plain_label
from consensus_map.app.tie_words import explain, person_text, refusal
from consensus_map.domain import Stakeholder, TieKind
from consensus_map.domain.records import MAX_STRENGTH

DEFAULT_KIND = TieKind.INFLUENCES
DEFAULT_STRENGTH = 2.0  # "normal" on the SPEC's 1 weak / 2 normal / 3 strong scale


class PersonCombo(QComboBox):
    """Everyone (or everyone but one person), sorted by name; type to filter.

    Enter while the list of matches is open and none is picked is `submitted`: the typed
    text already names the person ("okaf"), so it means "add the tie", not just "close the
    list" (which would need a second Enter).
    """

    submitted = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(accessible_name)
        line = self.lineEdit()
        assert line is not None  # editable combos always have one
        line.setAccessibleName(accessible_name)
        line.setPlaceholderText("Type a name…")
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        popup = completer.popup()
        assert popup is not None  # a QCompleter always makes its popup
        self._enter_filter = _EnterSubmits(popup, self.submitted)
        popup.installEventFilter(self._enter_filter)
        self.setMinimumContentsLength(24)

    def set_people(self, people: Sequence[Stakeholder], chosen: str | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        for person in sorted(people, key=lambda p: (p.name.casefold(), p.id)):
            self.addItem(person_text(person), person.id)
        index = self.findData(chosen) if chosen is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # show the start of a long "Name — Title"
        self.blockSignals(False)

    def person_id(self) -> str | None:
        """The chosen person: the exact entry, else the only one whose text contains what was
        typed (so "okaf" + Enter works); None when nothing or several match."""
        typed = self.currentText().strip()
        if not typed:
            return None
        exact = self.findText(typed, Qt.MatchFlag.MatchFixedString)
        if exact >= 0:
            return str(self.itemData(exact))
        found = [i for i in range(self.count()) if typed.casefold() in self.itemText(i).casefold()]
        return str(self.itemData(found[0])) if len(found) == 1 else None


class _EnterSubmits(QObject):
    """On the matches list: Enter with no match picked closes it and submits."""

    def __init__(self, popup: QAbstractItemView, submitted: SignalInstance) -> None:
        super().__init__(popup)
        self._popup = popup
        self._submitted = submitted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self._popup.currentIndex().isValid()
        ):
            self._popup.hide()
            self._submitted.emit()
            return True
        return False


class AddTieDialog(QDialog):
    """Connect two people. `ends`: the selected people (the first is From, a second is To)."""

    def __init__(
        self, document: Document, ends: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add tie")
        self.setMinimumWidth(520)
        self.document = document
        deal = document.deal
        ends = [e for e in ends if e in deal][:2]

        self.source = PersonCombo("From")
        self.swap = QPushButton("S&wap")
        self.swap.setToolTip("Swap From and To")
        self.kind = TypeAheadCombo()
        self.kind.setAccessibleName("Kind")
        for label, kind in TIE_KIND_CHOICES:
            self.kind.addItem(label.lower(), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(DEFAULT_KIND.value))
        self.meaning = plain_label(wrap=True, name="What the tie means")
        self.target = PersonCombo("To")
        self.strength = QDoubleSpinBox()
        self.strength.setRange(0.5, MAX_STRENGTH)
        self.strength.setSingleStep(0.5)
        self.strength.setDecimals(1)
        self.strength.setValue(DEFAULT_STRENGTH)
        self.strength.setAccessibleName("Strength")
        self.strength.setToolTip("1 weak, 2 normal, 3 strong")
        self.error = plain_label(wrap=True, name="Why the tie was refused")
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        # A red that reads on either palette (the map's risk red is too dark on dark grey).
        self.error.setStyleSheet(f"color: {'#ff7b72' if dark else '#b2182b'}; font-weight: bold;")
        self.error.hide()

        from_row = QHBoxLayout()
        from_row.addWidget(self.source, 1)
        from_row.addWidget(self.swap)
        form = QFormLayout()
        from_label = QLabel("&From")
        from_label.setBuddy(self.source)  # a row holding a layout gets no buddy by itself
        form.addRow(from_label, from_row)
        form.addRow("&Kind", self.kind)
        form.addRow("", self.meaning)
        form.addRow("&To", self.target)
        form.addRow("&Strength", self.strength)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Add tie")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        # Tab goes From → Kind → To → Strength; Swap comes after (and has Alt+W), so typing
        # "Lee, Tab, reports to, Tab, Dana, Enter" makes the tie.
        QWidget.setTabOrder(self.source, self.kind)
        QWidget.setTabOrder(self.kind, self.target)
        QWidget.setTabOrder(self.target, self.strength)
        QWidget.setTabOrder(self.strength, self.swap)
        self.source.set_people(deal.stakeholders, ends[0] if ends else None)
        self._fill_targets(ends[1] if len(ends) > 1 else None)
        self.source.currentIndexChanged.connect(lambda _i: self._fill_targets(self._target_id()))
        self.swap.clicked.connect(self.swap_ends)
        self.source.submitted.connect(self.accept)
        self.target.submitted.connect(self.accept)
        for signal in (
            self.kind.currentIndexChanged,
            self.target.currentIndexChanged,
            self.source.editTextChanged,
            self.target.editTextChanged,
        ):
            signal.connect(lambda *_a: self._refresh())
        self._refresh()
        if len(ends) == 2:
            self.kind.setFocus()
        elif ends:
            self.target.setFocus()
        else:
            self.source.setFocus()

    # ---------------------------------------------------------------- reading
    def chosen_kind(self) -> TieKind:
        return TieKind(self.kind.currentData())

    def _target_id(self) -> str | None:
        return self.target.person_id()

    def _fill_targets(self, keep: str | None) -> None:
        source = self.source.person_id()
        others = [p for p in self.document.deal.stakeholders if p.id != source]
        self.target.set_people(others, keep)
        self._refresh()

    def swap_ends(self) -> None:
        source, target = self.source.person_id(), self.target.person_id()
        self.source.set_people(self.document.deal.stakeholders, target)
        self._fill_targets(source)

    def _refresh(self) -> None:
        kind = self.chosen_kind()
        self.strength.setEnabled(kind is not TieKind.REPORTS_TO)
        deal = self.document.deal
        source, target = self.source.person_id(), self.target.person_id()
        a = deal.stakeholder(source).name if source is not None else "…"
        b = deal.stakeholder(target).name if target is not None else "…"
        self.meaning.setText(explain(kind, a, b).replace("….", "…"))
        self.error.hide()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # ------------------------------------------------------------------ commit
    def accept(self) -> None:
        source, target = self.source.person_id(), self.target.person_id()
        if source is None:
            self.show_error(_who(self.source.currentText(), "From"))
            return
        if target is None:
            self.show_error(_who(self.target.currentText(), "To"))
            return
        kind = self.chosen_kind()
        reason = refusal(self.document.deal, source, target, kind)
        if reason is not None:
            self.show_error(reason)
            return
        strength = 1.0 if kind is TieKind.REPORTS_TO else self.strength.value()
        refused: list[str] = []

        def note(message: str) -> None:
            refused.append(message)

        self.document.edit_refused.connect(note)
        try:
            added = self.document.add_tie(source, target, kind, strength)
        finally:
            self.document.edit_refused.disconnect(note)
        if not added:
            self.show_error(refused[0] if refused else "The tie could not be added.")
            return
        super().accept()


def _who(typed: str, field: str) -> str:
    typed = typed.strip()
    if not typed:
        return f"Choose someone in {field}."
    return f"{field}: no single person matches “{typed}”; choose one from the list."


def open_add_tie_dialog(
    parent: QWidget, document: Document, ends: Sequence[str] = ()
) -> AddTieDialog:
    """Open the dialog window-modally (it does its own edit on OK) and return it."""
    dialog = AddTieDialog(document, ends, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
