"""The one CSV importer: rows of any source, read through that source's table in
`crm_formats` and a column mapping the seller may have changed, become contacts.

A contact is a person as they would land in a new deal (role and stance from the CRM's role
strings, the rest defaults), the line they came from, their CRM id's key and their manager
as the file names them. Problems are gathered per line; a role string never is one (it
imports as `other`, with one warning that counts them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from consensus_map.domain import (
    BuyerMode,
    DealError,
    Influence,
    Readiness,
    Role,
    Stakeholder,
    Stance,
)
from consensus_map.interchange import cells
from consensus_map.interchange.crm_formats import (
    NAME_FIELDS,
    ROLE_PRIORITY,
    CrmFormat,
    Field,
    norm_value,
)
from consensus_map.interchange.crm_ids import crm_key
from consensus_map.interchange.csv_text import CsvTable, Problem
from consensus_map.interchange.formula import unescape_cell

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class Contact:
    """One row read: the person as they would land if new, and how to match and place them."""

    line: int
    person: Stakeholder  # id is the file's own (given_id) or a placeholder until planned
    given_id: bool
    has_position: bool  # x and y were in the file
    manager: str  # the manager as the file names them ("" when it does not)
    crm_key: str  # crm_ids.crm_key of the CRM id ("" when none)
    said: frozenset[Field]  # fields this row has a value for (a merge updates only those)


@dataclass(frozen=True, slots=True)
class ContactList:
    """Every row of a file read through one format and mapping, with what was found wrong."""

    source: CrmFormat
    contacts: tuple[Contact, ...]
    warnings: tuple[Problem, ...]
    errors: tuple[Problem, ...]


class _RowError(Exception):
    pass


def read_contacts(table: CsvTable, fmt: CrmFormat, mapping: Sequence[Field | None]) -> ContactList:
    """Read every row of `table`; column `i` fills field `mapping[i]` (None: ignored)."""
    if len(mapping) != len(table.header):
        raise ValueError("one mapping entry per column")
    errors: list[Problem] = []
    if not (NAME_FIELDS | {Field.EMAIL}) & set(mapping):
        errors.append(
            Problem(1, "no column holds a name (map one to name, or first and last name)")
        )
        return ContactList(fmt, (), (), tuple(errors))
    columns = [(i, f) for i, f in enumerate(mapping) if f is not None]
    reader = _Reader(fmt, mapping)
    contacts: list[Contact] = []
    for record in table.rows:
        cells = record.cells
        if fmt.exact:
            values = {target: unescape_cell(cells[index]) for index, target in columns}
        else:
            values = {target: cells[index].strip() for index, target in columns}
        try:
            contact = reader.contact(record.line, values)
        except _RowError as error:
            errors.append(Problem(record.line, str(error)))
            continue
        contacts.append(contact)
    errors.extend(_duplicates(contacts))
    warnings = reader.warnings
    if reader.unknown_roles:
        warnings.insert(0, Problem(0, _unknown_roles_warning(reader.unknown_roles)))
    errors.sort(key=lambda p: p.line)
    return ContactList(fmt, tuple(contacts), tuple(warnings), tuple(errors))


_MISSING = object()


class _Reader:
    """Rows of one file into contacts. A file repeats a handful of role, enum, yes/no and
    date strings thousands of times: each distinct cell is read once (a bad one is not
    remembered, so every row that has it says so)."""

    def __init__(self, fmt: CrmFormat, mapping: Sequence[Field | None]) -> None:
        self.fmt = fmt
        # A CRM's export has no column for the seller's judgement or a position: its people
        # get the defaults without a look at each row for those cells.
        self.judged = not _JUDGED.isdisjoint(mapping)
        self.unknown_roles: Counter[str] = Counter()
        self.warnings: list[Problem] = []
        self.roles: dict[str, _RoleReading] = {}
        self.cells: dict[tuple[Field, str], object] = {}
        self.said: dict[tuple[Field, ...], frozenset[Field]] = {}

    def contact(self, line: int, values: dict[Field, str]) -> Contact:
        said_fields = tuple([f for f, v in values.items() if v.strip()])
        said = self.said.get(said_fields)
        if said is None:
            said = self.said[said_fields] = frozenset(said_fields)
        name = _name(values)
        email = values.get(_EMAIL, "")
        if not name.strip():
            if not email.strip():
                raise _RowError("no name (and no email to name them by)")
            name = email.strip()
            self.warnings.append(Problem(line, f"no name: named {name} after their email"))
        cell = values.get(_ROLE, "")
        reading = self.roles.get(cell)
        if reading is None:
            reading = self.roles[cell] = _read_roles(cell, self.fmt)
        if reading.unknown:
            self.unknown_roles.update(reading.unknown)
        if reading.conflict:
            self.warnings.append(
                Problem(line, f"roles say both {reading.conflict}: stance left unknown")
            )
        if not self.judged:
            return self.plain(line, values, name, email, reading, said)
        stance = self.enum(values, _STANCE, Stance, reading.stance or _UNKNOWN_STANCE)
        notes = values.get(_NOTES, "")
        department = values.get(_DEPARTMENT, "").strip()
        if department:
            notes = (
                f"{notes}\nDepartment: {department}"
                if notes.strip()
                else f"Department: {department}"
            )
        x, y = _number(values, _X), _number(values, _Y)
        if (x is None) != (y is None):
            raise _RowError("has x without y, or y without x (give both or neither)")
        given_id = values.get(_ID, "")
        crm_id = values.get(_CRM_ID, "")
        try:
            person = Stakeholder(
                id=given_id if given_id else f"line-{line}",
                name=name,
                title=values.get(_TITLE, ""),
                role=reading.role,
                readiness=self.enum(values, _READINESS, Readiness, _UNENGAGED),
                stance=stance,
                influence=self.enum(values, _INFLUENCE, Influence, _MEDIUM),
                attends=self.attends(values),
                last_contact=self.last_contact(values),
                email=email,
                notes=notes,
                x=x or 0.0,
                y=y or 0.0,
                mode=self.enum(values, _MODE, BuyerMode, _UNKNOWN_MODE),
                concern=values.get(_CONCERN, ""),
                crm_id=crm_id,
            )
        except DealError as error:
            raise _row_error(error) from None
        return _contact(line, person, values, said, given_id=bool(given_id), placed=x is not None)

    def plain(
        self,
        line: int,
        values: dict[Field, str],
        name: str,
        email: str,
        reading: _RoleReading,
        said: frozenset[Field],
    ) -> Contact:
        """`contact` for a file without the seller's fields or positions (see `judged`)."""
        department = values.get(_DEPARTMENT, "").strip()
        crm_id = values.get(_CRM_ID, "")
        try:
            person = Stakeholder(
                id=f"line-{line}",
                name=name,
                title=values.get(_TITLE, ""),
                role=reading.role,
                stance=reading.stance or _UNKNOWN_STANCE,
                email=email,
                notes=f"Department: {department}" if department else "",
                crm_id=crm_id,
            )
        except DealError as error:
            raise _row_error(error) from None
        return _contact(line, person, values, said, given_id=False, placed=False)

    def enum(self, values: dict[Field, str], target: Field, enum: type[E], default: E) -> E:
        text = values.get(target)
        if not text:
            return default
        key = (target, text)
        member = self.cells.get(key)
        if member is None:
            member = _enum(text, target, enum, default)
            if member is not default:  # an empty cell's default depends on the row
                self.cells[key] = member
        return member  # type: ignore[return-value]

    def attends(self, values: dict[Field, str]) -> bool:
        text = values.get(_ATTENDS)
        if not text:
            return False
        key = (_ATTENDS, text)
        value = self.cells.get(key)
        if value is None:
            value = self.cells[key] = _yes_no(text)
        return value is True

    def last_contact(self, values: dict[Field, str]) -> date | None:
        text = values.get(_LAST_CONTACT)
        if not text:
            return None
        key = (_LAST_CONTACT, text)
        value = self.cells.get(key, _MISSING)
        if value is _MISSING:
            value = self.cells[key] = _date(text)
        return value  # type: ignore[return-value]


