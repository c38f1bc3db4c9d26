"""A force-directed layout in pure Python: multilevel Fruchterman–Reingold.

Generic over a weighted graph given as indices, so it knows nothing of deals: `influence`
turns a deal into points and ties, and canvas units back. Positions are in layout units,
where 1.0 is the distance two points joined by a tie of weight 1 settle at.

Why not networkx's `spring_layout`: it needs numpy always and scipy from 500 nodes on
(~115 MB of a frozen app that uses them for this one command), and costs O(n²) a step.
The method is Walshaw's multilevel force-directed placement (2000): merge tied pairs
level by level until a few dozen groups are left, lay those out with every pair pushing
apart, then undo the merges one level at a time, each level refining the last. At the
finer levels points push exactly on neighbours within 2k (a grid finds them) and, further
off, as the coarsest groups they belong to, so a step costs O(n + cells × groups), not
O(n²); without that far push a densely tied map folds in on itself. Each connected group
is laid out on its own and the groups are packed side by side.
benchmarks/bench_influence.py compares it with networkx on quality and speed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

Tie = tuple[int, int, float]

# A tie stronger than this pulls no harder: one very strong tie must not fold the map.
MAX_PULL = 4.0
# Below this many groups, every pair pushes on every other (exact and cheap).
COARSEST = 40
# Each coarser level spreads its groups this much further apart (Walshaw's sqrt(7/4)).
LEVEL_SCALE = math.sqrt(7 / 4)
# Steps at the coarsest level (cheap: few points) and at each finer one (where the time goes).
COARSE_STEPS = 200
REFINE_STEPS = 15
# A faint pull toward the middle, so that a loose end of a group does not drift off.
GRAVITY = 0.02


@dataclass
class _Level:
    mass: list[float]  # how many people each point stands for
    ties: list[Tie]
    parent: list[int]  # for each point, its point one level coarser (empty at the top)


def force_directed(count: int, ties: Sequence[Tie], seed: int = 0) -> list[tuple[float, float]]:
    """Positions for points `0..count-1` joined by `(a, b, weight)` ties; deterministic.

    Stronger ties pull harder (the weight scales the pull, up to MAX_PULL); ties between the
    same two points add up; loops and non-positive weights are ignored. Each connected
    group is laid out on its own and the groups are packed in rows, largest first, one
    unit apart: pushes alone would fling unconnected groups and loners far off.
    """
    rng = random.Random(seed)
    merged = _merge_ties(ties)
    placed: list[tuple[list[int], list[float], list[float]]] = []
    for members in _components(count, merged):
        local = {point: n for n, point in enumerate(members)}
        inner = [(local[a], local[b], w) for a, b, w in merged if a in local]
        xs, ys = _connected(len(members), inner, rng)
        placed.append((members, xs, ys))
    return _pack(count, placed)


def _components(count: int, ties: list[Tie]) -> list[list[int]]:
    """Connected groups, largest first (then by their first point); points in order."""
    root = list(range(count))

    def find(point: int) -> int:
        while root[point] != point:
            root[point] = root[root[point]]
            point = root[point]
        return point

    for a, b, _ in ties:
        ra, rb = find(a), find(b)
        if ra != rb:
            root[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for point in range(count):
        groups.setdefault(find(point), []).append(point)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _pack(
    count: int, placed: list[tuple[list[int], list[float], list[float]]]
) -> list[tuple[float, float]]:
    """Shelf packing: each group's box, one unit of margin, left to right in rows about as
    wide as the whole is tall; the result centred on the origin."""
    boxes = []
    for _, xs, ys in placed:
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1))
    area = sum(w * h for _, _, w, h in boxes)
    row_width = max(math.sqrt(area) * 1.2, max((w for _, _, w, _ in boxes), default=1.0))
    result = [(0.0, 0.0)] * count
    x = y = row_height = 0.0
    for (members, xs, ys), (left, top, width, height) in zip(placed, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for point, px, py in zip(members, xs, ys, strict=True):
            result[point] = (px - left + x, py - top + y)
        x += width
        row_height = max(row_height, height)
    cx = (min(p[0] for p in result) + max(p[0] for p in result)) / 2 if count else 0.0
    cy = (min(p[1] for p in result) + max(p[1] for p in result)) / 2 if count else 0.0
    return [(px - cx, py - cy) for px, py in result]


def _connected(count: int, ties: list[Tie], rng: random.Random) -> tuple[list[float], list[float]]:
    """The multilevel layout of one connected group."""
    if count == 1:
        return [0.0], [0.0]
    levels = _coarsen(count, ties)
    top = levels[-1]
    k = LEVEL_SCALE ** (len(levels) - 1)
    half = math.sqrt(sum(top.mass)) * k / 2
    xs = [rng.uniform(-half, half) for _ in top.mass]
    ys = [rng.uniform(-half, half) for _ in top.mass]
    _relax(top, xs, ys, k, COARSE_STEPS, start=half / 2 + k, groups=None)
    # Which coarsest group each point belongs to: the far-off pushes come from those.
    groups = list(range(len(top.mass)))
    for level in reversed(levels[:-1]):
        k /= LEVEL_SCALE
        # Each point starts on its group's spot, nudged so merged pairs can separate.
        jitter = 0.1 * k
        xs = [xs[p] + rng.uniform(-jitter, jitter) for p in level.parent]
        ys = [ys[p] + rng.uniform(-jitter, jitter) for p in level.parent]
        groups = [groups[p] for p in level.parent]
        _relax(level, xs, ys, k, REFINE_STEPS, start=k, groups=groups)
    _make_room(xs, ys)
    return xs, ys


# After the layout, at most a quarter of the points may sit closer than ROOM to another.
ROOM_QUANTILE = 0.25
ROOM = 0.8


def _make_room(xs: list[float], ys: list[float]) -> None:
    """Scale the points out about their centre until most have room of their own.

    The far pushes come from whole groups, so a densely tied map still folds in a little
    at each level; its shape stays right (a uniform scale changes no stress), only its
    size does not, and overlap removal would otherwise have thousands of boxes to move.
    """
    if len(xs) < 2:
        return
    nearest = sorted(_nearest_within(xs, ys, ROOM))
    quantile = nearest[int(ROOM_QUANTILE * (len(nearest) - 1))]
    if quantile >= ROOM:
        return
    scale = ROOM / max(quantile, 1e-3)
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    for i in range(len(xs)):
        xs[i] = cx + (xs[i] - cx) * scale
        ys[i] = cy + (ys[i] - cy) * scale


def _nearest_within(xs: list[float], ys: list[float], reach: float) -> list[float]:
    """Each point's distance to its nearest other point, or `reach` if none is closer."""
    grid: dict[tuple[int, int], list[int]] = {}
    for i in range(len(xs)):
        grid.setdefault((math.floor(xs[i] / reach), math.floor(ys[i] / reach)), []).append(i)
    found = []
    for i in range(len(xs)):
        cx, cy = math.floor(xs[i] / reach), math.floor(ys[i] / reach)
        best2 = reach * reach
        for gx in (cx - 1, cx, cx + 1):
            for gy in (cy - 1, cy, cy + 1):
                for j in grid.get((gx, gy), ()):
                    if j != i:
                        ex, ey = xs[i] - xs[j], ys[i] - ys[j]
                        best2 = min(best2, ex * ex + ey * ey)
        found.append(math.sqrt(best2))
    return found


