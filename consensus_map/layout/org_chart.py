"""Arrange a deal as an org chart: the reports-to forest top down, managers over reports.

A leaf-counting tidy layout: every person without reports takes the next column, and each
manager is centred over their first and last report. Columns never repeat, so two people
on the same level can never overlap. People outside the org chart (no manager, no reports)
go in rows beneath the trees.
"""

from __future__ import annotations

import math

from consensus_map.domain import Deal, Stakeholder, TieKind
from consensus_map.layout.geometry import H_GAP, NODE_HEIGHT, NODE_WIDTH, V_GAP, Point

COLUMN = NODE_WIDTH + H_GAP
LEVEL = NODE_HEIGHT + V_GAP
# Extra room between two separate trees, in columns.
TREE_GAP = 0.5


def _by_name(person: Stakeholder) -> tuple[str, str]:
    return (person.name.casefold(), person.id)


def org_chart(deal: Deal) -> dict[str, Point]:
    """Positions (box centres) for everyone in `deal`; deterministic."""
    people = sorted(deal.stakeholders, key=_by_name)
    reports: dict[str, list[str]] = {p.id: [] for p in people}
    manager_of = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
    has_manager = set(manager_of)
    # `people` is sorted, so each list of reports comes out ordered by name then id.
    for person in people:
        if person.id in manager_of:
            reports[manager_of[person.id]].append(person.id)

    roots = [p.id for p in people if p.id not in has_manager and reports[p.id]]
    loners = [p.id for p in people if p.id not in has_manager and not reports[p.id]]

    columns: dict[str, float] = {}
    depth: dict[str, int] = {}
    next_column = 0.0
    for root in roots:
        next_column = _place_tree(root, reports, columns, depth, next_column) + TREE_GAP
    width = max(next_column - TREE_GAP, 0.0)
    levels = max(depth.values(), default=-1) + 1

    positions = {pid: (columns[pid] * COLUMN, depth[pid] * LEVEL) for pid in columns}
    if loners:
        # A row block beneath the trees, as wide as the trees (or squarish when alone).
        per_row = max(int(width), math.ceil(math.sqrt(len(loners))), 1)
        top = levels + (0.5 if levels else 0.0)
        for n, pid in enumerate(loners):
            row, col = divmod(n, per_row)
            positions[pid] = (col * COLUMN, (top + row) * LEVEL)
    return {p.id: positions[p.id] for p in deal.stakeholders}


def _place_tree(
    root: str,
    reports: dict[str, list[str]],
    columns: dict[str, float],
    depth: dict[str, int],
    next_column: float,
) -> float:
    """Assign columns to one tree starting at `next_column`; returns the next free column.

    Iterative post-order walk, so a chain thousands deep cannot hit the recursion limit.
    """
    depth[root] = 0
    stack: list[tuple[str, bool]] = [(root, False)]
    while stack:
        pid, children_done = stack.pop()
        kids = reports[pid]
        if not kids:
            columns[pid] = next_column
            next_column += 1
        elif children_done:
            columns[pid] = (columns[kids[0]] + columns[kids[-1]]) / 2
        else:
            stack.append((pid, True))
            for kid in reversed(kids):
                depth[kid] = depth[pid] + 1
                stack.append((kid, False))
    return next_column
