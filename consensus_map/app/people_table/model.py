"""The deal as a table: one row a person, and a last row for adding the next one.

Rows follow the document's change events (an edit, an undo, someone added on the map) one
by one; every change the user makes in a cell is one document edit, so one undo step. The
last row is where a new person is typed in: their name first, since their id is made from
it. New people go on the map in rows, in the table's order (layout.next_in_rows). When
someone is added the last row becomes them and a new last row appears below, so the cursor
stays on the person just named.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from consensus_map.app.document import Document
from consensus_map.app.panels.widgets import readable
from consensus_map.app.story import plural
from consensus_map.domain import (
    BuyerMode,
    DealEvent,
    DealInfoChanged,
    Influence,
    Readiness,
    Role,
    Stakeholder,
    StakeholdersAdded,
    StakeholdersChanged,
    StakeholdersMoved,
    StakeholdersRemoved,
    Stance,
    TieChanged,
    TiesAdded,
    TiesRemoved,
)
from consensus_map.interchange.pasted_rows import COLUMNS, PasteError, parse_rows

Index = QModelIndex | QPersistentModelIndex
FIELDS = [column.field for column in COLUMNS]
ENUMS: dict[str, type[StrEnum]] = {
    "role": Role,
    "readiness": Readiness,
    "stance": Stance,
    "influence": Influence,
    "mode": BuyerMode,
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NEW_ROW_TEXT = "＋ new: type a name"

# Asked before a cell's change is made: may add to the changes (see widgets.agree_on_met).
Confirm = Callable[[Stakeholder, dict[str, Any]], None]


def short(value: StrEnum) -> str:
    """A list value as a cell shows it: "Decision-maker", "Aligned", "Growth"."""
    return readable(value).split(" — ")[0]


class PeopleModel(QAbstractTableModel):
    """Everyone in the open deal, in the deal's order, plus the row for a new person."""

    message = Signal(str)  # a cell or a paste was refused: one line naming who or which row
    person_added = Signal(str)  # a person typed into the last row (their id)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self._ids: list[str] = []
        self.confirm: Confirm | None = None

    # ------------------------------------------------------------------ document
    def set_document(self, document: Document | None) -> None:
        self.beginResetModel()
        if self.document is not None:
            self.document.deal_changed.disconnect(self._on_deal_changed)
        self.document = document
        self._ids = [p.id for p in document.deal.stakeholders] if document is not None else []
        if document is not None:
            document.deal_changed.connect(self._on_deal_changed)
        self.endResetModel()

    def person_id(self, row: int) -> str | None:
        """The person on `row`, or None for the new-person row."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: str) -> int:
        return self._ids.index(person_id)

    @property
    def new_row(self) -> int:
        return len(self._ids)

    # ------------------------------------------------------------ table shape
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        if parent.isValid() or self.document is None:
            return 0
        return len(self._ids) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if orientation is Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return "＋" if section == self.new_row else str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        field = FIELDS[index.column()]
        if index.row() == self.new_row:
            return base | Qt.ItemFlag.ItemIsEditable if field == "name" else base
        if field == "attends":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    # ------------------------------------------------------------------ reading
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.document is None:
            return None
        field = FIELDS[index.column()]
        person_id = self.person_id(index.row())
        if person_id is None:
            return self._new_row_data(field, role)
        person = self.document.deal.get(person_id)
        if person is None:
            return None
        value = getattr(person, field)
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(field, value)
        if role == Qt.ItemDataRole.EditRole:
            return value.isoformat() if isinstance(value, date) else value
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(value, StrEnum):
                return readable(value)
            return _shown(field, value) or None
        if role == Qt.ItemDataRole.CheckStateRole and field == "attends":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            return _sort_key(value)
        return None

    def _new_row_data(self, field: str, role: int) -> Any:
        if field != "name":
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return NEW_ROW_TEXT
        if role == Qt.ItemDataRole.EditRole:
            return ""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Type a name and press Enter (or Tab) to add someone"
        return None

    # ------------------------------------------------------------------ editing
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.document is None:
            return False
        field = FIELDS[index.column()]
        person_id = self.person_id(index.row())
        if person_id is None:
            return field == "name" and self._add_named(str(value))
        person = self.document.deal.get(person_id)
        if person is None:
            return False
        if field == "attends":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self.document.edit_person(person_id, attends=checked)
        if role != Qt.ItemDataRole.EditRole:
            return False
        try:
            new = _read_cell(field, value)
        except ValueError as error:
            self.message.emit(f"{person.name}: {error}")
            return False
        if new == getattr(person, field):
            return True
        changes: dict[str, Any] = {field: new}
        if self.confirm is not None and field in ("readiness", "last_contact"):
            self.confirm(person, changes)
        return self.document.edit_person(person_id, **changes)

    def _add_named(self, name: str) -> bool:
        name = name.strip()
        if not name or self.document is None:
            return False
        ids = self.document.add_new_people([{"name": name}])
        if ids:
            self.person_added.emit(ids[0])
        return bool(ids)

    def paste(self, text: str) -> list[str]:
        """Add the people in spreadsheet rows as one undo step; returns their ids.

        A bad cell adds nobody: `message` names the row.
        """
        if self.document is None:
            return []
        try:
            records = parse_rows(text)
        except PasteError as error:
            self.message.emit(f"Nothing pasted: {error}")
            return []
        name = records[0]["name"] if len(records) == 1 else plural(len(records), "person")
        return self.document.add_new_people(records, text=f"Paste {name}")

    # ------------------------------------------------------------- deal → rows
    def _on_deal_changed(self, event: DealEvent) -> None:
        match event:
            case StakeholdersAdded(people, _) if people:
                # The new-person row becomes the first of them; new rows go below it.
                first = self.new_row
                self.beginInsertRows(QModelIndex(), first + 1, first + len(people))
                self._ids.extend(p.id for p in people)
                self.endInsertRows()
                self._changed_row(first)
            case StakeholdersRemoved(people, _):
                for person in people:
                    if person.id in self._ids:
                        row = self._ids.index(person.id)
                        self.beginRemoveRows(QModelIndex(), row, row)
                        del self._ids[row]
                        self.endRemoveRows()
            case StakeholdersChanged(_, news):
                for new in news:
                    if new.id in self._ids:
                        self._changed_row(self._ids.index(new.id))
            case (
                StakeholdersAdded()
                | StakeholdersMoved()
                | TiesAdded()
                | TiesRemoved()
                | TieChanged()
                | DealInfoChanged()
            ):
                pass  # nothing the table shows
            case _:
                # An edit of a kind this table does not know row by row: read it afresh.
                self.set_document(self.document)

    def _changed_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))


def _shown(field: str, value: Any) -> str:
    if isinstance(value, StrEnum):
        return short(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return ""  # the check box says it
    return str(value) if value is not None else ""


def _sort_key(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return list(type(value)).index(value)  # the ladder's order, not the alphabet's
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.casefold()
    if value is None:
        return ""
    return int(value)


def _read_cell(field: str, value: Any) -> Any:
    """A cell's new value as the person's field; ValueError says what is wrong."""
    if field in ENUMS:
        return ENUMS[field](value)
    if field == "last_contact":
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"last contact {text!r} is not a date YYYY-MM-DD") from None
    return str(value)
