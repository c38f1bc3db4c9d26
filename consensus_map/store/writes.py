"""Write-through: each change event of a deal as SQL, inside the caller's one transaction.

Single-record edits go through sqlite-utils; many-row edits (a layout moving everyone, a large
delete) use `executemany`, which is the same SQL without per-row lookups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from consensus_map.store.codec import info_to_row, stakeholder_to_row, tie_to_row


def write_event(db: sqlite_utils.Database, event: DealEvent) -> None:
    match event:
        case StakeholdersAdded(people, ties):
            start = _next_ord(db, "stakeholders")
            rows = [stakeholder_to_row(p, start + i) for i, p in enumerate(people)]
            db.table("stakeholders").insert_all(rows, batch_size=500)
            _add_ties(db, ties)
        case StakeholdersRemoved(people, ties):
            _remove_ties(db, ties)
            db.conn.executemany("DELETE FROM stakeholders WHERE id = ?", [(p.id,) for p in people])
        case StakeholdersChanged(_, news):
            for new in news:
                row = stakeholder_to_row(new, 0)
                del row["ord"], row["id"]  # a change keeps the person's place in the order
                db.table("stakeholders").update(new.id, row)
        case StakeholdersMoved(_, positions):
            db.conn.executemany(
                "UPDATE stakeholders SET x = ?, y = ? WHERE id = ?",
                [(x, y, person_id) for person_id, (x, y) in positions.items()],
            )
        case TiesAdded(ties):
            _add_ties(db, ties)
        case TiesRemoved(ties):
            _remove_ties(db, ties)
        case TieChanged(old, new):
            # Ally and rival ties may come back with their ends swapped: same tie, new record.
            updates = {"source": new.source, "target": new.target, "strength": new.strength}
            db.table("ties").update(_pk(old), updates)
        case DealInfoChanged(_, info):
            row = info_to_row(info)
            del row["id"]
            db.table("deal").update(1, row)
        case CommitteeRefreshed():
            _write_refresh(db, event)


def _next_ord(db: sqlite_utils.Database, table: str) -> int:
    # New records go last, as they do in the in-memory deal.
    value = db.execute(f'SELECT coalesce(max(ord), -1) + 1 FROM "{table}"').fetchone()[0]
    return int(value)


def _add_ties(db: sqlite_utils.Database, ties: tuple[Tie, ...]) -> None:
    if ties:
        start = _next_ord(db, "ties")
        db.table("ties").insert_all([tie_to_row(t, start + i) for i, t in enumerate(ties)])


def _remove_ties(db: sqlite_utils.Database, ties: tuple[Tie, ...]) -> None:
    db.conn.executemany(
        "DELETE FROM ties WHERE source = ? AND target = ? AND kind = ?", [_pk(t) for t in ties]
    )


def _pk(tie: Tie) -> tuple[str, str, str]:
    return (tie.source, tie.target, str(tie.kind))


def _write_refresh(db: sqlite_utils.Database, event: CommitteeRefreshed) -> None:
    """A CRM merge (or its undo), in the deal's own order of application."""
    _remove_ties(db, event.ties_removed)
    db.conn.executemany("DELETE FROM stakeholders WHERE id = ?", [(p.id,) for p in event.removed])
    if event.added:
        start = _next_ord(db, "stakeholders")
        rows = [stakeholder_to_row(p, start + i) for i, p in enumerate(event.added)]
        db.table("stakeholders").insert_all(rows, batch_size=500)
    _replace_people(db, event.new)
    _add_ties(db, event.ties_added)


def _replace_people(db: sqlite_utils.Database, people: tuple[Stakeholder, ...]) -> None:
    """Replace records whole, keeping each person's place in the order (`ord`) and id.

    One prepared UPDATE for all of them: a refresh changes thousands of titles at once.
    """
    rows = []
    for person in people:
        row = stakeholder_to_row(person, 0)
        del row["ord"], row["id"]
        rows.append((person.id, row))
    if not rows:
        return
    columns = list(rows[0][1])
    assignments = ", ".join(f'"{c}" = ?' for c in columns)
    db.conn.executemany(
        f"UPDATE stakeholders SET {assignments} WHERE id = ?",
        [(*(row[c] for c in columns), person_id) for person_id, row in rows],
    )
