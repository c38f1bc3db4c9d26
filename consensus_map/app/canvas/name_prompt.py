"""Naming a new person where they will stand on the map, before they are added.

A new person's id is made from their name ("dana-ruiz"), so the name comes first: a field
opens on the map at the free spot, Enter (or clicking elsewhere) adds the person there as
one undo step, Esc adds nobody.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from consensus_map.domain.records import MAX_SHORT_TEXT

PROMPT_WIDTH = 300  # pixels: room for a long name and the hint


class NamePrompt(QLineEdit):
    """A one-line field over the map; `named(spot, name)` once, or nothing when cancelled."""

    named = Signal(QPointF, str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName("Name of the new person")
        self.setPlaceholderText("New person's name, then Enter (Esc: cancel)")
        self.setMaxLength(MAX_SHORT_TEXT)
        self.setFixedWidth(PROMPT_WIDTH)
        self.hide()
        self._spot: QPointF | None = None

    @property
    def spot(self) -> QPointF | None:
        """Where the person will stand (scene coordinates) while the prompt is open."""
        return self._spot

    def ask(self, spot: QPointF, centre: tuple[int, int]) -> None:
        """Open at `centre` (viewport pixels) for a person who will stand at `spot`."""
        self._spot = QPointF(spot)
        self.clear()
        self.move(centre[0] - self.width() // 2, centre[1] - self.sizeHint().height() // 2)
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def finish(self) -> None:
        """Add the typed name (nothing when it is blank) and close."""
        spot, self._spot = self._spot, None
        name = self.text().strip()
        self.hide()
        if spot is not None and name:
            self.named.emit(spot, name)

    def cancel(self) -> None:
        self._spot = None
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._spot is not None and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish()  # clicking elsewhere keeps what was typed, as a rename field does
