"""Two windows on one deal: the cost of watching the file and of following another window.

Run: `.venv/bin/python benchmarks/bench_reload.py`. On a 5,000-person account map:

- the look each window takes every second (`DealFile.disk_state`), against a bare
  `PRAGMA data_version` on a plain connection;
- an edit written through when nothing else wrote (with the check under the write lock),
  against a bare UPDATE + COMMIT;
- following another window's edit of one person (`reload` + `Deal.reload_from`), against
  opening the file afresh (what a reload that rebuilt everything would cost at least).

Prints one table with each measurement, its goal, the baseline from the same run, and a
verdict. Headless (no Qt): the document adds a signal and one analysis on top.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from account_maps import account_map

from consensus_map.store import create_deal_file, open_deal_file

PEOPLE = 5_000
ROUNDS = 200
GOAL_LOOK_MS = 1.0  # every second, on the UI thread: must be invisible
GOAL_EDIT_MS = 5.0  # the foundation's write-through goal
GOAL_FOLLOW_S = 1.0  # another window's edit shows within a second of the look


def median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    rows: list[tuple[str, str, str, str, str]] = []

    def add(name: str, value_ms: float, goal_ms: float, base: str) -> None:
        verdict = "pass" if value_ms < goal_ms else "FAIL"
        rows.append((name, f"{value_ms:.3f} ms", f"{goal_ms:.1f} ms", base, verdict))

    with tempfile.TemporaryDirectory(prefix="bench-reload-") as folder:
        path = Path(folder) / "account.dealmap"
        create_deal_file(path, account_map(PEOPLE, seed=1, arranged=True))
        with open_deal_file(path) as mine, open_deal_file(path) as theirs:
            bare = sqlite3.connect(path, isolation_level=None)
            look = median_ms(mine.disk_state)
            bare_look = median_ms(lambda: bare.execute("PRAGMA data_version").fetchone())
            add(f"look at the file, {PEOPLE} people", look, GOAL_LOOK_MS,
                f"bare PRAGMA data_version {bare_look:.3f} ms")  # fmt: skip

            ids = [p.id for p in mine.deal.stakeholders]
            counter = iter(range(10**9))

            def edit() -> None:
                deal = mine.deal
                person = deal.stakeholder(ids[next(counter) % len(ids)])
                deal.update_stakeholders([person.edit(title=f"T{next(counter)}")], was=[person])

            # Nobody else writes meanwhile (the usual case): the check under the lock is a
            # stat and a PRAGMA. The bare baseline writes a copy, so neither invalidates the
            # other's cache.
            copy = Path(folder) / "bare.dealmap"
            copy.write_bytes(path.read_bytes())
            other = sqlite3.connect(copy, isolation_level=None)
            other.execute("PRAGMA synchronous=FULL")

            def bare_edit() -> None:
                other.execute("BEGIN IMMEDIATE")
                other.execute(
                    "UPDATE stakeholders SET title = ? WHERE id = ?",
                    (f"B{next(counter)}", ids[next(counter) % len(ids)]),
                )
                other.execute("COMMIT")

            ours, base = [], []
            for _ in range(5):  # alternating rounds, so that disk drift hits both
                base.append(median_ms(bare_edit, ROUNDS // 5))
                ours.append(median_ms(edit, ROUNDS // 5))
            other.close()
            add(f"edit written through, {PEOPLE}", statistics.median(ours), GOAL_EDIT_MS,
                f"bare UPDATE+COMMIT {statistics.median(base):.3f} ms")  # fmt: skip

            follows, opens = [], []
            for n in range(10):
                person = theirs.deal.stakeholder(ids[n])
                if theirs.disk_state() != "same":
                    theirs.deal.reload_from(theirs.reload())
                theirs.deal.update_stakeholders([person.edit(notes=f"N{n}")], was=[person])
                start = time.perf_counter()
                mine.deal.reload_from(mine.reload())
                follows.append(time.perf_counter() - start)
                start = time.perf_counter()
                open_deal_file(path).close()
                opens.append(time.perf_counter() - start)
            add(f"follow another window's edit, {PEOPLE}", statistics.median(follows) * 1000,
                GOAL_FOLLOW_S * 1000,
                f"open the file afresh {statistics.median(opens) * 1000:.1f} ms")  # fmt: skip
            bare.close()

    header = ("measurement", "result", "goal", "baseline (same run)", "verdict")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