def _row_error(error: DealError) -> _RowError:
    """A record's refusal as a row's problem: the row's line names the person."""
    return _RowError(re.sub(r"^person '[^']*': ", "", str(error)))


def _contact(
    line: int,
    person: Stakeholder,
    values: dict[Field, str],
    said: frozenset[Field],
    *,
    given_id: bool,
    placed: bool,
) -> Contact:
    return Contact(
        line=line,
        person=person,
        given_id=given_id,
        has_position=placed,
        manager=values.get(_MANAGER, "").strip(),
        crm_key=crm_key(person.crm_id),
        said=said,
    )


# Enum members and fields by name cost an attribute lookup through the enum's metaclass
# each: a row reads a dozen.
_ID, _CRM_ID, _TITLE, _EMAIL = Field.ID, Field.CRM_ID, Field.TITLE, Field.EMAIL
_DEPARTMENT, _MANAGER, _ROLE, _NOTES = Field.DEPARTMENT, Field.MANAGER, Field.ROLE, Field.NOTES
_READINESS, _STANCE, _INFLUENCE, _MODE = Field.READINESS, Field.STANCE, Field.INFLUENCE, Field.MODE
_ATTENDS, _LAST_CONTACT, _CONCERN = Field.ATTENDS, Field.LAST_CONTACT, Field.CONCERN
_X, _Y = Field.X, Field.Y
_NAME, _FIRST_NAME, _LAST_NAME = Field.NAME, Field.FIRST_NAME, Field.LAST_NAME
_UNKNOWN_STANCE, _UNENGAGED = Stance.UNKNOWN, Readiness.UNENGAGED
_MEDIUM, _UNKNOWN_MODE = Influence.MEDIUM, BuyerMode.UNKNOWN
# Columns only this app's own CSV (or a hand-made sheet) has: the seller's judgement, the
# person's own id and notes, a position.
_JUDGED = frozenset({_ID, _READINESS, _STANCE, _INFLUENCE, _MODE, _ATTENDS, _LAST_CONTACT,
                     _CONCERN, _NOTES, _X, _Y})  # fmt: skip


