"""The compact layout of reports-to trees: where each person's box goes within their tree.

A manager sits above their reports, who hang from the manager's *spine*: the line down
from the middle of the manager's box, from which a rail runs above each row of reports
(`routing.org_route` draws a reports-to tie that way). Under a manager:

- reports who have reports of their own sit in a row beneath, each with their subtree, and
  the manager is centred over the row (a tidy tree, packed by outline, so a deep subtree
  and a wide one interleave instead of standing side by side);
- five or more reports who have no reports of their own stack in a grid of columns on both
  sides of the spine, which runs down between them, with the row of sub-managers beside it;
- when a manager's row would be much wider than the whole is tall, it wraps into several
  rows, split on both sides of the spine.

Vertical positions are on a grid of `UNIT`, a quarter of an org-chart level, so a stacked
report (three units under the one above) and a report a level down (four units) share one
outline. An outline (`Shape`) holds, per unit of the grid from the top of a subtree, the
leftmost and rightmost x that anything of the subtree occupies: boxes, and the lines of its
ties, so that nothing else is packed across them.

Pure and deterministic: children are given in the order they are to be read (by name).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import repeat
from operator import add, sub

from consensus_map.layout.geometry import H_GAP, NODE_HEIGHT, NODE_WIDTH, RAIL_DROP, V_GAP

UNIT = (NODE_HEIGHT + V_GAP) / 4
LEVEL_UNITS = 4  # manager's top to their first row of reports
STACK_UNITS = 3  # one stacked report's top to the next one's
BOX_UNITS = 2  # a box's height, in units it touches
ROW_GAP_UNITS = 2  # a wrapped row's top, after the units of the row above it: a level's gap
STACK_FROM = 5  # fewer reports without reports of their own stay in the row
HALF = NODE_WIDTH / 2
COLUMN = NODE_WIDTH + H_GAP
# A row of reports narrower than this never wraps (a committee's never does).
MIN_WRAP = 8 * COLUMN
# Wrapping must make a manager's reports at least this much narrower: else it only moves
# a few small teams under a big one.
WRAP_GAIN = 0.75
TOP_TRIES = 12  # the top of a tree tries up to this many rows,
TOP_BUILDS = 3  # and builds the few that look best, to measure them
CHANNEL = H_GAP / 2  # spine to the boxes on either side of it

# A stack's rail runs between two stacked boxes, clear of the upper one, in a unit of its own.
assert STACK_UNITS * UNIT - NODE_HEIGHT > RAIL_DROP + 8
assert (BOX_UNITS - 1) * UNIT < NODE_HEIGHT <= BOX_UNITS * UNIT < (STACK_UNITS - 1) * UNIT + 8
assert RAIL_DROP <= UNIT and ROW_GAP_UNITS * UNIT + BOX_UNITS * UNIT - NODE_HEIGHT == V_GAP


class Shape:
    """The outline of a laid-out subtree, unit by unit from its top.

    `lo[u] + dx` and `hi[u] + dx` are the leftmost and rightmost x occupied in unit `u`,
    relative to the subtree's root. Keeping `dx` apart lets a whole subtree move sideways
    in O(1): merging two outlines touches only the units of the shorter one.
    """

    __slots__ = ("dx", "hi", "left", "lo", "right")

    def __init__(self, lo: list[float], hi: list[float], dx: float = 0.0) -> None:
        self.lo, self.hi, self.dx = lo, hi, dx
        self.left, self.right = min(lo), max(hi)  # bounds, without dx

    def copy(self) -> Shape:
        return Shape(self.lo[:], self.hi[:], self.dx)

    @property
    def units(self) -> int:
        return len(self.lo)

    @property
    def width(self) -> float:
        return self.right - self.left


def _rect(left: float, right: float, units: int) -> Shape:
    shape = Shape.__new__(Shape)  # bounds known: no scan of the lists
    shape.lo, shape.hi, shape.dx = [left] * units, [right] * units, 0.0
    shape.left, shape.right = left, right
    return shape


def box_shape() -> Shape:
    return _rect(-HALF, HALF, BOX_UNITS)


def pack(shapes: Sequence[Shape], gap: float = H_GAP) -> tuple[Shape, list[float]]:
    """Shapes side by side, left to right, each as close as `gap` allows; their tops level.

    Returns the outline of the row (relative to the first shape's root) and each shape's
    root x in it. Consumes the shapes: their lists become the row's.
    """
    acc = shapes[0]
    offsets = [0.0]
    for shape in shapes[1:]:
        # Where the two outlines share units, the new one clears the row by `gap`.
        d = max(map(sub, acc.hi, shape.lo)) + acc.dx - shape.dx + gap
        offsets.append(d)
        if len(shape.lo) <= len(acc.lo):
            delta = shape.dx + d - acc.dx
            acc.hi[: len(shape.hi)] = map(add, shape.hi, repeat(delta))
            if shape.right + delta > acc.right:
                acc.right = shape.right + delta
        else:
            # The new shape is deeper: keep its lists and lay the shorter row over them.
            shape.dx += d
            delta = acc.dx - shape.dx
            shape.lo[: len(acc.lo)] = map(add, acc.lo, repeat(delta))
            if acc.left + delta < shape.left:
                shape.left = acc.left + delta
            acc = shape
    return acc, offsets


def _separation(left: Shape, right: Shape, gap: float) -> float:
    """How far right of `left` the root of `right` must be for the two to clear by `gap`."""
    closest: float = max(map(sub, left.hi, right.lo))
    return closest + left.dx - right.dx + gap


def _overlay(left: Shape, right: Shape) -> Shape:
    """Two shapes already placed (same top, same frame), `right` to the right of `left`."""
    if right.units >= left.units:
        delta = left.dx - right.dx
        right.lo[: left.units] = map(add, left.lo, repeat(delta))
        right.left = min(right.left, left.left + delta)
        return right
    delta = right.dx - left.dx
    left.hi[: right.units] = map(add, right.hi, repeat(delta))
    left.right = max(left.right, right.right + delta)
    return left


class Stack:
    """Reports without reports of their own, in `columns` columns split by the spine:
    `left` columns on its left, the rest on its right, filled row by row."""

    def __init__(self, count: int, columns: int) -> None:
        self.count = count
        self.columns = columns
        self.left = columns // 2
        self.right = columns - self.left
        self.rows = math.ceil(count / columns)

    @property
    def units(self) -> int:
        return STACK_UNITS * (self.rows - 1) + BOX_UNITS

    @property
    def width(self) -> float:
        """From its leftmost to its rightmost box edge, the spine's channel included."""
        if self.left == 0:
            return CHANNEL + self.right * COLUMN - H_GAP
        return self.columns * COLUMN

    def parts(self) -> tuple[Shape | None, Shape | None]:
        """The left and right halves, each relative to the spine."""
        left = right = None
        if self.left:
            left = _rect(-CHANNEL - self.left * COLUMN + H_GAP, -CHANNEL, self.units)
        if self.right:
            right = _rect(CHANNEL, CHANNEL + self.right * COLUMN - H_GAP, self.units)
        return left, right

    def places(self, halves: tuple[float, float], top: int) -> list[tuple[float, int]]:
        """Each report's x relative to the spine and unit, with the stack's left and right
        halves at `halves` and its top at unit `top`, in reading order (row by row)."""
        xs = [
            halves[0] - CHANNEL - (self.left - column) * COLUMN + H_GAP + HALF
            for column in range(self.left)
        ] + [halves[1] + CHANNEL + column * COLUMN + HALF for column in range(self.right)]
        return [(x, top + row * STACK_UNITS) for row in range(self.rows) for x in xs][: self.count]


def stack_for(count: int, target: float) -> Stack:
    """The grid whose shape is closest to `target` (width / height) for `count` reports:
    one column beside the spine, or an even number split by it."""
    best, best_cost = 1, math.inf
    for columns in [1, *range(2, count, 2)]:
        rows = -(-count // columns)
        if columns > 1 and rows < 2:
            break
        width = CHANNEL + COLUMN - H_GAP if columns == 1 else columns * COLUMN
        height = (rows - 1) * STACK_UNITS * UNIT + NODE_HEIGHT
        cost = abs(math.log(width / height / target))
        if cost < best_cost - 1e-9:
            best, best_cost = columns, cost
        elif width > height * target:
            break  # wider columns only move further from the target
    return Stack(count, best)


class Arrangement:
    """How one manager's reports are arranged: the stack (if any) and the rows of the
    others, as indices into the manager's list of row members."""

    def __init__(self, stack: Stack | None, rows: list[list[int]]) -> None:
        self.stack = stack
        self.rows = rows


def _cuts(rows: Sequence[Sequence[float]], extra: tuple[float, float]) -> list[int]:
    """Where to cut each row (its members' widths) to split it around the spine: the cuts
    that make the widest left side plus the widest right side narrowest, with the two
    sides alike enough that the manager stands near the middle (half the difference counts
    as width). `extra` is the room the stack takes on each side of the first row.
    """
    lefts: list[list[float]] = []  # per row, per cut: how wide the left side is
    totals: list[float] = []
    for n, widths in enumerate(rows):
        extra_left, extra_right = extra if n == 0 else (0.0, 0.0)
        running = [extra_left]
        for w in widths:
            running.append(running[-1] + w + H_GAP)
        lefts.append(running)
        totals.append(running[-1] + extra_right)
    if len(rows) == 1:
        # One row: the cut that leaves the two sides most alike.
        running, total = lefts[0], totals[0]
        return [min(range(len(running)), key=lambda c: abs(total - 2 * running[c]))]
    best: list[int] = []
    best_cost = math.inf
    for limit in sorted({left for running in lefts for left in running}):
        # Per row, the cut leaving the least on the right without passing `limit`.
        cuts = [max(bisect_right(running, limit) - 1, 0) for running in lefts]
        widest_left = max(running[c] for running, c in zip(lefts, cuts, strict=True))
        widest_right = max(t - r[c] for t, r, c in zip(totals, lefts, cuts, strict=True))
        cost = widest_left + widest_right + abs(widest_left - widest_right) / 2
        if cost < best_cost - 1e-9:
            best, best_cost = cuts, cost
    return best


def _partition(order: Sequence[int], widths: Sequence[float], rows: int) -> list[list[int]]:
    """`order` cut into `rows` consecutive runs of about equal width."""
    total = sum(widths[i] + H_GAP for i in order)
    target = total / rows
    result: list[list[int]] = []
    current: list[int] = []
    running = 0.0
    remaining = rows
    for n, i in enumerate(order):
        w = widths[i] + H_GAP
        left_after = len(order) - n
        if current and remaining > 1 and (running + w / 2 > target or left_after < remaining):
            result.append(current)
            current, running = [], 0.0
            remaining -= 1
        current.append(i)
        running += w
    result.append(current)
    return result


def _estimate(
    widths: Sequence[float], heights: Sequence[int], stack: Stack | None, rows: list[list[int]]
) -> tuple[float, float]:
    """Rough width and height of an arrangement, from the members' bounding boxes."""
    width = NODE_WIDTH
    units = LEVEL_UNITS
    split = stack is not None or len(rows) > 1
    for n, row in enumerate(rows):
        w = sum(widths[i] + H_GAP for i in row) - (H_GAP if row else 0.0)
        u = max((heights[i] for i in row), default=0)
        if n == 0 and stack is not None:
            w += stack.width + (H_GAP if row else 0.0)
            u = max(u, stack.units)
        elif split:
            w += H_GAP
        width = max(width, w)
        units += u + (ROW_GAP_UNITS if n else 0)
    return width, units * UNIT - (UNIT * BOX_UNITS - NODE_HEIGHT)


def arrange(shapes: Sequence[Shape], leaves: int, target: float) -> Arrangement:
    """Choose a stack for `leaves` reports and rows for the others (`shapes`).

    One row, unless it is wider than MIN_WRAP and wrapping brings the manager's whole
    shape closer to `target` (width over height): then the rows that come closest.
    """
    stack = stack_for(leaves, target) if leaves >= STACK_FROM else None
    count = len(shapes)
    natural = [list(range(count))] if count else []
    if count < 2:
        return Arrangement(stack, natural)
    widths = [s.right - s.left for s in shapes]
    heights = [len(s.lo) for s in shapes]
    if stack is None:
        w = sum(widths) + H_GAP * (count - 1)
        h = (LEVEL_UNITS + max(heights)) * UNIT - (UNIT * BOX_UNITS - NODE_HEIGHT)
    else:
        w, h = _estimate(widths, heights, stack, natural)
    if w <= MIN_WRAP or w / h <= target:
        return Arrangement(stack, natural)
    best = Arrangement(stack, natural)
    best_cost = math.log(w / h / target)
    natural_width = w
    # Shortest first: the spine runs down past short subtrees to the tall ones, which hang
    # last, instead of past a tall one to small ones left dangling far below it. Each row
    # keeps reading order.
    by_height = sorted(range(count), key=lambda i: (heights[i], i))
    for rows in range(2, count + 1):
        runs = [sorted(run) for run in _partition(by_height, widths, rows)]
        w, h = _estimate(widths, heights, stack, runs)
        cost = abs(math.log(w / h / target))
        if cost < best_cost - 1e-9 and w <= WRAP_GAIN * natural_width:
            best, best_cost = Arrangement(stack, runs), cost
        if w / h < target:
            break  # more rows only make it taller
    return best


def build(
    members: Sequence[Shape],
    leaves: int,
    arrangement: Arrangement,
) -> tuple[Shape, list[tuple[float, int]], list[tuple[float, int]]]:
    """Lay out one manager: its row members' shapes (consumed) and `leaves` stacked reports.

    Returns the manager's outline and, relative to the manager's box (x from its centre,
    units from its top), where each member's root goes and where each stacked report goes.
    """
    stack = arrangement.stack
    rows = arrangement.rows
    member_at: list[tuple[float, int]] = [(0.0, 0)] * len(members)
    stacked: list[tuple[float, int]] = []
    stack_rows: tuple[list[float], int, int] = ([], 0, 0)
    row_shapes: list[tuple[int, Shape, list[float]]] = []  # top unit, outline, anchors
    split = stack is not None or len(rows) > 1
    top = LEVEL_UNITS
    rows = rows or [[]]
    cuts = [0] * len(rows)
    if split:
        parts = stack.parts() if stack is not None else (None, None)
        cuts = _cuts(
            [[members[i].width for i in row] for row in rows],
            (parts[0].width if parts[0] else 0.0, parts[1].width if parts[1] else 0.0),
        )
    for n, row in enumerate(rows):
        with_stack = n == 0 and stack is not None
        last = n == len(rows) - 1
        if not split:
            shape, offsets = pack([members[i] for i in row])
            centre = (offsets[0] + offsets[-1]) / 2
            shape.dx -= centre
            anchors = [o - centre for o in offsets]
        else:
            shape, anchors, halves = _split_row(
                [members[i] for i in row], cuts[n], stack if with_stack else None, last
            )
            if with_stack:
                assert stack is not None
                stacked = stack.places(halves, top)
                first_row = [x for x, _ in stacked[: stack.columns]]
                stack_rows = (first_row, top, stacked[-1][1])
        for i, x in zip(row, anchors, strict=True):
            member_at[i] = (x, top)
        row_shapes.append((top, shape, anchors))
        top += shape.units + ROW_GAP_UNITS
    return _outline(row_shapes, stack_rows), member_at, stacked


def _split_row(
    shapes: list[Shape], cut: int, stack: Stack | None, last: bool
) -> tuple[Shape, list[float], tuple[float, float]]:
    """A row split on both sides of the spine (x = 0), the stack's halves innermost.

    The spine runs down through the row (all of it, unless the row is the `last`; then
    past the roots' boxes and the stack), so nothing of the row may cross it there.
    Returns the row's outline relative to the spine, the members' roots' x, and the x of
    the stack's left and right halves (0 when they hug the spine, as they mostly do).
    """
    stack_left, stack_right = stack.parts() if stack is not None else (None, None)
    left = shapes[:cut] + ([stack_left] if stack_left else [])
    right = ([stack_right] if stack_right else []) + shapes[cut:]
    guarded = max(BOX_UNITS, stack.units if stack else 0) if last else None
    anchors_left: list[float] = []
    anchors_right: list[float] = []
    placed_left: Shape | None = None
    row: Shape | None = None
    if left:
        placed_left, offsets = pack(left)
        reach = max(placed_left.hi[:guarded]) + placed_left.dx
        shift = -CHANNEL - reach
        placed_left.dx += shift
        anchors_left = [o + shift for o in offsets]
        row = placed_left
    if right:
        placed_right, offsets = pack(right)
        reach = min(placed_right.lo[:guarded]) + placed_right.dx
        shift = CHANNEL - reach
        if placed_left is not None:
            shift = max(shift, _separation(placed_left, placed_right, H_GAP))
        placed_right.dx += shift
        anchors_right = [o + shift for o in offsets]
        row = placed_right if placed_left is None else _overlay(placed_left, placed_right)
    assert row is not None
    members = anchors_left[:cut] + (anchors_right[1:] if stack_right else anchors_right)
    halves = (
        anchors_left[-1] if stack_left else 0.0,
        anchors_right[0] if stack_right else 0.0,
    )
    return row, members, halves


def _outline(
    rows: list[tuple[int, Shape, list[float]]], stack_rows: tuple[list[float], int, int]
) -> Shape:
    """The manager's outline: its box, each row with the rail above it, and the spine.

    `stack_rows` are the x of a stack's first row, and the units of its first and last
    rows (an empty list: no stack)."""
    if len(rows) == 1:
        shape = rows[0][1]
        raw = -shape.dx  # x = 0 in the outline's stored values
        spine = [raw] * (LEVEL_UNITS - BOX_UNITS)  # down to the rail; widened below
        shape.lo[:0] = [raw - HALF] * BOX_UNITS + spine
        shape.hi[:0] = [raw + HALF] * BOX_UNITS + spine
    else:
        raw = 0.0
        lo = [-HALF] * BOX_UNITS + [0.0] * (LEVEL_UNITS - BOX_UNITS)
        hi = [HALF] * BOX_UNITS + [0.0] * (LEVEL_UNITS - BOX_UNITS)
        for n, (_, row, _) in enumerate(rows):
            if n:
                lo.extend([0.0] * ROW_GAP_UNITS)  # the spine, to the rail; widened below
                hi.extend([0.0] * ROW_GAP_UNITS)
            lo.extend(map(add, row.lo, repeat(row.dx)))
            hi.extend(map(add, row.hi, repeat(row.dx)))
        shape = Shape(lo, hi)
    # Above every row of reports, the rail that feeds them, as wide as their boxes. (A
    # stack's later rails run inside the stack.)
    rails = [(min(anchors), max(anchors), top) for top, _, anchors in rows if anchors]
    first_row, stack_top, stack_end = stack_rows
    if first_row:
        rails.append((min(first_row), max(first_row), stack_top))
    lo, hi = shape.lo, shape.hi
    for low, high, top in rails:
        unit = top - 1
        lo[unit] = min(lo[unit], raw + low - HALF)
        hi[unit] = max(hi[unit], raw + high + HALF)
    # The spine, down to the last rail.
    spine_end = max(max(top for _, _, top in rails), stack_end)
    lo[1:spine_end] = map(min, lo[1:spine_end], repeat(raw))
    hi[1:spine_end] = map(max, hi[1:spine_end], repeat(raw))
    shape.left = min(shape.left, min(shape.lo[:LEVEL_UNITS]))
    shape.right = max(shape.right, max(shape.hi[:LEVEL_UNITS]))
    return shape


def _manager(
    kids: Sequence[str],
    reports: Mapping[str, Sequence[str]],
    shapes: dict[str, Shape],
    relative: dict[str, tuple[float, int]],
    target: float,
    top: bool = False,
) -> Shape:
    """Arrange one manager's reports (their subtrees' `shapes` are consumed), note where
    each goes in `relative`, and return the manager's outline. The `top` of a tree is
    arranged by its real shape rather than an estimate."""
    if len(kids) == 1:
        # One report, straight beneath: most managers of a deep account map.
        only = kids[0]
        relative[only] = (0.0, LEVEL_UNITS)
        if not reports.get(only):
            return _rect(-HALF, HALF, LEVEL_UNITS + BOX_UNITS)
        shape = shapes.pop(only)
        raw = -shape.dx
        shape.lo[:0] = [raw - HALF] * LEVEL_UNITS
        shape.hi[:0] = [raw + HALF] * LEVEL_UNITS
        shape.left = min(shape.left, raw - HALF)
        shape.right = max(shape.right, raw + HALF)
        return shape
    leaves: list[str] = []
    subs: list[str] = []
    for k in kids:
        (subs if reports.get(k) else leaves).append(k)
    if not subs and len(leaves) < STACK_FROM:
        # A small team in a row: its outline is known without packing.
        span = (len(kids) - 1) * COLUMN / 2
        for n, k in enumerate(kids):
            relative[k] = (n * COLUMN - span, LEVEL_UNITS)
        return Shape(
            [-HALF] * BOX_UNITS + [-span - HALF] * LEVEL_UNITS,
            [HALF] * BOX_UNITS + [span + HALF] * LEVEL_UNITS,
        )
    stacking = len(leaves) >= STACK_FROM
    members = subs if stacking else list(kids)
    shapes_of = [shapes.pop(k) if reports.get(k) else box_shape() for k in members]
    narrow = sum([s.right - s.left for s in shapes_of]) + H_GAP * len(kids) <= MIN_WRAP
    if not stacking and not top and narrow:
        # Too narrow to wrap: one row under the manager.
        shape, anchors = _under(shapes_of)
        for k, x in zip(members, anchors, strict=True):
            relative[k] = (x, LEVEL_UNITS)
        return shape
    stacked_count = len(leaves) if stacking else 0
    arrangement = arrange(shapes_of, stacked_count, target)
    if top:
        arrangement = _closest(shapes_of, stacked_count, arrangement, target)
    if arrangement.stack is None and len(arrangement.rows) == 1:
        shape, anchors = _under(shapes_of)
        for k, x in zip(members, anchors, strict=True):
            relative[k] = (x, LEVEL_UNITS)
        return shape
    shape, member_at, stacked = build(shapes_of, stacked_count, arrangement)
    for k, at in zip(members, member_at, strict=True):
        relative[k] = at
    if stacking:
        for k, at in zip(leaves, stacked, strict=True):
            relative[k] = at
    return shape


def _closest(
    shapes: Sequence[Shape], leaves: int, chosen: Arrangement, target: float
) -> Arrangement:
    """For the top of a tree, whose shape is the chart's: of one row and a few wrapped
    ones, the arrangement whose real shape (not its estimate) is closest to `target`.
    Only the few the estimate likes best are built."""
    count = len(shapes)
    widths = [s.right - s.left for s in shapes]
    heights = [len(s.lo) for s in shapes]
    natural = Arrangement(chosen.stack, [list(range(count))] if count else [])
    if count < 2 or _estimate(widths, heights, chosen.stack, natural.rows)[0] <= MIN_WRAP:
        return natural
    by_height = sorted(range(count), key=lambda i: (heights[i], i))
    options = [natural] + [
        Arrangement(chosen.stack, [sorted(run) for run in _partition(by_height, widths, rows)])
        for rows in range(2, min(count, TOP_TRIES) + 1)
    ]

    def estimated(option: Arrangement) -> float:
        w, h = _estimate(widths, heights, option.stack, option.rows)
        return abs(math.log(w / h / target))

    best, best_cost = chosen, math.inf
    for option in sorted(options, key=estimated)[:TOP_BUILDS]:
        shape, _, _ = build([s.copy() for s in shapes], leaves, option)
        cost = abs(math.log(shape.width / (shape.units * UNIT) / target))
        if cost < best_cost - 1e-9:
            best, best_cost = option, cost
    return best


def _under(shapes: Sequence[Shape]) -> tuple[Shape, list[float]]:
    """A manager centred over one row of subtrees: its outline and their roots' x."""
    row, offsets = pack(shapes)
    centre = (offsets[0] + offsets[-1]) / 2
    raw = centre - row.dx  # the manager's x in the row's stored values
    first, last = offsets[0] - row.dx - HALF, offsets[-1] - row.dx + HALF
    spine = [raw] * (LEVEL_UNITS - BOX_UNITS - 1)
    row.lo[:0] = [raw - HALF] * BOX_UNITS + spine + [first]
    row.hi[:0] = [raw + HALF] * BOX_UNITS + spine + [last]
    row.left = min(row.left, first)
    row.right = max(row.right, last)
    row.dx -= centre
    return row, [o - centre for o in offsets]


def layout_tree(
    root: str, reports: Mapping[str, Sequence[str]], target: float
) -> tuple[Shape, dict[str, tuple[float, int]], list[str]]:
    """Lay out the tree under `root`; `reports` lists each manager's reports in reading
    order. Returns its outline, where each report's box goes relative to their manager's
    (centre x, top unit), and the tree's managers, each before their own reports.
    Iterative, so a chain thousands deep cannot hit the recursion limit."""
    managers: list[str] = []
    todo = [root]
    while todo:
        person = todo.pop()
        managers.append(person)
        todo.extend([k for k in reports[person] if reports[k]])
    shapes: dict[str, Shape] = {}
    relative: dict[str, tuple[float, int]] = {}
    for person in reversed(managers):
        shapes[person] = _manager(
            reports[person], reports, shapes, relative, target, person == root
        )
    return shapes[root], relative, managers
