"""Upgrades: one step function per version, `v(n) → v(n+1)`, run in order in one transaction.

Each step rebuilds what changed with the canonical table definitions of the next version, so an
upgraded file holds exactly the schema objects of a new one and passes the same allow-list.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from consensus_map.store import schema

Step = Callable[[sqlite3.Connection], None]


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Version 2 keeps the order people and ties were added in (`ord`) and a person's email."""
    schema.create_stakeholders_table(conn, 2, name="stakeholders_v2")
    conn.execute(
        "INSERT INTO stakeholders_v2 (id, ord, name, title, role, readiness, stance, influence,"
        " attends, last_contact, email, notes, x, y)"
        " SELECT id, row_number() OVER (ORDER BY rowid) - 1, name, title, role, readiness,"
        " stance, influence, attends, last_contact, '', notes, x, y FROM stakeholders"
    )
    conn.execute("DROP TABLE stakeholders")
    conn.execute("ALTER TABLE stakeholders_v2 RENAME TO stakeholders")
    schema.create_ties_table(conn, 2, name="ties_v2")
    conn.execute(
        "INSERT INTO ties_v2 (ord, source, target, kind, strength)"
        " SELECT row_number() OVER (ORDER BY rowid) - 1, source, target, kind, strength FROM ties"
    )
    conn.execute("DROP TABLE ties")
    conn.execute("ALTER TABLE ties_v2 RENAME TO ties")


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Version 3 adds a person's buyer mode, concern and CRM id; existing people get the
    defaults (mode unknown, no concern, no CRM id), exactly as a JSON file without them."""
    conn.execute("ALTER TABLE stakeholders RENAME TO stakeholders_v2")
    # The order index keeps its name in every version: free it for the new table.
    conn.execute("DROP INDEX stakeholders_ord")
    schema.create_stakeholders_table(conn, 3)
    conn.execute(
        "INSERT INTO stakeholders (id, ord, name, title, role, readiness, stance, influence,"
        " attends, last_contact, email, mode, concern, crm_id, notes, x, y)"
        " SELECT id, ord, name, title, role, readiness, stance, influence, attends,"
        " last_contact, email, 'unknown', '', '', notes, x, y FROM stakeholders_v2"
    )
    conn.execute("DROP TABLE stakeholders_v2")


# STEPS[n - 1] upgrades version n to n + 1.
STEPS: list[Step] = [_v1_to_v2, _v2_to_v3]
assert len(STEPS) == schema.SCHEMA_VERSION - schema.OLDEST_VERSION


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Bring a file from `from_version` to the current version, all or nothing.

    `conn` must be in autocommit mode (isolation_level=None) with no transaction open.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(from_version, schema.SCHEMA_VERSION):
            STEPS[version - schema.OLDEST_VERSION](conn)
            conn.execute(f"PRAGMA user_version={version + 1:d}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a file is kept before it is upgraded from `version`."""
    stem = path.name.removesuffix(".dealmap")
    return path.with_name(f"{stem}.v{version}-backup.dealmap")
