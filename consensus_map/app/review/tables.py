"""The review's tables: attendees, people who sway them, and the plan, as sortable views.

Each table is a QTableView over a small model of report.review rows. Cells are plain text
(item views never read markup); the readiness cell carries the map's fill and the stance
cell the map's badge. Sorting uses each column's own key (risk as a number, readiness by
the ladder), and clicking a row names the person it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from consensus_map.domain import Readiness, Stance
from consensus_map.render import style
from consensus_map.render.person import paint_badge
from consensus_map.report.review import PersonRow, PlanRow

R = TypeVar("R", PersonRow, PlanRow)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Field(Generic[R]):
    """One column: its title, the words shown, the sort key, and how it looks."""

    title: str
    text: Callable[[R], str]
    key: Callable[[R], Any]
    stretch: bool = False  # takes the spare width (the action)
    wrap_width: int = 0  # a column of sentences starts this wide


def _rank(readiness: Readiness) -> int:
    return readiness.rank


PERSON_FIELDS: tuple[Field[PersonRow], ...] = (
    Field("Name", lambda r: r.name, lambda r: (r.name, r.id)),
    Field("Title", lambda r: r.title, lambda r: r.title),
    Field("Role", lambda r: r.role, lambda r: r.role),
    Field(
        "Readiness",
        lambda r: f"{r.readiness_text} · {r.gap_text}",
        lambda r: (-r.gap, _rank(r.readiness)),
    ),
    Field("Stance", lambda r: r.stance_text, lambda r: (r.stance.lean, r.guessed)),
    Field("Mode", lambda r: r.mode, lambda r: r.mode),
    Field("Concern", lambda r: r.concern, lambda r: r.concern, wrap_width=140),
    Field("Veto risk", lambda r: r.risk_text, lambda r: r.veto_risk),
    Field("Action", lambda r: r.action, lambda r: r.action, stretch=True, wrap_width=320),
    Field("Introducer", lambda r: r.introducer, lambda r: r.introducer),
)
SWAYS_FIELD: Field[PersonRow] = Field(
    "Sways the room", lambda r: r.sways, lambda r: r.sways, wrap_width=200
)
PLAN_FIELDS: tuple[Field[PlanRow], ...] = (
    Field("#", lambda r: str(r.number), lambda r: r.number),
    Field("Meet", lambda r: r.name, lambda r: r.name),
    Field("Through", lambda r: r.introducer or "meet directly", lambda r: r.introducer),
    Field("Readiness after", lambda r: r.readiness_after.label, lambda r: _rank(r.readiness_after)),
    Field("Consensus after", lambda r: r.probability_text, lambda r: r.probability),
    Field("What to do", lambda r: r.action, lambda r: r.action, stretch=True, wrap_width=320),
)


def swayer_fields() -> tuple[Field[PersonRow], ...]:
    """The attendees' columns, with whom they sway in place of mode and concern."""
    keep = [f for f in PERSON_FIELDS if f.title not in ("Mode", "Concern")]
    return (*keep[:5], SWAYS_FIELD, *keep[5:])


_BADGES: dict[tuple[Stance, bool, str], QIcon] = {}


def badge_icon(stance: Stance, guessed: bool, background: QColor) -> QIcon:
    """The map's stance badge as a small icon."""
    key = (stance, guessed, background.name())
    if key not in _BADGES:
        pixmap = QPixmap(36, 36)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(18, 18)
        paint_badge(painter, stance, guessed, background, QPointF())
        painter.end()
        _BADGES[key] = QIcon(pixmap)
    return _BADGES[key]


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of a review table; replaced whole on every refresh (they are a few dozen)."""

    def __init__(self, fields: Sequence[Field[R]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[Field[R]] = list(fields)
        self.rows: list[R] = []
        self.background = QColor(Qt.GlobalColor.white)

    def set_rows(self, rows: Sequence[R]) -> bool:
        """Show `rows`; False when they are what is shown already."""
        if list(rows) == self.rows:
            return False
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()
        return True

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.fields[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, field = self.rows[index.row()], self.fields[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return field.text(row)
        if role == SORT_ROLE:
            return field.key(row)
        if role == ID_ROLE:
            return row.id
        return self._look(row, field.title, role)

    def _look(self, row: R, title: str, role: int) -> Any:
        sinker = isinstance(row, PersonRow) and row.sinker
        if role == Qt.ItemDataRole.DecorationRole:
            if title.startswith("Readiness"):
                readiness = row.readiness if isinstance(row, PersonRow) else row.readiness_after
                return style.READINESS_FILL[readiness]
            if title == "Stance" and isinstance(row, PersonRow):
                return badge_icon(row.stance, row.guessed, self.background)
        if role == Qt.ItemDataRole.FontRole and (
            title in ("Name", "Meet") or (title == "Veto risk" and sinker)
        ):
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.ForegroundRole and title == "Veto risk" and sinker:
            return QColor("#ff7b7b") if self.background.lightness() < 128 else style.RISK_TEXT
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and sinker:
            return "deal-sinker"
        return None


class _SortProxy(QSortFilterProxyModel):
    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


class ReviewTable(QTableView):
    """A review table: sortable by any column, every row shown, a click names the person."""

    person_activated = Signal(str)

    def __init__(self, fields: Sequence[Field[Any]], name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.source: RowsModel[Any] = RowsModel(fields, self)
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.source)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        # Until a header is clicked, the review's own order (riskiest first; the plan's).
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        self._fields = list(fields)
        for column, field in enumerate(self._fields):
            if field.stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.clicked.connect(self._on_clicked)
        self.activated.connect(self._on_clicked)

    def set_rows(self, rows: Sequence[Any], background: QColor) -> None:
        self.source.background = background
        if not self.source.set_rows(rows):
            return
        header = self.horizontalHeader()
        for column, field in enumerate(self._fields):
            if field.stretch:
                continue
            self.resizeColumnToContents(column)
            if field.wrap_width:
                header.resizeSection(column, min(header.sectionSize(column), field.wrap_width))
        self.fit_rows()

    def fit_rows(self) -> None:
        """Every row visible: the review scrolls as a whole, never inside a table."""
        self.resizeRowsToContents()
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.proxy.rowCount()))
        scroll = self.horizontalScrollBar()
        if scroll.isVisible():
            height += scroll.height()
        self.setFixedHeight(height + 2)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit_rows()  # a narrower action column wraps to more lines

    def shown_ids(self) -> list[str]:
        """The people (or plan steps) in the order the table shows them."""
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def _on_clicked(self, index: QModelIndex) -> None:
        person_id = index.data(ID_ROLE)
        if person_id:
            self.person_activated.emit(str(person_id))
