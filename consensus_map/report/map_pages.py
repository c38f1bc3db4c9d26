"""The map on paper: one landscape page when it fits legibly, else tiles with a page index.

A map is scaled to fit its page, but never so far that a name comes out under MIN_NAME_PT.
Two views are legible, as on the screen: full detail while its smallest name prints at
MIN_NAME_PT or more, and the far view (shape, fill, halo and the name alone, set at the
screen's FAR_NAME_PIXELS, about 8 pt) from just below DETAIL_LOD down to NAME_LOD. A fit
between the two (full detail, but names under MIN_NAME_PT) prints in the far view instead.

A map too big even for the far view is never cut off: page 1 shows all of it (too small to
read, with the grid of parts drawn over it), and the parts follow at a readable size,
overlapping so that nobody is lost on a fold, each with a small index of where it sits.
Where names are shortened (the far view) or spread over parts, `where_people_are` says on
which page each person is whole, for the report's "Who is where" index.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from consensus_map.render.legend import LegendStrip
from consensus_map.render.map import MapPicture
from consensus_map.render.person import BOUNDS, far_name_pixels
from consensus_map.render.style import DETAIL_LOD, NAME_LOD, CanvasColours
from consensus_map.report.flow import Text, font
from consensus_map.report.paper import Sheet

MIN_NAME_PT = 6.0  # no name on paper is smaller than this
MAX_SCALE = 0.75  # points per map unit: a small committee is not blown up (names 10.5 pt)
# Neighbouring parts share a whole person (box, halo and marks) and a little more, so that
# everyone is wholly on at least one part: nobody's name is cut in two by a page edge.
OVERLAP = (BOUNDS.width() + 16.0, BOUNDS.height() + 16.0)  # map units
SCREEN_DPI = 96.0  # the map's units are pixels of a screen at 1:1
# The far view's ties on paper: a printer's own hairline (one dot at 1,200 dpi) all but
# vanishes, so they are this wide, as thin as a print shop's hairline.
HAIRLINE_PT = 0.25
GRID_COLOUR = QColor("#1f78b4")
HEADER_GAP = 8.0
TILE_HEADER = 30.0  # a part's title and page index, above its map


def lod_of(points_per_unit: float) -> float:
    """The detail to draw at, as on a screen showing the map at the same physical size."""
    return points_per_unit * SCREEN_DPI / 72.0


def _scale_at(lod: float, *, below: bool) -> float:
    """Points per map unit drawn at `lod` (or, `below`, just under it), exactly so."""
    scale = lod * 72.0 / SCREEN_DPI
    # Rounding must not tip a scale into the view next door: at NAME_LOD the names vanish.
    while (lod_of(scale) >= lod) if below else (lod_of(scale) < lod):
        scale = math.nextafter(scale, 0.0 if below else math.inf)
    return scale


FAR_SMALLEST = _scale_at(NAME_LOD, below=False)  # the far view's smallest scale (names appear)
FAR_LARGEST = _scale_at(DETAIL_LOD, below=True)  # and its largest (just short of full detail)


def name_points(picture: MapPicture, scale: float) -> float:
    """How big the map's smallest name prints at `scale`, in points (0: no name is drawn)."""
    lod = lod_of(scale)
    if lod >= DETAIL_LOD:
        return scale * picture.smallest_name_pixels()
    if lod >= NAME_LOD:
        return scale * far_name_pixels(lod)
    return 0.0


def legible(picture: MapPicture, scale: float) -> bool:
    # The tolerance only absorbs rounding: a name is never visibly under MIN_NAME_PT.
    return name_points(picture, scale) >= MIN_NAME_PT * (1 - 1e-9)


def legible_scale(picture: MapPicture, largest: float) -> float | None:
    """The largest legible scale not above `largest`, or None if only a smaller one would do.

    Full detail whose names would print under MIN_NAME_PT drops into the far view, just
    below DETAIL_LOD: the names are then about 8 pt (the far view's), never smaller.
    """
    if legible(picture, largest):
        return largest
    if largest > FAR_LARGEST and legible(picture, FAR_LARGEST):
        return FAR_LARGEST
    return None


@dataclass(frozen=True)
class Part:
    """One printed part of the map: its place in the grid, what it shows, and its core.

    The cores tile the map without overlap (each person belongs to the core holding their
    centre); a part shows the people of its core whole, and around them what fits.
    """

    row: int
    column: int
    area: QRectF  # map units, drawn on the page (centred on the people of the core)
    core: QRectF  # map units, the cell of the grid drawn on page 1