def _merge_ties(ties: Sequence[Tie]) -> list[Tie]:
    weights: dict[tuple[int, int], float] = {}
    for a, b, w in ties:
        if a != b and w > 0:
            key = (a, b) if a < b else (b, a)
            weights[key] = weights.get(key, 0.0) + w
    return [(a, b, min(w, MAX_PULL)) for (a, b), w in sorted(weights.items())]


def _coarsen(count: int, ties: list[Tie]) -> list[_Level]:
    """The levels, finest first: each merges tied pairs of the one before."""
    levels = [_Level([1.0] * count, ties, [])]
    while len(levels[-1].mass) > COARSEST:
        level = levels[-1]
        parent, groups = _match(level)
        if groups > 0.9 * len(level.mass):
            break  # nothing left worth merging
        level.parent = parent
        mass = [0.0] * groups
        for point, group in enumerate(parent):
            mass[group] += level.mass[point]
        coarse = [(parent[a], parent[b], w) for a, b, w in level.ties]
        levels.append(_Level(mass, _merge_ties(coarse), []))
    return levels


def _match(level: _Level) -> tuple[list[int], int]:
    """Pair each point with its most strongly tied free neighbour (light points first);
    then pair the leftovers that share a neighbour (a manager's reports) or have none."""
    count = len(level.mass)
    neighbours: list[list[tuple[float, int]]] = [[] for _ in range(count)]
    for a, b, w in level.ties:
        neighbours[a].append((w, b))
        neighbours[b].append((w, a))
    partner = [-1] * count
    for point in sorted(range(count), key=lambda p: (level.mass[p], len(neighbours[p]), p)):
        if partner[point] != -1:
            continue
        free = [(-w, level.mass[n], n) for w, n in neighbours[point] if partner[n] == -1]
        if free:
            other = min(free)[2]
            partner[point], partner[other] = other, point
    leftovers: dict[int, list[int]] = {}
    for point in range(count):
        if partner[point] == -1:
            hub = min(((-w, n) for w, n in neighbours[point]), default=(0.0, -1))[1]
            leftovers.setdefault(hub, []).append(point)
    for points in leftovers.values():
        for a, b in zip(points[::2], points[1::2], strict=False):
            partner[a], partner[b] = b, a
    parent = [-1] * count
    groups = 0
    for point in range(count):
        if parent[point] == -1:
            parent[point] = groups
            if partner[point] != -1:
                parent[partner[point]] = groups
            groups += 1
    return parent, groups


