"""One tie as drawn on the map: its line, curve and arrow head, and how it is painted.

SPEC: reports-to solid with an arrow to the manager, influences an arrow as wide as its
strength, ally dashed, rival dotted. The canvas's `TieItem`, the legend and the exports all
build a `TieGeometry` and paint it here, so a tie looks the same everywhere.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF

from consensus_map.domain import Tie
from consensus_map.layout import NODE_HEIGHT, NODE_WIDTH
from consensus_map.layout.routing import clip_segment
from consensus_map.render import style

CLEARANCE = 3.0  # the line stops just outside the box so the arrow head shows


def edge_point(centre: QPointF, toward: QPointF) -> QPointF:
    """Where the line from `centre` toward `toward` leaves the person's box."""
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    hw, hh = NODE_WIDTH / 2 + CLEARANCE, NODE_HEIGHT / 2 + CLEARANCE
    if dx == 0 and dy == 0:
        return QPointF(centre)
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    t = min(t, 1.0)
    return QPointF(centre.x() + dx * t, centre.y() + dy * t)


@dataclass(frozen=True)
class TieGeometry:
    """Where a tie runs: its path, the straight chord, the arrow head and its outline."""

    path: QPainterPath
    chord: QLineF
    arrow: QPolygonF
    width: float
    straight: bool
    bounds: QRectF  # all that is painted, with a little room
    # The tie as straight lines, for batched zoomed-out drawing: the chord, or the pieces of
    # an org chart's route.
    lines: tuple[QLineF, ...] = ()

    @functools.cached_property
    def shape(self) -> QPainterPath:
        """The clickable outline, arrow included (built when first asked: exports never do)."""
        stroker = QPainterPathStroker()
        stroker.setWidth(max(10.0, self.width + 6))
        shape = stroker.createStroke(self.path)
        if not self.arrow.isEmpty():
            shape.addPolygon(self.arrow)
        return shape


def tie_width(tie: Tie) -> float:
    return style.tie_width(tie.kind, tie.strength)


def tie_geometry(
    tie: Tie,
    source: QPointF,
    target: QPointF,
    bend: float = 0.0,
    corners: Sequence[QPointF] = (),
) -> TieGeometry:
    """The tie between the centres `source` and `target`, bent sideways by `bend`, or, with
    `corners`, a line through them: an org chart's route (up from the report, along the
    rail, up the spine), whose arrow comes out of the last corner into the manager."""
    a, b = source, target
    if corners:
        control = corners[-1]
        start = edge_point(a, corners[0])
        end = edge_point(b, control)
        path = QPainterPath(start)
        for corner in corners:
            path.lineTo(corner)
        path.lineTo(end)
        lines = tuple(QLineF(p, q) for p, q in itertools.pairwise([start, *corners, end]))
    else:
        mid = (a + b) / 2
        line = QLineF(a, b)
        normal = line.normalVector().unitVector() if line.length() > 0 else QLineF()
        control = mid + QPointF(normal.dx(), normal.dy()) * bend
        start = edge_point(a, control)
        end = edge_point(b, control)
        path = QPainterPath(start)
        if bend:
            path.quadTo(control, end)
        else:
            path.lineTo(end)
        lines = (QLineF(start, end),)
    width = tie_width(tie)
    arrow = QPolygonF()
    if style.TIE_STYLE[tie.kind].arrow and QLineF(control, end).length() > 0:
        size = 9 + 1.6 * width
        back = QLineF(end, control).unitVector()
        d = QPointF(back.dx(), back.dy())
        side = QPointF(-d.y(), d.x())
        base = end + d * size
        arrow = QPolygonF([end, base + side * size * 0.5, base - side * size * 0.5])
    # The outline's bounds without stroking it: the path's, widened by half the outline.
    reach = max(10.0, width + 6) / 2 + 4
    bounds = (
        path.boundingRect().united(arrow.boundingRect())
        if not arrow.isEmpty()
        else (path.boundingRect())
    )
    bounds = bounds.adjusted(-reach, -reach, reach, reach)
    straight = bend == 0.0 and not corners
    return TieGeometry(path, QLineF(start, end), arrow, width, straight, bounds, lines)


def paint_tie(
    painter: QPainter,
    tie: Tie,
    geometry: TieGeometry,
    lod: float,
    exposed: QRectF | None = None,
    selected: QColor | None = None,
) -> None:
    """Stroke the tie; `exposed` limits the work to what is seen, `selected` highlights.

    `lod` as in render.person.paint_person: zoomed out, a hairline in the kind's colour.
    """
    look = style.TIE_STYLE[tie.kind]
    if lod < style.DETAIL_LOD:
        # Dashes, arrows and antialiasing cost most of a frame with thousands of ties and
        # cannot be seen at this size.
        hinted = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(look.colour, 0))
        painter.drawLines(list(geometry.lines) or [geometry.chord])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, hinted)
        return
    # A long tie's bounding box covers most of the view even where the line does not:
    # stroking thousands of pixels of dashes outside the exposed area was most of a 1:1
    # frame on a big account map. A straight tie is clipped to what is exposed; a curved
    # one (committee maps only) is skipped when it misses the exposed area.
    path = geometry.path
    skipped = 0.0  # length of the tie before the part drawn
    width = tie_width(tie)
    if exposed is not None:
        area = exposed.adjusted(-20, -20, 20, 20)
        if geometry.straight:
            visible = clip_line(geometry.chord, area)
            if visible is None:
                return
            if visible != geometry.chord:
                path = QPainterPath(visible.p1())
                path.lineTo(visible.p2())
                skipped = QLineF(geometry.chord.p1(), visible.p1()).length()
        elif not geometry.shape.intersects(area):
            return
    if selected is not None:
        painter.setPen(QPen(selected, width + 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    colour = QColor(look.colour)
    pen = QPen(colour, width, look.pen_style, Qt.PenCapStyle.FlatCap)
    if skipped and width > 0:
        # Keep the dashes where they would be on the whole line, so they don't crawl.
        pen.setDashOffset(skipped / width)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    if not geometry.arrow.isEmpty():
        painter.setPen(QPen(colour, 1))
        painter.setBrush(colour)
        painter.drawPolygon(geometry.arrow)


def clip_line(line: QLineF, rect: QRectF) -> QLineF | None:
    """The part of `line` inside `rect`, or None when it misses it."""
    box = (rect.left(), rect.top(), rect.right(), rect.bottom())
    inside = clip_segment((line.x1(), line.y1()), (line.x2(), line.y2()), box)
    if inside is None:
        return None
    lo, hi = inside
    if lo == 0.0 and hi == 1.0:
        return line
    return QLineF(line.pointAt(lo), line.pointAt(hi))
