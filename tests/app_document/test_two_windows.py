"""Two windows, each its own process, on one deal: no edit is ever lost silently.

The five cases of issue 12: the same person with different fields, the same person with the
same field, the deal's details, a delete against an edit, and both adding people. Each window
is `window_worker.py` in a process of its own, driving a real `Document` over the file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from consensus_map.app.document import RELOADED
from consensus_map.store import create_deal_file, read_deal

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
from store_support import committee

WORKER = Path(__file__).with_name("window_worker.py")


class Window:
    """One process with one document open; `do` sends a command and returns its answer."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )

    def do(self, op: str, **arguments: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            assert self.process.stderr is not None
            raise AssertionError(f"window {self.name} died: {self.process.stderr.read()}")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def person(self, answer: dict[str, Any], pid: str) -> dict[str, Any] | None:
        return next((p for p in answer["deal"]["stakeholders"] if p["id"] == pid), None)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def windows() -> Iterator[tuple[Window, Window]]:
    a, b = Window("A"), Window("B")
    yield a, b
    a.close()
    b.close()


@pytest.fixture
def deal_file(tmp_path: Path, windows: tuple[Window, Window]) -> Iterator[Path]:
    path = tmp_path / "acme.dealmap"
    create_deal_file(path, committee())
    for window in windows:
        window.do("open", path=str(path))
    yield path
    for window in windows:
        window.do("close")


def on_file(path: Path, pid: str) -> dict[str, Any]:
    person = read_deal(path).stakeholder(pid)
    return {"title": person.title, "notes": person.notes}


def test_same_person_different_fields_both_kept(
    deal_file: Path, windows: tuple[Window, Window]
) -> None:
    a, b = windows
    assert a.do("edit_person", person_id="dana", notes="Owns the budget")["result"] is True
    answer = b.do("edit_person", person_id="dana", title="COO")
    assert answer["result"] is True and answer["refused"] == []
    assert answer["reloaded"] == [RELOADED]
    assert b.person(answer, "dana")["notes"] == "Owns the budget"  # type: ignore[index]
    assert on_file(deal_file, "dana") == {"title": "COO", "notes": "Owns the budget"}
    # A notices on its next look, and its undo takes back only its own field.
    seen = a.do("check")
    assert seen["result"] is True and a.person(seen, "dana")["title"] == "COO"  # type: ignore[index]
    a.do("undo")
    assert on_file(deal_file, "dana") == {"title": "COO", "notes": ""}


def test_same_person_same_field_refused_and_told(
    deal_file: Path, windows: tuple[Window, Window]
) -> None:
    a, b = windows
    assert a.do("edit_person", person_id="dana", title="VP Ops")["result"] is True
    answer = b.do("edit_person", person_id="dana", title="COO")
    assert answer["result"] is False
    [message] = answer["refused"]
    assert "title was changed elsewhere to 'VP Ops'" in message and RELOADED in message
    assert b.person(answer, "dana")["title"] == "VP Ops"  # type: ignore[index]
    assert on_file(deal_file, "dana")["title"] == "VP Ops"


def test_deal_details_merge_by_field(deal_file: Path, windows: tuple[Window, Window]) -> None:
    a, b = windows
    assert a.do("edit_deal", notes="Board meets on the 12th")["result"] is True
    assert b.do("edit_deal", stage="presentation")["result"] is True
    answer = b.do("edit_deal", account="Acme Corp")
    assert answer["result"] is True
    conflict = a.do("edit_deal", account="Acme Inc")
    assert conflict["result"] is False
    assert "account was changed elsewhere to 'Acme Corp'" in conflict["refused"][0]
    info = read_deal(deal_file).info
    assert (info.notes, str(info.stage), info.account) == (
        "Board meets on the 12th",
        "presentation",
        "Acme Corp",
    )


def test_delete_against_edit_neither_wins_silently(
    deal_file: Path, windows: tuple[Window, Window]
) -> None:
    a, b = windows
    # A deletes Lee, then B (who still shows Lee) edits him: B is told, Lee stays deleted.
    assert a.do("delete", person_ids=["lee"])["result"] is True
    answer = b.do("edit_person", person_id="lee", title="Analyst")
    assert answer["result"] is False
    assert "Lee Wong was deleted elsewhere" in answer["refused"][0]
    assert b.person(answer, "lee") is None
    # B edits Sam, then A (who has not looked since) deletes him: A is told, Sam is kept.
    assert b.do("edit_person", person_id="sam", title="Head of Procurement")["result"] is True
    answer = a.do("delete", person_ids=["sam"])
    assert answer["result"] is False
    assert "Sam Ode: title was changed elsewhere" in answer["refused"][0]
    assert on_file(deal_file, "sam")["title"] == "Head of Procurement"
    assert "lee" not in read_deal(deal_file)


def test_both_adding_people_keeps_both(deal_file: Path, windows: tuple[Window, Window]) -> None:
    a, b = windows
    first = a.do("add_person", position=[300, 40], name="Kim Lee")
    second = b.do("add_person", position=[320, 60], name="Kim Lee")
    assert (first["result"], second["result"]) == ("kim-lee", "kim-lee-2")
    assert second["reloaded"] == [RELOADED]
    ids = [p.id for p in read_deal(deal_file).stakeholders]
    assert ids[-2:] == ["kim-lee", "kim-lee-2"]
    a.do("check")
    assert [p["id"] for p in a.do("check")["deal"]["stakeholders"]] == ids


def test_a_copy_moved_over_the_file_is_noticed(
    deal_file: Path, windows: tuple[Window, Window], tmp_path: Path
) -> None:
    a, _ = windows
    theirs = tmp_path / "theirs.dealmap"
    shutil.copyfile(deal_file, theirs)
    with_kim = committee()
    with_kim.update_info(with_kim.info.edit(name="Acme renewal (synced)"))
    theirs.unlink()
    create_deal_file(theirs, with_kim)
    os.replace(theirs, deal_file)
    answer = a.do("check")
    assert answer["result"] is True and answer["reloaded"] == [RELOADED]
    assert answer["deal"]["deal"]["name"] == "Acme renewal (synced)"
