"""File → Save a copy for sharing: the choices, the copy, and being told what was left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from consensus_map.store import read_deal


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """The user's answers to the dialog and the file chooser."""
    from PySide6.QtWidgets import QDialog, QFileDialog

    from consensus_map.app import share_dialog

    chosen: dict[str, Any] = {"notes": True, "concerns": False, "where": tmp_path / "out"}

    def exec_(dialog: share_dialog.ShareDialog) -> int:
        assert dialog.without_notes.isChecked() and dialog.without_concerns.isChecked()
        dialog.without_notes.setChecked(chosen["notes"])
        dialog.without_concerns.setChecked(chosen["concerns"])
        return int(QDialog.DialogCode.Accepted.value)

    def save_name(*_args: object, **_kwargs: object) -> tuple[str, str]:
        return str(chosen["where"]), ""

    monkeypatch.setattr(share_dialog.ShareDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    return chosen


def test_the_file_menu_saves_a_copy_without_notes_and_says_so(
    window: Any, deal_path: Path, answers: dict[str, Any], messages: list[str]
) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.share_action in file_menu.actions()
    before = deal_path.read_bytes()
    with_notes = sum(1 for p in window.document.deal.stakeholders if p.notes)
    assert with_notes > 1
    window.share_action.trigger()
    copy = answers["where"].with_name("out.dealmap")
    assert messages == [
        f"Saved out.dealmap. Left out: the notes of {with_notes} people and the deal's notes."
    ]
    shared = read_deal(copy)
    assert all(p.notes == "" for p in shared.stakeholders) and shared.info.notes == ""
    assert len(shared) == len(window.document.deal)
    assert deal_path.read_bytes() == before
    assert window.document.path == deal_path, "the open deal stays open"
