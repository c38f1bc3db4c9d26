"""Write-through: each change event of a deal as SQL, inside the caller's one transaction.

An edit writes only the columns it changed (an event carries the old and the new record), so
a write never carries a stale copy of a field another window wrote. Every statement must
touch exactly the rows the event names: a row that is missing or already there means the file
no longer matches the deal in memory, and the whole transaction is refused
(`FileMismatch`) rather than writing a half-true edit.

New people and ties go through sqlite-utils; updates and deletes are plain prepared SQL,
grouped by the columns they set, so that a layout moving everyone, or a CRM refresh changing
thousands of titles, is one `executemany`.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

from consensus_map.domain import (
    CommitteeRefreshed,
    DealEvent,
    DealInfoChanged,
    Stakeholder,
    StakeholdersAdded,
    StakeholdersChanged,
    StakeholdersMoved,
    StakeholdersRemoved,
    Tie,
    TieChanged,
    TiesAdded,
    TiesRemoved,
)
from consensus_map.store.codec import Row, info_to_row, stakeholder_to_row, tie_to_row


class FileMismatch(Exception):
    """The rows an edit names are not in the file as the deal in memory says they are."""


def write_event(db: sqlite_utils.Database, event: DealEvent) -> None:
    conn = db.conn
    match event:
        case StakeholdersAdded(people, ties):
            _add_people(db, people)
            _add_ties(db, ties)
        case StakeholdersRemoved(people, ties):
            _remove_ties(conn, ties)
            _each_once(
                conn, "DELETE FROM stakeholders WHERE id = ?", [(p.id,) for p in people], "people"
            )
        case StakeholdersChanged(olds, news):
            _update_people(conn, olds, news)
        case StakeholdersMoved(_, positions):
            _each_once(
                conn,
                "UPDATE stakeholders SET x = ?, y = ? WHERE id = ?",
                [(x, y, person_id) for person_id, (x, y) in positions.items()],
                "people",
            )
        case TiesAdded(ties):
            _add_ties(db, ties)
        case TiesRemoved(ties):
            _remove_ties(conn, ties)
        case TieChanged(old, new):
            # Ally and rival ties may come back with their ends swapped: same tie, new record.
            changes = _changed(tie_to_row(old, 0), tie_to_row(new, 0), skip=("ord", "kind"))
            _set(conn, "ties", changes, "source = ? AND target = ? AND kind = ?", [_pk(old)])
        case DealInfoChanged(old, new):
            changes = _changed(info_to_row(old), info_to_row(new), skip=("id",))
            _set(conn, "deal", changes, "id = ?", [(1,)])
        case CommitteeRefreshed():
            # A CRM merge (or its undo), in the deal's own order of application.
            _remove_ties(conn, event.ties_removed)
            removed = [(p.id,) for p in event.removed]
            _each_once(conn, "DELETE FROM stakeholders WHERE id = ?", removed, "people")
            _add_people(db, event.added)
            _update_people(conn, event.old, event.new)
            _add_ties(db, event.ties_added)


def _add_people(db: sqlite_utils.Database, people: tuple[Stakeholder, ...]) -> None:
    if people:
        start = _next_ord(db, "stakeholders")
        rows = [stakeholder_to_row(p, start + i) for i, p in enumerate(people)]
        # A person already in the file (another window added the same id) is an IntegrityError.
        db.table("stakeholders").insert_all(rows, batch_size=500)


def _update_people(
    conn: sqlite3.Connection, olds: Sequence[Stakeholder], news: Sequence[Stakeholder]
) -> None:
    # A change keeps the person's place in the order (`ord`) and their id.
    by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for old, new in zip(olds, news, strict=True):
        changes = _changed(stakeholder_to_row(old, 0), stakeholder_to_row(new, 0), skip=("ord",))
        if changes:
            by_columns[tuple(changes)].append((*changes.values(), old.id))
    for columns, rows in by_columns.items():
        assignments = ", ".join(f'"{c}" = ?' for c in columns)
        _each_once(conn, f"UPDATE stakeholders SET {assignments} WHERE id = ?", rows, "people")


def _changed(old: Row, new: Row, *, skip: Iterable[str]) -> Row:
    skipped = set(skip)
    return {k: v for k, v in new.items() if k not in skipped and old[k] != v}


def _set(
    conn: sqlite3.Connection, table: str, changes: Row, where: str, keys: list[tuple[Any, ...]]
) -> None:
    if changes:
        assignments = ", ".join(f'"{c}" = ?' for c in changes)
        rows = [(*changes.values(), *key) for key in keys]
        _each_once(conn, f'UPDATE "{table}" SET {assignments} WHERE {where}', rows, table)


def _each_once(conn: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]], what: str) -> None:
    """Run `sql` for each row; each must touch exactly one row of the file."""
    if not rows:
        return
    cursor = conn.executemany(sql, rows)
    if cursor.rowcount != len(rows):
        raise FileMismatch(
            f"{len(rows) - max(cursor.rowcount, 0)} of the {what} are not in the file"
        )


def _next_ord(db: sqlite_utils.Database, table: str) -> int:
    # New records go last, as they do in the in-memory deal.
    value = db.execute(f'SELECT coalesce(max(ord), -1) + 1 FROM "{table}"').fetchone()[0]
    return int(value)


def _add_ties(db: sqlite_utils.Database, ties: tuple[Tie, ...]) -> None:
    if ties:
        start = _next_ord(db, "ties")
        db.table("ties").insert_all([tie_to_row(t, start + i) for i, t in enumerate(ties)])


def _remove_ties(conn: sqlite3.Connection, ties: tuple[Tie, ...]) -> None:
    _each_once(
        conn,
        "DELETE FROM ties WHERE source = ? AND target = ? AND kind = ?",
        [_pk(t) for t in ties],
        "ties",
    )


def _pk(tie: Tie) -> tuple[str, str, str]:
    return (tie.source, tie.target, str(tie.kind))
