"""Where to put people so that nobody lands on anybody: a new person, several pasted
people, and people dropped onto someone after a drag (imported people: newcomers.py).

Every function is pure: the people already on the map in, positions out. "Free" means a box
keeps `MIN_GAP` clear of every other box (geometry.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from consensus_map.domain import Deal, Stakeholder
from consensus_map.layout.geometry import (
    H_GAP,
    MIN_GAP,
    NODE_HEIGHT,
    NODE_WIDTH,
    V_GAP,
    BoxIndex,
    Point,
    _ring,
    index_of,
    nearest_free,
)

# Pasted people go in rows this long: a committee of ten reads as two rows, not a line.
BLOCK_ROW = 5
# A new person keeps this clear of everyone: room for a tie and its arrow head, and for
# two halos not to swallow each other.
ROOM = H_GAP


def free_spot(deal: Deal, near: Point) -> Point:
    """The position closest to `near` where a new box keeps a tie's room (`ROOM`) clear of
    everyone in `deal`."""
    index = index_of((p.x, p.y) for p in deal.stakeholders)
    x, y = nearest_free(index, (float(near[0]), float(near[1])), gap=ROOM)
    return (round(x, 1), round(y, 1))


def next_in_rows(deal: Deal, count: int = 1) -> list[Point]:
    """Spots for people typed or pasted into a list, in the list's reading order: rows of
    `BLOCK_ROW` on the layout's grid, going on after the last person in the bottom row
    (from the origin on an empty map), skipping any cell someone is in."""
    people = deal.stakeholders
    if count <= 0:
        return []
    column, level = NODE_WIDTH + H_GAP, NODE_HEIGHT + V_GAP
    if people:
        left = min(p.x for p in people)
        top = min(p.y for p in people)
        bottom = max(p.y for p in people)
        row = round((bottom - top) / level)
        last = max(p.x for p in people if abs(p.y - (top + row * level)) < level / 2)
        col = math.floor((last - left) / column + 0.5) + 1
    else:
        left = top = 0.0
        row = col = 0
    index = index_of((p.x, p.y) for p in people)
    spots: list[Point] = []
    while len(spots) < count:
        if col >= BLOCK_ROW:
            row, col = row + 1, 0
        spot = (round(left + col * column, 1), round(top + row * level, 1))
        if index.is_free(spot, MIN_GAP):
            spots.append(spot)
            index.add(spot)
        col += 1
    return spots


def free_spots(deal: Deal, count: int, near: Point) -> list[Point]:
    """Spots for `count` new people: a block of rows (`BLOCK_ROW` a row) in the free room
    nearest `near`, clear of everyone in `deal` and of each other."""
    if count <= 0:
        return []
    columns = min(count, BLOCK_ROW)
    block = {
        str(n): ((n % columns) * (NODE_WIDTH + H_GAP), (n // columns) * (NODE_HEIGHT + V_GAP))
        for n in range(count)
    }
    placed = place_block(((p.x, p.y) for p in deal.stakeholders), block, near)
    return [placed[str(n)] for n in range(count)]


def place_block(
    occupied: Iterable[Point], block: Mapping[str, Point], near: Point, gap: float = ROOM
) -> dict[str, Point]:
    """`block` (a group laid out on its own) moved as a whole, its shape kept, so that its
    centre is as close to `near` as it can be with every box of it `gap` clear of
    `occupied`."""
    if not block:
        return {}
    index = index_of(occupied)
    xs = [p[0] for p in block.values()]
    ys = [p[1] for p in block.values()]
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    relative = {pid: (p[0] - centre[0], p[1] - centre[1]) for pid, p in block.items()}
    offset = _nearest_free_offset(
        index, list(relative.values()), (float(near[0]), float(near[1])), gap
    )
    return {
        pid: (round(offset[0] + dx, 1), round(offset[1] + dy, 1))
        for pid, (dx, dy) in relative.items()
    }


def settle(deal: Deal, moved: Mapping[str, Point]) -> dict[str, Point]:
    """Where people dropped at `moved` end up: anyone who landed on someone is nudged to the
    nearest free spot; a group dragged together moves on as one block, keeping its shape.

    Returns positions for exactly the people in `moved` (unchanged when nobody overlaps).
    """
    if not moved:
        return {}
    index = index_of((p.x, p.y) for p in deal.stakeholders if p.id not in moved)
    if all(index.is_free(p) for p in moved.values()):
        return dict(moved)
    if len(moved) == 1:
        ((person_id, at),) = moved.items()
        x, y = nearest_free(index, at, gap=MIN_GAP)
        return {person_id: (round(x, 1), round(y, 1))}
    xs = [p[0] for p in moved.values()]
    ys = [p[1] for p in moved.values()]
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    others = ((p.x, p.y) for p in deal.stakeholders if p.id not in moved)
    return place_block(others, moved, centre, MIN_GAP)


def overlapping(people: Sequence[Stakeholder]) -> list[tuple[str, str]]:
    """Pairs of people whose boxes share area (for checks and tests)."""
    ordered = sorted(people, key=lambda p: p.x)
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.x - a.x >= NODE_WIDTH:
                break
            if abs(a.y - b.y) < NODE_HEIGHT:
                found.append((a.id, b.id))
    return found


def _nearest_free_offset(index: BoxIndex, shape: Sequence[Point], near: Point, gap: float) -> Point:
    """The grid offset closest to `near` where every box of `shape` (relative positions) is
    `gap` clear of the index; rings outward, as `nearest_free` does for one box."""
    step_x, step_y = (NODE_WIDTH + gap) / 2, (NODE_HEIGHT + gap) / 2
    best: Point | None = None
    best_d = math.inf
    ring = 0
    while True:
        if ring * min(step_x, step_y) > best_d:
            assert best is not None
            return best
        for i, j in _ring(ring):
            d = math.hypot(i * step_x, j * step_y)
            if d >= best_d:
                continue
            at = (near[0] + i * step_x, near[1] + j * step_y)
            if all(index.is_free((at[0] + dx, at[1] + dy), gap) for dx, dy in shape):
                best, best_d = at, d
        ring += 1
