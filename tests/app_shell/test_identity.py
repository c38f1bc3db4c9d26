"""The app's identity: its icon, its names (so settings live where the platform keeps them)
and its version, read from the package metadata."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import consensus_map

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from PySide6.QtCore import QSettings
from consensus_map.app.main import make_application
app = make_application()
sizes = sorted(s.width() for s in app.windowIcon().availableSizes())
print(json.dumps({"settings": QSettings().fileName(), "icon": sizes,
                  "last": QSettings().value("files/last"), "title": app.applicationDisplayName(),
                  "desktop": app.desktopFileName()}))
"""


def probe(tmp_path: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "CONSENSUS_MAP_DATA_DIR"}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's folder names")
def test_on_linux_settings_live_in_a_lower_case_folder_beside_the_data(tmp_path: Path) -> None:
    found = probe(tmp_path)
    assert found["settings"] == str(tmp_path / "consensus-map" / "consensus-map.conf")
    # People still read the name as written; the desktop entry has the folder's name.
    assert found["title"] == "Consensus Map"
    assert found["desktop"] == "consensus-map"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's folder names")
def test_settings_of_the_first_version_are_kept_on_upgrade(tmp_path: Path) -> None:
    earlier = tmp_path / "Consensus Map" / "Consensus Map.conf"
    earlier.parent.mkdir()
    earlier.write_text("[files]\nlast=/deals/acme.dealmap\n", encoding="utf-8")
    assert probe(tmp_path)["last"] == "/deals/acme.dealmap"


def test_the_window_icon_comes_in_every_size_from_small_menus_to_large_docks(
    tmp_path: Path,
) -> None:
    assert probe(tmp_path)["icon"] == [16, 24, 32, 48, 64, 128, 256, 512]


def test_the_version_is_the_one_in_pyproject() -> None:
    with (ROOT / "pyproject.toml").open("rb") as stream:
        declared = tomllib.load(stream)["project"]["version"]
    assert consensus_map.version() == declared
    assert consensus_map.__version__ == declared


def test_a_deal_the_system_hands_over_as_an_event_is_opened(
    qapp: Any, window: Any, tmp_path: Path, sample_json_path: Path
) -> None:
    # macOS's Finder opens a double-clicked .dealmap with a FileOpen event, not an argument.
    from PySide6.QtGui import QFileOpenEvent

    from consensus_map.app.main import open_files_from_the_system
    from consensus_map.interchange import load_json_file
    from consensus_map.store import create_deal_file

    other = tmp_path / "other.dealmap"
    create_deal_file(other, load_json_file(sample_json_path))
    open_files_from_the_system(qapp, window)
    qapp.sendEvent(qapp, QFileOpenEvent(str(other)))
    assert window.document.path == other