@dataclass(frozen=True)
class Tiling:
    """How the map is cut: `parts` in map units, at `scale` points per map unit."""

    scale: float
    rows: int
    columns: int
    parts: tuple[Part, ...]  # only those with someone in them, row by row
    extent: QRectF  # the whole grid of cores, map units
    homes: Mapping[str, int]  # each person's part (index into `parts`): wholly on it


def fit_scale(bounds: QRectF, area: QRectF) -> float:
    if bounds.isEmpty():
        return MAX_SCALE
    return min(MAX_SCALE, area.width() / bounds.width(), area.height() / bounds.height())


def _grid(bounds: QRectF, area: QRectF, scale: float) -> tuple[int, int]:
    """Columns and rows of parts, each `area` big on paper, that `bounds` needs at `scale`."""
    step_w = area.width() / scale - OVERLAP[0]
    step_h = area.height() / scale - OVERLAP[1]
    return (
        max(1, math.ceil(bounds.width() / step_w)),
        max(1, math.ceil(bounds.height() / step_h)),
    )


def tile_scale(picture: MapPicture, bounds: QRectF, area: QRectF) -> float:
    """The scale of the parts: as few as the far view's smallest scale allows, and then
    as large as that many parts allow (longer names, or full detail where it is legible)."""
    columns, rows = _grid(bounds, area, FAR_SMALLEST)
    over_w, over_h = OVERLAP
    # The largest scale at which `columns` steps still span the map (see `_grid`).
    grown = min(
        MAX_SCALE,
        area.width() / (bounds.width() / columns + over_w),
        area.height() / (bounds.height() / rows + over_h),
    )
    grown *= 1 - 1e-9  # a hair smaller, so that rounding never asks for one more part
    found = legible_scale(picture, grown)
    return max(FAR_SMALLEST, found if found is not None else FAR_SMALLEST)


