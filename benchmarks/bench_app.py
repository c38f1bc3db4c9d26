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

from account_maps import account_map

# Decided in December: 1.6–1.8x a bare window is accepted (about 0.3 s to a painted map);
# the goal is not to regress past 2.0x.
GOAL_RATIO = 2.0
GOAL_LATENCY_MS = 50.0
COMMITTEE = 50
EDITS = 40

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app_times, bare_times, text_times = startup(args.runs, folder / "startup")
        edits, analysis_only = latency(folder)
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
    return 0 if ratio <= GOAL_RATIO and edit_ms < GOAL_LATENCY_MS else 1


if __name__ == "__main__":
    sys.exit(main())
