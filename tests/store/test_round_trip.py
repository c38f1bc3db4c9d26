"""A deal written to a file reads back exactly, in the same order; create never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from store_support import committee, same_deal, snapshot
from strategies import deals

from consensus_map.domain import Deal
from consensus_map.store import (
    SUFFIX,
    DealFileError,
    create_deal_file,
    open_deal_file,
    read_deal,
)


@given(deal=deals())
def test_any_deal_reads_back_equal(tmp_path_factory: pytest.TempPathFactory, deal: Deal) -> None:
    path = tmp_path_factory.mktemp("round") / f"deal{SUFFIX}"
    create_deal_file(path, deal)
    loaded = read_deal(path)
    assert same_deal(loaded, deal)
    # Order is kept too, so exports of a reopened deal are byte-identical.
    assert loaded.ties == deal.ties
    with open_deal_file(path) as opened:
        assert same_deal(opened.deal, deal)


def test_create_leaves_only_the_file(tmp_path: Path) -> None:
    create_deal_file(tmp_path / "acme.dealmap", committee())
    assert [p.name for p in tmp_path.iterdir()] == ["acme.dealmap"]


def test_create_refuses_to_overwrite(deal_path: Path) -> None:
    before = snapshot(deal_path.parent)
    with pytest.raises(DealFileError) as refused:
        create_deal_file(deal_path, Deal(committee().info))
    assert str(refused.value) == f"{deal_path}: already exists; choose another name"
    assert snapshot(deal_path.parent) == before


def test_create_refuses_to_overwrite_any_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.dealmap"
    notes.write_text("my notes")
    with pytest.raises(DealFileError, match="already exists"):
        create_deal_file(notes, committee())
    assert notes.read_text() == "my notes"


def test_same_deal_gives_byte_identical_files(tmp_path: Path) -> None:
    create_deal_file(tmp_path / "a.dealmap", committee())
    create_deal_file(tmp_path / "b.dealmap", committee())
    assert (tmp_path / "a.dealmap").read_bytes() == (tmp_path / "b.dealmap").read_bytes()
