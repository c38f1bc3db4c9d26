"""Small widgets the panels share: plain-text labels, enum pickers, an optional date, notes.

People's names and notes come from colleagues' files and CRMs, so every label that shows
them is forced to plain text: `<img src=x>` must read as those characters, never as markup.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from consensus_map.domain import BuyerMode
from consensus_map.render.words import GLOSSES

E = TypeVar("E", bound=StrEnum)
NO_DATE = QDate(1900, 1, 1)


def plain_label(
    text: str = "", *, wrap: bool = False, name: str = "", selectable: bool = False
) -> QLabel:
    """A label that never interprets markup."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleName(name)
    return label


# Buyer mode in a seller's words: the bare names (Blue Sheet's) mean little on their own.
MODE_TEXT: dict[BuyerMode, str] = {
    BuyerMode.GROWTH: "Growth — wants a better result than today",
    BuyerMode.TROUBLE: "Trouble — something must be fixed now",
    BuyerMode.EVEN_KEEL: "Even keel — sees no need to change",
    BuyerMode.OVERCONFIDENT: "Overconfident — thinks things are better than they are",
    BuyerMode.UNKNOWN: "Unknown — not learned yet",
}


def readable(value: StrEnum) -> str:
    if isinstance(value, BuyerMode):
        return MODE_TEXT[value]
    label = str(getattr(value, "label", value.value)).replace("_", " ")
    text = label[:1].upper() + label[1:]
    gloss = GLOSSES.get(value.value)
    return f"{text} — {gloss}" if gloss else text


class EnumCombo(QComboBox, Generic[E]):
    """A combo box over the members of one enum, showing readable labels."""

    def __init__(self, enum: type[E], accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._members: list[E] = list(enum)
        for member in self._members:
            self.addItem(readable(member), member.value)
        self.setAccessibleName(accessible_name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)

    def value(self) -> E:
        return self._members[max(self.currentIndex(), 0)]

    def set_value(self, value: E | None) -> None:
        """Show `value`; None shows no choice (the placeholder, "mixed" for a selection)."""
        self.setCurrentIndex(-1 if value is None else self._members.index(value))


class OptionalDate(QWidget):
    """A date that may be absent: a check box says whether there is one.

    `committed` carries a `date` or None, once per finished change (not per keystroke).
    """

    committed = Signal(object)

    def __init__(self, check_text: str, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.check.setAccessibleName(f"{accessible_name} known")
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setAccessibleName(accessible_name)
        # With no date the field reads "none" rather than a made-up greyed date.
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText("none")
        self.edit.setDate(NO_DATE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self._on_toggled)
        self.edit.editingFinished.connect(self._emit)
        # Picking a day in the popup is a finished change on its own.
        self.edit.calendarWidget().clicked.connect(lambda _day: self._emit())
        self.edit.calendarWidget().activated.connect(lambda _day: self._emit())

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        day = self.edit.date()
        return date(day.year(), day.month(), day.day())

    def set_value(self, value: date | None) -> None:
        blockers = (self.check.blockSignals(True), self.edit.blockSignals(True))
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.edit.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))
        self.check.blockSignals(blockers[0])
        self.edit.blockSignals(blockers[1])

    def _on_toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        if checked and self.edit.date() == NO_DATE:
            self.edit.setDate(QDate.currentDate())
        self._emit()

    def _emit(self) -> None:
        self.committed.emit(self.value())


class NotesEdit(QPlainTextEdit):
    """Multi-line notes that commit when focus leaves, never per keystroke."""

    editing_finished = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.setMinimumHeight(60)
        # Room for a few lines; long notes scroll instead of pushing the form apart.
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.document().isModified():
            self.document().setModified(False)
            self.editing_finished.emit()

    def set_text(self, text: str) -> None:
        if self.toPlainText() != text:
            self.setPlainText(text)
        self.document().setModified(False)
