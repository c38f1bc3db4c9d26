"""Tie routing: how to draw a tie so that it does not run under a third person.

On a map a straight line through someone's box reads as a tie to them (three peers side by
side in an org chart is the everyday case). A tie from `a` to `b` is drawn as a quadratic
curve whose control point sits `bend` to the left of the midpoint; `detour` finds the
smallest bend, trying each side, that clears every other box.

A reports-to tie to a manager higher up is drawn the org-chart way (`org_route`): up from
the report's box to a rail just above it, along the rail to under the manager's centre,
and up that line (the spine) to the manager. Reports in a row share the rail, and a stack
of reports beside the spine each get a rail of their own; the org-chart layout leaves
room for both. Pure geometry: no Qt.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

from consensus_map.layout.geometry import NODE_HEIGHT, NODE_WIDTH, RAIL_DROP, Point, index_of

# Bends tried, as fractions of the tie's length: straight, then each side, then wider.
BENDS = (0.0, 0.22, -0.22, 0.45, -0.45)
# A curve is checked as this many straight pieces: finer than a box at any sensible length.
PIECES = 12
# A line grazing a box's edge still looks like it touches it.
CLEARANCE = 4.0
# The spine shows at least this much below the manager's box: room for the arrow head.
SPINE_MIN = 24.0

Corners = tuple[Point, Point]


class Obstacles:
    """People's boxes, in the layouts' grid index, for asking which boxes a tie crosses."""

    def __init__(self, positions: Mapping[str, Point]) -> None:
        self._positions = positions
        self._index = index_of(positions.values())
        self._hw = NODE_WIDTH / 2 + CLEARANCE
        self._hh = NODE_HEIGHT / 2 + CLEARANCE

    def hit(self, start: Point, end: Point, ignore: tuple[str, str]) -> bool:
        """Does the segment start→end pass through any box but those of `ignore`?"""
        # The tie's own people are known by where they stand: someone standing exactly
        # on one of them cannot be curved around anyway.
        ends = {self._positions[person_id] for person_id in ignore}
        middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        reach_x = abs(end[0] - start[0]) / 2 + self._hw
        reach_y = abs(end[1] - start[1]) / 2 + self._hh
        return any(
            centre not in ends and _crosses(start, end, centre, self._hw, self._hh)
            for centre in self._index.near(middle, reach_x, reach_y)
        )


def detour(a: Point, b: Point, ends: tuple[str, str], obstacles: Obstacles) -> float:
    """The sideways offset of the curve's control point for a tie between `ends`.

    0 when the straight line is clear, or when no tried bend clears it (better a line
    through someone than a loop across the map).
    """
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length == 0:
        return 0.0
    nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length  # left of a → b
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    for fraction in BENDS:
        bend = fraction * length
        control = (mx + nx * bend, my + ny * bend)
        if not _curve_hits(a, control, b, ends, obstacles):
            return bend
    return 0.0


def org_route(report: Point, manager: Point) -> Corners | None:
    """The two corners of a reports-to tie drawn the org-chart way, or None when it is
    drawn as a line: when the report is not below the manager by enough for a rail, or
    stands right under the manager's centre (then the line is the spine)."""
    rail = report[1] - NODE_HEIGHT / 2 - RAIL_DROP
    if rail < manager[1] + NODE_HEIGHT / 2 + SPINE_MIN or abs(report[0] - manager[0]) < 0.5:
        return None
    return (report[0], rail), (manager[0], rail)


def reports_to_route(
    report: Point, manager: Point, ends: tuple[str, str], obstacles: Obstacles | None
) -> tuple[Corners | None, float]:
    """How to draw a reports-to tie: `(corners, 0.0)` the org-chart way, or `(None, bend)`
    as a line curved by `bend` (0: straight).

    With `obstacles`, a route through a third person's box gives way to a curve that
    clears everyone, or to the straight line if that is clear; when neither is, the
    org-chart route stays (better a rail under someone than a loop across the map).
    """
    corners = org_route(report, manager)
    if obstacles is None:
        return corners, 0.0
    if corners is None:
        return None, detour(report, manager, ends, obstacles)
    points = (report, *corners, manager)
    if not any(obstacles.hit(p, q, ends) for p, q in itertools.pairwise(points)):
        return corners, 0.0
    if not obstacles.hit(report, manager, ends):
        return None, 0.0
    bend = detour(report, manager, ends, obstacles)
    return (None, bend) if bend else (corners, 0.0)


def _curve_hits(a: Point, c: Point, b: Point, ends: tuple[str, str], obstacles: Obstacles) -> bool:
    previous = a
    for step in range(1, PIECES + 1):
        t = step / PIECES
        u = 1 - t
        point = (
            u * u * a[0] + 2 * u * t * c[0] + t * t * b[0],
            u * u * a[1] + 2 * u * t * c[1] + t * t * b[1],
        )
        if obstacles.hit(previous, point, ends):
            return True
        previous = point
    return False


def _crosses(start: Point, end: Point, centre: Point, hw: float, hh: float) -> bool:
    """Does the segment meet the box of half-size (hw, hh) at `centre`?"""
    box = (centre[0] - hw, centre[1] - hh, centre[0] + hw, centre[1] + hh)
    return clip_segment(start, end, box) is not None


def clip_segment(
    start: Point, end: Point, box: tuple[float, float, float, float]
) -> tuple[float, float] | None:
    """Liang–Barsky: the part of start→end inside `box` (left, top, right, bottom), as the
    range of t in [0, 1] along the segment, or None when the segment misses the box."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    left, top, right, bottom = box
    lo, hi = 0.0, 1.0
    for p, q in (
        (-dx, start[0] - left),
        (dx, right - start[0]),
        (-dy, start[1] - top),
        (dy, bottom - start[1]),
    ):
        if p == 0:
            if q < 0:
                return None
            continue
        r = q / p
        if p < 0:
            lo = max(lo, r)
        else:
            hi = min(hi, r)
        if lo > hi:
            return None
    return lo, hi
