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
    warnings: list[Problem] = []
    if not (NAME_FIELDS | {Field.EMAIL}) & set(mapping):
        errors.append(
            Problem(1, "no column holds a name (map one to name, or first and last name)")
        )
        return ContactList(fmt, (), (), tuple(errors))
    columns = [(i, f) for i, f in enumerate(mapping) if f is not None]
    unknown_roles: Counter[str] = Counter()
    roles: dict[str, _RoleReading] = {}
    contacts: list[Contact] = []
    for record in table.rows:
        values: dict[Field, str] = {}
        for index, target in columns:
            cell = record.cells[index]
            values[target] = unescape_cell(cell) if fmt.exact else cell.strip()
        try:
            contact = _contact(record.line, values, fmt, unknown_roles, warnings, roles)
        except _RowError as error:
            errors.append(Problem(record.line, str(error)))
            continue
        contacts.append(contact)
    errors.extend(_duplicates(contacts))
    if unknown_roles:
        warnings.insert(0, Problem(0, _unknown_roles_warning(unknown_roles)))
    errors.sort(key=lambda p: p.line)
    return ContactList(fmt, tuple(contacts), tuple(warnings), tuple(errors))


def _contact(
    line: int,
    values: dict[Field, str],
    fmt: CrmFormat,
    unknown_roles: Counter[str],
    warnings: list[Problem],
    roles: dict[str, _RoleReading],
) -> Contact:
    said = frozenset(f for f, v in values.items() if v.strip())
    name = _name(values)
    email = values.get(Field.EMAIL, "")
    if not name.strip():
        if not email.strip():
            raise _RowError("no name (and no email to name them by)")
        name = email.strip()
        warnings.append(Problem(line, f"no name: named {name} after their email"))
    cell = values.get(Field.ROLE, "")
    reading = roles.get(cell)
    if reading is None:  # a file repeats a handful of role strings: read each once
        reading = roles[cell] = _read_roles(cell, fmt)
    unknown_roles.update(reading.unknown)
    if reading.conflict:
        warnings.append(Problem(line, f"roles say both {reading.conflict}: stance left unknown"))
    role, role_stance = reading.role, reading.stance
    stance = _enum(values, Field.STANCE, Stance, role_stance or Stance.UNKNOWN)
    notes = values.get(Field.NOTES, "")
    department = values.get(Field.DEPARTMENT, "").strip()
    if department:
        notes = (
            f"{notes}\nDepartment: {department}" if notes.strip() else f"Department: {department}"
        )
    x, y = _number(values, Field.X), _number(values, Field.Y)
    if (x is None) != (y is None):
        raise _RowError("has x without y, or y without x (give both or neither)")
    given_id = values.get(Field.ID, "")
    crm_id = values.get(Field.CRM_ID, "")
    try:
        person = Stakeholder(
            id=given_id if given_id else f"line-{line}",
            name=name,
            title=values.get(Field.TITLE, ""),
            role=role,
            readiness=_enum(values, Field.READINESS, Readiness, Readiness.UNENGAGED),
            stance=stance,
            influence=_enum(values, Field.INFLUENCE, Influence, Influence.MEDIUM),
            attends=_yes_no(values.get(Field.ATTENDS, "")),
            last_contact=_date(values.get(Field.LAST_CONTACT, "")),
            email=email,
            notes=notes,
            x=x or 0.0,
            y=y or 0.0,
            mode=_enum(values, Field.MODE, BuyerMode, BuyerMode.UNKNOWN),
            concern=values.get(Field.CONCERN, ""),
            crm_id=crm_id,
        )
    except DealError as error:
        message = re.sub(r"^person '[^']*': ", "", str(error))
        raise _RowError(message) from None
    return Contact(
        line=line,
        person=person,
        given_id=bool(given_id),
        has_position=x is not None,
        manager=values.get(Field.MANAGER, "").strip(),
        crm_key=crm_key(crm_id),
        said=said,
    )


def _name(values: dict[Field, str]) -> str:
    name = values.get(Field.NAME, "")
    if name.strip():
        return name
    parts = (values.get(Field.FIRST_NAME, "").strip(), values.get(Field.LAST_NAME, "").strip())
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


def _enum(values: dict[Field, str], target: Field, enum: type[E], default: E) -> E:
    text = values.get(target, "").strip()
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
