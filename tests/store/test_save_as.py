"""Save As copies the whole file; from then on edits go to the new file only."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import committee, same_deal

from consensus_map.domain import Stakeholder
from consensus_map.store import DealFileError, check_deal_file, open_deal_file, read_deal


def test_save_as_copies_everything_and_moves_the_edits(deal_path: Path) -> None:
    copy_path = deal_path.with_name("acme-copy.dealmap")
    with open_deal_file(deal_path) as original:
        original.deal.move_stakeholders({"dana": (5.5, 6.5)})
        copy = original.save_as(copy_path)
        original.close()
        with copy:
            assert copy.path == copy_path
            assert copy.deal is original.deal  # an app keeps its undo history
            assert same_deal(read_deal(copy_path), read_deal(deal_path))
            copy.deal.add_stakeholder(Stakeholder("kim", "Kim Lee"))
            assert "kim" in read_deal(copy_path)
            assert "kim" not in read_deal(deal_path)
    assert read_deal(deal_path).stakeholder("dana").x == 5.5
    assert sorted(p.name for p in deal_path.parent.iterdir()) == [
        "acme-copy.dealmap",
        "acme.dealmap",
    ]


def test_save_as_replaces_an_existing_file(deal_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "old.dealmap"
    other.write_text("an older export")
    with open_deal_file(deal_path) as original, original.save_as(other) as copy:
        assert same_deal(copy.deal, committee())
    assert check_deal_file(other).people == 5


def test_save_as_into_a_missing_folder_keeps_editing_the_original(
    deal_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "copy.dealmap"
    with open_deal_file(deal_path) as original:
        with pytest.raises(DealFileError) as failed:
            original.save_as(target)
        assert str(failed.value).startswith(f"{target}: could not be written")
        original.deal.add_stakeholder(Stakeholder("kim", "Kim Lee"))
    assert "kim" in read_deal(deal_path)


def test_check_reports_version_integrity_and_counts(deal_path: Path) -> None:
    report = check_deal_file(deal_path)
    assert report.path == deal_path
    assert (report.version, report.current_version, report.integrity) == (3, 3, "ok")
    assert (report.people, report.ties, report.attendees) == (5, 4, 2)
    assert report.ties_by_kind == {"reports_to": 1, "influences": 1, "ally": 1, "rival": 1}
    assert report.size_bytes == deal_path.stat().st_size
