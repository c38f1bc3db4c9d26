"""The People table's widget: a sortable QTableView over `PeopleModel`, for fast entry.

Typing on a cell edits it (a list column opens the inspector's own list; typing a letter
picks from it). Tab moves along the row; Enter on the last row, or on the new-person row,
goes to the new-person row to type the next name. Ctrl+V pastes rows copied from a
spreadsheet as new people, in one undo step; a bad cell adds nobody and the message under
the table names the row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consensus_map.app.document import Document
from consensus_map.app.panels.widgets import EnumCombo, agree_on_met, plain_label
from consensus_map.app.people_table.model import ENUMS, FIELDS, SORT_ROLE, PeopleModel
from consensus_map.domain.records import MAX_SHORT_TEXT
from consensus_map.interchange.pasted_rows import COLUMNS

Index = QModelIndex | QPersistentModelIndex
HINT = (
    "Type a name in the last row and press Enter to add someone; Tab moves along the row. "
    "Paste rows from a spreadsheet with Ctrl+V (the first row may be headers)."
)
# Pixels: the name and the lists read whole; text columns get what is left.
WIDTHS = {
    "name": 160,
    "title": 150,
    "role": 120,
    "readiness": 100,
    "stance": 90,
    "influence": 80,
    "mode": 110,
    "attends": 64,
    "last_contact": 100,
    "email": 170,
    "concern": 200,
}


class _NewRowLast(QSortFilterProxyModel):
    """Sorts by the model's sort keys, always keeping the new-person row at the bottom."""

    def lessThan(self, left: Index, right: Index) -> bool:
        source = self.sourceModel()
        assert isinstance(source, PeopleModel)
        new_left, new_right = left.row() == source.new_row, right.row() == source.new_row
        if new_left or new_right:
            # In descending order Qt asks the other way round: answer so it still ends last.
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return (new_right and not new_left) == ascending
        return bool(super().lessThan(left, right))


class _CellDelegate(QStyledItemDelegate):
    """Editors: the inspector's lists for list columns, a plain line for text and dates."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = FIELDS[index.column()]
        header = COLUMNS[index.column()].header
        if field in ENUMS:
            return EnumCombo(ENUMS[field], header, parent)
        edit = QLineEdit(parent)
        edit.setAccessibleName(header)
        edit.setMaxLength(MAX_SHORT_TEXT)
        if field == "last_contact":
            edit.setPlaceholderText("YYYY-MM-DD")
        elif field == "name":
            edit.setPlaceholderText("Name")
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, EnumCombo):
            editor.set_value(value)
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, EnumCombo):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class _Table(QTableView):
    """Enter goes down a row; on the last row it goes on to type the next new person."""

    enter_done = Signal()
    paste_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            event.accept()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.state() != QAbstractItemView.State.EditingState:
            self.enter_done.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter in a cell
            # After the model has settled (a new person's row is in place).
            QTimer.singleShot(0, self.enter_done.emit)


class PeopleTable(QWidget):
    """The People dock's contents."""

    person_chosen = Signal(str)  # the cursor moved onto a person's row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("People table")
        self.model = PeopleModel(self)
        self.model.confirm = lambda person, changes: agree_on_met(self, person, changes)
        self.proxy = _NewRowLast(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setDynamicSortFilter(True)
        self.table = _Table()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(_CellDelegate(self.table))
        self.table.setAccessibleName("People")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setTabKeyNavigation(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for n, field in enumerate(FIELDS):
            header.resizeSection(n, WIDTHS[field])
        # Deal order until a header is clicked; clicking sorts (the ladder's order for lists).
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.hint = plain_label(HINT, wrap=True, name="How to use the People table")
        self.message = plain_label(wrap=True, name="People table message")
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.message.setStyleSheet(f"color: {'#ff7b72' if dark else '#b2182b'};")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.table.enter_done.connect(self._after_enter)
        self.table.paste_requested.connect(self.paste)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.model.message.connect(self.show_message)
        self.model.person_added.connect(lambda _id: self.clear_message())
        self.document: Document | None = None

    # ---------------------------------------------------------------- public
    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.edit_refused.disconnect(self.show_message)
            self.document.deal_changed.disconnect(self._on_deal_changed)
        self.document = document
        self.model.set_document(document)
        if document is not None:
            document.edit_refused.connect(self.show_message)
            document.deal_changed.connect(self._on_deal_changed)
        self.clear_message()

    def paste(self, text: str | None = None) -> list[str]:
        """Paste rows (the clipboard's text by default) as new people; returns their ids.

        One line with no tab, pasted on a person's cell, goes into that cell instead.
        """
        if text is None:
            text = QGuiApplication.clipboard().text()
        current = self.table.currentIndex()
        one_value = "\t" not in text and "\n" not in text.strip()
        if one_value and current.isValid():
            source = self.proxy.mapToSource(current)
            if self.model.person_id(source.row()) is not None:
                self.model.setData(source, text.strip(), Qt.ItemDataRole.EditRole)
                return []
        ids = self.model.paste(text)
        if ids:
            self.clear_message()
        return ids

    def go_to_new_row(self) -> None:
        """Put the cursor in the new-person row's name and start typing there."""
        index = self.proxy.mapFromSource(self.model.index(self.model.new_row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()
        self.table.edit(index)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    # ---------------------------------------------------------------- events
    def _after_enter(self) -> None:
        current = self.table.currentIndex()
        rows = self.proxy.rowCount()
        if not current.isValid() or current.row() >= rows - 2:
            self.go_to_new_row()  # on the last person, or on the new row: the next person
            return
        below = self.proxy.index(current.row() + 1, current.column())
        self.table.setCurrentIndex(below)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        person_id = self.model.person_id(self.proxy.mapToSource(current).row())
        if person_id is not None:
            self.person_chosen.emit(person_id)

    def _on_deal_changed(self, _event: Any) -> None:
        if self.message.isVisible():
            self.clear_message()  # an edit went through: the last refusal is old news
