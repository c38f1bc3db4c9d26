"""What the app remembers between runs: recent deals, the last deal, window geometry and docks.

A thin typed layer over QSettings so that the keys live in one place and the window never
handles raw variants. Tests point QSettings at a temporary folder (see `use_settings_dir`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Consensus Map"
APPLICATION = "Consensus Map"
MAX_RECENT = 8

_RECENT = "files/recent"
_LAST = "files/last"
_GEOMETRY = "window/geometry"
_STATE = "window/state"
_MEETINGS = "plan/meetings"
_LEGEND = "view/legend"


def use_settings_dir(folder: Path) -> None:
    """Keep every QSettings of this process in INI files under `folder` (tests, benchmarks)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


class AppSettings:
    """The app's remembered state. Paths are stored as absolute strings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    # ----------------------------------------------------------------- files
    def recent_files(self) -> list[Path]:
        """Most recent first; files that no longer exist are pruned."""
        raw = self._settings.value(_RECENT, [])
        items: list[object] = [raw] if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
        paths: list[Path] = []
        for item in items:
            path = Path(str(item))
            if path.is_file() and path not in paths:
                paths.append(path)
        paths = paths[:MAX_RECENT]
        if [str(p) for p in paths] != [str(i) for i in items]:
            self._settings.setValue(_RECENT, [str(p) for p in paths])
        return paths

    def add_recent_file(self, path: Path) -> None:
        path = path.resolve()
        paths = [p for p in self.recent_files() if p != path]
        paths.insert(0, path)
        self._settings.setValue(_RECENT, [str(p) for p in paths[:MAX_RECENT]])
        self._settings.setValue(_LAST, str(path))

    def last_file(self) -> Path | None:
        value = self._settings.value(_LAST, "")
        return Path(str(value)) if value else None

    def forget_last_file(self) -> None:
        self._settings.remove(_LAST)

    # ---------------------------------------------------------------- window
    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value(_GEOMETRY)
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._settings.value(_STATE)
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue(_GEOMETRY, geometry)
        self._settings.setValue(_STATE, state)

    # ------------------------------------------------------------------ plan
    def plan_meetings(self) -> int:
        try:
            value = int(str(self._settings.value(_MEETINGS, 3)))
        except ValueError:
            return 3
        return min(max(value, 1), 20)

    def set_plan_meetings(self, meetings: int) -> None:
        self._settings.setValue(_MEETINGS, meetings)

    # ---------------------------------------------------------------- legend
    def legend_visible(self) -> bool:
        """On until the user turns it off: a first-time seller needs the key to the map."""
        return str(self._settings.value(_LEGEND, "true")).lower() not in ("false", "0")

    def set_legend_visible(self, visible: bool) -> None:
        self._settings.setValue(_LEGEND, "true" if visible else "false")

    def sync(self) -> None:
        self._settings.sync()
