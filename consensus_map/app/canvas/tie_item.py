"""One tie on the map, styled by kind (SPEC): reports-to solid with an arrow to the manager,
influences an arrow as wide as its strength, ally dashed, rival dotted.

The scene sets its end points when either person moves; paint only draws the cached path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from consensus_map.domain import Tie, TieKey
from consensus_map.render import style
from consensus_map.render.tie import TieGeometry, paint_tie, tie_geometry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget


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
        self._geometry: TieGeometry | None = None
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
        `corners` (when given) make it a line through them instead: an org chart's route."""
        placed = (*self._ends, self._detour, self._corners)
        if (source, target, detour, corners) == placed and self._geometry:
            return  # routing passes re-place every tie: most have not changed
        self._ends = (QPointF(source), QPointF(target))
        self._detour = detour
        self._corners = corners
        self._rebuild()

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.setOpacity(0.15 if dimmed else 1.0)

    @property
    def chord(self) -> QLineF:
        """The straight line between the two box edges (for batched zoomed-out drawing)."""
        return self._geometry.chord if self._geometry is not None else QLineF()

    @property
    def lines(self) -> tuple[QLineF, ...]:
        """The tie as straight lines, for batched zoomed-out drawing."""
        return self._geometry.lines if self._geometry is not None else ()

    @property
    def path(self) -> QPainterPath:
        """The line as drawn, in map units."""
        return self._geometry.path if self._geometry is not None else QPainterPath()

    @property
    def width(self) -> float:
        return style.tie_width(self.tie.kind, self.tie.strength)

    def _rebuild(self) -> None:
        self.prepareGeometryChange()
        a, b = self._ends
        self._geometry = tie_geometry(self.tie, a, b, self._bend + self._detour, self._corners)
        self._bounds = self._geometry.bounds
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._geometry.shape if self._geometry is not None else QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._geometry is None:
            return
        colours = getattr(self.scene(), "colours", None)
        paint_tie(
            painter,
            self.tie,
            self._geometry,
            option.levelOfDetailFromTransform(painter.worldTransform()),
            option.exposedRect,
            colours.highlight if self.isSelected() and colours is not None else None,
        )
