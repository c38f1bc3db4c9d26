"""The `.dealmap` schema: its identity, its versions, and the SQLite settings every connection uses.

The schema is created through sqlite-utils so that each version's table definitions have one
canonical text; the allow-list of a version is that text, read back from an in-memory copy.
"""

from __future__ import annotations

import sqlite3
from functools import cache
from typing import Any

import sqlite_utils

# "CMap": marks a SQLite file as ours in its header (offset 68).
APPLICATION_ID = 0x434D6170
# Version 2 is current. Version 1 (no person order, no email) exists to prove upgrades work.
SCHEMA_VERSION = 2
OLDEST_VERSION = 1
# A 20,000-person map with long notes stays far below this; anything bigger is not ours.
MAX_FILE_BYTES = 200 * 1024 * 1024

SchemaObject = tuple[str, str, str, str | None]  # type, name, table, sql


def wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils over `conn` without plugins or recursive triggers (both default on)."""
    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    conn.execute("PRAGMA recursive_triggers=OFF")
    return db


def harden(conn: sqlite3.Connection) -> None:
    """Settings for every connection: nothing in the file runs, nothing is lost, nothing lingers."""
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA recursive_triggers=OFF")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA secure_delete=ON")


def deal_columns() -> dict[str, Any]:
    return {
        "id": int,
        "name": str,
        "account": str,
        "stage": str,
        "presentation_date": str,
        "target_readiness": str,
        "notes": str,
    }


def stakeholder_columns(version: int) -> dict[str, Any]:
    columns: dict[str, Any] = {"id": str}
    if version >= 2:
        columns["ord"] = int
    columns.update(
        {
            "name": str,
            "title": str,
            "role": str,
            "readiness": str,
            "stance": str,
            "influence": str,
            "attends": int,
            "last_contact": str,
        }
    )
    if version >= 2:
        columns["email"] = str
    columns.update({"notes": str, "x": float, "y": float})
    return columns


def tie_columns(version: int) -> dict[str, Any]:
    columns: dict[str, Any] = {"ord": int} if version >= 2 else {}
    columns.update({"source": str, "target": str, "kind": str, "strength": float})
    return columns


def create_stakeholders_table(
    db: sqlite_utils.Database, version: int, name: str = "stakeholders"
) -> None:
    columns = stakeholder_columns(version)
    not_null = set(columns) - {"last_contact"}
    db.create_table(name, columns, pk="id", not_null=not_null)
    if version >= 2:
        # New people go after max(ord): an index keeps that lookup instant on big maps.
        db.table(name).create_index(["ord"], index_name="stakeholders_ord", unique=True)


def create_ties_table(db: sqlite_utils.Database, version: int, name: str = "ties") -> None:
    columns = tie_columns(version)
    db.create_table(name, columns, pk=("source", "target", "kind"), not_null=set(columns))
    if version >= 2:
        db.table(name).create_index(["ord"], index_name="ties_ord", unique=True)


def create_schema(db: sqlite_utils.Database, version: int = SCHEMA_VERSION) -> None:
    """Create the empty tables of `version` and stamp the file as ours."""
    db.create_table(
        "deal", deal_columns(), pk="id", not_null=set(deal_columns()) - {"presentation_date"}
    )
    create_stakeholders_table(db, version)
    create_ties_table(db, version)
    stamp(db.conn, version)


def stamp(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(f"PRAGMA application_id={APPLICATION_ID:d}")
    conn.execute(f"PRAGMA user_version={version:d}")


def schema_objects(conn: sqlite3.Connection) -> set[SchemaObject]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(str(t), str(n), str(tb), None if s is None else str(s)) for t, n, tb, s in rows}


@cache
def expected_objects(version: int) -> frozenset[SchemaObject]:
    """Exactly the schema objects a file of `version` holds: the allow-list."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        create_schema(wrap(conn), version)
        return frozenset(schema_objects(conn))
    finally:
        conn.close()
