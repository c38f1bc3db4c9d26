"""Shell tests: settings and the data folder in tmp_path; a real `.dealmap` of the sample."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any) -> Path:
    """Every test: its own data folder and QSettings (INI files under tmp_path)."""
    from consensus_map.app import settings

    data = tmp_path / "data"
    monkeypatch.setenv("CONSENSUS_MAP_DATA_DIR", str(data))
    qapp.setOrganizationName("Consensus Map Tests")
    qapp.setApplicationName("Consensus Map Tests")
    settings.use_settings_dir(tmp_path / "settings")
    return data


@pytest.fixture
def deal_path(tmp_path: Path, sample_json_path: Path) -> Path:
    from consensus_map.interchange import load_json_file
    from consensus_map.store import create_deal_file

    path = tmp_path / "northwind.dealmap"
    create_deal_file(path, load_json_file(sample_json_path))
    return path


@pytest.fixture
def window(qtbot: Any, deal_path: Path) -> Any:
    from consensus_map.app.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(deal_path)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.document is not None:
        win.document.close()
        win.document = None


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes are captured instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def capture(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> int:
        shown.append(text)
        return int(QMessageBox.StandardButton.Ok.value)

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(capture))
    return shown


class Questions:
    """Yes/no questions the app asked (title, text), answered with `answer`."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.answer_yes = False


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    """Every test: a question box is answered at once (No unless a test says Yes), never
    left modal on an offscreen screen."""
    from PySide6.QtWidgets import QMessageBox

    record = Questions()

    def ask(_parent: object, title: str, text: str, *_a: object, **_k: object) -> object:
        record.asked.append((title, text))
        button = QMessageBox.StandardButton
        return button.Yes if record.answer_yes else button.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(ask))
    return record