def _relax(
    level: _Level,
    xs: list[float],
    ys: list[float],
    k: float,
    steps: int,
    start: float,
    groups: list[int] | None,
) -> None:
    """Fruchterman–Reingold steps: ties pull w·d²/k, points push m·k²/d, each step at most
    the cooling temperature long. Without `groups` every pair pushes; with them, points
    push exactly within 2k and, further off, as the groups they belong to."""
    count = len(xs)
    mass = level.mass
    temperature = start
    cooling = (0.02 * k / start) ** (1 / max(steps, 1))  # ends near 2% of k
    for _ in range(steps):
        dx = [0.0] * count
        dy = [0.0] * count
        if groups is None:
            _push_all(xs, ys, mass, dx, dy, k)
        else:
            cells = _push_near(xs, ys, mass, dx, dy, k)
            _push_far(xs, ys, mass, groups, cells, dx, dy, k)
        cx, cy = sum(xs) / count, sum(ys) / count
        for i in range(count):
            dx[i] -= GRAVITY * mass[i] * (xs[i] - cx) / k
            dy[i] -= GRAVITY * mass[i] * (ys[i] - cy) / k
        for a, b, w in level.ties:
            ex, ey = xs[a] - xs[b], ys[a] - ys[b]
            # Pull w·d²/k along (ex, ey)/d, that is (ex, ey)·w·d/k.
            pull = math.sqrt(ex * ex + ey * ey) * w / k
            dx[a] -= ex * pull
            dy[a] -= ey * pull
            dx[b] += ex * pull
            dy[b] += ey * pull
        for i in range(count):
            # A heavy group moves as slowly as its pushes are strong.
            fx, fy = dx[i] / mass[i], dy[i] / mass[i]
            length = math.sqrt(fx * fx + fy * fy)
            if length > temperature:
                fx *= temperature / length
                fy *= temperature / length
            xs[i] += fx
            ys[i] += fy
        temperature *= cooling


