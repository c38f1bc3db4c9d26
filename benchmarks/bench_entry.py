"""How long typing a ten-person committee (names, roles, readiness) takes, driven through a
real X display with xdotool at a practised user's steady pace.

Two ways in, each on its own new, empty deal file, in the same run:
- the People table (issue 10): name, Tab Tab, role, Tab, readiness, Enter — per person;
- the baseline, the map and the inspector: Add person (Ctrl+Shift+N), the name, Enter,
  Tab to the role, Tab to the readiness.

The time runs from the first keystroke until the file holds all ten people with the right
role and readiness (read back from the `.dealmap`, so it is what a crash would keep). Goal:
the table under 2 minutes.

    Xvfb :107 -screen 0 1366x768x24 &   (a window manager such as openbox helps)
    DISPLAY=:107 .venv/bin/python benchmarks/bench_entry.py [--key-delay-ms 150]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from consensus_map.domain import Deal, DealInfo, Readiness, Role
from consensus_map.store import create_deal_file, read_deal

# Name, letters that pick the role, letters that pick the readiness (type-ahead from the top
# of each list: "d" Decision-maker, "dd" Decision-shaper, "al" Aligned).
COMMITTEE: list[tuple[str, str, Role, str, Readiness]] = [
    ("Dana Ruiz", "dd", Role.DECISION_SHAPER, "al", Readiness.ALIGNED),
    ("Chris Park", "d", Role.DECISION_MAKER, "u", Readiness.UNENGAGED),
    ("Morgan Blake", "ex", Role.EXECUTIVE, "u", Readiness.UNENGAGED),
    ("Priya Natarajan", "dd", Role.DECISION_SHAPER, "ex", Readiness.EXPLORING),
    ("Sam Whitfield", "g", Role.GATEKEEPER, "u", Readiness.UNENGAGED),
    ("Lee Okafor", "en", Role.END_USER, "ex", Readiness.EXPLORING),
    ("Riley Chen", "dd", Role.DECISION_SHAPER, "u", Readiness.UNENGAGED),
    ("Jordan Reyes", "g", Role.GATEKEEPER, "u", Readiness.UNENGAGED),
    ("Taylor Brooks", "o", Role.OTHER, "aw", Readiness.AWARE),
    ("Alex Kim", "en", Role.END_USER, "u", Readiness.UNENGAGED),
]
GOAL_SECONDS = 120.0
Step = tuple[str, str]  # ("type", text) or ("key", keysym)


def table_steps() -> list[Step]:
    steps: list[Step] = [("key", "ctrl+shift+l")]  # the People table, on its new row
    for name, role, _, readiness, _ in COMMITTEE:
        steps += [("type", name), ("key", "Tab"), ("key", "Tab"), ("type", role)]
        steps += [("key", "Tab"), ("type", readiness), ("key", "Return")]
    return steps


def inspector_steps() -> list[Step]:
    steps: list[Step] = []
    for name, role, _, readiness, _ in COMMITTEE:
        steps += [("key", "ctrl+shift+n"), ("type", name), ("key", "Return")]
        steps += [("key", "Tab"), ("type", role), ("key", "Tab"), ("type", readiness)]
    return steps


def keystrokes(steps: list[Step]) -> int:
    return sum(len(text) if kind == "type" else 1 for kind, text in steps)


def committee_entered(path: Path) -> bool:
    try:
        deal = read_deal(path)
    except Exception:  # the file is being written: read it again in a moment
        return False
    by_name = {p.name: p for p in deal.stakeholders}
    for name, _, role, _, readiness in COMMITTEE:
        person = by_name.get(name)
        if person is None or (person.role, person.readiness) != (role, readiness):
            return False
    return len(deal) == len(COMMITTEE)


def run(steps: list[Step], folder: Path, delay_ms: int) -> float:
    """Open a new empty deal in the app, play `steps`, return seconds until it is all in."""
    path = folder / "acme.dealmap"
    create_deal_file(path, Deal(DealInfo(name="Acme renewal")))
    env = {**os.environ, "CONSENSUS_MAP_DATA_DIR": str(folder / "data")}
    app = subprocess.Popen(
        [sys.executable, "-m", "consensus_map", str(path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        window = _wait_for(lambda: _window_of(app.pid), 30)
        subprocess.run(["xdotool", "windowactivate", "--sync", window], check=False)
        time.sleep(1.5)  # the panels come just after the first frame
        start = time.perf_counter()
        for kind, text in steps:
            if kind == "type":
                subprocess.run(["xdotool", "type", "--delay", str(delay_ms), text], check=True)
            else:
                subprocess.run(["xdotool", "key", "--delay", str(delay_ms), text], check=True)
            time.sleep(delay_ms / 1000)
        _wait_for(lambda: committee_entered(path) or None, 30)
        return time.perf_counter() - start
    finally:
        app.terminate()
        app.wait(10)


def _window_of(pid: int) -> str | None:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "Consensus Map"],
        capture_output=True,
        text=True,
        check=False,
    )
    ids = found.stdout.split()
    return ids[-1] if ids else None


def _wait_for(check: Callable[[], object], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return str(result)
        time.sleep(0.2)
    raise SystemExit("timed out: is the display running, and the app able to start?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--key-delay-ms", type=int, default=150, help="pause between keys")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") or shutil.which("xdotool") is None:
        raise SystemExit("needs an X display (DISPLAY) and xdotool; see the docstring")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, steps in (
            ("People table", table_steps()),
            ("map + inspector (baseline)", inspector_steps()),
        ):
            folder = Path(tmp) / label.split()[0].lower()
            folder.mkdir()
            seconds = run(steps, folder, args.key_delay_ms)
            rows.append((label, keystrokes(steps), seconds))
    print(
        f"ten-person committee (names, roles, readiness), one key every "
        f"{args.key_delay_ms} ms, read back from the file"
    )
    print(f"{'way in':<30}{'keystrokes':>12}{'seconds':>10}{'goal':>10}")
    for label, keys, seconds in rows:
        goal = f"< {GOAL_SECONDS:.0f}" if label == "People table" else ""
        print(f"{label:<30}{keys:>12}{seconds:>10.1f}{goal:>10}")


if __name__ == "__main__":
    main()
