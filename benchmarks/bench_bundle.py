"""The frozen app beside `python -m consensus_map`: time to a window, a headless command,
and the bundle's size.

    scripts/build_bundle.sh                      (builds dist/consensus-map)
    .venv/bin/python benchmarks/bench_bundle.py [--bundle dist/consensus-map] [--runs 7]
                                                [--drop-caches]

Time to a window: the app on the sample deal, offscreen, quitting as soon as its window is
first exposed (`CONSENSUS_MAP_BENCH_EXIT=1`, as bench_app.py), measured from just before
the process is started. The frozen app and this venv's `python -m consensus_map` (its
bytecode compiled, as an installed copy has it) alternate in the same run. "First" is each
one's first start in this run; with --drop-caches (root; Linux) every start is preceded by
dropping the page cache, so each reads its files from disk, a true cold start. A headless
command (`risks --json` on the sample) is timed the same way. Prints tables; asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample-deal.json"


def drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def window_seconds(command: list[str], env: dict[str, str], cold: bool) -> float:
    if cold:
        drop_caches()
    env = dict(env, CONSENSUS_MAP_BENCH_T0=repr(time.time()))
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    for line in done.stdout.splitlines():
        if line.startswith("startup_seconds "):
            return float(line.split()[1])
    raise SystemExit(f"no window from {command[:3]}: {done.stderr.strip()[-400:]}")


def command_seconds(command: list[str], env: dict[str, str], cold: bool) -> float:
    if cold:
        drop_caches()
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, timeout=180)
    return time.perf_counter() - start


def size_mb(folder: Path) -> float:
    return (
        sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "consensus-map")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--drop-caches", action="store_true")
    args = parser.parse_args()
    frozen = args.bundle / "consensus-map"
    if not frozen.is_file():
        print(f"no bundle at {frozen}: run scripts/build_bundle.sh first", file=sys.stderr)
        return 1
    import compileall

    compileall.compile_dir(ROOT / "consensus_map", quiet=1)
    python = [sys.executable, "-m", "consensus_map"]
    with tempfile.TemporaryDirectory() as tmp:
        deal = Path(tmp) / "sample.dealmap"
        subprocess.run([str(frozen), "import", str(SAMPLE), str(deal)], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONSENSUS_MAP_BENCH_EXIT="1",
                   CONSENSUS_MAP_DATA_DIR=str(Path(tmp) / "data"))  # fmt: skip
        env.pop("DISPLAY", None)
        runners = {"frozen bundle": [str(frozen)], "python -m consensus_map": python}
        windows: dict[str, list[float]] = {name: [] for name in runners}
        risks: dict[str, list[float]] = {name: [] for name in runners}
        for run in range(args.runs):
            # Alternate who goes first, so drift on a shared machine hits both alike.
            names = list(runners) if run % 2 == 0 else list(reversed(runners))
            for name in names:
                program = runners[name]
                shown = window_seconds([*program, str(deal)], env, args.drop_caches)
                windows[name].append(shown)
                headless = [*program, "risks", str(deal), "--json"]
                risks[name].append(command_seconds(headless, env, args.drop_caches))
    kind = "cold (page cache dropped)" if args.drop_caches else "warm page cache"
    print(f"time to a window, sample deal, offscreen; {args.runs} runs each, {kind}")
    print(f"{'':<26}{'first':>8}{'median':>8}{'min':>8}")
    for name in runners:
        w = windows[name]
        print(f"{name:<26}{w[0]:>7.3f}s{statistics.median(w):>7.3f}s{min(w):>7.3f}s")
    print(f"\nrisks --json on the sample deal ({kind})")
    for name in runners:
        r = risks[name]
        print(f"{name:<26}{r[0]:>7.3f}s{statistics.median(r):>7.3f}s{min(r):>7.3f}s")
    print(f"\nbundle size: {size_mb(args.bundle):.1f} MB unpacked ({args.bundle})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
