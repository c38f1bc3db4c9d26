"""The find bar (Ctrl+F): match people by name or title, highlight them, Enter steps through."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from consensus_map.app.panels.widgets import plain_label
from consensus_map.domain import Deal


def find_people(deal: Deal, text: str) -> list[str]:
    """Ids of people whose name or title contains `text` (case-insensitive), by name."""
    needle = text.strip().casefold()
    if not needle:
        return []
    hits = [
        p for p in deal.stakeholders if needle in p.name.casefold() or needle in p.title.casefold()
    ]
    return [p.id for p in sorted(hits, key=lambda p: (p.name.casefold(), p.id))]


class FindBar(QWidget):
    """Emits the matches as the user types and the next match on Enter."""

    matches_changed = Signal(list)  # ids to highlight
    match_chosen = Signal(str)  # select and centre this person
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deal: Deal | None = None
        self.matches: list[str] = []
        self._next = 0
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find a person by name or title")
        self.edit.setAccessibleName("Find a person")
        self.edit.setClearButtonEnabled(True)
        self.count = plain_label(name="Matches")
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setAccessibleName("Close find")
        close.setToolTip("Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.next_match)
        close.clicked.connect(self.close_bar)

    def open_bar(self, deal: Deal) -> None:
        self.deal = deal
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        self._search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self.matches = []
        self.matches_changed.emit([])
        self.closed.emit()

    def refresh(self, deal: Deal) -> None:
        """The deal changed: keep the highlight true."""
        self.deal = deal
        if self.isVisible():
            self._search(self.edit.text())

    def next_match(self) -> None:
        if not self.matches:
            return
        person_id = self.matches[self._next % len(self.matches)]
        self._next = (self._next + 1) % len(self.matches)
        self.match_chosen.emit(person_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def _search(self, text: str) -> None:
        self.matches = find_people(self.deal, text) if self.deal is not None else []
        self._next = 0
        if text.strip():
            n = len(self.matches)
            self.count.setText("no match" if n == 0 else f"{n} match" + ("es" if n > 1 else ""))
        else:
            self.count.setText("")
        self.matches_changed.emit(self.matches)
