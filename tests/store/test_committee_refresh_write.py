"""A CRM refresh is written in one transaction: the file holds all of it, or none of it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_support import same_deal

from consensus_map.domain import CommitteeRefreshed, Deal, Stakeholder, Tie, TieKind
from consensus_map.store import DealFileError, open_deal_file, read_deal
from consensus_map.store import writes as writes_module


def state(deal: Deal) -> tuple[object, ...]:
    return (deal.info, deal.stakeholders, sorted(deal.ties, key=lambda t: t.key))


def refresh(deal: Deal) -> CommitteeRefreshed:
    first = deal.stakeholders[0]
    second = deal.stakeholders[1]
    return CommitteeRefreshed(
        added=(Stakeholder("kim", "Kim Lee", title="Buyer", x=500, y=600),),
        old=(first, second),
        new=(first.replace(title="Chief of Staff"), second.replace(email="new@x.test")),
        ties_added=(Tie("kim", first.id, TieKind.REPORTS_TO),),
    )


def test_a_refresh_and_its_undo_are_in_the_file_at_once(deal_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        before = state(opened.deal)
        change = refresh(opened.deal)
        opened.deal.refresh_committee(change)
        assert same_deal(read_deal(deal_path), opened.deal)
        assert read_deal(deal_path).stakeholder("kim").title == "Buyer"
        opened.deal.refresh_committee(change.inverse())
        assert state(read_deal(deal_path)) == before


def test_a_refresh_that_fails_midway_leaves_the_file_as_it_was(
    deal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = deal_path.read_bytes()

    def broken_ties(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    with open_deal_file(deal_path) as opened:
        original = state(opened.deal)
        monkeypatch.setattr(writes_module, "_add_ties", broken_ties)
        with pytest.raises(DealFileError):
            opened.deal.refresh_committee(refresh(opened.deal))
        assert state(opened.deal) == original
    assert state(read_deal(deal_path)) == original
    assert deal_path.read_bytes() == before
