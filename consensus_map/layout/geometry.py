"""Box sizes on the map and the geometry of keeping boxes apart.

A person's canvas position `(x, y)` is the centre of their box. Every layout here, and the
canvas, uses these sizes, so "no two boxes overlap" means the same thing everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping

Point = tuple[float, float]

NODE_WIDTH = 176.0
NODE_HEIGHT = 72.0
# Room between neighbours in a layout: wide enough for a tie and its arrow head.
H_GAP = 40.0
V_GAP = 84.0
# Smallest clearance free_spot leaves, so a new box never touches a neighbour.
MIN_GAP = 16.0
# An org chart's rail runs this far above the top of the reports it feeds (routing.org_route).
RAIL_DROP = 22.0


def overlaps(a: Point, b: Point) -> bool:
    """True when the boxes centred at `a` and `b` share any area."""
    return abs(a[0] - b[0]) < NODE_WIDTH and abs(a[1] - b[1]) < NODE_HEIGHT


class BoxIndex:
    """A spatial hash of placed boxes: which boxes lie near a point, without a full scan."""

    def __init__(self, cell_w: float = NODE_WIDTH, cell_h: float = NODE_HEIGHT) -> None:
        self._cw, self._ch = cell_w, cell_h
        self._cells: dict[tuple[int, int], list[Point]] = {}

    def _cell(self, p: Point) -> tuple[int, int]:
        return math.floor(p[0] / self._cw), math.floor(p[1] / self._ch)

    def add(self, p: Point) -> None:
        self._cells.setdefault(self._cell(p), []).append(p)

    def near(self, p: Point, reach_x: float, reach_y: float) -> Iterator[Point]:
        """Boxes whose centres may lie within `reach` of `p` along each axis."""
        cx, cy = self._cell(p)
        rx = math.ceil(reach_x / self._cw)
        ry = math.ceil(reach_y / self._ch)
        for i in range(cx - rx, cx + rx + 1):
            for j in range(cy - ry, cy + ry + 1):
                yield from self._cells.get((i, j), ())

    def is_free(self, p: Point, gap: float = 0.0) -> bool:
        """No placed box comes closer to a box at `p` than `gap`."""
        w, h = NODE_WIDTH + gap, NODE_HEIGHT + gap
        return all(not (abs(p[0] - q[0]) < w and abs(p[1] - q[1]) < h) for q in self.near(p, w, h))


def index_of(points: Iterable[Point]) -> BoxIndex:
    index = BoxIndex()
    for p in points:
        index.add(p)
    return index


def nearest_free(index: BoxIndex, near: Point, gap: float = MIN_GAP, fine: bool = True) -> Point:
    """The free position closest to `near` on a fine grid around it (ring by ring).

    Rings are searched outward; once a free candidate is found, rings that could still hold
    a closer one are searched too, so the answer is the nearest grid point, ties broken by
    angle order (deterministic).
    """
    # A fine grid finds the closest spot for one new person; a coarse one (a box per step)
    # keeps resolving thousands of overlaps in a crowded layout fast.
    parts = 4 if fine else 1
    step_x, step_y = (NODE_WIDTH + gap) / parts, (NODE_HEIGHT + gap) / parts
    best: Point | None = None
    best_d = math.inf
    ring = 0
    while True:
        # Closest any point of this ring can be to `near`.
        if ring * min(step_x, step_y) > best_d:
            assert best is not None
            return best
        for i, j in _ring(ring):
            p = (near[0] + i * step_x, near[1] + j * step_y)
            d = math.hypot(i * step_x, j * step_y)
            if d < best_d and index.is_free(p, gap):
                best, best_d = p, d
        ring += 1


def _ring(r: int) -> Iterator[tuple[int, int]]:
    if r == 0:
        yield (0, 0)
        return
    for i in range(-r, r + 1):
        yield (i, -r)
        yield (i, r)
    for j in range(-r + 1, r):
        yield (-r, j)
        yield (r, j)


def spread_apart(
    positions: Mapping[str, Point], order: Iterable[str], gap: float = 0.0
) -> dict[str, Point]:
    """Positions with every overlap removed; boxes already clear of the others stay put.

    People are placed in `order`; anyone whose box would overlap someone placed earlier, or
    come closer to it than `gap`, moves to the nearest spot that is free.
    """
    index = BoxIndex()
    placed: dict[str, Point] = {}
    for person_id in order:
        p = positions[person_id]
        if not index.is_free(p, gap):
            p = nearest_free(index, p, gap=max(MIN_GAP, gap), fine=False)
        index.add(p)
        placed[person_id] = p
    return placed
