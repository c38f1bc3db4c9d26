"""Arrange a deal as an org chart: compact reports-to trees, then everyone else beneath.

Each tree is laid out by `compact_tree` (managers above their reports, stacks of reports
without reports of their own, wide rows wrapped). Separate trees stand side by side in
shelves, and people outside the org chart (no manager, no reports) in a grid beneath them.
The number of shelves and the grid's columns are chosen so that the whole chart comes as
close as it can to the shape of a landscape page or screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from consensus_map.domain import TieKind
from consensus_map.gc_pause import no_gc_pauses
from consensus_map.layout.compact_tree import (
    HALF,
    ROW_GAP_UNITS,
    UNIT,
    Shape,
    layout_tree,
    pack,
)
from consensus_map.layout.geometry import H_GAP, NODE_HEIGHT, NODE_WIDTH, V_GAP, Point
from consensus_map.layout.roster import PeopleAndTies, Placeable

# Width over height the whole chart aims for: between A4/Letter landscape and a screen.
TARGET_ASPECT = 1.5
COLUMN = NODE_WIDTH + H_GAP
LEVEL = NODE_HEIGHT + V_GAP
TREE_GAP = 2 * H_GAP  # separate trees stand further apart than colleagues
# Between shelves of trees, and between the trees and the people outside them: a level's
# gap and more.
SHELF_GAP_UNITS = ROW_GAP_UNITS + 3


def by_name(person: Placeable) -> tuple[str, str]:
    """Reading order: by name, then id."""
    return (person.name.casefold(), person.id)


def org_chart(deal: PeopleAndTies) -> dict[str, Point]:
    """Positions (box centres) for everyone in `deal`; deterministic."""
    with no_gc_pauses():
        people = sorted(deal.stakeholders, key=by_name)
        manager_of = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
        positions = arrange_people([p.id for p in people], manager_of)
        return {p.id: positions[p.id] for p in deal.stakeholders}


def arrange_people(order: Sequence[str], manager_of: Mapping[str, str]) -> dict[str, Point]:
    """Positions for the people of `order` (in reading order, e.g. by name) as an org chart
    of their own, by the reports-to ties of `manager_of` between them. The top-left box's
    centre is at (0, 0)."""
    with no_gc_pauses():
        return _arrange(order, manager_of)


def _arrange(order: Sequence[str], manager_of: Mapping[str, str]) -> dict[str, Point]:
    reports: dict[str, list[str]] = {pid: [] for pid in order}
    tops = []  # people without a manager among `order`
    for pid in order:
        manager = manager_of.get(pid)
        if manager in reports:
            reports[manager].append(pid)
        else:
            tops.append(pid)
    roots = [pid for pid in tops if reports[pid]]
    loners = [pid for pid in tops if not reports[pid]]

    trees = [layout_tree(root, reports, TARGET_ASPECT) for root in roots]
    shelves = _shelves([shape for shape, _, _ in trees], len(loners))
    # The top-left box's centre goes to (0, 0): every shelf starts at the left edge, x = 0.
    positions: dict[str, Point] = {}
    top = 0  # in units
    bottom = 0
    start = 0
    for count in shelves.counts:
        row = trees[start : start + count]
        shape, offsets = pack([shape for shape, _, _ in row], gap=TREE_GAP)
        shift = -shape.left - shape.dx - HALF
        for (_, relative, managers), offset in zip(row, offsets, strict=True):
            _place(managers, reports, relative, offset + shift, top, positions)
        bottom = top + shape.units
        top = bottom + SHELF_GAP_UNITS
        start += count
    if loners:
        first = (bottom + SHELF_GAP_UNITS) * UNIT if trees else 0.0
        columns = shelves.loner_columns
        for n, pid in enumerate(loners):
            row_n, column = divmod(n, columns)
            positions[pid] = (column * COLUMN, first + row_n * LEVEL)
    return positions


def _place(
    managers: list[str],
    reports: Mapping[str, Sequence[str]],
    relative: Mapping[str, tuple[float, int]],
    x: float,
    unit: int,
    positions: dict[str, Point],
) -> None:
    """Everyone of one tree, its root's box centred at `x` with its top at `unit`;
    `managers` are the tree's, each before their own reports."""
    at = {managers[0]: (x, unit)}
    positions[managers[0]] = (x, unit * UNIT)
    for manager in managers:
        mx, mu = at[manager]
        for report in reports[manager]:
            dx, du = relative[report]
            rx, ru = mx + dx, mu + du
            positions[report] = (rx, ru * UNIT)
            if reports[report]:
                at[report] = (rx, ru)


class _Shelves:
    def __init__(self, counts: list[int], loner_columns: int) -> None:
        self.counts = counts  # trees per shelf, in order
        self.loner_columns = loner_columns


def _shelves(shapes: Sequence[Shape], loners: int) -> _Shelves:
    """How many trees on each shelf, and how many columns of loners, for the whole chart
    to come closest to TARGET_ASPECT (estimated from the trees' bounding boxes)."""
    widths = [s.width for s in shapes]
    heights = [s.units * UNIT for s in shapes]
    best: _Shelves | None = None
    best_cost = math.inf
    for shelf_count in range(1, len(shapes) + 1) if shapes else [0]:
        counts = _balanced(widths, shelf_count) if shelf_count else []
        width, height = 0.0, 0.0
        start = 0
        for count in counts:
            width = max(width, sum(widths[start : start + count]) + TREE_GAP * (count - 1))
            height += max(heights[start : start + count]) + SHELF_GAP_UNITS * UNIT
            start += count
        for columns in _loner_options(loners, width):
            w, h = width, height
            if loners:
                rows = math.ceil(loners / columns)
                w = max(w, columns * COLUMN - H_GAP)
                h += rows * LEVEL + SHELF_GAP_UNITS * UNIT
            cost = abs(math.log(max(w, 1.0) / max(h, 1.0) / TARGET_ASPECT))
            if cost < best_cost - 1e-9:
                best, best_cost = _Shelves(counts, columns), cost
        if width and width / height < TARGET_ASPECT / 2:
            break  # more shelves only make it taller
    assert best is not None
    return best


def _loner_options(loners: int, trees_width: float) -> Iterable[int]:
    """Columns for the grid of people outside the trees: as wide as the trees, or, when
    they are many, as wide as makes the grid alone the chart's shape."""
    if not loners:
        return [1]
    fit = int((trees_width + H_GAP) // COLUMN)
    alone = math.ceil(math.sqrt(TARGET_ASPECT * loners * LEVEL / COLUMN))
    return [max(1, min(loners, max(fit, alone)))]


def _balanced(widths: Sequence[float], shelves: int) -> list[int]:
    """`widths` cut, in order, into `shelves` runs of about equal total width."""
    total = sum(widths) + TREE_GAP * len(widths)
    target = total / shelves
    counts: list[int] = []
    count, running = 0, 0.0
    for n, w in enumerate(widths):
        w += TREE_GAP
        remaining = shelves - len(counts)
        if count and remaining > 1 and (running + w / 2 > target or len(widths) - n < remaining):
            counts.append(count)
            count, running = 0, 0.0
        count += 1
        running += w
    counts.append(count)
    return counts
