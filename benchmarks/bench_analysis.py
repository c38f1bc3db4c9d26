"""Speed of the consensus engine, measured against baselines in the same run.

    .venv/bin/python benchmarks/bench_analysis.py [--rounds N]

1. In process: `analyze` (the sensitivity range included) and `engagement_plan(5)` on a
   50-person committee (goal: analysis under 20 ms, median), and the range's own share.
2. Whole processes on a generated 5,000-person account map (reports-to tree plus about two
   influence/ally/rival ties per person) stored with `create_deal_file`:
   `consensus-map risks --json FILE` against a bare process that loads the same graph from
   the file into networkx and runs `nx.pagerank` (goal: ≤ 2.0×), and
   `consensus-map plan FILE --meetings 5` (goal: ≤ 3.0×). Runs alternate; the figure is the
   median of the per-round ratios.
3. Edit → analysis → repaint on a 50-person committee in the window (goal: under 50 ms),
   measured by `bench_app.latency` (`--no-app` skips it).
Prints a table; asserts nothing (timings are not tests).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from account_maps import account_map

from consensus_map.analysis import analyze, engagement_plan
from consensus_map.analysis.engine import prepare
from consensus_map.analysis.sensitivity import consensus_range

TODAY = date(2026, 12, 1)
PYTHON = sys.executable
BASELINE = """
import sqlite3, sys
import networkx as nx
conn = sqlite3.connect(sys.argv[1])
graph = nx.DiGraph()
graph.add_nodes_from(row[0] for row in conn.execute("SELECT id FROM stakeholders"))
graph.add_weighted_edges_from(conn.execute("SELECT source, target, strength FROM ties"))
rank = nx.pagerank(graph)
print(len(rank))
"""


def median_ms(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--no-app", action="store_true", help="skip the in-window latency")
    args = parser.parse_args()

    committee = account_map(50)
    prepared = prepare(committee, today=TODAY)
    state = prepared.start()
    rows = [
        ("analyze (range included), 50-person committee",
         median_ms(lambda: analyze(committee, today=TODAY), 51), "< 20 ms"),
        ("  of which the sensitivity range",
         median_ms(lambda: consensus_range(prepared, state, 0.5), 51), ""),
        ("plan 5 meetings, 50 people", median_ms(lambda: engagement_plan(committee, 5), 51), ""),
    ]  # fmt: skip
    big = account_map(args.size)
    rows.append((f"analyze, {args.size} people (in process)",
                 median_ms(lambda: analyze(big, today=TODAY), 5), ""))  # fmt: skip
    big_prepared = prepare(big, today=TODAY)
    big_state = big_prepared.start()
    big_range = median_ms(lambda: consensus_range(big_prepared, big_state, 0.5), 5)
    rows.append(("  of which the sensitivity range", big_range, ""))
    rows.append((f"plan 5 meetings, {args.size} people (in process)",
                 median_ms(lambda: engagement_plan(big, 5), 5), ""))  # fmt: skip
    print(f"{'measure':<48} {'median':>10}  goal")
    for label, ms, goal in rows:
        print(f"{label:<48} {ms:>8.1f}ms  {goal}")

    try:
        from consensus_map.store import create_deal_file
    except ImportError:
        print("\n(store not available: whole-process comparison skipped)")
        return
    from bench_app import compile_bytecode

    compile_bytecode()  # as an installed copy has it (see bench_app)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "account.dealmap"
        create_deal_file(path, big)
        baseline = [PYTHON, "-c", BASELINE, str(path)]
        risks = [PYTHON, "-m", "consensus_map", "risks", "--json", str(path)]
        plan = [PYTHON, "-m", "consensus_map", "plan", str(path), "--meetings", "5"]
        for command in (baseline, risks, plan):  # warm the OS caches once
            run(command)
        base_t, risks_t, plan_t, risks_r, plan_r = [], [], [], [], []
        for _ in range(args.rounds):
            b = run(baseline)
            r = run(risks)
            p = run(plan)
            base_t.append(b)
            risks_t.append(r)
            plan_t.append(p)
            risks_r.append(r / b)
            plan_r.append(p / b)
    print(f"\nwhole processes, {args.size}-person map, {args.rounds} alternating rounds")
    print(f"{'process':<48} {'median':>10}  {'ratio':>6}  goal")
    print(f"{'baseline: networkx load + nx.pagerank':<48} {statistics.median(base_t):>9.3f}s")
    print(f"{'consensus-map risks --json':<48} {statistics.median(risks_t):>9.3f}s  "
          f"{statistics.median(risks_r):>5.2f}x  <= 2.0x")  # fmt: skip
    print(f"{'consensus-map plan --meetings 5':<48} {statistics.median(plan_t):>9.3f}s  "
          f"{statistics.median(plan_r):>5.2f}x  <= 3.0x")  # fmt: skip
    if not args.no_app:
        from bench_app import latency

        with tempfile.TemporaryDirectory() as tmp:
            edits, analysis_only = latency(Path(tmp))
        print(f"\n{'edit → analysis → repaint, 50 people (window)':<48} "
              f"{statistics.median(edits):>8.1f}ms  < 50 ms")  # fmt: skip
        print(f"{'  baseline: the analysis alone':<48} "
              f"{statistics.median(analysis_only):>8.1f}ms")  # fmt: skip


if __name__ == "__main__":
    main()
