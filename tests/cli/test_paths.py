"""Resource and user-data locations, and the user's own copy of the sample deal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from consensus_map import paths
from consensus_map.interchange import dumps, load_json_file
from consensus_map.store import read_deal


def test_bundled_sample_is_found() -> None:
    assert paths.sample_deal_json().is_file()
    assert paths.sample_deal_json().parent == paths.resources_dir()


def test_pyinstaller_bundle_uses_meipass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


def test_a_wheel_install_finds_the_sample_under_share(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Installed from a wheel there is no checkout beside the package: pyproject's data-files
    # put the sample under the environment's share/ folder.
    monkeypatch.setattr(paths, "__file__", str(tmp_path / "site" / "consensus_map" / "paths.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "env"))
    expected = tmp_path / "env" / "share" / "consensus-map" / "resources" / "sample-deal.json"
    assert paths.sample_deal_json() == expected


def test_data_dir_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONSENSUS_MAP_DATA_DIR", str(tmp_path / "data"))
    assert paths.user_data_dir() == tmp_path / "data"


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"XDG_DATA_HOME": "/xdg"}, Path("/xdg/consensus-map")),
        ("linux", {"XDG_DATA_HOME": "relative"}, Path("HOME/.local/share/consensus-map")),
        ("linux", {}, Path("HOME/.local/share/consensus-map")),
        ("darwin", {}, Path("HOME/Library/Application Support/Consensus Map")),
        ("win32", {"APPDATA": "/appdata"}, Path("/appdata/Consensus Map")),
    ],
)
def test_data_dir_per_platform(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    platform: str,
    env: dict[str, str],
    expected: Path,
) -> None:
    for name in ("CONSENSUS_MAP_DATA_DIR", "XDG_DATA_HOME", "APPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    expected = Path(str(expected).replace("HOME", str(tmp_path)))
    assert paths.user_data_dir() == expected


def test_sample_copy_is_made_once_and_the_bundle_is_untouched(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CONSENSUS_MAP_DATA_DIR", str(tmp_path / "data"))
    bundled = paths.sample_deal_json().read_bytes()
    copy = paths.sample_deal_copy()
    assert copy == tmp_path / "data" / "Northwind fleet analytics (sample).dealmap"
    assert dumps(read_deal(copy)) == dumps(load_json_file(paths.sample_deal_json()))

    # The user's edits live in the copy: a second call must not replace it.
    before = copy.read_bytes()
    copy_stat = copy.stat()
    assert paths.sample_deal_copy() == copy
    assert copy.read_bytes() == before
    assert copy.stat().st_mtime_ns == copy_stat.st_mtime_ns
    assert paths.sample_deal_json().read_bytes() == bundled
