"""Older files: opened for editing they are backed up then upgraded; read-only users never write."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_support import committee, same_deal, snapshot, write_v1_file

from consensus_map.domain import Deal
from consensus_map.store import (
    SCHEMA_VERSION,
    DealFileError,
    check_deal_file,
    create_deal_file,
    migrations,
    open_deal_file,
    read_deal,
    schema,
)


@pytest.fixture
def v1_path(tmp_path: Path) -> Path:
    path = tmp_path / "acme.dealmap"
    write_v1_file(path, committee())
    return path


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [*conn.iterdump(), str(conn.execute("PRAGMA user_version").fetchone())]
    finally:
        conn.close()


def test_opening_a_v1_file_backs_it_up_then_upgrades_it(v1_path: Path) -> None:
    original = _dump(v1_path)
    with open_deal_file(v1_path) as opened:
        expected = committee()
        # Version 1 had no email: everything else is kept, in the same order.
        assert opened.deal.stakeholders == [p.replace(email="") for p in expected.stakeholders]
        assert opened.deal.ties == expected.ties
        assert opened.deal.info == expected.info
        opened.deal.update_stakeholder(opened.deal.stakeholder("dana").replace(email="d@x.test"))
    backup = v1_path.with_name("acme.v1-backup.dealmap")
    assert _dump(backup) == original
    assert sorted(p.name for p in v1_path.parent.iterdir()) == [
        "acme.dealmap",
        "acme.v1-backup.dealmap",
    ]
    assert check_deal_file(v1_path).version == SCHEMA_VERSION
    assert read_deal(v1_path).stakeholder("dana").email == "d@x.test"
    # The backup is a valid version-1 file in its own right.
    assert check_deal_file(backup).version == 1


def test_the_upgraded_file_has_exactly_the_current_schema(v1_path: Path) -> None:
    open_deal_file(v1_path).close()
    conn = sqlite3.connect(v1_path)
    assert schema.schema_objects(conn) == schema.expected_objects(SCHEMA_VERSION)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()


def test_step_v1_to_v2_keeps_order_and_adds_email(tmp_path: Path) -> None:
    path = tmp_path / "v1.dealmap"
    write_v1_file(path, committee())
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.STEPS[0](conn)
    rows = conn.execute("SELECT ord, id, email FROM stakeholders ORDER BY ord").fetchall()
    assert rows == [(i, p.id, "") for i, p in enumerate(committee().stakeholders)]
    ties = conn.execute("SELECT ord, source FROM ties ORDER BY ord").fetchall()
    assert ties == [(i, t.source) for i, t in enumerate(committee().ties)]
    conn.close()


def test_a_failed_upgrade_leaves_the_file_as_it_was(
    v1_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = v1_path.read_bytes()

    def broken_step(conn: sqlite3.Connection) -> None:
        conn.execute("DROP TABLE ties")
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(migrations, "STEPS", [broken_step])
    with pytest.raises(DealFileError) as failed:
        open_deal_file(v1_path)
    assert str(failed.value) == f"{v1_path}: could not be upgraded (disk full)"
    assert v1_path.read_bytes() == original
    monkeypatch.undo()
    assert same_deal(read_deal(v1_path), _without_emails(committee()))


def test_reading_a_v1_file_never_writes_it(v1_path: Path) -> None:
    before = snapshot(v1_path.parent)
    deal = read_deal(v1_path)
    report = check_deal_file(v1_path)
    assert snapshot(v1_path.parent) == before
    assert same_deal(deal, _without_emails(committee()))
    assert (report.version, report.current_version, report.people) == (1, SCHEMA_VERSION, 5)


def test_a_current_file_is_not_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "acme.dealmap"
    create_deal_file(path, committee())
    open_deal_file(path).close()
    assert [p.name for p in tmp_path.iterdir()] == ["acme.dealmap"]


def _without_emails(deal: Deal) -> Deal:
    return Deal(deal.info, [p.replace(email="") for p in deal.stakeholders], deal.ties)
