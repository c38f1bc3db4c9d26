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


STAKEHOLDER_COLUMNS = ("id", "ord", "name", "title", "role", "readiness", "stance", "influence",
                       "attends", "last_contact", "email", "mode", "concern", "crm_id", "notes",
                       "x", "y")  # fmt: skip
TIE_COLUMNS = ("ord", "source", "target", "kind", "strength")


def stakeholder_values(person: Stakeholder, ord_: int) -> tuple[Any, ...]:
    """A person's row in the order of STAKEHOLDER_COLUMNS."""
    last_contact = person.last_contact
    return (
        person.id,
        ord_,
        person.name,
        person.title,
        str(person.role),
        str(person.readiness),
        str(person.stance),
        str(person.influence),
        int(person.attends),
        None if last_contact is None else last_contact.isoformat(),
        person.email,
        str(person.mode),
        person.concern,
        person.crm_id,
        person.notes,
        person.x,
        person.y,
    )


def tie_values(tie: Tie, ord_: int) -> tuple[Any, ...]:
    """A tie's row in the order of TIE_COLUMNS."""
    return (ord_, tie.source, tie.target, str(tie.kind), tie.strength)


def stakeholder_to_row(person: Stakeholder, ord_: int) -> Row:
    return dict(zip(STAKEHOLDER_COLUMNS, stakeholder_values(person, ord_), strict=True))


def tie_to_row(tie: Tie, ord_: int) -> Row:
    return dict(zip(TIE_COLUMNS, tie_values(tie, ord_), strict=True))


def write_deal(conn: sqlite3.Connection, deal: Deal) -> None:
    """Insert a whole deal into empty tables (the caller holds the transaction).

    Plain prepared statements rather than sqlite-utils: a new file from an import of 5,000
    contacts spent longer importing sqlite-utils (and numpy behind it) and building its
    per-row SQL than writing the rows. Rows go straight to tuples: a dict per row, read
    back column by column, cost a fifth of writing the file.
    """
    info = info_to_row(deal.info)
    _insert(conn, "deal", tuple(info), [tuple(info.values())])
    people = [stakeholder_values(p, i) for i, p in enumerate(deal.stakeholders)]
    _insert(conn, "stakeholders", STAKEHOLDER_COLUMNS, people)
    _insert(conn, "ties", TIE_COLUMNS, [tie_values(t, i) for i, t in enumerate(deal.ties)])


def _insert(
    conn: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    if rows:
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


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
