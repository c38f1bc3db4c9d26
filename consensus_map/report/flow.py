"""A small page layout engine: paragraphs, pictures and tables flowed onto pages, in points.

Tables split between rows and repeat their header row (with "continued") on every page;
a heading is never left alone at the foot of a page. Every string is laid out as plain
text with QTextLayout: people's names and concerns are never read as markup.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextLayout, QTextOption

from consensus_map.domain import Readiness, Stance
from consensus_map.render import style
from consensus_map.render.person import paint_badge


def font(size: int, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font `size` points high on a page (the painter's unit is the point)."""
    return QFont(_font(size, bold, italic))


@functools.cache
def _font(size: int, bold: bool, italic: bool) -> QFont:
    result = style.text_font(size, bold=bold)
    result.setItalic(italic)
    # Outlines at design metrics: the same line breaks on screen, in a PDF and on a printer.
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return result


class Text:
    """A plain-text paragraph wrapped to a width (words break anywhere only if they must)."""

    def __init__(self, text: str, text_font: QFont, width: float) -> None:
        self._layout = QTextLayout(text, text_font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._layout.setTextOption(option)
        self._layout.setCacheEnabled(True)
        self._layout.beginLayout()
        y = 0.0
        leading = QFontMetricsF(text_font).leading()
        while True:
            line = self._layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1.0, width))
            line.setPosition(QPointF(0, y))
            y += line.height() + leading
        self._layout.endLayout()
        self.height = y

    def paint(self, painter: QPainter, at: QPointF) -> None:
        self._layout.draw(painter, at)


# --------------------------------------------------------------------- blocks
class Block:
    """Something placed on a page. `split` gives what fits in `room` and what is left."""

    keep_with_next = False
    space_after = 6.0

    def height(self, width: float) -> float:
        raise NotImplementedError

    def least(self, width: float) -> float:
        """The smallest first piece (a table's header and first row)."""
        return self.height(width)

    def split(self, width: float, room: float) -> tuple[Block | None, Block | None]:
        return (self, None) if self.height(width) <= room else (None, self)

    def paint(self, painter: QPainter, rect: QRectF, colours: style.CanvasColours) -> None:
        raise NotImplementedError


class Paragraph(Block):
    def __init__(
        self,
        text: str,
        text_font: QFont,
        *,
        colour: QColor | None = None,
        keep_with_next: bool = False,
        space_after: float = 6.0,
        indent: float = 0.0,
        space_before: float = 0.0,
    ) -> None:
        self.text, self.font, self.colour = text, text_font, colour
        self.keep_with_next, self.space_after, self.indent = keep_with_next, space_after, indent
        self.space_before = space_before  # a heading's room above it (kept at a page's top)
        self._laid: tuple[float, Text] | None = None

    def _text(self, width: float) -> Text:
        if self._laid is None or self._laid[0] != width:
            self._laid = (width, Text(self.text, self.font, width - self.indent))
        return self._laid[1]

    def height(self, width: float) -> float:
        return self.space_before + self._text(width).height

    def paint(self, painter: QPainter, rect: QRectF, colours: style.CanvasColours) -> None:
        painter.setPen(self.colour if self.colour is not None else colours.text)
        top = rect.top() + self.space_before
        self._text(rect.width()).paint(painter, QPointF(rect.left() + self.indent, top))


class Picture(Block):
    """A drawing of fixed height: `draw(painter, rect, colours)`."""

    def __init__(
        self,
        height: float,
        draw: Callable[[QPainter, QRectF, style.CanvasColours], None],
        space_after: float = 10.0,
    ) -> None:
        self._height, self._draw, self.space_after = height, draw, space_after

    def height(self, width: float) -> float:
        return self._height

    def paint(self, painter: QPainter, rect: QRectF, colours: style.CanvasColours) -> None:
        self._draw(painter, rect, colours)


