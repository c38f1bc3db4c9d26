"""Every edit is in the file the moment it is made, seen by another connection, no save step."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from store_support import same_deal, snapshot

from consensus_map.domain import (
    BuyerMode,
    Deal,
    DealStage,
    Readiness,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.store import DealFileError, FileChangedError, open_deal_file, read_deal
from consensus_map.store import dealfile as dealfile_module

Edit = Callable[[Deal], Any]

EDITS: dict[str, Edit] = {
    "add a person": lambda d: d.add_stakeholder(Stakeholder("kim", "Kim Lee", email="k@x.test")),
    "add people with ties": lambda d: d.add_stakeholders(
        [Stakeholder("mo", "Mo Chen"), Stakeholder("raj", "Raj Patel")],
        [Tie("mo", "raj", TieKind.REPORTS_TO), Tie("raj", "lee", TieKind.INFLUENCES, 3)],
    ),
    "remove people": lambda d: d.remove_stakeholders(["lee"]),
    "update a person": lambda d: d.update_stakeholder(
        d.stakeholder("chris").replace(
            readiness=Readiness.EXPLORING, stance=Stance.BLOCKER, last_contact=date(2026, 11, 3)
        )
    ),
    "give a person a mode, a concern and a CRM id": lambda d: d.update_stakeholder(
        d.stakeholder("chris").replace(
            mode=BuyerMode.OVERCONFIDENT, concern="no new headcount", crm_id="0035e00000XyZ"
        )
    ),
    "update several people at once": lambda d: d.update_stakeholders(
        [
            d.stakeholder("chris").replace(readiness=Readiness.AWARE, attends=False),
            d.stakeholder("dana").replace(readiness=Readiness.AWARE, stance=Stance.SUPPORTER),
        ]
    ),
    "move people": lambda d: d.move_stakeholders({"dana": (-40.5, 12.25), "ana": (300, 400)}),
    "add ties": lambda d: d.add_ties([Tie("chris", "ana", TieKind.ALLY, 2)]),
    "remove ties": lambda d: d.remove_ties([("ana", "dana", TieKind.RIVAL)]),
    "change a tie, ends swapped": lambda d: d.update_tie(Tie("chris", "sam", TieKind.ALLY, 1)),
    "change the deal": lambda d: d.update_info(
        d.info.replace(stage=DealStage.PRESENTATION, presentation_date=None, notes="moved")
    ),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_each_edit_is_in_the_file_at_once(deal_path: Path, edit: Edit) -> None:
    with open_deal_file(deal_path) as opened:
        edit(opened.deal)
        # No save step, file still open: a fresh reader sees exactly the model.
        assert same_deal(read_deal(deal_path), opened.deal)
        assert read_deal(deal_path).stakeholders == opened.deal.stakeholders


def test_another_connection_sees_each_change(deal_path: Path) -> None:
    other = sqlite3.connect(deal_path)
    try:
        with open_deal_file(deal_path) as opened:
            opened.deal.update_stakeholder(opened.deal.stakeholder("lee").replace(attends=True))
            row = other.execute("SELECT attends FROM stakeholders WHERE id = 'lee'").fetchone()
            assert row == (1,)
            opened.deal.add_stakeholder(Stakeholder("kim", "Kim Lee"))
            ids = [r[0] for r in other.execute("SELECT id FROM stakeholders ORDER BY ord")]
            assert ids == ["dana", "chris", "lee", "sam", "ana", "kim"]
    finally:
        other.close()


def test_a_long_session_of_edits_survives_reopening(deal_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        for edit in EDITS.values():
            edit(opened.deal)
        expected = opened.deal
    with open_deal_file(deal_path) as again:
        assert same_deal(again.deal, expected)
        assert again.deal.ties == expected.ties


def test_undo_of_a_delete_puts_people_back_last(deal_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        removed = opened.deal.remove_stakeholders(["dana"])
        opened.deal.add_stakeholders(removed.stakeholders, removed.ties)
        assert read_deal(deal_path).stakeholders == opened.deal.stakeholders
        assert set(read_deal(deal_path).ties) == set(opened.deal.ties)


def test_a_failed_write_leaves_model_and_file_unchanged(
    deal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = dealfile_module.write_event

    def write_then_fail(db: Any, event: Any) -> None:
        real_write(db, event)  # half-done work that must be rolled back
        raise sqlite3.OperationalError("disk I/O error")

    with open_deal_file(deal_path) as opened:
        before_model = opened.deal.stakeholders
        before_file = snapshot(deal_path.parent)
        monkeypatch.setattr(dealfile_module, "write_event", write_then_fail)
        with pytest.raises(DealFileError) as failed:
            opened.deal.remove_stakeholders(["dana"])
        assert str(failed.value) == f"{deal_path}: could not save the change (disk I/O error)"
        assert opened.deal.stakeholders == before_model
        assert snapshot(deal_path.parent) == before_file
        # The next edit works again once the disk does.
        monkeypatch.setattr(dealfile_module, "write_event", real_write)
        opened.deal.remove_stakeholders(["dana"])
        assert "dana" not in read_deal(deal_path)


def test_a_row_gone_behind_our_back_refuses_the_edit(deal_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        other = sqlite3.connect(deal_path)
        with other:
            other.execute("DELETE FROM stakeholders WHERE id = 'chris'")
        other.close()
        chris = opened.deal.stakeholder("chris")
        with pytest.raises(FileChangedError, match="was changed in another window or program"):
            opened.deal.update_stakeholder(chris.replace(title="CEO"))
        assert opened.deal.stakeholder("chris") == chris


def test_a_write_that_would_miss_its_row_is_refused_whole(deal_path: Path) -> None:
    # The same connection cannot see its own writes as another window's: the row counts
    # are the last guard that the file holds what the model says.
    with open_deal_file(deal_path) as opened:
        opened._conn.execute("DELETE FROM stakeholders WHERE id = 'chris'")
        before = snapshot(deal_path.parent)
        people = opened.deal.stakeholders
        with pytest.raises(DealFileError, match=r"could not save the change .*not in the file"):
            opened.deal.update_stakeholders([p.replace(title="Same title") for p in people])
        assert opened.deal.stakeholders == people
        assert snapshot(deal_path.parent) == before


def test_closing_stops_writing(deal_path: Path) -> None:
    opened = open_deal_file(deal_path)
    deal = opened.deal
    opened.close()
    deal.update_info(deal.info.replace(name="Renamed in memory only"))
    assert read_deal(deal_path).info.name == "Acme renewal"
