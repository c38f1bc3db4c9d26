"""Privacy: deleted text does not survive in the file, and a copy for sharing can leave out
notes and concerns, saying what it left out. Checked on the raw bytes of the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import committee, snapshot

from consensus_map.domain import Stakeholder
from consensus_map.store import (
    DealFileError,
    check_deal_file,
    create_deal_file,
    open_deal_file,
    read_deal,
)

SECRET = "Budget-freeze-until-Q3-zq7"  # a word that appears nowhere else in a file


def raw(path: Path) -> bytes:
    return path.read_bytes()


def test_text_overwritten_or_deleted_leaves_no_trace_in_the_file(deal_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        deal = opened.deal
        chris = deal.stakeholder("chris")
        deal.update_stakeholder(chris.replace(notes=f"{SECRET} (notes)"))
        deal.add_stakeholder(Stakeholder("kim", f"{SECRET} Kim", concern=f"{SECRET} concern"))
        deal.update_info(deal.info.replace(notes=f"{SECRET} " * 2000))  # overflow pages
        assert raw(deal_path).count(SECRET.encode()) >= 3
        deal.update_stakeholder(deal.stakeholder("chris").replace(notes="Met once"))
        deal.remove_stakeholders(["kim"])
        deal.update_info(deal.info.replace(notes="Short"))
    assert SECRET.encode() not in raw(deal_path)
    assert not list(deal_path.parent.glob("*-journal"))


@pytest.mark.parametrize(
    ("notes", "concerns", "summary"),
    [
        (
            True,
            True,
            "Left out: the notes of 2 people, the deal's notes and the concerns of 2 people.",
        ),
        (True, False, "Left out: the notes of 2 people and the deal's notes."),
        (False, True, "Left out: the concerns of 2 people."),
        (False, False, "Nothing was left out: the copy holds the whole deal."),
    ],
)
def test_a_copy_for_sharing_leaves_out_what_was_asked_and_says_so(
    tmp_path: Path, notes: bool, concerns: bool, summary: str
) -> None:
    home, outbox = tmp_path / "deals", tmp_path / "outbox"
    home.mkdir()
    outbox.mkdir()
    path = home / "acme.dealmap"
    create_deal_file(path, committee())
    with open_deal_file(path) as opened:
        deal = opened.deal
        dana = deal.stakeholder("dana")
        deal.update_stakeholder(dana.replace(notes=f"{SECRET} note", concern=f"{SECRET} fear"))
        deal.update_info(deal.info.replace(notes=f"{SECRET} deal"))
        before = snapshot(home)
        shared = opened.save_shared_copy(
            outbox / "for-manager.dealmap", without_notes=notes, without_concerns=concerns
        )
        assert snapshot(home) == before, "the open file is only read"
        expected = opened.deal
    assert shared.summary() == summary
    copy = shared.path
    assert sorted(p.name for p in outbox.iterdir()) == [copy.name], "no work files left"
    assert check_deal_file(copy).ok
    got = read_deal(copy)
    assert [p.id for p in got.stakeholders] == [p.id for p in expected.stakeholders]
    assert ((SECRET + " note").encode() in raw(copy)) is not notes
    assert ((SECRET + " deal").encode() in raw(copy)) is not notes
    assert ((SECRET + " fear").encode() in raw(copy)) is not concerns
    assert all(p.notes == "" for p in got.stakeholders) is notes
    assert got.stakeholder("sam").concern == ("" if concerns else "no new vendors this year")
    assert got.stakeholder("dana").title == "VP Operations"  # everything else is kept


def test_a_copy_is_compacted(deal_path: Path, tmp_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        deal = opened.deal
        deal.update_info(deal.info.replace(notes="x" * 90_000))
        deal.update_info(deal.info.replace(notes=""))
        shared = opened.save_shared_copy(
            tmp_path / "copy.dealmap", without_notes=False, without_concerns=False
        )
    assert shared.path.stat().st_size < deal_path.stat().st_size


def test_there_is_nothing_to_leave_out(tmp_path: Path) -> None:
    from consensus_map.domain import Deal, DealInfo

    path = tmp_path / "plain.dealmap"
    create_deal_file(path, Deal(DealInfo("Plain"), [Stakeholder("a", "A")]))
    with open_deal_file(path) as opened:
        shared = opened.save_shared_copy(
            tmp_path / "copy.dealmap", without_notes=True, without_concerns=True
        )
    assert shared.summary() == "There were no notes or concerns to leave out."


def test_the_copy_never_replaces_the_open_deal(deal_path: Path) -> None:
    before = raw(deal_path)
    with open_deal_file(deal_path) as opened, pytest.raises(DealFileError, match="you have open"):
        opened.save_shared_copy(deal_path, without_notes=True, without_concerns=True)
    assert raw(deal_path) == before
    assert sorted(p.name for p in deal_path.parent.iterdir()) == [deal_path.name]
