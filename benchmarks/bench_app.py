"""Desktop app benchmark: start-up to a shown window, and edit-to-repaint latency.

Run: `.venv/bin/python benchmarks/bench_app.py [--runs N]` (offscreen; no screen needed).

1. Start-up: `python -m consensus_map` on the sample deal, quitting as soon as its window is
   first exposed (`CONSENSUS_MAP_BENCH_EXIT=1`; the map is painted in that first frame, the
   docked panels and the analysis follow it), with the package's bytecode compiled as an
   installed copy has it, against a bare PySide6 QMainWindow with an
   empty QGraphicsView started and measured the same way, alternating in the same run. Goal:
   median of the per-pair ratios at most 2.0x (1.6–1.8x is the accepted level). A third
   window, the bare one plus PySide6's
   `Qt` namespace and one label, is printed for context: what any window with text pays.
2. Latency: on a 50-person committee, from `document.edit_person` until the risk panel and
   the canvas viewport have both repainted. Goal: median under 50 ms. The analysis alone on
   the same deal is printed as the baseline it cannot beat.
3. A 5,000-person account map in the window (1600x1000, the map at 100% on the person being
   edited, as when typing into the inspector): each edit changes that person's readiness,
   and while the panels catch up the person is moved every 120 ms. A 5 ms heartbeat timer on
   the interface thread records every gap. Per edit: the longest interface-thread block
   (the longest gap between beats; goal < 50 ms, median over the edits) and the time from
   the edit until the risk panel has repainted with the new analysis and then the new plan
   (goal < 1.5 s). Measured three ways in the same run: the app as it ships (a separate
   process), the same jobs on a worker thread in the app's process (the alternative), and
   everything on the interface thread (the baseline: how it was). An idle heartbeat gives
   the machine's own floor. `--big-edits 0` skips it.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from account_maps import account_map

# Decided in December: 1.6–1.8x a bare window is accepted (about 0.3 s to a painted map);
# the goal is not to regress past 2.0x.
GOAL_RATIO = 2.0
GOAL_LATENCY_MS = 50.0
COMMITTEE = 50
EDITS = 40
BIG = 5000
GOAL_BLOCK_MS = 50.0
GOAL_CATCH_UP_S = 1.5
HEARTBEAT_MS = 5
MOVE_EVERY_MS = 120
WAYS = ("process (ships)", "worker thread", "interface thread (before)")

BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsView, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QGraphicsView())
window.resize(1280, 800)
class Watch(QObject):
    done = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and not self.done:
            self.done = True
            QTimer.singleShot(0, report)
        return False
def report():
    print(f"startup_seconds {time.time() - float(os.environ['CONSENSUS_MAP_BENCH_T0']):.4f}")
    app.quit()
watch = Watch()
window.winId()
window.windowHandle().installEventFilter(watch)
window.show()
app.exec()
"""


# For context, not the goal: the same bare window plus the two things any window showing a
# deal pays for and the bare one does not, touching PySide6's `Qt` namespace (it creates
# ~100 Python enums at once, ~16 ms) and drawing one line of text (Qt's font database).
BARE_WINDOW_WITH_TEXT = BARE_WINDOW.replace(
    "import QEvent, QObject, QTimer", "import QEvent, QObject, Qt, QTimer"
).replace(
    "window.resize(1280, 800)",
    "window.resize(1280, 800)\nfrom PySide6.QtWidgets import QLabel\n"
    "window.statusBar().addWidget(QLabel('10 people'))",
)
assert BARE_WINDOW_WITH_TEXT.count("Qt,") == 1 and "QLabel(" in BARE_WINDOW_WITH_TEXT

PHASES: list[str] = []  # the app's own breakdown of its last start-up


def _launch(command: list[str], env: dict[str, str]) -> float:
    env = dict(env, CONSENSUS_MAP_BENCH_T0=repr(time.time()))
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    for line in done.stdout.splitlines():
        if line.startswith("startup_phases "):
            PHASES.append(line.split(" ", 1)[1])
    for line in done.stdout.splitlines():
        if line.startswith("startup_seconds "):
            return float(line.split()[1])
    raise SystemExit(f"no start-up time from {command[:3]}: {done.stderr.strip()[-500:]}")


def compile_bytecode() -> None:
    """Compile the package's bytecode, as an installed copy has it.

    pip compiles a wheel's modules when it installs them, and PyInstaller bundles bytecode;
    a checkout writes `__pycache__` on first run. A machine that sets
    PYTHONDONTWRITEBYTECODE=1 (this one does) would otherwise compile all ~70 of our modules
    from source on every start, which no user's copy does. Python reads the cache anyway.
    """
    import compileall

    import consensus_map

    compileall.compile_dir(Path(consensus_map.__file__).parent, quiet=1)