def _name(values: dict[Field, str]) -> str:
    name = values.get(_NAME, "")
    if name.strip():
        return name
    parts = (values.get(_FIRST_NAME, "").strip(), values.get(_LAST_NAME, "").strip())
    return " ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class _RoleReading:
    """What one role cell says: the role, a stance, the strings the table lacks."""

    role: Role
    stance: Stance | None
    unknown: tuple[str, ...]
    conflict: str  # "blocker and champion" when the values disagree on the stance


def _read_roles(cell: str, fmt: CrmFormat) -> _RoleReading:
    """A role cell (possibly several values) as a role and, for HubSpot's Champion and
    Blocker, a stance. The most decisive formal role wins."""
    roles: set[Role] = set()
    stances: set[Stance] = set()
    unknown: list[str] = []
    for part in cell.split(fmt.role_separator):
        text = part.strip()
        if not text:
            continue
        meaning = fmt.role_meaning(text)
        if meaning is None:
            unknown.append(text)
            roles.add(Role.OTHER)
            continue
        role, stance = meaning
        if role is not None:
            roles.add(role)
        if stance is not None:
            stances.add(stance)
    role = next((r for r in ROLE_PRIORITY if r in roles), Role.OTHER)
    if len(stances) > 1:
        conflict = " and ".join(sorted(s.label for s in stances))
        return _RoleReading(role, None, tuple(unknown), conflict)
    return _RoleReading(role, next(iter(stances), None), tuple(unknown), "")


def _unknown_roles_warning(unknown: Counter[str]) -> str:
    count = sum(unknown.values())
    listed = ", ".join(
        f"'{text}' ×{n}" for text, n in sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    who = "contact had a role" if count == 1 else "contacts had roles"
    return f"{count} {who} we don't know: {listed} → other"


def _enum(cell: str, target: Field, enum: type[E], default: E) -> E:
    text = cell.strip()
    if not text:
        return default
    key = norm_value(text).replace(" ", "_")
    for member in enum:
        if member.value == key:
            return member
    allowed = ", ".join(str(m) for m in enum)
    raise _RowError(f"{target.label} {text!r} is not one of: {allowed}")


def _yes_no(text: str) -> bool:
    try:
        return cells.yes_no(text)
    except ValueError:
        raise _RowError(f"attends {text!r} is not true or false") from None


def _date(text: str) -> date | None:
    try:
        return cells.day(text)
    except ValueError:
        raise _RowError(f"last contact {text!r} is not a date YYYY-MM-DD") from None


def _number(values: dict[Field, str], target: Field) -> float | None:
    text = values.get(target, "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise _RowError(f"{target.value} {text!r} is not a number") from None


def _duplicates(contacts: Sequence[Contact]) -> list[Problem]:
    """Two rows with the same id, or the same CRM record (15- or 18-character id alike)."""
    problems: list[Problem] = []
    ids: dict[str, Contact] = {}
    keys: dict[str, Contact] = {}
    for contact in contacts:
        if contact.given_id:
            first = ids.setdefault(contact.person.id, contact)
            if first is not contact:
                problems.append(
                    Problem(contact.line, f"id {contact.person.id!r} is also on line {first.line}")
                )
        if contact.crm_key:
            first = keys.setdefault(contact.crm_key, contact)
            if first is not contact:
                crm_id, theirs = contact.person.crm_id.strip(), first.person.crm_id.strip()
                if theirs == crm_id:
                    clash = f"CRM id {crm_id} is also on line {first.line}"
                else:  # a 15- and an 18-character Salesforce id of one contact
                    clash = f"CRM id {crm_id} is {theirs} on line {first.line}, the same contact"
                problems.append(Problem(contact.line, f"{clash}: one row a person"))
    return problems
