"""People pasted from a spreadsheet: tab-separated rows, the first row may be headers.

Each row becomes the fields of one new person (no id, no position: the app makes the id from
the name and finds each a free spot). Every cell is checked before anyone is added; the
first bad cell is reported as one line naming the row ("row 3 (Sam Whitfield): readiness
'maybe' is not one of: …") and nothing is added.

Without a header row the columns are the People table's, in its order, so rows copied from
the table paste back as they were.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from consensus_map.domain import BuyerMode, Influence, Readiness, Role, Stance
from consensus_map.domain.records import MAX_SHORT_TEXT
from consensus_map.interchange import cells

E = TypeVar("E", bound=StrEnum)
MAX_PASTED_ROWS = 2_000


class PasteError(ValueError):
    """Rows that cannot be added; the message is one line naming the row."""


@dataclass(frozen=True)
class Column:
    """One column of the People table: the person's field, its header and other headers
    a spreadsheet or CRM export may use for it."""

    field: str
    header: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", ("full name", "contact", "contact name", "person")),
    Column("title", "Title", ("job title", "position")),
    Column("role", "Role", ("buying role", "contact role")),
    Column("readiness", "Readiness", ("stage",)),
    Column("stance", "Stance", ()),
    Column("influence", "Influence", ()),
    Column("mode", "Mode", ("buyer mode",)),
    Column("attends", "Attends", ("attends the presentation", "presentation")),
    Column("last_contact", "Last contact", ("last contacted", "last contact date")),
    Column("email", "Email", ("e-mail", "email address")),
    Column("concern", "Concern", ()),
)

# CRM words for roles (SPEC "Role"): Salesforce, HubSpot and Altify say it this way.
ROLE_WORDS: dict[str, Role] = {
    "economic buyer": Role.DECISION_MAKER,
    "economic decision maker": Role.DECISION_MAKER,
    "budget holder": Role.DECISION_MAKER,
    "approver": Role.DECISION_MAKER,
    "executive sponsor": Role.EXECUTIVE,
    "influencer": Role.DECISION_SHAPER,
    "evaluator": Role.DECISION_SHAPER,
    "technical buyer": Role.DECISION_SHAPER,
    "legal and compliance": Role.GATEKEEPER,
    "business user": Role.END_USER,
    "user": Role.END_USER,
}


def _key(text: str) -> str:
    """'Decision-maker', 'decision maker', 'DECISION_MAKER' all read the same."""
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold())


_HEADERS: dict[str, str] = {
    _key(name): column.field
    for column in COLUMNS
    for name in (column.header, column.field, *column.aliases)
}


def _choice(enum: type[E], words: Mapping[str, E] | None = None) -> Callable[[str], E]:
    known: dict[str, E] = {}
    for member in enum:
        known[_key(member.value)] = member
        known[_key(str(getattr(member, "label", member.value)))] = member
    if words:
        known.update({_key(k): v for k, v in words.items()})
    allowed = ", ".join(str(getattr(m, "label", m.value)) for m in enum)

    def read(cell: str) -> E:
        # "Aligned — agrees on the change", as the app's own lists show it, reads as aligned.
        word = _key(cell.split(" — ")[0])
        if word not in known:
            raise ValueError(f"{cell!r} is not one of: {allowed}")
        return known[word]

    return read


def _text(cell: str) -> str:
    text = cell.strip()
    if len(text) > MAX_SHORT_TEXT:
        raise ValueError(f"is longer than {MAX_SHORT_TEXT} characters")
    return text


READERS: dict[str, Callable[[str], Any]] = {
    "name": _text,
    "title": _text,
    "role": _choice(Role, ROLE_WORDS),
    "readiness": _choice(Readiness),
    "stance": _choice(Stance),
    "influence": _choice(Influence),
    "mode": _choice(BuyerMode),
    "attends": cells.yes_no,
    "last_contact": cells.day,
    "email": _text,
    "concern": _text,
}
_LABELS = {column.field: column.header.casefold() for column in COLUMNS}


def parse_rows(text: str) -> list[dict[str, Any]]:
    """The people in pasted text, each a dict of Stakeholder fields (at least `name`).

    Raises PasteError naming the first bad row; blank rows are skipped.
    """
    rows = [
        [cell.strip() for cell in row]
        for row in csv.reader(io.StringIO(text), delimiter="\t")
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        raise PasteError("nothing to paste: copy rows from a spreadsheet (one person a row)")
    fields = _header(rows[0])
    if fields is not None:
        rows = rows[1:]
    else:
        fields = [column.field for column in COLUMNS]
    if len(rows) > MAX_PASTED_ROWS:
        raise PasteError(f"at most {MAX_PASTED_ROWS} people can be pasted at once")
    return [_person(number, row, fields) for number, row in enumerate(rows, start=1)]


def _header(row: list[str]) -> list[str] | None:
    """The fields the header row names ("" for a column the app does not keep, such as
    "Phone"), or None when the first row is already a person (it names no Name column)."""
    fields = [_HEADERS.get(_key(cell), "") for cell in row]
    return fields if "name" in fields else None


def _person(number: int, row: list[str], fields: list[str]) -> dict[str, Any]:
    name = row[fields.index("name")] if "name" in fields and fields.index("name") < len(row) else ""
    where = f"row {number}" + (f" ({name})" if name else "")
    if len(row) > len(fields):
        extra = len(row) - len(fields)
        cells = "cell" if extra == 1 else "cells"
        raise PasteError(f"{where}: {extra} {cells} more than the People table has columns")
    if not name:
        raise PasteError(f"{where}: a name is needed")
    person: dict[str, Any] = {}
    for field, cell in zip(fields, row, strict=False):
        if not field or (not cell and field != "name"):
            continue  # an unknown column, or a blank cell: the field keeps its default
        try:
            person[field] = READERS[field](cell)
        except ValueError as error:
            raise PasteError(f"{where}: {_LABELS[field]} {error}") from None
    return person
