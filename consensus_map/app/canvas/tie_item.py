"""One tie on the map, styled by kind (SPEC): reports-to solid with an arrow to the manager,
influences an arrow as wide as its strength, ally dashed, rival dotted.

The scene sets its end points when either person moves. The item is what is clicked,
selected and hovered (its shape), but Qt never paints it (`ItemHasNoContents`): the scene
draws the ties under the people from its grid of where each line runs (`tie_grid`), since
a long tie's bounding rectangle meets far more views than its line does. So every change
to how a tie looks is reported to the scene (`tie_changed`), which files it and repaints
where it was and where it is (a change of selection the scene notices by itself: an
`itemChange` here would call Python for every change to every one of 15,000 ties).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from consensus_map.domain import Tie, TieKey
from consensus_map.render import style
from consensus_map.render.tie import TieGeometry, paint_tie, tie_geometry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

DIMMED_OPACITY = 0.15  # filtered out (Find's attendees or sinkers only): faint


class TieItem(QGraphicsItem):
    def __init__(self, tie: Tie, order: int = 0) -> None:
        super().__init__()
        self.tie = tie
        self.key: TieKey = tie.key
        self.order = order  # ties are drawn in this order (the order they were added)
        self.dimmed = False
        self._bend = 0.0
        self._detour = 0.0
        self._corners: tuple[QPointF, ...] = ()
        self._ends = (QPointF(), QPointF())
        self._geometry: TieGeometry | None = None
        self._bounds = QRectF()
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsSelectable | flags.ItemHasNoContents)
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
            self.setOpacity(DIMMED_OPACITY if dimmed else 1.0)
            self._changed(self._bounds)

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

    def grid_lines(self) -> tuple[list[tuple[float, float, float, float]], QRectF | None]:
        """Where the tie runs, for the scene's grid: its straight lines, and for a curved tie
        its bounding box too (a curve strays from its chord)."""
        geometry = self._geometry
        if geometry is None:
            return [], None
        lines = [(ln.x1(), ln.y1(), ln.x2(), ln.y2()) for ln in geometry.lines]
        curved = not geometry.straight and not self._corners
        return lines, geometry.bounds if curved else None

    def _rebuild(self) -> None:
        self.prepareGeometryChange()
        old = self._bounds
        a, b = self._ends
        self._geometry = tie_geometry(self.tie, a, b, self._bend + self._detour, self._corners)
        self._bounds = self._geometry.bounds
        self._changed(old, placed=True)

    def _changed(self, old: QRectF, placed: bool = False) -> None:
        scene = self.scene()
        if scene is not None:
            scene.tie_changed(self, old, placed)  # type: ignore[attr-defined]

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._geometry.shape if self._geometry is not None else QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Not called by Qt (the scene draws ties: module docstring); `draw` does the work."""
        colours = getattr(self.scene(), "colours", None)
        self.draw(
            painter,
            option.levelOfDetailFromTransform(painter.worldTransform()),
            option.exposedRect,
            colours.highlight if colours is not None else None,
        )

    def draw(
        self, painter: QPainter, lod: float, exposed: QRectF, highlight: QColor | None
    ) -> None:
        """Paint the tie where `exposed` (map units) needs it: faint while dimmed by a
        filter, with `highlight` around it while selected."""
        if self._geometry is None:
            return
        selected = highlight if self.isSelected() else None
        if self.dimmed:
            opacity = painter.opacity()
            painter.setOpacity(opacity * DIMMED_OPACITY)
            paint_tie(painter, self.tie, self._geometry, lod, exposed, selected)
            painter.setOpacity(opacity)
        else:
            paint_tie(painter, self.tie, self._geometry, lod, exposed, selected)
