"""Older files: opened for editing they are backed up then upgraded; read-only users never write."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from store_support import (
    committee,
    same_deal,
    snapshot,
    without_v3_fields,
    write_v1_file,
    write_v2_file,
)

from consensus_map.domain import BuyerMode, Deal
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

Writer = Callable[[Path, Deal], None]
# Each older version: how to write it, and what it keeps of `committee()`.
OLD_VERSIONS: dict[int, tuple[Writer, Callable[[Deal], Deal]]] = {
    1: (write_v1_file, lambda deal: _as_v1_kept(deal)),
    2: (write_v2_file, without_v3_fields),
}


@pytest.fixture
def v1_path(tmp_path: Path) -> Path:
    path = tmp_path / "acme.dealmap"
    write_v1_file(path, committee())
    return path


@pytest.fixture
def v2_path(tmp_path: Path) -> Path:
    path = tmp_path / "acme.dealmap"
    write_v2_file(path, committee())
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
        expected = _as_v1_kept(committee())
        # Version 1 had no email, mode, concern or CRM id: everything else is kept, in order.
        assert opened.deal.stakeholders == expected.stakeholders
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


def test_opening_a_v2_file_backs_it_up_then_upgrades_it(v2_path: Path) -> None:
    original = _dump(v2_path)
    with open_deal_file(v2_path) as opened:
        # Everyone starts with mode unknown and no concern or CRM id; the rest is kept.
        expected = without_v3_fields(committee())
        assert opened.deal.stakeholders == expected.stakeholders
        assert opened.deal.ties == expected.ties
        assert opened.deal.info == expected.info
        dana = opened.deal.stakeholder("dana")
        opened.deal.update_stakeholder(
            dana.replace(mode=BuyerMode.GROWTH, concern="integration with SAP", crm_id="003X")
        )
    backup = v2_path.with_name("acme.v2-backup.dealmap")
    assert _dump(backup) == original
    assert sorted(p.name for p in v2_path.parent.iterdir()) == [
        "acme.dealmap",
        "acme.v2-backup.dealmap",
    ]
    assert check_deal_file(v2_path).version == SCHEMA_VERSION == 3
    dana = read_deal(v2_path).stakeholder("dana")
    assert (dana.mode, dana.concern, dana.crm_id) == (
        BuyerMode.GROWTH,
        "integration with SAP",
        "003X",
    )
    assert check_deal_file(backup).version == 2


@pytest.mark.parametrize("old_version", OLD_VERSIONS)
def test_the_upgraded_file_has_exactly_the_current_schema(tmp_path: Path, old_version: int) -> None:
    path = tmp_path / "old.dealmap"
    write_old, _kept = OLD_VERSIONS[old_version]
    write_old(path, committee())
    open_deal_file(path).close()
    conn = sqlite3.connect(path)
    assert schema.schema_objects(conn) == schema.expected_objects(SCHEMA_VERSION)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()


def test_an_upgraded_file_and_a_new_one_hold_the_same_rows(tmp_path: Path) -> None:
    # v1 → v3 runs both steps: the result is the file a new deal would have been.
    old, new = tmp_path / "old.dealmap", tmp_path / "new.dealmap"
    write_v1_file(old, committee())
    open_deal_file(old).close()
    create_deal_file(new, _as_v1_kept(committee()))
    assert _rows(old) == _rows(new)


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


def test_step_v2_to_v3_keeps_every_row_and_adds_the_defaults(v2_path: Path) -> None:
    conn = sqlite3.connect(v2_path, isolation_level=None)
    before = conn.execute("SELECT * FROM stakeholders ORDER BY ord").fetchall()
    migrations.STEPS[1](conn)
    after = conn.execute(
        "SELECT id, ord, name, title, role, readiness, stance, influence, attends,"
        " last_contact, email, notes, x, y, mode, concern, crm_id FROM stakeholders ORDER BY ord"
    ).fetchall()
    assert after == [(*row, "unknown", "", "") for row in before]
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
    assert same_deal(read_deal(v1_path), _as_v1_kept(committee()))


def test_a_failed_second_step_undoes_the_first(
    v1_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # v1 → v3 is one transaction: a failure in v2 → v3 leaves no half-upgraded v2 file.
    original = v1_path.read_bytes()

    def broken_step(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(migrations, "STEPS", [migrations.STEPS[0], broken_step])
    with pytest.raises(DealFileError, match="could not be upgraded"):
        open_deal_file(v1_path)
    assert v1_path.read_bytes() == original


@pytest.mark.parametrize("old_version", OLD_VERSIONS)
def test_reading_an_old_file_never_writes_it(tmp_path: Path, old_version: int) -> None:
    path = tmp_path / "old.dealmap"
    write_old, kept = OLD_VERSIONS[old_version]
    write_old(path, committee())
    before = snapshot(tmp_path)
    deal = read_deal(path)
    report = check_deal_file(path)
    assert snapshot(tmp_path) == before
    assert same_deal(deal, kept(committee()))
    assert (report.version, report.current_version, report.people) == (
        old_version,
        SCHEMA_VERSION,
        5,
    )


def test_a_current_file_is_not_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "acme.dealmap"
    create_deal_file(path, committee())
    open_deal_file(path).close()
    assert [p.name for p in tmp_path.iterdir()] == ["acme.dealmap"]


def _as_v1_kept(deal: Deal) -> Deal:
    """What a version-1 file held of a deal: no email, and none of version 3's fields."""
    kept = without_v3_fields(deal)
    return Deal(kept.info, [p.replace(email="") for p in kept.stakeholders], kept.ties)


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = ("deal", "stakeholders", "ties")
        return [tuple(r) for t in tables for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")]
    finally:
        conn.close()