@dataclass(frozen=True)
class Cell:
    """One table cell: plain text, with the map's readiness fill or stance badge in front."""

    text: str
    bold: bool = False
    colour: QColor | None = None
    readiness: Readiness | None = None
    stance: tuple[Stance, bool] | None = None  # (stance, guessed)
    second: str = ""  # a smaller second line (a title under a name)


@dataclass(frozen=True)
class Column:
    title: str
    weight: float  # share of the table's width


@dataclass
class Table(Block):
    """Rows of cells under a header row that repeats on every page the table reaches."""

    caption: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    size: int = 8
    marked: Sequence[bool] = ()  # rows drawn with a red edge (deal-sinkers)
    continued: bool = False
    space_after: float = 12.0
    pad: float = 3.0  # around every cell's text
    _laid: dict[float, tuple[list[Text], list[list[tuple[Text, Text | None]]]]] = field(
        default_factory=dict
    )

    def _widths(self, width: float) -> list[float]:
        total = sum(c.weight for c in self.columns)
        return [width * c.weight / total for c in self.columns]

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        return font(self.size), font(self.size, bold=True), font(self.size - 1)

    def _icon(self, cell: Cell) -> float:
        return self.size * 1.25 if cell.readiness is not None or cell.stance is not None else 0.0

    def _laid_out(self, width: float) -> tuple[list[Text], list[list[tuple[Text, Text | None]]]]:
        """The header's and every cell's text, wrapped to their columns (once per width)."""
        if width not in self._laid:
            plain, bold, small = self._fonts()
            widths = self._widths(width)
            header = [
                Text(c.title, bold, w - 2 * self.pad)
                for c, w in zip(self.columns, widths, strict=True)
            ]
            rows = []
            for row in self.rows:
                cells = []
                for cell, w in zip(row, widths, strict=True):
                    inner = w - 2 * self.pad - self._icon(cell)
                    main = Text(cell.text, bold if cell.bold else plain, inner)
                    cells.append((main, Text(cell.second, small, inner) if cell.second else None))
                rows.append(cells)
            self._laid[width] = (header, rows)
        return self._laid[width]

    def _caption_height(self) -> float:
        return QFontMetricsF(font(self.size, italic=True)).height() + 2 if self.continued else 0.0

    def header_height(self, width: float) -> float:
        header, _rows = self._laid_out(width)
        return max(t.height for t in header) + 2 * self.pad + self._caption_height()

    def row_heights(self, width: float) -> list[float]:
        _header, rows = self._laid_out(width)
        return [
            max(main.height + (second.height if second else 0.0) for main, second in row)
            + 2 * self.pad
            for row in rows
        ]

    def height(self, width: float) -> float:
        return self.header_height(width) + sum(self.row_heights(width))

    def least(self, width: float) -> float:
        first = self.row_heights(width)[:1]
        return self.header_height(width) + sum(first)

    def split(self, width: float, room: float) -> tuple[Block | None, Block | None]:
        used = self.header_height(width)
        heights = self.row_heights(width)
        count = 0
        for h in heights:
            if used + h > room:
                break
            used += h
            count += 1
        if count == len(self.rows):
            return self, None
        if count == len(self.rows) - 1 and count > 1:
            count -= 1  # never one row alone under a repeated header: take two over
        if count == 1 and len(self.rows) > 2:
            count = 0  # nor one row alone under the table's heading: start it overleaf
        if count == 0:
            return None, self
        marked = list(self.marked)
        head = Table(self.caption, self.columns, self.rows[:count], self.size, marked[:count])
        head.continued, head.pad = self.continued, self.pad
        tail = Table(self.caption, self.columns, self.rows[count:], self.size, marked[count:])
        tail.continued, tail.pad = True, self.pad
        for laid_width, (header, rows) in self._laid.items():  # no need to wrap them again
            head._laid[laid_width] = (header, rows[:count])
            tail._laid[laid_width] = (header, rows[count:])
        return head, tail

    def paint(self, painter: QPainter, rect: QRectF, colours: style.CanvasColours) -> None:
        widths = self._widths(rect.width())
        y = rect.top()
        if self.continued:
            painter.setPen(colours.text)
            painter.setFont(font(self.size, italic=True))
            painter.drawText(
                QRectF(rect.left(), y, rect.width(), self._caption_height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{self.caption} (continued)",
            )
            y += self._caption_height()
        header_h = self.header_height(rect.width()) - self._caption_height()
        shade = QColor(colours.text)
        shade.setAlphaF(0.12)
        painter.fillRect(QRectF(rect.left(), y, rect.width(), header_h), shade)
        header, laid_rows = self._laid_out(rect.width())
        x = rect.left()
        painter.setPen(colours.text)
        for title, w in zip(header, widths, strict=True):
            title.paint(painter, QPointF(x + self.pad, y + self.pad))
            x += w
        y += header_h
        rule = QColor(colours.text)
        rule.setAlphaF(0.3)
        zebra = QColor(colours.text)
        zebra.setAlphaF(0.035)
        marked = list(self.marked)
        heights = self.row_heights(rect.width())
        for n, (row, h) in enumerate(zip(self.rows, heights, strict=True)):
            if n % 2 == 1:
                painter.fillRect(QRectF(rect.left(), y, rect.width(), h), zebra)
            if n < len(marked) and marked[n]:
                painter.fillRect(QRectF(rect.left(), y, 2.5, h), style.HALO_COLOUR)
            x = rect.left()
            for cell, texts, w in zip(row, laid_rows[n], widths, strict=True):
                self._paint_cell(painter, cell, texts, QRectF(x, y, w, h), colours)
                x += w
            painter.setPen(QPen(rule, 0.4))
            painter.drawLine(QPointF(rect.left(), y + h), QPointF(rect.right(), y + h))
            y += h

    def _paint_cell(
        self,
        painter: QPainter,
        cell: Cell,
        texts: tuple[Text, Text | None],
        rect: QRectF,
        colours: style.CanvasColours,
    ) -> None:
        icon = self._icon(cell)
        left = rect.left() + self.pad
        if icon:
            box = QRectF(left, rect.top() + self.pad + 0.5, self.size, self.size)
            if cell.readiness is not None:
                painter.setPen(QPen(colours.outline, 0.5))
                painter.setBrush(style.READINESS_FILL[cell.readiness])
                painter.drawRoundedRect(box, 1.5, 1.5)
            elif cell.stance is not None:
                painter.save()
                painter.translate(box.center())
                scale = self.size / (2 * style.BADGE_RADIUS + 3)
                painter.scale(scale, scale)
                paint_badge(painter, cell.stance[0], cell.stance[1], colours.background, QPointF())
                painter.restore()
        main, second = texts
        painter.setPen(cell.colour if cell.colour is not None else colours.text)
        main.paint(painter, QPointF(left + icon, rect.top() + self.pad))
        if second is not None:
            painter.setPen(colours.text)
            second.paint(painter, QPointF(left + icon, rect.top() + self.pad + main.height))


class Columns(Block):
    """A long table set in `count` columns side by side, like a phone book's index.

    Each page fills its first column top to bottom, then the next; every column repeats the
    header row (only a page's first column says "continued"). The last page's columns are
    balanced, so a short index is a short block.
    """

    def __init__(
        self,
        table: Table,
        count: int,
        *,
        gap: float = 14.0,
        space_after: float = 12.0,
        pieces: Sequence[Table] = (),
    ) -> None:
        self.table, self.count, self.gap, self.space_after = table, count, gap, space_after
        self._pieces = list(pieces)  # set: the columns are fixed (a page's share)
        self._balanced: dict[float, tuple[float, list[Table]]] = {}

    def column_width(self, width: float) -> float:
        return (width - self.gap * (self.count - 1)) / self.count

    def _fill(self, width: float, room: float) -> tuple[list[Table], Table | None]:
        """Columns of at most `room` each, filled in turn; and the rows left over."""
        column = self.column_width(width)
        pieces: list[Table] = []
        rest: Table | None = self.table
        while rest is not None and len(pieces) < self.count:
            if pieces:
                rest.continued = False  # the page's header rows say enough
            head, tail = rest.split(column, room - self._drop(pieces, len(pieces)))
            if head is None:
                break
            assert isinstance(head, Table) and (tail is None or isinstance(tail, Table))
            pieces.append(head)
            rest = tail
        return pieces, rest

    @staticmethod
    def _drop(pieces: Sequence[Table], n: int) -> float:
        """How far column `n` starts below the first: under its "continued" line, so that
        the header rows of a page line up."""
        return pieces[0]._caption_height() if n and pieces and pieces[0].continued else 0.0

    def _balance(self, width: float) -> tuple[float, list[Table]]:
        """The least room that takes every row, and the columns at that room."""
        if width not in self._balanced:
            high = self.table.height(self.column_width(width))  # everything in one column
            low = 0.0
            for _ in range(30):  # to well under a point
                middle = (low + high) / 2
                if self._fill(width, middle)[1] is None:
                    high = middle
                else:
                    low = middle
            pieces = self._fill(width, high)[0]
            self._balanced[width] = (high, pieces)
        return self._balanced[width]

    def columns_at(self, width: float) -> list[Table]:
        """The columns as painted `width` wide: this page's share, or all rows balanced."""
        return self._pieces or self._balance(width)[1]

    def height(self, width: float) -> float:
        column = self.column_width(width)
        pieces = self.columns_at(width)
        return max(
            (p.height(column) + self._drop(pieces, n) for n, p in enumerate(pieces)), default=0.0
        )

    def least(self, width: float) -> float:
        return self.table.least(self.column_width(width))

    def split(self, width: float, room: float) -> tuple[Block | None, Block | None]:
        if self._pieces or self.height(width) <= room:
            return self, None
        pieces, rest = self._fill(width, room)
        if not pieces:
            return None, self
        head = Columns(self.table, self.count, gap=self.gap, space_after=0.0, pieces=pieces)
        if rest is None:
            return head, None
        rest.continued = True
        return head, Columns(rest, self.count, gap=self.gap, space_after=self.space_after)

    def paint(self, painter: QPainter, rect: QRectF, colours: style.CanvasColours) -> None:
        column = self.column_width(rect.width())
        pieces = self.columns_at(rect.width())
        for n, piece in enumerate(pieces):
            x = rect.left() + n * (column + self.gap)
            top = rect.top() + self._drop(pieces, n)
            piece.paint(painter, QRectF(x, top, column, piece.height(column)), colours)


# ----------------------------------------------------------------- pagination
Placed = list[tuple[Block, QRectF]]


def paginate(blocks: Sequence[Block], first: QRectF, rest: QRectF) -> list[Placed]:
    """Flow `blocks` into pages: `first` is the first page's content area, `rest` the others'.

    A block taller than a whole page is placed anyway, at the top of its own page (and
    cut there) rather than lost or looped over.
    """
    pages: list[Placed] = [[]]
    area = first
    y = area.top()
    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        width = area.width()
        room = area.bottom() - y
        if block.keep_with_next and queue:
            # A heading goes to the next page unless what follows can start under it.
            needed = block.height(width) + block.space_after + queue[0].least(width)
            if needed > room and y > area.top():
                pages.append([])
                area = rest
                y = area.top()
                queue.insert(0, block)
                continue
        head, tail = block.split(width, room)
        if head is None:
            if y == area.top():
                head, tail = block, None  # taller than a page: place it, cut at the foot
            else:
                pages.append([])
                area = rest
                y = area.top()
                queue.insert(0, block)
                continue
        h = head.height(width)
        pages[-1].append((head, QRectF(area.left(), y, width, h)))
        y += h + head.space_after
        if tail is not None:
            pages.append([])
            area = rest
            y = area.top()
            queue.insert(0, tail)
    return [page for page in pages if page] or [[]]
