"""Files that are not ours, damaged, newer, tampered with or too big are refused untouched.

Every refusal is one plain line naming the file, and the folder is byte-for-byte as before:
no change to the file, no journal or backup left beside it.
"""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from store_support import committee, snapshot

from consensus_map.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    DealFileError,
    check_deal_file,
    create_deal_file,
    open_deal_file,
    read_deal,
    safety,
    schema,
)

Spoil = Callable[[Path], None]


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(40_000))


def empty(path: Path) -> None:
    path.write_bytes(b"")


def another_apps_database(path: Path) -> None:
    path.unlink()
    _sql(
        path,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
        "INSERT INTO notes VALUES (1, 'x')",
    )


def wrong_application_id(path: Path) -> None:
    _sql(path, "PRAGMA application_id=1234")


def newer_version(path: Path) -> None:
    _sql(path, f"PRAGMA user_version={SCHEMA_VERSION + 1}")


def extra_trigger(path: Path) -> None:
    # It would rename the deal on any write to people: refusing before any write means never.
    _sql(
        path,
        "CREATE TRIGGER sneaky AFTER UPDATE ON stakeholders BEGIN"
        " UPDATE deal SET name = 'pwned'; END",
        "CREATE TRIGGER sneaky2 AFTER INSERT ON stakeholders BEGIN"
        " UPDATE deal SET name = 'pwned'; END",
    )


def extra_view(path: Path) -> None:
    _sql(path, "CREATE VIEW everyone AS SELECT * FROM stakeholders")


def extra_table(path: Path) -> None:
    _sql(path, "CREATE TABLE payload (x)")


def changed_table(path: Path) -> None:
    _sql(path, "ALTER TABLE stakeholders ADD COLUMN extra TEXT DEFAULT 'x'")


def missing_table(path: Path) -> None:
    _sql(path, "DROP TABLE ties")


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garbled_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : len(data)] = random.Random(3).randbytes(len(data) - page)
    path.write_bytes(bytes(data))


def invalid_value(path: Path) -> None:
    _sql(path, "UPDATE stakeholders SET role = 'wizard' WHERE id = 'dana'")


def invalid_mode(path: Path) -> None:
    _sql(path, "UPDATE stakeholders SET mode = 'panicking' WHERE id = 'sam'")


def overlong_concern(path: Path) -> None:
    _sql(
        path,
        "UPDATE stakeholders SET concern = replace(hex(zeroblob(300)), '0', 'x') WHERE id = 'sam'",
    )


def broken_org_chart(path: Path) -> None:
    _sql(path, "INSERT INTO ties VALUES (99, 'dana', 'lee', 'reports_to', 1.0)")


def schema_not_text(path: Path) -> None:
    # Found by fuzzing: SQLite's message about the broken schema quotes bytes that are not
    # UTF-8, and Python's decoding of that message escaped as a UnicodeDecodeError.
    data = path.read_bytes()
    assert data.count(b'"strength" REAL NOT NULL') == 1
    path.write_bytes(data.replace(b'"strength" REAL NOT NULL', b'"strength" REAL NOT \x82ULL'))


def schema_type_not_text(path: Path) -> None:
    # Parses, but the schema's text is not UTF-8: not an object this app made.
    data = path.read_bytes()
    path.write_bytes(data.replace(b'"strength" REAL', b'"strength" \x82EAL'))


CASES: list[tuple[Spoil, str]] = [
    (random_bytes, "is not a Consensus Map deal file"),
    (empty, "is empty, not a Consensus Map deal file"),
    (another_apps_database, "is not a Consensus Map deal file"),
    (wrong_application_id, "is not a Consensus Map deal file"),
    (newer_version, "was made by a newer version of Consensus Map"),
    (extra_trigger, "contains objects Consensus Map did not create"),
    (extra_view, "contains objects Consensus Map did not create"),
    (extra_table, "contains objects Consensus Map did not create"),
    (changed_table, "contains objects Consensus Map did not create"),
    (missing_table, "is damaged (tables are missing)"),
    (truncated, "is damaged (the file is cut short)"),
    (garbled_pages, "is damaged"),
    (invalid_value, "is damaged (person 'dana': role 'wizard' is not one of"),
    (invalid_mode, "is damaged (person 'sam': mode 'panicking' is not one of: growth, trouble"),
    (overlong_concern, "is damaged (person 'sam': concern is longer than 500 characters)"),
    (broken_org_chart, "is damaged (tie dana reports_to lee: reports-to ties would form a loop)"),
    (schema_not_text, "is damaged (its structure holds bytes that are not text)"),
    (schema_type_not_text, "contains objects Consensus Map did not create"),
]


