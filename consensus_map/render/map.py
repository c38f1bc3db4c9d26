"""The whole map as one picture, for paper and image files: every tie, then every person.

It places ties exactly as the canvas's scene does (several ties between the same two people
bend apart; on a committee map a tie curves around anyone in its way) and paints each
person and tie through render.person and render.tie, so an exported map looks like the
screen. The canvas keeps its own items; `pair_bends` and the constants here are shared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QPainter, QPen

from consensus_map.domain import Deal, Tie, TieKey, TieKind
from consensus_map.layout import routing
from consensus_map.render import person as drawn
from consensus_map.render import style
from consensus_map.render.tie import TieGeometry, paint_tie, tie_geometry

if TYPE_CHECKING:
    from consensus_map.analysis.result import DealAnalysis

BEND_STEP = 30.0  # sideways spacing of several ties between the same two people
# Routing ties around people checks every tie against every box near it; big account maps
# are read zoomed out, where ties are drawn as straight hairlines anyway.
DETOUR_MAX_PEOPLE = 500
TOP_SINKERS = 3  # how many of the most dangerous people carry a rank number


def pair_bends(keys: Iterable[TieKey]) -> dict[TieKey, float]:
    """Sideways bends for all the ties between the same two people, so none hides another.

    Bends are relative to a fixed direction (from the smaller id) so that opposite ties
    do not coincide.
    """
    ordered = sorted(keys, key=lambda k: (k[2].value, k[0]))
    if not ordered:
        return {}
    a = min(ordered[0][0], ordered[0][1])
    bends: dict[TieKey, float] = {}
    for n, key in enumerate(ordered):
        bend = (n - (len(ordered) - 1) / 2) * BEND_STEP
        bends[key] = bend if key[0] == a else -bend
    return bends


def sinker_ranks(analysis: DealAnalysis | None) -> dict[str, int]:
    if analysis is None:
        return {}
    return {pid: n for n, pid in enumerate(analysis.sinkers[:TOP_SINKERS], start=1)}


class MapPicture:
    """A deal's map, laid out once and painted any number of times (pages, tiles, images).

    `whole_names`: names too long for their box are set smaller, over two lines, never cut
    (paper and files, where every name must be there to be read and searched).
    """

    def __init__(
        self, deal: Deal, analysis: DealAnalysis | None, *, whole_names: bool = True
    ) -> None:
        found = {a.id: a for a in analysis.stakeholders} if analysis is not None else {}
        ranks = sinker_ranks(analysis)
        self.people: list[tuple[QPointF, drawn.PersonLook]] = []
        for person in deal.stakeholders:
            assessment = found.get(person.id)
            text = drawn.person_text(person, assessment, whole_name=whole_names)
            look = drawn.PersonLook(
                person, assessment, style.role_path(person.role), text, ranks.get(person.id, 0)
            )
            self.people.append((QPointF(person.x, person.y), look))
        self.ties = _placed_ties(deal)
        self._boxes = [drawn.BOUNDS.translated(at) for at, _look in self.people]
        self._bounds = QRectF()
        for box in self._boxes:
            self._bounds = self._bounds.united(box)
        for _tie, geometry in self.ties:
            self._bounds = self._bounds.united(geometry.bounds)

    def __len__(self) -> int:
        return len(self.people)

    def bounds(self) -> QRectF:
        """Everything painted, halos and curves included, in map units."""
        return QRectF(self._bounds)

    def smallest_name_pixels(self) -> int:
        """The smallest name font on the map, in map units (for a legible scale on paper)."""
        sizes = [look.text.name_font.pixelSize() for _at, look in self.people]
        return min(sizes, default=style.NAME_PIXELS)

    def paint(
        self,
        painter: QPainter,
        colours: style.CanvasColours,
        lod: float,
        area: QRectF | None = None,
        hairline: float = 0.0,
    ) -> None:
        """Ties under people, in map units; `area` skips what lies outside it (a tile).

        Zoomed out, ties are hairlines: one device pixel (`hairline` 0, a screen or an
        image), or `hairline` map units wide (paper: a printer's pixel is too fine to see).
        """
        ties = [(t, g) for t, g in self.ties if area is None or g.bounds.intersects(area)]
        if lod < style.DETAIL_LOD:
            _paint_hairlines(painter, ties, hairline)
        else:
            for tie, geometry in ties:
                paint_tie(painter, tie, geometry, lod, area)
        for (at, look), box in zip(self.people, self._boxes, strict=True):
            if area is not None and not box.intersects(area):
                continue
            painter.save()
            painter.translate(at)
            if look.assessment is not None and not look.assessment.in_decision:
                painter.setOpacity(style.OUTSIDE_OPACITY)  # muted, as on the canvas
            drawn.paint_person(painter, look, colours, lod)
            painter.restore()

    def person_names(self) -> Sequence[str]:
        return [look.person.name for _at, look in self.people]


def _paint_hairlines(
    painter: QPainter, ties: Sequence[tuple[Tie, TieGeometry]], width: float = 0.0
) -> None:
    """Zoomed out, each kind's ties as one batch of hairlines (as the canvas does)."""
    batches: dict[TieKind, list[QLineF]] = {}
    for tie, geometry in ties:
        batches.setdefault(tie.kind, []).extend(geometry.lines)
    hinted = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for kind, lines in batches.items():
        painter.setPen(QPen(style.TIE_STYLE[kind].colour, width))
        painter.drawLines(lines)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, hinted)


def _placed_ties(deal: Deal) -> list[tuple[Tie, TieGeometry]]:
    """Every tie with the bend and detour the canvas gives it."""
    ties = deal.ties
    by_pair: dict[frozenset[str], list[TieKey]] = {}
    for tie in ties:
        by_pair.setdefault(frozenset((tie.source, tie.target)), []).append(tie.key)
    bends: dict[TieKey, float] = {}
    for keys in by_pair.values():
        bends.update(pair_bends(keys))
    people = {p.id: (p.x, p.y) for p in deal.stakeholders}
    obstacles = routing.Obstacles(people) if len(people) <= DETOUR_MAX_PEOPLE else None
    placed = []
    for tie in ties:
        a, b = people[tie.source], people[tie.target]
        ends = (tie.source, tie.target)
        bend = bends.get(tie.key, 0.0)
        corners: tuple[QPointF, ...] = ()
        if tie.kind is TieKind.REPORTS_TO:
            # The org chart's route, as the canvas draws it (DealScene._place_tie).
            route, detour = routing.reports_to_route(a, b, ends, obstacles if bend == 0.0 else None)
            if route is not None:
                corners = tuple(QPointF(x, y) for x, y in route)
            bend = bend or detour
        elif obstacles is not None and bend == 0.0:
            bend = routing.detour(a, b, ends, obstacles)
        placed.append((tie, tie_geometry(tie, QPointF(*a), QPointF(*b), bend, corners)))
    return placed