def startup(runs: int, data_dir: Path) -> tuple[list[float], list[float], list[float]]:
    compile_bytecode()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        CONSENSUS_MAP_DATA_DIR=str(data_dir),
        CONSENSUS_MAP_BENCH_EXIT="1",
    )
    app = [sys.executable, "-m", "consensus_map"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    text = [sys.executable, "-c", BARE_WINDOW_WITH_TEXT]
    _launch(app, env)  # warm-up: makes the sample copy, fills the OS file cache
    _launch(bare, env)
    _launch(text, env)
    app_times: list[float] = []
    bare_times: list[float] = []
    text_times: list[float] = []
    for run in range(runs):
        # Alternate the order so that drift on a shared machine hits all alike.
        order = [(app, app_times), (bare, bare_times), (text, text_times)]
        for command, times in order if run % 2 == 0 else reversed(order):
            times.append(_launch(command, env))
    return app_times, bare_times, text_times


def threshold(rounds: int = 7) -> list[tuple[int, int, float, float]]:
    """Part 4: the engine's time on the interface thread as maps grow, which sets the size
    (people plus ties) up to which the app keeps analysing there: about a frame (16 ms)."""
    from consensus_map.analysis import analyze
    from consensus_map.analysis.plan import plan_summary

    rows = []
    for people in (50, 100, 130, 200, 400):
        deal = account_map(people)
        size = len(deal) + len(deal.ties)
        analyse, plan = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            analyze(deal)
            analyse.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            plan_summary(deal, 3)
            plan.append((time.perf_counter() - start) * 1000)
        rows.append((people, size, statistics.median(analyse), statistics.median(plan)))
    return rows


def latency(folder: Path) -> tuple[list[float], list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CONSENSUS_MAP_DATA_DIR"] = str(folder / "data")
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QApplication

    from consensus_map.analysis import analyze
    from consensus_map.app.main import make_application
    from consensus_map.app.main_window import MainWindow
    from consensus_map.domain import Readiness
    from consensus_map.store import create_deal_file

    app = make_application()
    path = folder / "fifty.dealmap"
    create_deal_file(path, account_map(COMMITTEE, arranged=True))
    window = MainWindow()
    # A first window on the small offscreen screen starts maximised; measure at 1600x1000.
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1600, 1000)
    assert window.open_path(path)
    window.show()
    for _ in range(20):
        app.processEvents()

    class Painted(QObject):
        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    assert window.view is not None and window.document is not None
    canvas, panel = Painted(), Painted()
    window.view.viewport().installEventFilter(canvas)
    # The rows are rebuilt after each analysis: their container repaints.
    window.risk_panel.widget().installEventFilter(panel)
    document = window.document
    ladder = list(Readiness)
    edits, analysis_only = [], []
    panel_paints = 0
    for n in range(EDITS):
        person = document.deal.stakeholders[n % COMMITTEE]
        readiness = ladder[(person.readiness.rank + 1) % len(ladder)]
        canvas.count = panel.count = 0
        start = time.perf_counter()
        document.edit_person(person.id, readiness=readiness)
        # The risk panel refreshes inside the edit (analysis_changed is a direct signal) and
        # Qt repaints a window's widgets in one pass, so the canvas's paint also carries the
        # panel's. The plan follows on a zero timer: wait for it and the paint it causes.
        while canvas.count == 0 or window.risk_panel.plan_pending():
            app.processEvents()
            if time.perf_counter() - start > 5:
                raise SystemExit("no repaint within 5 s")
        app.processEvents()
        edits.append((time.perf_counter() - start) * 1000)
        panel_paints += panel.count > 0
        start = time.perf_counter()
        analyze(document.deal, document.what_if)
        analysis_only.append((time.perf_counter() - start) * 1000)
    window.close()
    QApplication.processEvents()
    print(
        f"risk panel repainted after {panel_paints} of {EDITS} edits"
        " (after the others nothing it shows had changed)"
    )
    return edits, analysis_only


class ThreadLink:
    """The alternative measured in part 3: the process's jobs on a Python thread instead.

    Same interface as `analysis_runner.ProcessLink`; nothing is pickled (the thread reads
    the snapshot directly), so what it costs the interface is the interpreter lock alone.
    """

    def __init__(self, deliver: Any, is_current: Any) -> None:
        import queue
        import threading

        self.process = None
        self._deliver = deliver
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def submit(self, job: Any) -> None:
        self._jobs.put(job)

    def close(self) -> None:
        self._jobs.put(None)
        self.thread.join()

    def _run(self) -> None:
        from consensus_map.app.analysis_worker import ANALYSIS, PLAN, run_job

        while (job := self._jobs.get()) is not None:
            snap = job.snapshot
            result = run_job(snap.deal(), job.kind, snap.what_if, snap.today, job.meetings or 0)
            if job.meetings is None:
                self._deliver((ANALYSIS, job.version, result))
            else:
                self._deliver((PLAN, job.version, job.meetings, result))


def big_map(folder: Path, edits: int) -> dict[str, dict[str, list[float]]]:
    """Part 3 (module docstring): per way of running, per edit, block and catch-up times."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CONSENSUS_MAP_DATA_DIR"] = str(folder / "data")
    from consensus_map.app import analysis_runner
    from consensus_map.app.main import make_application
    from consensus_map.store import create_deal_file

    app = make_application()
    path = folder / "account.dealmap"
    create_deal_file(path, account_map(BIG, arranged=True))
    results: dict[str, dict[str, list[float]]] = {}
    for way in WAYS:
        saved = analysis_runner.SYNC_MAX_SIZE, analysis_runner.ProcessLink
        if way.startswith("worker"):
            analysis_runner.ProcessLink = ThreadLink  # type: ignore[misc,assignment]
        elif way.startswith("interface"):
            analysis_runner.SYNC_MAX_SIZE = 10**9
        try:
            results[way] = BigMapSession(app, path).run(edits)
        finally:
            analysis_runner.SYNC_MAX_SIZE, analysis_runner.ProcessLink = saved
    return results


class BigMapSession:
    """One window on the 5,000-person map, a heartbeat on its interface thread, and edits."""

    def __init__(self, app: Any, path: Path) -> None:
        from PySide6.QtCore import QEvent, QObject, Qt, QTimer

        from consensus_map.app.main_window import MainWindow

        self.app = app
        self.window = window = MainWindow()
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.resize(1600, 1000)
        assert window.open_path(path)
        window.show()
        assert window.document is not None
        self.document = window.document
        self.runner = self.document.analysis_runner
        self.panel = window.risk_panel
        self.meetings = self.panel.meetings.value()
        self.beats: list[float] = []
        self.heartbeat = QTimer()
        self.heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(lambda: self.beats.append(time.perf_counter()))
        self.mover = QTimer()
        self.mover.setInterval(MOVE_EVERY_MS)
        self.mover.timeout.connect(self._move)
        self.marks: dict[str, float] = {}
        self.person_id = ""
        self.step = 10.0
        self.moves: list[float] = []

        class Painted(QObject):
            times: list[float] = []  # noqa: RUF012 (one instance)

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.times.append(time.perf_counter())
                return False

            def first_after(self, moment: float) -> float | None:
                return next((t for t in self.times if t >= moment), None)

        # Any widget's paint, once the plan is in: the frame that shows it.
        self.painted = Painted()
        app.installEventFilter(self.painted)
        self.document.analysis_changed.connect(self._on_analysis)
        self.document.plan_changed.connect(self._on_plan)

    def wait_for(self, done: Any, what: str, limit: float = 120.0) -> None:
        """Run the event loop until `done()`. It sleeps between events, as the app's does: a
        loop of processEvents() would keep a core busy and starve the analysis process."""
        from PySide6.QtCore import QEventLoop, QTimer

        if done():
            return
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(HEARTBEAT_MS)
        check.timeout.connect(lambda: done() and loop.quit())
        check.start()
        QTimer.singleShot(int(limit * 1000), loop.quit)
        loop.exec()
        check.stop()
        if not done():
            raise SystemExit(f"the 5,000-person map: no {what} within {limit:.0f} s")

    def longest_gap(self, since: float) -> float:
        times = [since] + [b for b in self.beats if b >= since]
        return max(b - a for a, b in itertools.pairwise(times)) * 1000

    def run(self, edits: int) -> dict[str, list[float]]:
        from PySide6.QtCore import QTimer

        from consensus_map.domain import Readiness

        document = self.document
        self.wait_for(
            lambda: not document.analysis_pending and self.runner.plan_current(self.meetings),
            "first analysis and plan",
        )
        # The person being edited, at 100%, in view, selected (the inspector shows them, as
        # when a seller types into it).
        self.person_id = document.analysis.sinkers[len(document.analysis.sinkers) // 2]
        assert self.window.view is not None and self.window.scene is not None
        self.window.view.reset_zoom()
        self.window.view.center_on_person(self.person_id)
        self.window.scene.select_person(self.person_id)
        settle = time.perf_counter()
        self.wait_for(lambda: time.perf_counter() - settle > 0.5, "pause")
        self.heartbeat.start()
        idle_from = time.perf_counter()  # the machine's own floor: nothing to do
        self.wait_for(lambda: time.perf_counter() - idle_from > 1.0, "pause")
        out: dict[str, list[float]] = {"idle": [self.longest_gap(idle_from)]}
        out.update(block=[], analysis=[], panels=[], move_busy=[], move_idle=[])
        out.update(self.canvas_floor())
        self.moves = out["move_idle"]  # the canvas's own cost: nothing running
        for _ in range(6):
            self._move()
            pause = time.perf_counter()
            self.wait_for(lambda p=pause: time.perf_counter() - p > 0.12, "pause")
        ladder = list(Readiness)
        for moving in (False, True):  # typing alone; then moving people while it catches up
            self.moves = out["move_busy"]
            for _ in range(edits):
                person = document.deal.stakeholder(self.person_id)
                readiness = ladder[(person.readiness.rank + 1) % len(ladder)]
                self.marks = {}
                QTimer.singleShot(HEARTBEAT_MS * 4, lambda r=readiness, m=moving: self._edit(r, m))
                self.wait_for(lambda: "plan" in self.marks, "analysis and plan after an edit")
                self.mover.stop()
                after = time.perf_counter()  # what follows the last result (its repaint) counts
                self.wait_for(lambda a=after: time.perf_counter() - a > 0.25, "pause")
                if moving:
                    continue
                # The frame that shows the plan (if anything on screen changed with it).
                plan = self.marks["plan"]
                self.marks["panels"] = self.painted.first_after(plan) or plan
                out["block"].append(self.longest_gap(self.marks["edit"]))
                out["analysis"].append(self.marks["analysis"] - self.marks["edit"])
                out["panels"].append(self.marks["panels"] - self.marks["edit"])
        self.heartbeat.stop()
        self.window.close()
        self.app.processEvents()
        return out

    def canvas_floor(self) -> dict[str, list[float]]:
        """What the map costs to repaint with nothing else going on: the edited person's
        box alone, and the whole view (any edit repaints at least the box)."""
        view, scene = self.window.view, self.window.scene
        assert view is not None and scene is not None
        item = scene.person_items[self.person_id]
        box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        floors: dict[str, list[float]] = {"floor_box": [], "floor_view": []}
        for key, region in (("floor_box", box), ("floor_view", view.viewport().rect())):
            for _ in range(5):
                item.update()  # its cached picture is redrawn too, as after an edit
                start = time.perf_counter()
                view.viewport().repaint(region)
                floors[key].append((time.perf_counter() - start) * 1000)
                self.app.processEvents()
        return floors

    def _edit(self, readiness: Any, moving: bool) -> None:
        self.marks["edit"] = time.perf_counter()
        self.document.edit_person(self.person_id, readiness=readiness)
        if moving:
            self.mover.start()

    def _move(self) -> None:
        """Nudge the person and repaint the map at once: what a drag step costs."""
        if "plan" in self.marks:
            return
        assert self.window.view is not None
        person = self.document.deal.stakeholder(self.person_id)
        self.step = -self.step  # back and forth
        start = time.perf_counter()
        self.document.move({self.person_id: (person.x + self.step, person.y)}, text="Nudge")
        self.window.view.viewport().repaint()
        self.moves.append((time.perf_counter() - start) * 1000)

    def _on_analysis(self) -> None:
        if "edit" in self.marks and not self.document.analysis_updating:
            self.marks.setdefault("analysis", time.perf_counter())

    def _on_plan(self, meetings: int) -> None:
        current = meetings == self.meetings and self.runner.plan_current(meetings)
        if "edit" in self.marks and current:
            self.marks.setdefault("plan", time.perf_counter())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--big-edits", type=int, default=7, help="edits per way (0: skip)")
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app_times, bare_times, text_times = startup(args.runs, folder / "startup")
        edits, analysis_only = latency(folder)
        big = big_map(folder, args.big_edits) if args.big_edits else {}
    sizes = threshold()
    ratios = [a / b for a, b in zip(app_times, bare_times, strict=True)]
    ratio = statistics.median(ratios)
    text_ratio = statistics.median(a / t for a, t in zip(app_times, text_times, strict=True))
    edit_ms = statistics.median(edits)
    rows = [
        ("start-up, app (s, median)", f"{statistics.median(app_times):.3f}", "", ""),
        ("start-up, bare QMainWindow (s)", f"{statistics.median(bare_times):.3f}", "", ""),
        ("start-up ratio (median of pairs)", f"{ratio:.2f}x", f"<= {GOAL_RATIO}x",
         "pass" if ratio <= GOAL_RATIO else "FAIL"),
        ("  context: bare + Qt namespace + a label (s)", f"{statistics.median(text_times):.3f}",
         "", ""),
        ("  context: app / that window", f"{text_ratio:.2f}x", "", ""),
        (f"edit to repaint, {COMMITTEE} people (ms)", f"{edit_ms:.1f}",
         f"< {GOAL_LATENCY_MS:.0f}", "pass" if edit_ms < GOAL_LATENCY_MS else "FAIL"),
        ("  baseline: analysis alone (ms)", f"{statistics.median(analysis_only):.1f}", "", ""),
        ("  edit to repaint, p90 (ms)", f"{sorted(edits)[int(len(edits) * 0.9)]:.1f}", "", ""),
    ]  # fmt: skip
    if PHASES:
        rows.append(("  app phases, last run (s from launch)", "", "", PHASES[-1]))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>9}  {'goal':>8}  result")
    for name, value, goal, result in rows:
        print(f"{name:<{width}}  {value:>9}  {goal:>8}  {result}")
    ok = ratio <= GOAL_RATIO and edit_ms < GOAL_LATENCY_MS
    if big:
        ok = print_big_map(big) and ok
    from consensus_map.app.analysis_runner import SYNC_MAX_SIZE

    print(
        f"\nwhere the analysis runs: on the interface thread up to {SYNC_MAX_SIZE} people "
        "plus ties, in the process above (engine time, median)"
    )
    print(f"{'people':>6}  {'+ ties':>6}  {'analyse (ms)':>12}  {'plan 3 (ms)':>11}  runs")
    for people, size, analyse, plan in sizes:
        where = "here" if size <= SYNC_MAX_SIZE else "process"
        print(f"{people:>6}  {size:>6}  {analyse:>12.1f}  {plan:>11.1f}  {where}")
    load_after = os.getloadavg()
    print(
        f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f} "
        f"on {os.cpu_count()} cores"
    )
    return 0 if ok else 1


def print_big_map(big: dict[str, dict[str, list[float]]]) -> bool:
    """The part 3 table; True if the shipped way meets both goals."""
    edits = len(next(iter(big.values()))["block"])
    print(
        f"\n{BIG:,} people, {edits} edits per way (then {edits} more, nudging the person every "
        f"{MOVE_EVERY_MS} ms until caught up), map at 100% on them (medians; worst in brackets)"
    )
    width = 44
    print(f"{'measure':<{width}}" + "".join(f"  {way:>26}" for way in big) + "  goal")

    def row(name: str, key: str, scale: float, goal: str) -> None:
        cells = []
        for way in big:
            values = [v * scale for v in big[way][key]]
            cells.append(f"{statistics.median(values):.0f} ({max(values):.0f})" if values else "–")
        print(f"{name:<{width}}" + "".join(f"  {c:>26}" for c in cells) + f"  {goal}")

    row("typing: longest interface-thread block (ms)", "block", 1, f"< {GOAL_BLOCK_MS:.0f}")
    row("edit → risk panel shows the analysis (ms)", "analysis", 1000, "")
    row(
        "edit → panel shows analysis and plan (ms)",
        "panels",
        1000,
        f"< {GOAL_CATCH_UP_S * 1000:.0f}",
    )
    row("moving: a nudge and its repaint, mid-run (ms)", "move_busy", 1, "")
    row("  the same nudge, nothing running (ms)", "move_idle", 1, "")
    row("  canvas alone: the edited box repainted (ms)", "floor_box", 1, "")
    row("  canvas alone: the whole view repainted (ms)", "floor_view", 1, "")
    row("  floor: idle heartbeat, longest gap (ms)", "idle", 1, "")
    shipped = big[WAYS[0]]
    block = statistics.median(shipped["block"])
    catch_up = statistics.median(shipped["panels"])
    ok = block < GOAL_BLOCK_MS and catch_up < GOAL_CATCH_UP_S
    print(
        f"shipped ({WAYS[0]}): block {block:.0f} ms "
        f"{'pass' if block < GOAL_BLOCK_MS else 'FAIL'}, "
        f"catch-up {catch_up:.2f} s {'pass' if catch_up < GOAL_CATCH_UP_S else 'FAIL'}"
    )
    return ok


if __name__ == "__main__":
    sys.exit(main())
