"""Start the desktop app: the QApplication, the first deal to show, the main window.

Start-up time is benchmarked (benchmarks/bench_app.py), so heavy modules (the window, the
analysis, the store) are imported only once the QApplication exists and a deal is needed.

Environment hooks, for tests, benchmarks and screenshots:
- `CONSENSUS_MAP_DATA_DIR`: the data folder; settings are kept under it too.
- `CONSENSUS_MAP_PALETTE=dark|light`: force a palette instead of the system's.
- `CONSENSUS_MAP_BENCH_EXIT=1`: quit as soon as the window is first exposed and print
  `startup_seconds <s>` measured from `CONSENSUS_MAP_BENCH_T0` (a time.time() value set by
  the benchmark just before it started the process), else from this process's start.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFileOpenEvent, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from consensus_map.app.main_window import MainWindow

BENCH_EXIT_ENV = "CONSENSUS_MAP_BENCH_EXIT"
BENCH_T0_ENV = "CONSENSUS_MAP_BENCH_T0"
PALETTE_ENV = "CONSENSUS_MAP_PALETTE"


def run_app(path: Path | None = None) -> int:
    """Show the main window on `path`, else the last deal, else the sample; run the loop."""
    bench = bool(os.environ.get(BENCH_EXIT_ENV))
    phases: list[tuple[str, float]] = []
    app = make_application()
    phases.append(("qapplication", time.time()))
    from consensus_map.app.main_window import MainWindow

    phases.append(("imports", time.time()))
    window = MainWindow(quick_start=True)
    phases.append(("window", time.time()))
    open_first_deal(window, path)
    phases.append(("deal", time.time()))
    open_files_from_the_system(app, window)
    if bench:
        _quit_when_exposed(window, app, phases)
    window.show()
    return app.exec()


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else sys.argv[:1])
    from consensus_map.app import settings

    app.setOrganizationName(settings.ORGANIZATION)
    app.setOrganizationDomain(settings.ORGANIZATION_DOMAIN)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName(settings.DISPLAY_NAME)
    # Wayland's app id and the X11 window class: the desktop entry of the same name gives
    # the window its icon and groups it in the task bar.
    app.setDesktopFileName(settings.APPLICATION)
    app.setWindowIcon(app_icon())
    data_dir = os.environ.get("CONSENSUS_MAP_DATA_DIR")
    if data_dir:
        # A data folder of its own (tests, benchmarks, a second profile): its settings
        # start empty and never adopt the user's earlier ones.
        settings.use_settings_dir(Path(data_dir) / "settings")
    else:
        settings.adopt_earlier_settings()
    palette = os.environ.get(PALETTE_ENV, "").lower()
    if palette in ("dark", "light"):
        app.setStyle("Fusion")  # the native styles may ignore a custom palette
        app.setPalette(dark_palette() if palette == "dark" else app.style().standardPalette())
    return app


def app_icon() -> QIcon:
    """The app's icon at every rendered size (files are read only when a size is drawn)."""
    from consensus_map.paths import icon_files

    icon = QIcon()
    for size, path in icon_files().items():
        icon.addFile(str(path), QSize(size, size))
    return icon


class _FileOpener(QObject):
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(app)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self._window.open_path(Path(event.file()))
            return True
        return False


def open_files_from_the_system(app: QApplication, window: MainWindow) -> None:
    """Open the deals the system hands over: macOS's Finder sends a double-clicked file as
    an event, not as an argument (Linux and Windows start the program with its path)."""
    app.installEventFilter(_FileOpener(app, window))


def open_first_deal(window: MainWindow, path: Path | None) -> None:
    """The file asked for; else the last deal if it still opens; else the sample copy."""
    if path is not None:
        # A refused file was reported; show the start page rather than another deal.
        window.open_path(path)
        return
    last = window.settings.last_file()
    # A last deal that no longer opens is not worth a message box: show the sample instead.
    if last is not None and last.is_file() and window.open_path(last, quiet=True):
        return
    window.settings.forget_last_file()
    window.open_sample()


def dark_palette() -> QPalette:
    """A dark palette for systems (and screenshots) that do not provide one."""
    # Fusion outlines controls with a darker shade of Window and fills check boxes and
    # fields with Base: Window is kept well above Base so that both stay visible.
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#35353a",
        roles.WindowText: "#e8e8ea",
        roles.Base: "#1e1e21",
        roles.AlternateBase: "#2a2a2e",
        roles.ToolTipBase: "#3a3a3f",
        roles.ToolTipText: "#f0f0f0",
        roles.PlaceholderText: "#a0a0a8",
        roles.Text: "#e8e8ea",
        roles.Button: "#44444a",
        roles.ButtonText: "#e8e8ea",
        roles.BrightText: "#ff6b6b",
        roles.Light: "#5a5a62",
        roles.Midlight: "#4a4a50",
        roles.Mid: "#2a2a2e",
        roles.Dark: "#18181b",
        roles.Shadow: "#000000",
        roles.Highlight: "#3d7bd9",
        roles.HighlightedText: "#ffffff",
        roles.Link: "#7fb2ff",
        roles.LinkVisited: "#b89cff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#76767c"))
    return palette


def _process_start() -> float:
    t0 = os.environ.get(BENCH_T0_ENV)
    if t0:
        return float(t0)
    try:  # Linux: start time in clock ticks after boot
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime")
        )
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return time.time()


class _ExposeWatcher(QObject):
    def __init__(self, app: QApplication, phases: list[tuple[str, float]]) -> None:
        super().__init__(app)
        self._app = app
        self._phases = phases
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and not self._done:
            self._done = True
            self._phases.append(("exposed", time.time()))
            # The widgets paint while the expose is handled; report once that is over.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        start = _process_start()
        elapsed = time.time() - start
        steps = " ".join(f"{name}={when - start:.3f}" for name, when in self._phases)
        print(f"startup_seconds {elapsed:.4f}", flush=True)
        print(f"startup_phases {steps}", flush=True)
        self._app.quit()


def _quit_when_exposed(
    window: MainWindow, app: QApplication, phases: list[tuple[str, float]]
) -> None:
    watcher = _ExposeWatcher(app, phases)
    window.winId()  # create the native window now so that it can be watched
    handle = window.windowHandle()
    if handle is not None:
        handle.installEventFilter(watcher)


if __name__ == "__main__":
    sys.exit(run_app(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
