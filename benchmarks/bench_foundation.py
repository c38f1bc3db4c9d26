"""Foundation benchmark: JSON import, `check`, and write-through edit latency on account maps.

Run: `.venv/bin/python benchmarks/bench_foundation.py [--dir FOLDER]`. Prints one table with
each measurement, its goal, a baseline measured in the same run on the same disk, and
pass/fail. The maps are generated: a reports-to tree plus about two influence, ally or rival
ties per person. Takes well under two minutes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from account_maps import account_map

from consensus_map.store import check_deal_file, create_deal_file, open_deal_file

SIZES = (100, 1_000, 5_000)
EDITS = 1_000
READINESS = ["unengaged", "aware", "exploring", "aligned", "committed"]
# Goals for 5,000 people (the edit goal is the foundation issue's; the rest are ours).
GOAL_IMPORT_S = 2.0
GOAL_CHECK_S = 1.0
GOAL_CLI_CHECK_S = 3.0
GOAL_EDIT_MS = 5.0


def account_map_json(people: int) -> dict[str, Any]:
    """The generated account map as JSON, as an export from another tool would give it."""
    from consensus_map.interchange import deal_to_json

    return deal_to_json(account_map(people, seed=1, arranged=True))


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def import_json(text: str, path: Path) -> None:
    """What `consensus-map import SOURCE.json FILE` does."""
    from consensus_map.interchange import deal_from_json

    create_deal_file(path, deal_from_json(json.loads(text)))


def bare_insert(data: dict[str, Any], path: Path) -> None:
    """Baseline: the same rows with plain sqlite3 in one transaction, synchronous=FULL."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE people (id TEXT PRIMARY KEY, doc TEXT)")
    conn.execute("CREATE TABLE ties (source TEXT, target TEXT, kind TEXT, strength REAL)")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO people VALUES (?, ?)",
        [(p["id"], json.dumps(p)) for p in data["stakeholders"]],
    )
    conn.executemany(
        "INSERT INTO ties VALUES (?, ?, ?, ?)",
        [
            (t["source"], t["target"], t["kind"], t.get("strength", 1))
            for t in data["relationships"]
        ],
    )
    conn.execute("COMMIT")
    conn.close()


def cli_check(path: Path) -> float | None:
    cli = Path(sys.executable).with_name("consensus-map")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "consensus_map"]
    start = time.perf_counter()
    done = subprocess.run([*command, "check", str(path)], capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    return elapsed if done.returncode == 0 else None


def edit_latencies(path: Path) -> list[float]:
    rng = random.Random(2)
    token = time.monotonic_ns()  # a new value each run: SQLite skips writes that change nothing
    with open_deal_file(path) as opened:
        deal = opened.deal
        ids = [p.id for p in deal.stakeholders]
        latencies = []
        for n in range(EDITS):
            person = deal.stakeholder(rng.choice(ids))
            changed = person.replace(title=f"Title {n} {token}", readiness=rng.choice(READINESS))
            start = time.perf_counter()
            deal.update_stakeholder(changed)
            latencies.append(time.perf_counter() - start)
    return latencies


def bare_update_latencies(path: Path) -> list[float]:
    """Baseline: one plain UPDATE + COMMIT per edit, synchronous=FULL, rollback journal."""
    rng = random.Random(2)
    token = time.monotonic_ns()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA journal_mode=DELETE")
    ids = [r[0] for r in conn.execute("SELECT id FROM stakeholders")]
    latencies = []
    for n in range(EDITS):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "UPDATE stakeholders SET title = ? WHERE id = ?",
            (f"Title {n} {token}", rng.choice(ids)),
        )
        conn.execute("COMMIT")
        latencies.append(time.perf_counter() - start)
    conn.close()
    return latencies


def interleaved_edits(ours_path: Path, bare_path: Path) -> tuple[float, float]:
    """Median edit latency, ours and bare, in alternating rounds so disk drift hits both."""
    global EDITS
    total, rounds = EDITS, 5
    ours: list[float] = []
    bare: list[float] = []
    EDITS = total // rounds
    try:
        for _ in range(rounds):
            bare += bare_update_latencies(bare_path)
            ours += edit_latencies(ours_path)
    finally:
        EDITS = total
    return statistics.median(ours), statistics.median(bare)


def verdict(value: float | None, goal: float | None) -> str:
    if value is None or goal is None:
        return "n/a" if value is None else ""
    return "pass" if value < goal else "FAIL"


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value * 1000:.2f} ms" if unit == "ms" else f"{value:.3f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="folder for the files (a disk)")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str, str]] = []

    def add(name: str, value: float | None, unit: str, goal: float | None, base: str) -> None:
        goal_text = fmt(goal, unit) if goal is not None else ""
        rows.append((name, fmt(value, unit), goal_text, base, verdict(value, goal)))

    folder = Path(tempfile.mkdtemp(prefix="bench-foundation-", dir=args.dir))
    try:
        for people in SIZES:
            data = account_map_json(people)
            text = json.dumps(data)
            path = folder / f"map-{people}.dealmap"
            bare_path = folder / f"bare-{people}.db"
            base = timed(lambda d=data, p=bare_path: bare_insert(d, p))
            took = timed(lambda t=text, p=path: import_json(t, p))
            big = people == SIZES[-1]
            add(f"JSON import, {people} people", took, "s", GOAL_IMPORT_S if big else None,
                f"bare sqlite3 insert {fmt(base, 's')}")  # fmt: skip
            check_s = statistics.median(timed(lambda p=path: check_deal_file(p)) for _ in range(3))
            add(f"check in-process, {people}", check_s, "s", GOAL_CHECK_S if big else None, "")
            add(f"consensus-map check, {people}", cli_check(path), "s",
                GOAL_CLI_CHECK_S if big else None, "whole process")  # fmt: skip
        big_path = folder / f"map-{SIZES[-1]}.dealmap"
        bare_copy = folder / "bare-edits.dealmap"
        shutil.copyfile(big_path, bare_copy)
        ours, bare = interleaved_edits(big_path, bare_copy)
        add(f"edit written through, {SIZES[-1]} (median of {EDITS})", ours, "ms",
            GOAL_EDIT_MS / 1000, f"bare UPDATE+COMMIT {fmt(bare, 'ms')}")  # fmt: skip
        add("  of which above the bare commit", ours - bare, "ms", None, "")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    header = ("measurement", "result", "goal", "baseline (same run)", "verdict")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