def _push_far(
    xs: list[float],
    ys: list[float],
    mass: list[float],
    groups: list[int],
    cells: dict[tuple[int, int], list[int]],
    dx: list[float],
    dy: list[float],
    k: float,
) -> None:
    """The push of every group on every grid cell, as from its centre of mass, softened by
    its spread and the 2k of exact pushes so that a group barely pushes its own members
    or its near neighbours (Plummer softening). Costs cells × groups, not n²."""
    count = max(groups) + 1
    gm = [0.0] * count
    gx = [0.0] * count
    gy = [0.0] * count
    g2 = [0.0] * count
    for i, g in enumerate(groups):
        m = mass[i]
        gm[g] += m
        gx[g] += m * xs[i]
        gy[g] += m * ys[i]
        g2[g] += m * (xs[i] * xs[i] + ys[i] * ys[i])
    centres = []
    for g in range(count):
        cx, cy = gx[g] / gm[g], gy[g] / gm[g]
        spread = max(g2[g] / gm[g] - cx * cx - cy * cy, 0.0)
        centres.append((cx, cy, gm[g] * k * k, spread + 4 * k * k))
    for members in cells.values():
        px = sum(xs[i] for i in members) / len(members)
        py = sum(ys[i] for i in members) / len(members)
        fx = fy = 0.0
        for cx, cy, strength, soft in centres:
            ex, ey = px - cx, py - cy
            f = strength / (ex * ex + ey * ey + soft)
            fx += ex * f
            fy += ey * f
        for i in members:
            dx[i] += fx * mass[i]
            dy[i] += fy * mass[i]


def _apart(i: int, j: int, scale: float) -> tuple[float, float]:
    """The push between two points on one spot: along a direction fixed by their indices,
    so the result stays deterministic."""
    angle = (i * 7919 + j * 104729) % 360 * math.pi / 180
    return math.cos(angle) * scale * 100, math.sin(angle) * scale * 100


# The two loops below inline the push `m_i·m_j·k² / d` along (ex, ey)/d, that is
# (ex, ey)·m_i·m_j·k²/d²: they are where the time goes.
def _push_all(
    xs: list[float], ys: list[float], mass: list[float], dx: list[float], dy: list[float], k: float
) -> None:
    k2 = k * k
    count = len(xs)
    for i in range(count):
        xi, yi, mi = xs[i], ys[i], mass[i] * k2
        fxi = fyi = 0.0
        for j in range(i + 1, count):
            ex, ey = xi - xs[j], yi - ys[j]
            d2 = ex * ex + ey * ey
            if d2 < 1e-12:
                fx, fy = _apart(i, j, mi * mass[j])
            else:
                f = mi * mass[j] / d2
                fx, fy = ex * f, ey * f
            fxi += fx
            fyi += fy
            dx[j] -= fx
            dy[j] -= fy
        dx[i] += fxi
        dy[i] += fyi


def _push_near(
    xs: list[float], ys: list[float], mass: list[float], dx: list[float], dy: list[float], k: float
) -> dict[tuple[int, int], list[int]]:
    """Pushes between points closer than 2k (Walshaw's cut-off), found through a grid of
    2k cells; returns the grid."""
    reach = 2 * k
    reach2 = reach * reach
    k2 = k * k
    grid: dict[tuple[int, int], list[int]] = {}
    for i in range(len(xs)):
        grid.setdefault((math.floor(xs[i] / reach), math.floor(ys[i] / reach)), []).append(i)
    for (cx, cy), members in grid.items():
        # Each pair once: this cell with itself, then four of its neighbours (the other four
        # see this cell as their neighbour).
        others: list[int] = []
        for key in ((cx + 1, cy - 1), (cx + 1, cy), (cx + 1, cy + 1), (cx, cy + 1)):
            others.extend(grid.get(key, ()))
        for n, i in enumerate(members):
            xi, yi, mi = xs[i], ys[i], mass[i] * k2
            fxi = fyi = 0.0
            for j in members[n + 1 :] + others:
                ex, ey = xi - xs[j], yi - ys[j]
                d2 = ex * ex + ey * ey
                if d2 >= reach2:
                    continue
                if d2 < 1e-12:
                    fx, fy = _apart(i, j, mi * mass[j])
                else:
                    f = mi * mass[j] / d2
                    fx, fy = ex * f, ey * f
                fxi += fx
                fyi += fy
                dx[j] -= fx
                dy[j] -= fy
            dx[i] += fxi
            dy[i] += fyi
    return grid
