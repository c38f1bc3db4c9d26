"""Where people new to a map go: near their manager, overlapping no one.

Used when an import brings people without positions. With nobody placed yet it is the org
chart itself. Otherwise each newcomer whose manager is on the map goes just below them (a
lone person at the nearest free spot; a newcomer with new reports as a small org chart,
slid sideways until it is clear), and newcomers without a manager on the map are laid out
as an org chart beneath everyone. Pure and deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

from consensus_map.domain import TieKind
from consensus_map.layout.geometry import (
    MIN_GAP,
    NODE_HEIGHT,
    V_GAP,
    BoxIndex,
    Point,
    index_of,
    nearest_free,
)
from consensus_map.layout.org_chart import COLUMN, LEVEL, org_chart
from consensus_map.layout.roster import PeopleAndTies, Placeable, Roster

# How far a newcomer is slid sideways (in columns each way) and down (in rows) looking for
# room by their manager, before the free spot nearest to them anywhere is taken.
MAX_SHIFT = 12
ROWS_DOWN = 4


def place_newcomers(deal: PeopleAndTies, newcomers: Collection[str]) -> dict[str, Point]:
    """Positions for the people `newcomers` of `deal`; everyone else keeps theirs."""
    new = set(newcomers)
    if not new:
        return {}
    people = {p.id: p for p in deal.stakeholders}
    if len(new) == len(people):
        return org_chart(deal)
    manager_of = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
    placed = {pid: (p.x, p.y) for pid, p in people.items() if pid not in new}
    index = index_of(placed.values())
    reports: dict[str, list[str]] = {}
    for pid in sorted(new, key=lambda i: _order(people[i])):
        boss = manager_of.get(pid)
        if boss is not None:
            reports.setdefault(boss, []).append(pid)

    positions: dict[str, Point] = {}
    anchored = [
        p for p in sorted(new, key=lambda i: _order(people[i])) if manager_of.get(p) in placed
    ]
    for root in anchored:
        team = _team(root, reports)
        boss_x, boss_y = placed[manager_of[root]]
        below = (boss_x, boss_y + LEVEL)
        if len(team) == 1:
            spot = _on_the_rows(index, (boss_x, boss_y)) or nearest_free(index, below, MIN_GAP)
            spot = (round(spot[0], 1), round(spot[1], 1))
            index.add(spot)
            positions[root] = spot
            continue
        chart = _chart(deal, team, people)
        offset = _room_near(index, chart, chart[root], below)
        if offset is None:
            offset = _beneath(placed, positions, chart)
        _put(chart, offset, index, positions)

    loose = [p for p in new if p not in positions and not _has_new_ancestor(p, manager_of, new)]
    if loose:
        members = [
            m
            for root in sorted(loose, key=lambda i: _order(people[i]))
            for m in _team(root, reports)
        ]
        chart = _chart(deal, members, people)
        _put(chart, _beneath(placed, positions, chart), index, positions)
    return positions


def _order(person: Placeable) -> tuple[str, str]:
    return (person.name.casefold(), person.id)


def _team(root: str, reports: Mapping[str, list[str]]) -> list[str]:
    """`root` and every newcomer below them."""
    team, stack = [], [root]
    while stack:
        pid = stack.pop()
        team.append(pid)
        stack.extend(reversed(reports.get(pid, [])))
    return team


def _has_new_ancestor(pid: str, manager_of: Mapping[str, str], new: set[str]) -> bool:
    boss = manager_of.get(pid)
    return boss is not None and boss in new


def _chart(
    deal: PeopleAndTies, members: list[str], people: Mapping[str, Placeable]
) -> dict[str, Point]:
    """An org chart of `members` alone, at the origin."""
    inside = set(members)
    ties = [
        t
        for t in deal.ties
        if t.kind is TieKind.REPORTS_TO and t.source in inside and t.target in inside
    ]
    return org_chart(Roster([people[m] for m in members], ties))


def _row_offsets() -> list[Point]:
    """Spots below a manager on the org chart's rows and half-columns, nearest first."""
    offsets = [
        (k * COLUMN / 2, m * LEVEL)
        for m in range(1, ROWS_DOWN + 1)
        for k in range(-2 * MAX_SHIFT, 2 * MAX_SHIFT + 1)
    ]
    return sorted(offsets, key=lambda o: (math.hypot(*o), abs(o[0]), o[0], o[1]))


_ROW_OFFSETS = _row_offsets()


def _on_the_rows(index: BoxIndex, boss: Point) -> Point | None:
    """The nearest free spot below `boss` that keeps the chart's rows (room for the ties)."""
    for dx, dy in _ROW_OFFSETS:
        spot = (boss[0] + dx, boss[1] + dy)
        if index.is_free(spot, MIN_GAP):
            return spot
    return None


def _fits(index: BoxIndex, chart: Mapping[str, Point], dx: float, dy: float) -> bool:
    return all(index.is_free((x + dx, y + dy), MIN_GAP) for x, y in chart.values())


def _room_near(
    index: BoxIndex, chart: Mapping[str, Point], root: Point, target: Point
) -> Point | None:
    """The smallest sideways slide that puts `chart`'s root near `target` on free ground."""
    base_x, base_y = target[0] - root[0], target[1] - root[1]
    for down in range(ROWS_DOWN):
        for step in range(2 * MAX_SHIFT + 1):
            shift = (step + 1) // 2 * (1 if step % 2 else -1)
            dx, dy = base_x + shift * COLUMN, base_y + down * LEVEL
            if _fits(index, chart, dx, dy):
                return (dx, dy)
    return None


def _beneath(
    placed: Mapping[str, Point], positions: Mapping[str, Point], chart: Mapping[str, Point]
) -> Point:
    """The offset that puts `chart` below everyone, left-aligned with the map."""
    everyone = [*placed.values(), *positions.values()]
    left = min(x for x, _ in everyone)
    bottom = max(y for _, y in everyone)
    top = bottom + NODE_HEIGHT + V_GAP
    return (left - min(x for x, _ in chart.values()), top - min(y for _, y in chart.values()))


def _put(
    chart: Mapping[str, Point],
    offset: Point,
    index: BoxIndex,
    positions: dict[str, Point],
) -> None:
    for pid, (x, y) in chart.items():
        spot = (round(x + offset[0], 1), round(y + offset[1], 1))
        index.add(spot)
        positions[pid] = spot
