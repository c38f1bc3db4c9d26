"""Where things live on disk: bundled resources, the user's data folder, the sample deal.

No Qt here, so the headless commands and the tests can use it. The bundled sample is never
modified: the app opens the user's own working copy, made from it on first use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER_UNIX = "consensus-map"
APP_FOLDER = "Consensus Map"
SAMPLE_COPY_NAME = "Northwind fleet analytics (sample).dealmap"
DATA_DIR_ENV = "CONSENSUS_MAP_DATA_DIR"


# Where a (non-editable) pip install puts the resources: see data-files in pyproject.toml.
INSTALLED_RESOURCES = Path("share") / APP_FOLDER_UNIX / "resources"


def resources_dir() -> Path:
    """The `resources/` folder: inside a PyInstaller bundle, at the top of the repo (a
    checkout or an editable install), or under the environment's `share/` (a wheel)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / INSTALLED_RESOURCES


def sample_deal_json() -> Path:
    """The bundled sample deal, in the JSON interchange format (read-only)."""
    return resources_dir() / "sample-deal.json"


def icon_files() -> dict[int, Path]:
    """The app icon's PNGs by size in pixels (rendered from resources/icon.svg)."""
    found = {}
    for path in (resources_dir() / "icons").glob(f"{APP_FOLDER_UNIX}-*.png"):
        size = path.stem.rsplit("-", 1)[1]
        if size.isdigit():
            found[int(size)] = path
    return dict(sorted(found.items()))


def _absolute_env(name: str) -> Path | None:
    value = os.environ.get(name, "")
    # The XDG spec says relative paths are invalid and must be ignored.
    return Path(value) if value and os.path.isabs(value) else None


def user_data_dir() -> Path:
    """The per-user folder for the app's own files (not created here).

    `CONSENSUS_MAP_DATA_DIR` overrides it (tests, portable installs).
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_FOLDER
    if sys.platform == "win32":
        base = _absolute_env("APPDATA") or Path.home() / "AppData" / "Roaming"
        return base / APP_FOLDER
    base = _absolute_env("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return base / APP_FOLDER_UNIX


def sample_deal_copy() -> Path:
    """The user's working copy of the sample deal, made from the bundled JSON if missing.

    Raises DealFileError, InterchangeError or OSError if it cannot be made.
    """
    from consensus_map.interchange import load_json_file
    from consensus_map.store import DealFileError, create_deal_file

    path = user_data_dir() / SAMPLE_COPY_NAME
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    deal = load_json_file(sample_deal_json())
    try:
        create_deal_file(path, deal)
    except DealFileError:
        # Another window made it a moment ago: theirs is as good as ours.
        if not path.exists():
            raise
    return path