@pytest.fixture(params=CASES, ids=[spoil.__name__ for spoil, _ in CASES])
def spoiled(request: pytest.FixtureRequest, deal_path: Path) -> tuple[Path, str]:
    spoil, reason = request.param
    spoil(deal_path)
    return deal_path, reason


@pytest.mark.parametrize("load", [open_deal_file, read_deal], ids=["open", "read"])
def test_refused_with_one_line_and_untouched(
    spoiled: tuple[Path, str], load: Callable[[Path], object]
) -> None:
    path, reason = spoiled
    before = snapshot(path.parent)
    with pytest.raises(DealFileError) as refused:
        load(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: {reason}")
    assert "\n" not in message
    assert snapshot(path.parent) == before


def test_check_refuses_what_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "acme.dealmap"
    create_deal_file(path, committee())
    newer_version(path)
    before = snapshot(tmp_path)
    with pytest.raises(DealFileError, match="newer version"):
        check_deal_file(path)
    assert snapshot(tmp_path) == before


def test_check_reports_damage_it_can_describe(deal_path: Path) -> None:
    invalid_value(deal_path)
    before = snapshot(deal_path.parent)
    report = check_deal_file(deal_path)
    assert "person 'dana': role 'wizard' is not one of" in report.integrity
    assert not report.ok
    assert report.people == 5
    assert snapshot(deal_path.parent) == before


def test_the_trigger_never_ran(deal_path: Path) -> None:
    extra_trigger(deal_path)
    for load in (open_deal_file, read_deal, check_deal_file):
        with pytest.raises(DealFileError):
            load(deal_path)
    conn = sqlite3.connect(f"{deal_path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT name FROM deal").fetchone() == ("Acme renewal",)
    conn.close()


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.dealmap"
    with pytest.raises(DealFileError) as refused:
        read_deal(path)
    assert str(refused.value) == f"{path}: does not exist"
    assert list(tmp_path.iterdir()) == []


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DealFileError, match="is not a file"):
        open_deal_file(tmp_path)


def test_too_large_a_file(deal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "MAX_FILE_BYTES", os.path.getsize(deal_path) - 1)
    with pytest.raises(DealFileError, match="is too large to be a Consensus Map deal file"):
        open_deal_file(deal_path)


def test_more_people_than_a_deal_holds(deal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_STAKEHOLDERS", 4)
    before = snapshot(deal_path.parent)
    with pytest.raises(DealFileError, match=r"too large .*\(more than 4 people\)"):
        open_deal_file(deal_path)
    assert snapshot(deal_path.parent) == before


def test_our_identity_is_in_the_header(deal_path: Path) -> None:
    header = deal_path.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
    assert int.from_bytes(header[60:64], "big") == SCHEMA_VERSION


def test_a_file_is_kept_in_rollback_journal_mode_with_full_sync(deal_path: Path) -> None:
    with open_deal_file(deal_path) as opened:
        conn = opened._conn
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA synchronous").fetchone() == (2,)
        assert conn.execute("PRAGMA secure_delete").fetchone() == (1,)
        assert conn.execute("PRAGMA trusted_schema").fetchone() == (0,)
        assert conn.execute("PRAGMA recursive_triggers").fetchone() == (0,)


def test_a_long_reason_from_sqlite_is_cut_to_a_readable_line(tmp_path: Path) -> None:
    # quick_check can list hundreds of problems in its first row (found by fuzzing).
    error = DealFileError(tmp_path / "x.dealmap", "is damaged (" + "On tree page 27 " * 100 + ")")
    assert len(error.reason) <= 200 and error.reason.endswith("…)")
