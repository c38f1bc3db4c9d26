"""A person's ties in the inspector: "reports to Dana Ruiz", "influences Chris Park (2)".

A compact, keyboard-focusable list. Delete (or "Remove tie") asks to remove the selected
tie; "Add tie…" asks for the add-tie dialog. The inspector turns both into document edits,
and refills the list from the deal after every change, so undo and redo show here too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consensus_map.domain import Deal, Tie, TieKey, TieKind

_KEY_ROLE = Qt.ItemDataRole.UserRole
# Order in the list: the org chart first, then influence, then the symmetric ties.
_ORDER = {
    ("out", TieKind.REPORTS_TO): 0,
    ("in", TieKind.REPORTS_TO): 1,
    ("out", TieKind.INFLUENCES): 2,
    ("in", TieKind.INFLUENCES): 3,
    ("out", TieKind.ALLY): 4,
    ("in", TieKind.ALLY): 4,
    ("out", TieKind.RIVAL): 5,
    ("in", TieKind.RIVAL): 5,
}


def tie_phrase(deal: Deal, tie: Tie, person_id: str) -> str:
    """The tie as seen from `person_id`, e.g. "manages Lee Okafor", "ally of Dana Ruiz (3)"."""
    outgoing = tie.source == person_id
    other = deal.stakeholder(tie.target if outgoing else tie.source).name
    if tie.kind is TieKind.REPORTS_TO:
        return f"reports to {other}" if outgoing else f"manages {other}"
    weight = f" ({tie.strength:g})"
    if tie.kind is TieKind.INFLUENCES:
        return (f"influences {other}" if outgoing else f"influenced by {other}") + weight
    if tie.kind is TieKind.ALLY:
        return f"ally of {other}" + weight
    return f"rival of {other}" + weight


class _List(QListWidget):
    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if plain and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class TieList(QWidget):
    remove_requested = Signal(object)  # the TieKey to remove
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = _List()
        self.list.setAccessibleName("Ties")
        self.list.setToolTip("Select a tie and press Delete to remove it")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.add_button = QPushButton("Add t&ie…")
        self.add_button.setAccessibleName("Add tie")
        self.remove_button = QPushButton("Remove tie")
        self.remove_button.setAccessibleName("Remove tie")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.list.delete_pressed.connect(self.remove_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.add_button.clicked.connect(self.add_requested)
        self.list.itemSelectionChanged.connect(self._sync_buttons)
        self.setFocusProxy(self.list)
        self._sync_buttons()

    def _items(self) -> list[QListWidgetItem]:
        items = [self.list.item(row) for row in range(self.list.count())]
        return [item for item in items if item.data(_KEY_ROLE) is not None]

    def keys(self) -> list[TieKey]:
        return [item.data(_KEY_ROLE) for item in self._items()]

    def texts(self) -> list[str]:
        return [item.text() for item in self._items()]

    def selected_key(self) -> TieKey | None:
        items = self.list.selectedItems()
        return items[0].data(_KEY_ROLE) if items else None

    def set_ties(self, deal: Deal, person_id: str) -> None:
        """Show `person_id`'s ties; the selection stays on the same tie, or the same row."""
        kept, row = self.selected_key(), self.list.currentRow()
        rows: list[tuple[int, str, str, TieKey]] = []
        for tie in deal.ties_of(person_id):
            side = "out" if tie.source == person_id else "in"
            text = tie_phrase(deal, tie, person_id)
            rows.append((_ORDER[(side, tie.kind)], text.casefold(), text, tie.key))
        rows.sort()
        self.list.clear()
        for *_sort, text, key in rows:
            item = QListWidgetItem(text)  # item text is plain: names are never markup
            item.setData(_KEY_ROLE, key)
            self.list.addItem(item)
        keys = [r[3] for r in rows]
        if kept in keys:
            self.list.setCurrentRow(keys.index(kept))
        elif row >= 0 and keys:
            self.list.setCurrentRow(min(row, len(keys) - 1))
        if not keys:
            self.list.addItem(QListWidgetItem("No ties yet"))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        # A handful of rows without scrolling, and no big empty box for people with none.
        shown = max(1, min(len(keys), 6))
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * shown + 2 * self.list.frameWidth())
        self._sync_buttons()

    def remove_selected(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.remove_requested.emit(key)

    def _sync_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected_key() is not None)
