"""Two handles on one file: a write never carries a stale value over another handle's change.

Each handle remembers the file's `data_version` as of its last read; a write finding it moved
on (checked under the write lock) writes nothing and says so, and the handle reloads.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from store_support import committee, snapshot

from consensus_map.domain import Deal, Stakeholder
from consensus_map.store import (
    DealFileError,
    FileChangedError,
    create_deal_file,
    open_deal_file,
    read_deal,
)
from consensus_map.store.dealfile import DealFile


def retitle(deal: Deal, pid: str, **changes: object) -> None:
    old = deal.stakeholder(pid)
    deal.update_stakeholders([old.edit(**changes)], was=[old])


def catch_up(handle: DealFile) -> None:
    handle.deal.reload_from(handle.reload())


def test_a_write_after_another_handles_write_is_refused_until_reloaded(deal_path: Path) -> None:
    with open_deal_file(deal_path) as a, open_deal_file(deal_path) as b:
        assert (a.disk_state(), b.disk_state()) == ("same", "same")
        retitle(a.deal, "dana", notes="Owns the budget")
        assert (a.disk_state(), b.disk_state()) == ("same", "changed")
        before = snapshot(deal_path.parent)
        with pytest.raises(FileChangedError, match="was changed in another window or program"):
            retitle(b.deal, "dana", title="COO")
        assert snapshot(deal_path.parent) == before
        assert b.deal.stakeholder("dana").title == "VP Operations"
        catch_up(b)
        assert b.disk_state() == "same"
        retitle(b.deal, "dana", title="COO")
    dana = read_deal(deal_path).stakeholder("dana")
    assert (dana.notes, dana.title) == ("Owns the budget", "COO")


def test_an_edit_writes_only_the_columns_it_changed(deal_path: Path) -> None:
    statements: list[str] = []
    with open_deal_file(deal_path) as opened:
        opened._conn.set_trace_callback(statements.append)
        retitle(opened.deal, "sam", concern="price")
        opened.deal.update_info(opened.deal.info.edit(account="Acme Inc"), was=opened.deal.info)
    updates = [s for s in statements if s.startswith("UPDATE")]
    assert updates == [
        "UPDATE stakeholders SET \"concern\" = 'price' WHERE id = 'sam'",
        'UPDATE "deal" SET "account" = \'Acme Inc\' WHERE id = 1',
    ]


def test_a_file_replaced_on_disk_is_noticed_and_opened_afresh(tmp_path: Path) -> None:
    path = tmp_path / "acme.dealmap"
    create_deal_file(path, committee())
    with open_deal_file(path) as opened:
        # A sync client brings the colleague's version: a new file moved over the old name.
        theirs = committee()
        theirs.add_stakeholder(Stakeholder("kim", "Kim Lee"))
        create_deal_file(tmp_path / "incoming.dealmap", theirs)
        os.replace(tmp_path / "incoming.dealmap", path)
        assert opened.disk_state() == "replaced"
        with pytest.raises(FileChangedError, match="was replaced by another file"):
            retitle(opened.deal, "dana", title="COO")
        catch_up(opened)
        assert "kim" in opened.deal
        retitle(opened.deal, "dana", title="COO")
    again = read_deal(path)
    assert "kim" in again and again.stakeholder("dana").title == "COO"


def test_a_file_moved_away_refuses_edits_with_a_way_out(deal_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        deal_path.rename(deal_path.with_name("elsewhere.dealmap"))
        assert opened.disk_state() == "missing"
        with pytest.raises(DealFileError, match=r"was moved or deleted .* use Save As"):
            retitle(opened.deal, "dana", title="COO")
        assert opened.deal.stakeholder("dana").title == "VP Operations"


def test_objects_another_program_adds_are_refused_before_any_write(deal_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        other = sqlite3.connect(deal_path, isolation_level=None)
        other.execute(
            "CREATE TRIGGER sneaky AFTER UPDATE ON stakeholders BEGIN"
            " UPDATE deal SET name = 'pwned'; END"
        )
        other.close()
        with pytest.raises(FileChangedError):
            retitle(opened.deal, "dana", title="COO")
        with pytest.raises(DealFileError, match="contains objects Consensus Map did not create"):
            opened.reload()
    conn = sqlite3.connect(f"{deal_path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT name FROM deal").fetchone() == ("Acme renewal",)
    conn.close()


def test_save_as_copies_only_what_the_model_holds(deal_path: Path, tmp_path: Path) -> None:
    with open_deal_file(deal_path) as a, open_deal_file(deal_path) as b:
        retitle(a.deal, "dana", notes="from A")
        with pytest.raises(FileChangedError):
            b.save_as(tmp_path / "copy.dealmap")
        assert not (tmp_path / "copy.dealmap").exists()
        catch_up(b)
        b.save_as(tmp_path / "copy.dealmap").close()
    assert read_deal(tmp_path / "copy.dealmap").stakeholder("dana").notes == "from A"


def test_a_handle_marked_stale_writes_nothing_until_it_reloads(deal_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        opened.mark_stale()
        assert opened.disk_state() == "changed"
        with pytest.raises(FileChangedError):
            retitle(opened.deal, "dana", title="COO")
        catch_up(opened)
        retitle(opened.deal, "dana", title="COO")
    assert read_deal(deal_path).stakeholder("dana").title == "COO"
