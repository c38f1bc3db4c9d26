"""The org chart of big maps: size, shape and speed, against the layouts it replaces.

    .venv/bin/python benchmarks/bench_layout.py [--rounds N] [--no-dot]

For generated reports-to trees of 300, 2,000 and 5,000 people (`account_maps`: a random
account map, and a company of teams, a CEO with 8 VPs each with 5–40 people and so on
down), in the same run:

- `compact`: `layout.org_chart`, this app's org chart (goal: under 50 ms at 5,000 people;
  the chart within 3:1 either way);
- `leaf-column`: the layout it replaced (a column for every person without reports,
  managers centred over their first and last report), kept here as the baseline;
- `dot`: Graphviz's layered layout of the same tree with the same box size and gaps, when
  `dot` is installed (run once; its time includes starting the process).

Columns: the median and the fastest time (on a shared machine the fastest is the closest to
an idle one's); the chart's extent in canvas units and its aspect (width over height); how
wide a box is at fit in a 1600×1000 view; how wide a box prints when the chart is scaled
onto one A4 landscape page (277×190 mm); and how many such pages it takes printed at
0.15 mm per canvas unit (a box 26 mm wide, names at about 6 pt). Prints a table; asserts
nothing (timings are not tests).
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable

from account_maps import account_map, company_map

from consensus_map.domain import Deal, Stakeholder, TieKind
from consensus_map.layout import H_GAP, NODE_HEIGHT, NODE_WIDTH, V_GAP, org_chart

Point = tuple[float, float]
SIZES = (300, 2000, 5000)
VIEW = (1600, 1000)
PAGE_MM = (277, 190)
MM_PER_UNIT = 0.15


# ------------------------------------------------- the leaf-column layout (baseline)
COLUMN = NODE_WIDTH + H_GAP
LEVEL = NODE_HEIGHT + V_GAP


def leaf_column_org_chart(deal: Deal) -> dict[str, Point]:
    """The org chart before the compact layout, verbatim but for names."""

    def by_name(person: Stakeholder) -> tuple[str, str]:
        return (person.name.casefold(), person.id)

    people = sorted(deal.stakeholders, key=by_name)
    reports: dict[str, list[str]] = {p.id: [] for p in people}
    manager_of = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
    for person in people:
        if person.id in manager_of:
            reports[manager_of[person.id]].append(person.id)
    roots = [p.id for p in people if p.id not in manager_of and reports[p.id]]
    loners = [p.id for p in people if p.id not in manager_of and not reports[p.id]]
    columns: dict[str, float] = {}
    depth: dict[str, int] = {}
    next_column = 0.0
    for root in roots:
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
        next_column += 0.5
    width = max(next_column - 0.5, 0.0)
    levels = max(depth.values(), default=-1) + 1
    positions = {pid: (columns[pid] * COLUMN, depth[pid] * LEVEL) for pid in columns}
    if loners:
        per_row = max(int(width), math.ceil(math.sqrt(len(loners))), 1)
        top = levels + (0.5 if levels else 0.0)
        for n, pid in enumerate(loners):
            row, col = divmod(n, per_row)
            positions[pid] = (col * COLUMN, (top + row) * LEVEL)
    return {p.id: positions[p.id] for p in deal.stakeholders}


# ------------------------------------------------------------------ Graphviz dot
def dot_layout(deal: Deal) -> dict[str, Point]:
    """Graphviz dot's positions for the reports-to forest, boxes and gaps as ours."""
    lines = [
        "digraph org {",
        f"  nodesep={H_GAP / 72:.3f}; ranksep={V_GAP / 72:.3f};",
        f"  node [shape=box, fixedsize=true, width={NODE_WIDTH / 72:.4f}, "
        f'height={NODE_HEIGHT / 72:.4f}, label=""];',
    ]
    lines += [f'  "{p.id}";' for p in deal.stakeholders]
    lines += [f'  "{t.target}" -> "{t.source}";' for t in deal.ties if t.kind is TieKind.REPORTS_TO]
    lines.append("}")
    result = subprocess.run(
        ["dot", "-Tplain"], input="\n".join(lines), capture_output=True, text=True, check=True
    )
    positions: dict[str, Point] = {}
    for line in result.stdout.splitlines():
        fields = line.split()
        if fields and fields[0] == "node":
            # Inches, y up: to canvas units, y down.
            positions[fields[1].strip('"')] = (float(fields[2]) * 72, -float(fields[3]) * 72)
    return positions


# ------------------------------------------------------------------------ measure
def extent(positions: dict[str, Point]) -> tuple[float, float]:
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    return max(xs) - min(xs) + NODE_WIDTH, max(ys) - min(ys) + NODE_HEIGHT


def timings_ms(action: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median and fastest of `rounds` runs: on a shared machine the fastest is the closest
    to the time on an idle one."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def row(
    name: str, size: int, layout: str, ms: tuple[float, float], positions: dict[str, Point]
) -> str:
    width, height = extent(positions)
    fit = min(VIEW[0] / width, VIEW[1] / height)
    one_page = min(PAGE_MM[0] / width, PAGE_MM[1] / height)
    pages = math.ceil(width * MM_PER_UNIT / PAGE_MM[0]) * math.ceil(
        height * MM_PER_UNIT / PAGE_MM[1]
    )
    return (
        f"{name:<8} {size:>6,} {layout:<12} {ms[0]:>8.1f} {ms[1]:>8.1f}"
        f" {width:>10,.0f} × {height:<8,.0f}"
        f" {width / height:>7.1f}:1 {NODE_WIDTH * fit:>7.1f}px {NODE_WIDTH * one_page:>6.1f}mm"
        f" {pages:>7,}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--no-dot", action="store_true", help="skip Graphviz dot")
    args = parser.parse_args()
    dot = None if args.no_dot else shutil.which("dot")

    print(
        f"{'map':<8} {'people':>6} {'layout':<12} {'median':>8} {'fastest':>8}"
        f" {'extent (canvas units)':>21}"
        f" {'aspect':>9} {'box@fit':>9} {'1 page':>8} {'pages':>7}"
    )
    goals = []
    for name, generate in (("account", account_map), ("company", company_map)):
        for size in SIZES:
            deal = generate(size, extra_ties=0.0)
            old_ms = timings_ms(lambda d=deal: leaf_column_org_chart(d), args.rounds)
            new_ms = timings_ms(lambda d=deal: org_chart(d), args.rounds)
            print(row(name, size, "leaf-column", old_ms, leaf_column_org_chart(deal)))
            compact = org_chart(deal)
            print(row(name, size, "compact", new_ms, compact))
            if dot:
                start = time.perf_counter()
                placed = dot_layout(deal)
                once = (time.perf_counter() - start) * 1000
                print(row(name, size, "dot", (once, once), placed))
            width, height = extent(compact)
            if size == max(SIZES):
                goals.append((name, new_ms, old_ms, width / height))
    if not dot:
        why = "--no-dot" if args.no_dot else "Graphviz dot is not installed"
        print(f"(dot rows skipped: {why})")
    print()
    for name, new_ms, old_ms, aspect in goals:
        print(
            f"{name} at {max(SIZES):,}: compact {new_ms[0]:.1f} ms median, {new_ms[1]:.1f} ms "
            f"fastest ({new_ms[1] / old_ms[1]:.1f}× the leaf-column layout's fastest; goal "
            f"< 50 ms), aspect {aspect:.2f}:1 (goal within 3:1)"
        )


if __name__ == "__main__":
    main()