def tiling(picture: MapPicture, area: QRectF, scale: float | None = None) -> Tiling:
    """Parts of the map, each `area` big on paper, as few as a legible scale allows (or
    at `scale`, for a benchmark's comparison)."""
    # The grid follows the people (a tie curving out past everyone is seen near its ends).
    bounds = QRectF()
    for at, _look in picture.people:
        bounds = bounds.united(BOUNDS.translated(at))
    if scale is None:
        scale = tile_scale(picture, bounds, area)
    part_w, part_h = area.width() / scale, area.height() / scale
    over_w, over_h = OVERLAP
    step_w, step_h = part_w - over_w, part_h - over_h
    columns, rows = _grid(bounds, area, scale)
    # The grid of cores is centred on the map, so the spare room is shared by both edges.
    left = bounds.center().x() - columns * step_w / 2
    top = bounds.center().y() - rows * step_h / 2
    cells: dict[tuple[int, int], QRectF] = {}
    cell_of: dict[str, tuple[int, int]] = {}
    for at, look in picture.people:
        cell = (
            min(rows - 1, max(0, int((at.y() - top) // step_h))),
            min(columns - 1, max(0, int((at.x() - left) // step_w))),
        )
        box = BOUNDS.translated(at)
        cells[cell] = cells[cell].united(box) if cell in cells else box
        cell_of[look.person.id] = cell
    parts = []
    for (row, column), people in sorted(cells.items()):  # an empty cell is not printed
        core = QRectF(left + column * step_w, top + row * step_h, step_w, step_h)
        # The part is centred on its people (they fit: a core and half a person each side),
        # not on its cell: an org chart's level sits mid-page, not on an edge.
        area = QRectF(0, 0, part_w, part_h)
        area.moveCenter(people.center())
        parts.append(Part(row, column, area, core))
    extent = QRectF(left, top, columns * step_w, rows * step_h)
    number = {(p.row, p.column): n for n, p in enumerate(parts)}
    homes = {who: number[cell] for who, cell in cell_of.items()}
    return Tiling(scale, rows, columns, tuple(parts), extent, homes)


def tile_area(sheet: Sheet) -> QRectF:
    """Where a part of the map goes on its page."""
    content = sheet.content
    top = TILE_HEADER + HEADER_GAP
    return QRectF(content.left(), content.top() + top, content.width(), content.height() - top)


# ------------------------------------------------------------------------ pages
@dataclass(frozen=True)
class MapHeader:
    """What page 1 says above the map."""

    deal_name: str
    details: str  # account · stage · presentation
    headline: str  # band, probability and range
    printed: str  # "Printed 1 Dec 2026"
    note: str = ""  # a what-if, said plainly


class FirstMapPage:
    """Page 1: the deal, its headline, the whole map and the legend."""

    def __init__(
        self, picture: MapPicture, header: MapHeader, sheet: Sheet, tiles: Tiling | None
    ) -> None:
        self.picture, self.header, self.tiles = picture, header, tiles
        content = sheet.content
        width = content.width()
        self._title = Text(header.deal_name, font(17, bold=True), width * 0.72)
        self._details = Text(header.details, font(9), width)
        self._headline = Text(header.headline, font(13, bold=True), width)
        self._note = Text(header.note, font(9, italic=True), width) if header.note else None
        self._legend = LegendStrip(width)
        top = content.top() + self._header_height() + HEADER_GAP
        bottom = content.bottom() - self._legend.height - HEADER_GAP
        self.area = QRectF(content.left(), top, width, max(10.0, bottom - top))
        self._content = content
        # With parts, the whole grid shows on page 1 (it reaches a little past the map).
        self.view = picture.bounds() if tiles is None else picture.bounds().united(tiles.extent)
        fit = fit_scale(self.view, self.area)
        # Alone, the map must be legible (else it is cut into parts); over parts, page 1
        # shows where each sits, at whatever size the whole takes.
        found = legible_scale(picture, fit) if tiles is None else None
        self.legible = found is not None
        self.scale = found if found is not None else fit

    def _header_height(self) -> float:
        parts = [self._title.height, self._details.height + 2, self._headline.height + 2]
        if self._note is not None:
            parts.append(self._note.height)
        return sum(parts)

    def paint(self, painter: QPainter, colours: CanvasColours) -> None:
        content = self._content
        y = content.top()
        painter.setPen(colours.text)
        self._title.paint(painter, QPointF(content.left(), y))
        painter.setFont(font(8))
        painter.drawText(
            QRectF(content.left(), y, content.width(), 14),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            self.header.printed,
        )
        y += self._title.height
        self._details.paint(painter, QPointF(content.left(), y))
        y += self._details.height + 2
        self._headline.paint(painter, QPointF(content.left(), y))
        y += self._headline.height + 2
        if self._note is not None:
            self._note.paint(painter, QPointF(content.left(), y))
        paint_map_into(painter, self.picture, self.view, self.area, self.scale, colours)
        if self.tiles is not None:
            self._paint_grid(painter)
        self._legend.paint(
            painter, QPointF(content.left(), self.area.bottom() + HEADER_GAP), colours
        )

    def _paint_grid(self, painter: QPainter) -> None:
        """The parts that follow, as a grid over the whole map, each with its page."""
        assert self.tiles is not None
        placement = _placement(self.view, self.area, self.scale)
        painter.save()
        painter.setClipRect(self.area)
        for number, part in enumerate(self.tiles.parts, start=2):
            rect = placement(part.core)
            painter.setPen(QPen(GRID_COLOUR, 0.8, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            size = max(4, min(10, round(rect.height() / 3), round(rect.width() / 4)))
            painter.setFont(font(size, bold=True))
            painter.drawText(
                rect.adjusted(2, 1, -2, -1),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                f"p. {number}",
            )
        painter.restore()


class TilePage:
    """One part of a map too big for a page, at a legible scale, with its page index."""

    def __init__(
        self,
        picture: MapPicture,
        deal_name: str,
        tiles: Tiling,
        index: int,
        sheet: Sheet,
    ) -> None:
        self.picture, self.tiles, self.index = picture, tiles, index
        part = tiles.parts[index]
        row, column, self.part = part.row, part.column, part.area
        count = len(tiles.parts)
        title = (
            f"{deal_name} — the map, part {index + 1} of {count} "
            f"(row {row + 1}, column {column + 1}); page 1 shows where each part sits"
        )
        content = sheet.content
        self._index_w = min(160.0, content.width() * 0.25)
        self._title = Text(title, font(9, bold=True), content.width() - self._index_w - 10)
        self._content = content
        self._index_rect = QRectF(
            content.right() - self._index_w, content.top(), self._index_w, TILE_HEADER
        )
        self.area = tile_area(sheet)

    def paint(self, painter: QPainter, colours: CanvasColours) -> None:
        painter.setPen(colours.text)
        self._title.paint(painter, self._content.topLeft())
        self._paint_index(painter, colours)
        scale = self.tiles.scale
        painter.save()
        painter.setClipRect(self.area)
        painter.translate(self.area.topLeft())
        painter.scale(scale, scale)
        painter.translate(-self.part.topLeft())
        self.picture.paint(painter, colours, lod_of(scale), self.part, HAIRLINE_PT / scale)
        painter.restore()

    def _paint_index(self, painter: QPainter, colours: CanvasColours) -> None:
        """A small grid of the parts: this one filled, the others outlined."""
        tiles = self.tiles
        box = self._index_rect
        cell = min(box.width() / tiles.columns, box.height() / tiles.rows, 14.0)
        left = box.right() - cell * tiles.columns
        kept = {(p.row, p.column) for p in tiles.parts}
        here = (tiles.parts[self.index].row, tiles.parts[self.index].column)
        for r in range(tiles.rows):
            for c in range(tiles.columns):
                rect = QRectF(left + c * cell, box.top() + r * cell, cell, cell).adjusted(
                    0.5, 0.5, -0.5, -0.5
                )
                if (r, c) == here:
                    painter.fillRect(rect, GRID_COLOUR)
                elif (r, c) in kept:
                    painter.setPen(QPen(GRID_COLOUR, 0.5))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(rect)
                else:
                    faint = QColor(colours.text)
                    faint.setAlphaF(0.1)
                    painter.fillRect(rect, faint)


def _placement(bounds: QRectF, area: QRectF, scale: float) -> Callable[[QRectF], QRectF]:
    """Map units → page points for the whole map centred in `area`."""
    offset = QPointF(
        area.center().x() - bounds.center().x() * scale,
        area.center().y() - bounds.center().y() * scale,
    )

    def place(rect: QRectF) -> QRectF:
        return QRectF(
            rect.left() * scale + offset.x(),
            rect.top() * scale + offset.y(),
            rect.width() * scale,
            rect.height() * scale,
        )

    return place


def paint_map_into(
    painter: QPainter,
    picture: MapPicture,
    view: QRectF,
    area: QRectF,
    scale: float,
    colours: CanvasColours,
) -> None:
    """The map's `view` (map units) centred in `area` at `scale` points per map unit."""
    bounds = view
    painter.save()
    painter.setClipRect(area)
    painter.translate(area.center())
    painter.scale(scale, scale)
    painter.translate(-bounds.center())
    picture.paint(painter, colours, lod_of(scale), hairline=HAIRLINE_PT / scale)
    painter.restore()


MapPage = FirstMapPage | TilePage


def map_pages(picture: MapPicture, header: MapHeader, sheet: Sheet) -> list[MapPage]:
    """Page 1 and, for a map too big to read on one page, its parts."""
    first = FirstMapPage(picture, header, sheet, None)
    if first.legible or len(picture) == 0:
        return [first]
    tiles = tiling(picture, tile_area(sheet))
    first = FirstMapPage(picture, header, sheet, tiles)
    return [first] + [
        TilePage(picture, header.deal_name, tiles, n, sheet) for n in range(len(tiles.parts))
    ]


@dataclass(frozen=True)
class Place:
    """Where a person is printed whole: a page of the report, and the part on it (0: the
    whole map on page 1)."""

    page: int
    part: int = 0


@dataclass(frozen=True)
class MapPlaces:
    """Where everyone is on the map pages, and how the map is drawn there."""

    places: Mapping[str, Place]  # by person id
    parts: int  # 0: the whole map on page 1
    lod: float  # the detail the map (or its parts) is drawn at

    @property
    def far(self) -> bool:
        """Drawn in the far view: names alone, shortened where they do not fit."""
        return self.lod < DETAIL_LOD


def where_people_are(pages: Sequence[MapPage]) -> MapPlaces | None:
    """Each person's place on the map pages; None when the map prints whole on page 1 in
    full detail (every name is there as it is, nobody needs looking up)."""
    first = pages[0]
    assert isinstance(first, FirstMapPage)
    tiles = first.tiles
    if tiles is None:
        lod = lod_of(first.scale)
        if lod >= DETAIL_LOD:
            return None
        return MapPlaces({look.person.id: Place(1) for _at, look in first.picture.people}, 0, lod)
    # Parts follow page 1 in order: part n (from 0) is page n + 2.
    places = {who: Place(part + 2, part + 1) for who, part in tiles.homes.items()}
    return MapPlaces(places, len(tiles.parts), lod_of(tiles.scale))
