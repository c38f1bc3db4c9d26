"""One tie on the map, styled by kind (SPEC): reports-to solid with an arrow to the manager,
influences an arrow as wide as its strength, ally dashed, rival dotted.

The scene sets its end points when either person moves (and, for a reports-to tie drawn
the org-chart way, its two corners: `layout.routing.org_route`); paint only draws the
cached path.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from consensus_map.app.canvas import style
from consensus_map.domain import Tie, TieKey
from consensus_map.layout import NODE_HEIGHT, NODE_WIDTH
from consensus_map.layout.routing import clip_segment

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

_CLEARANCE = 3.0  # the line stops just outside the box so the arrow head shows


def _edge_point(centre: QPointF, toward: QPointF) -> QPointF:
    """Where the line from `centre` toward `toward` leaves the person's box."""
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    hw, hh = NODE_WIDTH / 2 + _CLEARANCE, NODE_HEIGHT / 2 + _CLEARANCE
    if dx == 0 and dy == 0:
        return QPointF(centre)
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    t = min(t, 1.0)
    return QPointF(centre.x() + dx * t, centre.y() + dy * t)


class TieItem(QGraphicsItem):
    def __init__(self, tie: Tie) -> None:
        super().__init__()
        self.tie = tie
        self.key: TieKey = tie.key
        self.dimmed = False
        self._bend = 0.0
        self._detour = 0.0
        self._corners: tuple[QPointF, ...] = ()
        self._ends = (QPointF(), QPointF())
        self._path = QPainterPath()
        self._chord = QLineF()
        self._lines: list[QLineF] = []
        self._arrow = QPolygonF()
        self._shape = QPainterPath()
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        # paint() needs the exposed rect: a long tie crossing the view is drawn only there.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(-1.0)  # under people: a tie never hides a name
        self.setToolTip(f"{tie.kind.label} (strength {tie.strength:g})")

    def set_tie(self, tie: Tie) -> None:
        self.tie = tie
        self.setToolTip(f"{tie.kind.label} (strength {tie.strength:g})")
        self._rebuild()

    def set_bend(self, bend: float) -> None:
        """Sideways offset so that several ties between the same two people stay apart."""
        if bend != self._bend:
            self._bend = bend
            self._rebuild()

    @property
    def bend(self) -> float:
        return self._bend

    def set_ends(
        self,
        source: QPointF,
        target: QPointF,
        detour: float = 0.0,
        corners: tuple[QPointF, ...] = (),
    ) -> None:
        """Place the tie; `detour` curves it around people standing in its way, and
        `corners` (when given) make it a line through them instead: an org chart's rail."""
        if (source, target, detour, corners) == (
            *self._ends,
            self._detour,
            self._corners,
        ) and not self._path.isEmpty():
            return  # routing passes re-place every tie: most have not changed
        self._ends = (QPointF(source), QPointF(target))
        self._detour = detour
        self._corners = tuple(QPointF(c) for c in corners)
        self._rebuild()

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.setOpacity(0.15 if dimmed else 1.0)

    @property
    def chord(self) -> QLineF:
        """The straight line between the two box edges."""
        return self._chord

    @property
    def lines(self) -> list[QLineF]:
        """The tie as straight lines, for batched zoomed-out drawing: the chord, or the
        pieces of an org chart's route."""
        return self._lines

    @property
    def width(self) -> float:
        return style.tie_width(self.tie.kind, self.tie.strength)

    def _rebuild(self) -> None:
        self.prepareGeometryChange()
        a, b = self._ends
        if self._corners:
            # Up from the report, along the rail, up the spine: the arrow comes out of the
            # last corner into the manager.
            control = self._corners[-1]
            start = _edge_point(a, self._corners[0])
            end = _edge_point(b, control)
            path = QPainterPath(start)
            for corner in self._corners:
                path.lineTo(corner)
            path.lineTo(end)
        else:
            mid = (a + b) / 2
            line = QLineF(a, b)
            normal = line.normalVector().unitVector() if line.length() > 0 else QLineF()
            bend = self._bend + self._detour
            control = mid + QPointF(normal.dx(), normal.dy()) * bend
            start = _edge_point(a, control)
            end = _edge_point(b, control)
            path = QPainterPath(start)
            if bend:
                path.quadTo(control, end)
            else:
                path.lineTo(end)
        self._path = path
        self._chord = QLineF(start, end)
        if self._corners:
            points = [start, *self._corners, end]
            self._lines = [QLineF(p, q) for p, q in itertools.pairwise(points)]
        else:
            self._lines = [self._chord]
        self._arrow = QPolygonF()
        if style.TIE_STYLE[self.tie.kind].arrow and QLineF(control, end).length() > 0:
            size = 9 + 1.6 * self.width
            back = QLineF(end, control).unitVector()
            d = QPointF(back.dx(), back.dy())
            side = QPointF(-d.y(), d.x())
            base = end + d * size
            self._arrow = QPolygonF([end, base + side * size * 0.5, base - side * size * 0.5])
        stroker = QPainterPathStroker()
        stroker.setWidth(max(10.0, self.width + 6))
        shape = stroker.createStroke(path)
        if not self._arrow.isEmpty():
            shape.addPolygon(self._arrow)
        self._shape = shape
        self._bounds = shape.boundingRect().adjusted(-4, -4, 4, 4)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        look = style.TIE_STYLE[self.tie.kind]
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < style.DETAIL_LOD:
            # Zoomed out: a hairline in the kind's colour; dashes, arrows and antialiasing
            # cost most of a frame with thousands of ties and cannot be seen at this size.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            hairline = QPen(look.colour, 0)
            painter.setPen(hairline)
            painter.drawLines(self._lines)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            return
        # A long tie's bounding box covers most of the view even where the line does not:
        # stroking thousands of pixels of dashes outside the exposed area was most of a
        # 1:1 frame on a big account map. A straight tie is clipped to what is exposed; a
        # curved one (committee maps only) is skipped when it misses the exposed area.
        exposed = option.exposedRect.adjusted(-20, -20, 20, 20)
        path = self._path
        skipped = 0.0  # length of the tie before the part drawn
        if self._bend + self._detour == 0.0 and not self._corners:
            visible = _clip(self._chord, exposed)
            if visible is None:
                return
            if visible != self._chord:
                path = QPainterPath(visible.p1())
                path.lineTo(visible.p2())
                skipped = QLineF(self._chord.p1(), visible.p1()).length()
        elif self._corners:
            # An org chart's route is a few straight pieces (solid): a cheap test per piece.
            if all(_clip(line, exposed) is None for line in self._lines):
                return
        elif not self._shape.intersects(exposed):
            return
        colours = getattr(self.scene(), "colours", None)
        if self.isSelected() and colours is not None:
            painter.setPen(
                QPen(
                    colours.highlight,
                    self.width + 7,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap,
                )
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        colour = QColor(look.colour)
        pen = QPen(colour, self.width, look.pen_style, Qt.PenCapStyle.FlatCap)
        if skipped and self.width > 0:
            # Keep the dashes where they would be on the whole line, so they don't crawl.
            pen.setDashOffset(skipped / self.width)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        if not self._arrow.isEmpty():
            painter.setPen(QPen(colour, 1))
            painter.setBrush(colour)
            painter.drawPolygon(self._arrow)


def _clip(line: QLineF, rect: QRectF) -> QLineF | None:
    """The part of `line` inside `rect`, or None when it misses it."""
    box = (rect.left(), rect.top(), rect.right(), rect.bottom())
    inside = clip_segment((line.x1(), line.y1()), (line.x2(), line.y2()), box)
    if inside is None:
        return None
    lo, hi = inside
    if lo == 0.0 and hi == 1.0:
        return line
    return QLineF(line.pointAt(lo), line.pointAt(hi))
