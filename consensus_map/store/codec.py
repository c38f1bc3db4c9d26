"""Records ↔ rows: how a deal's details, people and ties are laid out in the tables.

Dates are ISO text, enums their strings, `attends` 0 or 1. Reading validates every value
through the domain records, so a hand-edited file cannot put an invalid deal in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie

Row = dict[str, Any]


def info_to_row(info: DealInfo) -> Row:
    return {
        "id": 1,
        "name": info.name,
        "account": info.account,
        "stage": str(info.stage),
        "presentation_date": _date_text(info.presentation_date),
        "target_readiness": str(info.target_readiness),
        "notes": info.notes,
    }


def stakeholder_to_row(person: Stakeholder, ord_: int) -> Row:
    return {
        "id": person.id,
        "ord": ord_,
        "name": person.name,
        "title": person.title,
        "role": str(person.role),
        "readiness": str(person.readiness),
        "stance": str(person.stance),
        "influence": str(person.influence),
        "attends": int(person.attends),
        "last_contact": _date_text(person.last_contact),
        "email": person.email,
        "mode": str(person.mode),
        "concern": person.concern,
        "crm_id": person.crm_id,
        "notes": person.notes,
        "x": person.x,
        "y": person.y,
    }


def tie_to_row(tie: Tie, ord_: int) -> Row:
    return {
        "ord": ord_,
        "source": tie.source,
        "target": tie.target,
        "kind": str(tie.kind),
        "strength": tie.strength,
    }


def write_deal(conn: sqlite3.Connection, deal: Deal) -> None:
    """Insert a whole deal into empty tables (the caller holds the transaction).

    Plain prepared statements rather than sqlite-utils: a new file from an import of 5,000
    contacts spent longer importing sqlite-utils (and numpy behind it) and building its
    per-row SQL than writing the rows.
    """
    _insert(conn, "deal", [info_to_row(deal.info)])
    _insert(
        conn, "stakeholders", [stakeholder_to_row(p, i) for i, p in enumerate(deal.stakeholders)]
    )
    _insert(conn, "ties", [tie_to_row(t, i) for i, t in enumerate(deal.ties)])


def _insert(conn: sqlite3.Connection, table: str, rows: list[Row]) -> None:
    if rows:
        columns = list(rows[0])
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        conn.executemany(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
            [tuple(row[c] for c in columns) for row in rows],
        )


def load_deal(conn: sqlite3.Connection) -> Deal:
    """Read a current-version file's tables into a `Deal`.

    Raises `DealError` (a value is invalid or the deal breaks a rule) or `sqlite3.Error`.
    Rows are read as plain tuples in the records' field order: looking 16 columns up by name
    in a `sqlite3.Row` for each of 5,000 people (and building the records from keywords) was
    a fifth of reading a big map.
    """
    conn.row_factory = None
    infos = conn.execute(f"SELECT {_INFO_COLUMNS} FROM deal").fetchall()
    if len(infos) != 1:
        raise ValueError(f"has {len(infos)} deal rows instead of one")
    info = _info(infos[0])
    people = _people(conn.execute(f"SELECT {_PERSON_COLUMNS} FROM stakeholders ORDER BY ord"))
    ties = [Tie(*row) for row in conn.execute(f"SELECT {_TIE_COLUMNS} FROM ties ORDER BY ord")]
    return Deal(info, people, ties)


# In the order of the records' fields (`Stakeholder`, `Tie`), so that a row is passed as is.
_INFO_COLUMNS = "name, account, stage, presentation_date, target_readiness, notes"
_PERSON_COLUMNS = (
    "id, name, title, role, readiness, stance, influence, attends, last_contact, email, notes, "
    "x, y, mode, concern, crm_id"
)
_TIE_COLUMNS = "source, target, kind, strength"


def _info(row: tuple[Any, ...]) -> DealInfo:
    name, account, stage, presentation_date, target_readiness, notes = row
    return DealInfo(
        name=name,
        account=account,
        stage=stage,
        presentation_date=_date(presentation_date, "presentation date"),
        target_readiness=target_readiness,
        notes=notes,
    )


def _people(rows: Iterable[tuple[Any, ...]]) -> list[Stakeholder]:
    people = []
    for row in rows:
        (person_id, name, title, role, readiness, stance, influence, attends, last_contact,
         email, notes, x, y, mode, concern, crm_id) = row  # fmt: skip
        if attends not in (0, 1) or isinstance(attends, float):
            raise ValueError(f"person {person_id!r}: attends is not 0 or 1")
        if last_contact is not None:
            last_contact = _date(last_contact, "last contact")
        person = Stakeholder(person_id, name, title, role, readiness, stance, influence,
                             bool(attends), last_contact, email, notes, x, y, mode, concern,
                             crm_id)  # fmt: skip
        people.append(person)
    return people


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(value: object, what: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} is not a date")
    return date.fromisoformat(value)  # ValueError on anything but an ISO date


def count_rows(conn: sqlite3.Connection, tables: Iterable[str]) -> dict[str, int]:
    return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
