"""Small widgets the panels share: plain-text labels, enum pickers, an optional date, notes.

People's names and notes come from colleagues' files and CRMs, so every label that shows
them is forced to plain text: `<img src=x>` must read as those characters, never as markup.
"""

from __future__ import annotations

import re
import time
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from consensus_map.domain import BuyerMode, Readiness, Stakeholder
from consensus_map.render.words import GLOSSES

E = TypeVar("E", bound=StrEnum)
NO_DATE = QDate(1900, 1, 1)
_WORDS = re.compile(r"[\s\-—]+")  # "Decision-shaper", "End user", "Aligned — agrees …"


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


class ElidedLabel(QLabel):
    """One line of plain text, cut with "…" to the width it is given, whole in its tooltip.

    However long a name is, the label keeps one line's height, so nothing below it moves.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def shown_text(self) -> str:
        """The text as drawn at the label's width."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.contentsRect(), align, self.shown_text())


class TypeAheadCombo(QComboBox):
    """A list where typing picks from the top, the way a seller expects (Qt's own search
    starts after the current choice, so "r" on "influences" would pick "rival")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._typed_at = 0.0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Type-ahead from the top of the list, not from the current choice: "d" is always
        Decision-maker, "dd" the next D (Decision-shaper), "sh" a word's start (shaper)."""
        text = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if plain and text and text.isprintable() and not text.isspace():
            now = time.monotonic()
            if now - self._typed_at > QApplication.keyboardInputInterval() / 1000:
                self._typed = ""
            self._typed += text.casefold()
            self._typed_at = now
            found = self.find_typed(self._typed)
            if found >= 0:
                self.setCurrentIndex(found)
            event.accept()
            return
        super().keyPressEvent(event)

    def find_typed(self, typed: str) -> int:
        """The first choice `typed` picks: by the start of its text, else of a word; a
        letter typed again steps to the next choice starting with it. -1 when none."""
        texts = [self.itemText(i).casefold() for i in range(self.count())]
        if len(typed) > 1 and len(set(typed)) == 1:
            starting = [i for i, t in enumerate(texts) if t.startswith(typed[0])]
            if starting:
                return starting[(len(typed) - 1) % len(starting)]
        for i, t in enumerate(texts):
            if t.startswith(typed):
                return i
        for i, t in enumerate(texts):
            if any(word.startswith(typed) for word in _WORDS.split(t)):
                return i
        return -1


class EnumCombo(TypeAheadCombo, Generic[E]):
    """A combo box over the members of one enum, showing readable labels.

    When the box is narrower than its choice, the choice is cut with "…" (never clipped
    mid-letter) and shown whole in the tooltip; the list itself is as wide as its words.
    """

    def __init__(self, enum: type[E], accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._members: list[E] = list(enum)
        for member in self._members:
            self.addItem(readable(member), member.value)
        self.setAccessibleName(accessible_name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.hint = ""  # said in the tooltip after the choice
        self.currentIndexChanged.connect(self._show_whole_text)

    def value(self) -> E:
        return self._members[max(self.currentIndex(), 0)]

    def set_value(self, value: E | None) -> None:
        """Show `value`; None shows no choice (the placeholder, "mixed" for a selection)."""
        self.setCurrentIndex(-1 if value is None else self._members.index(value))
        self._show_whole_text()

    def set_hint(self, hint: str) -> None:
        self.hint = hint
        self._show_whole_text()

    def shown_text(self) -> str:
        """The choice as drawn at the box's width (cut with "…" when it does not fit)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        text = self.currentText() if self.currentIndex() >= 0 else self.placeholderText()
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, field.width())

    def _show_whole_text(self) -> None:
        lines = [self.currentText()] if self.currentIndex() >= 0 else []
        if self.hint:
            lines.append(self.hint)
        self.setToolTip("\n".join(lines))

    def showPopup(self) -> None:
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 8)
        super().showPopup()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        if self.currentIndex() < 0 and self.placeholderText():
            option.palette.setBrush(QPalette.ColorRole.ButtonText, option.palette.placeholderText())
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


def agree_on_met(parent: QWidget, person: Stakeholder, changes: dict[str, object]) -> None:
    """Keep "met" (a last contact) and readiness from disagreeing silently: ticking Met on
    someone still at Unengaged offers Aware; choosing Unengaged for someone with a last
    contact offers to clear it. What the user accepts joins `changes` (one undo step)."""
    day = changes.get("last_contact", person.last_contact)
    readiness = changes.get("readiness", person.readiness)
    if "last_contact" in changes and day is not None and readiness is Readiness.UNENGAGED:
        question = (
            f"{person.name} is still at Unengaged (never met us). "
            "Set them to Aware (agreed to explore) too?"
        )
        if _ask(parent, f"Met {person.name}?", question):
            changes["readiness"] = Readiness.AWARE
    elif "readiness" in changes and readiness is Readiness.UNENGAGED and day is not None:
        question = (
            f"Unengaged means {person.name} has never met us, but a last contact "
            f"({day}) is recorded. Clear the last contact too?"
        )
        if _ask(parent, f"Never met {person.name}?", question):
            changes["last_contact"] = None


def _ask(parent: QWidget, title: str, question: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, question, buttons, QMessageBox.StandardButton.Yes)
    return bool(answer == QMessageBox.StandardButton.Yes)


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
