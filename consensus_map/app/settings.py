"""What the app remembers between runs: recent deals, the last deal, window geometry and docks.

A thin typed layer over QSettings so that the keys live in one place and the window never
handles raw variants. Tests point QSettings at a temporary folder (see `use_settings_dir`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from consensus_map.paths import APP_FOLDER, APP_FOLDER_UNIX

# QSettings lives where each platform keeps such things: on Linux and other Unixes
# ~/.config/consensus-map/consensus-map.conf (lower case, like the data folder
# ~/.local/share/consensus-map), on Windows the registry under
# HKEY_CURRENT_USER\Software\Consensus Map\Consensus Map, on macOS
# ~/Library/Preferences/app.consensus-map.Consensus Map.plist.
_UNIX = not sys.platform.startswith(("win", "darwin"))
ORGANIZATION = APP_FOLDER_UNIX if _UNIX else APP_FOLDER
APPLICATION = APP_FOLDER_UNIX if _UNIX else APP_FOLDER
# What people read (window titles); the reverse of the domain names the macOS plist.
DISPLAY_NAME = APP_FOLDER
ORGANIZATION_DOMAIN = "consensus-map.app"
# Version 0.1 used the display name on every platform (a folder with a space on Linux).
_EARLIER = (APP_FOLDER, APP_FOLDER)
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


def adopt_earlier_settings() -> None:
    """Copy the settings of an earlier version kept under another name, once, so that an
    upgrade keeps the recent deals and the window's layout."""
    if (ORGANIZATION, APPLICATION) == _EARLIER:
        return
    current = QSettings()
    if current.allKeys():
        return
    earlier = QSettings(*_EARLIER)
    for key in earlier.allKeys():
        current.setValue(key, earlier.value(key))


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
