"""The long fuzz runs: thousands of file cases, JSON documents and CRM exports, many
state-machine examples and kill runs. Writes fuzz/results.json, which docs/reliability.md
reports (fuzz/report.py).

    .venv/bin/python fuzz/run_fuzz.py              # everything (tens of minutes on a laptop)
    .venv/bin/python fuzz/run_fuzz.py --only files --files 500
    .venv/bin/python fuzz/run_fuzz.py --replay-file-case 1234   # one file case, to debug

Each part records its counts and every failure it found; the exit status is 1 if any part
found one. The test suite runs the first cases of the same seeds (tests/reliability).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.json"
FILE_SEED = 12  # the suite runs this seed's first cases


def _setup() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for folder in (HERE, ROOT / "tests"):
        sys.path.insert(0, str(folder))


def run_files(count: int) -> dict[str, Any]:
    from file_fuzz import fuzz_files

    with tempfile.TemporaryDirectory(prefix="consensus-map-fuzz-") as folder:
        result = fuzz_files(Path(folder), seed=FILE_SEED, count=count)
    return {
        "seed": FILE_SEED,
        "cases": result.cases,
        "outcomes": dict(sorted(result.counts.items())),
        "failures": result.crashes,
        "slowest_seconds": round(result.slowest, 2),
    }


def replay_file_case(number: int) -> None:
    from file_fuzz import cases, make_valid_files, run_case

    from consensus_map.store import read_deal

    with tempfile.TemporaryDirectory() as folder:
        files = make_valid_files(Path(folder) / "valid")
        for n, name, what, data in cases(files, FILE_SEED, number + 1):
            if n == number:
                target = Path(folder) / files[name].name
                target.write_bytes(data)
                print(f"case {n}: {name}, {what}")
                for outcome in run_case(target, read_deal(files[name])):
                    print(" ", outcome)


def run_json(count: int) -> dict[str, Any]:
    from hypothesis import HealthCheck, given, settings
    from json_fuzz import documents, outcome

    tally: Counter[str] = Counter()
    failures: list[str] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(documents())
    def each(text: str) -> None:
        tally[outcome(text)] += 1

    try:
        each()
    except Exception as error:  # the finding, shrunk by hypothesis
        failures.append(_one_line(error))
    return {
        "documents": sum(tally.values()),
        "outcomes": dict(sorted(tally.items())),
        "failures": failures,
    }


def run_csv(count: int) -> dict[str, Any]:
    from csv_fuzz import csv_files, outcome
    from hypothesis import HealthCheck, given, settings

    imports: Counter[str] = Counter()
    merges: Counter[str] = Counter()
    failures: list[str] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(csv_files())
    def each(raw: bytes) -> None:
        imported, merged = outcome(raw)
        imports[imported] += 1
        merges[merged] += 1

    try:
        each()
    except Exception as error:
        failures.append(_one_line(error))
    return {
        "files": sum(imports.values()),
        "imports": dict(sorted(imports.items())),
        "merges": dict(sorted(merges.items())),
        "failures": failures,
    }


def run_machines(examples: int, steps: int) -> dict[str, Any]:
    from document_machine import DocumentMachine, TwoWindowsMachine
    from hypothesis import HealthCheck, settings
    from hypothesis.stateful import run_state_machine_as_test
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    results: dict[str, Any] = {}
    for name, machine in (("one_window", DocumentMachine), ("two_windows", TwoWindowsMachine)):
        failures: list[str] = []
        began = time.perf_counter()
        try:
            run_state_machine_as_test(
                machine,
                settings=settings(
                    max_examples=examples,
                    stateful_step_count=steps,
                    deadline=None,
                    database=None,
                    suppress_health_check=list(HealthCheck),
                ),
            )
        except Exception as error:
            failures.append(_one_line(error))
        results[name] = {
            "examples": examples,
            "steps_each": steps,
            "failures": failures,
            "minutes": round((time.perf_counter() - began) / 60, 1),
        }
    return results


def run_kills(streams: int) -> dict[str, Any]:
    from edit_stream import kill_mid_stream, replay, start_deal

    from consensus_map.store import check_deal_file, create_deal_file, open_deal_file, read_deal

    def state(deal: Any) -> tuple[object, ...]:
        return (deal.info, deal.stakeholders, deal.ties)

    rng = random.Random(2026)
    failures: list[str] = []
    journals = reported_total = in_flight_kept = 0
    for number in range(streams):
        seed, after, delay = 1000 + number, rng.randrange(3, 80), rng.choice([0, 0, 1, 3, 10])
        with tempfile.TemporaryDirectory(prefix="consensus-map-kill-") as folder:
            path = Path(folder) / "kill.dealmap"
            create_deal_file(path, start_deal())  # type: ignore[arg-type]
            try:
                reported = kill_mid_stream(path, seed, after, delay)
                reported_total += reported
                journal = path.with_name(path.name + "-journal")
                journals += journal.exists() and journal.stat().st_size > 0
                if not check_deal_file(path).ok:
                    raise AssertionError("check found problems")
                on_file = state(read_deal(path))
                if on_file != state(replay(seed, reported)):
                    if on_file != state(replay(seed, reported + 1)):
                        raise AssertionError(f"the file does not hold the {reported} edits done")
                    in_flight_kept += 1
                with open_deal_file(path) as opened:
                    opened.deal.update_info(opened.deal.info.edit(name="after"))
            except Exception as error:
                failures.append(f"stream {seed} killed after {after} edits: {_one_line(error)}")
    return {
        "streams": streams,
        "edits_reported_done": reported_total,
        "killed_mid_write": journals,
        "in_flight_edit_kept": in_flight_kept,
        "failures": failures,
    }


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, AssertionError) and not str(error):
        text = "AssertionError at " + traceback.format_exc().splitlines()[-3].strip()
    return text[:500]


def _commit() -> str:
    """The commit being fuzzed, marked when the code differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "consensus_map", "fuzz", "tests"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + (" with uncommitted changes" if dirty else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="files,json,csv,machines,kills")
    parser.add_argument("--files", type=int, default=6000, help="file cases")
    parser.add_argument("--json", type=int, default=3000, help="generated JSON documents")
    parser.add_argument("--csv", type=int, default=2000, help="generated CRM exports")
    parser.add_argument("--examples", type=int, default=150, help="examples per state machine")
    parser.add_argument("--steps", type=int, default=40, help="steps per example")
    parser.add_argument("--kills", type=int, default=40, help="edit streams to kill")
    parser.add_argument("--replay-file-case", type=int, default=None)
    parser.add_argument("--no-write", action="store_true", help="do not update results.json")
    args = parser.parse_args()
    _setup()
    if args.replay_file_case is not None:
        replay_file_case(args.replay_file_case)
        return 0
    commit = _commit()  # before the run: what was fuzzed, whatever happens meanwhile
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    parts = args.only.split(",")
    runners = {
        "files": lambda: run_files(args.files),
        "json": lambda: run_json(args.json),
        "csv": lambda: run_csv(args.csv),
        "machines": lambda: run_machines(args.examples, args.steps),
        "kills": lambda: run_kills(args.kills),
    }
    found = False
    for part in parts:
        began = time.perf_counter()
        print(f"== {part}", flush=True)
        results[part] = runners[part]()
        took = time.perf_counter() - began
        print(json.dumps(results[part], indent=2)[:3000], f"\n({took / 60:.1f} min)", flush=True)
        found |= _has_failures(results[part])
    results["run"] = {
        "date": date.today().isoformat(),
        "commit": commit,
        "sqlite": sqlite3.sqlite_version,
        "python": sys.version.split()[0],
    }
    if not args.no_write:
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {RESULTS.relative_to(ROOT)}; now run fuzz/report.py")
    return 1 if found else 0


def _has_failures(part: Any) -> bool:
    if isinstance(part, dict):
        return bool(part.get("failures")) or any(_has_failures(v) for v in part.values())
    return False


if __name__ == "__main__":
    sys.exit(main())
