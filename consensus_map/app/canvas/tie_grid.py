"""Which ties pass through which part of the map: square cells along each tie's lines.

Qt's scene index knows an item only by its bounding rectangle, and a long diagonal tie's
rectangle covers much of a big account map where its line does not. On the 5,000-person
benchmark map (15,000 ties, most of them across the map) about 800 ties' rectangles meet
a view at 100% while about 200 lines cross it, and calling Python to paint each of those
800 was most of every repaint (40–50 ms). The scene paints ties from this grid instead:
only those whose lines pass through the cells the exposed area meets.

Pure geometry, no Qt: lines are (x1, y1, x2, y2) in map units. A tie is filed in every
cell a line of it passes through (and a curved one in every cell its bounding box meets).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
Line = tuple[float, float, float, float]
Cell = tuple[int, int]

# About a view at 100%: a query meets a few cells, and a tie across a 66,000-unit map is
# filed in about a hundred (the benchmark map's 15,000 ties: about 0.2 s to file them all).
CELL = 1024.0


class TieGrid(Generic[K]):
    """Keys (ties) filed by the cells their lines pass through."""

    def __init__(self, cell: float = CELL) -> None:
        self._cell = cell
        self._cells: dict[Cell, set[K]] = {}
        self._filed: dict[K, tuple[Cell, ...]] = {}

    def __len__(self) -> int:
        return len(self._filed)

    def __contains__(self, key: object) -> bool:
        return key in self._filed

    def place(
        self, key: K, lines: Iterable[Line], box: tuple[float, float, float, float] | None = None
    ) -> None:
        """File `key` along `lines` (and, given, over all of `box`: left, top, right,
        bottom), wherever it was filed before."""
        cells: set[Cell] = set()
        for line in lines:
            cells.update(_line_cells(line, self._cell))
        if box is not None:
            cells.update(_box_cells(box, self._cell))
        old = self._filed.get(key, ())
        if old and set(old) == cells:
            return
        self.remove(key)
        filed = self._cells
        for cell in cells:
            found = filed.get(cell)
            if found is None:
                filed[cell] = {key}
            else:
                found.add(key)
        self._filed[key] = tuple(cells)

    def remove(self, key: K) -> None:
        for cell in self._filed.pop(key, ()):
            found = self._cells[cell]
            found.discard(key)
            if not found:
                del self._cells[cell]

    def near(self, left: float, top: float, right: float, bottom: float) -> set[K]:
        """Every key filed in a cell that the area meets (a few more than those whose lines
        cross it: the caller clips)."""
        found: set[K] = set()
        cells = self._cells
        for cell in _box_cells((left, top, right, bottom), self._cell):
            keys = cells.get(cell)
            if keys:
                found |= keys
        return found


def _box_cells(box: tuple[float, float, float, float], size: float) -> list[Cell]:
    left, top, right, bottom = box
    i1, i2 = math.floor(left / size), math.floor(right / size)
    j1, j2 = math.floor(top / size), math.floor(bottom / size)
    return [(i, j) for i in range(i1, i2 + 1) for j in range(j1, j2 + 1)]


def _line_cells(line: Line, size: float) -> list[Cell]:
    """The cells the segment passes through, column by column."""
    x1, y1, x2, y2 = line
    if x1 > x2:
        x1, y1, x2, y2 = x2, y2, x1, y1
    i1, i2 = math.floor(x1 / size), math.floor(x2 / size)
    if i1 == i2:
        j1, j2 = sorted((math.floor(y1 / size), math.floor(y2 / size)))
        return [(i1, j) for j in range(j1, j2 + 1)]
    slope = (y2 - y1) / (x2 - x1)
    cells: list[Cell] = []
    for i in range(i1, i2 + 1):
        # Where the segment enters and leaves this column.
        xa, xb = max(x1, i * size), min(x2, (i + 1) * size)
        ya, yb = y1 + (xa - x1) * slope, y1 + (xb - x1) * slope
        ja, jb = math.floor(ya / size), math.floor(yb / size)
        if ja > jb:
            ja, jb = jb, ja
        cells.extend((i, j) for j in range(ja, jb + 1))
    return cells
