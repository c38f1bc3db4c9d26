"""The people of a deal as CSV (`export FILE OUT.csv`): the SPEC's person fields, then what
the analysis says about each person.

For spreadsheets: UTF-8 with a BOM (so Excel reads accents), CRLF rows, and every cell a
spreadsheet would run as a formula made inert (`formula`). For round trips: `manager` holds
the manager's id, and this app's importer reads the file back to the same person fields.
Deterministic: people in the deal's order, numbers written the way the JSON writes them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import Protocol

from consensus_map.domain import Deal, Stakeholder, TieKind
from consensus_map.interchange.crm_formats import OWN_PERSON_COLUMNS
from consensus_map.interchange.formula import escape_cell

PERSON_COLUMNS = tuple(name for name, _ in OWN_PERSON_COLUMNS)
ANALYSIS_COLUMNS = ("in_decision", "veto_risk", "sinker", "action", "introducer")
# Veto risk to as many places as `risks --json` gives it.
RISK_PLACES = 4


class PersonAssessment(Protocol):
    """What the CSV needs from the analysis of one person (`analysis.Assessment` has it)."""

    @property
    def id(self) -> str: ...
    @property
    def in_decision(self) -> bool: ...
    @property
    def veto_risk(self) -> float: ...
    @property
    def sinker(self) -> bool: ...
    @property
    def action(self) -> str: ...
    @property
    def introducer(self) -> str | None: ...


def people_csv(deal: Deal, assessments: Iterable[PersonAssessment] = ()) -> str:
    """The CSV text, BOM first; the analysis columns are empty for anyone not assessed."""
    found = {a.id: a for a in assessments}
    manager = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
    out = io.StringIO(newline="")
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*PERSON_COLUMNS, *ANALYSIS_COLUMNS))
    for person in deal.stakeholders:
        cells = [*_person_cells(person, manager.get(person.id, ""))]
        cells += _analysis_cells(found.get(person.id))
        writer.writerow([escape_cell(cell) for cell in cells])
    return out.getvalue()


def _person_cells(person: Stakeholder, manager: str) -> list[str]:
    return [
        person.id,
        person.name,
        person.title,
        str(person.role),
        str(person.readiness),
        str(person.stance),
        str(person.influence),
        str(person.mode),
        _bool(person.attends),
        _date(person.last_contact),
        person.email,
        person.concern,
        person.crm_id,
        manager,
        person.notes,
        _number(person.x),
        _number(person.y),
    ]


def _analysis_cells(assessment: PersonAssessment | None) -> list[str]:
    if assessment is None:
        return ["" for _ in ANALYSIS_COLUMNS]
    return [
        _bool(assessment.in_decision),
        _number(round(assessment.veto_risk, RISK_PLACES) + 0.0),
        _bool(assessment.sinker),
        assessment.action,
        assessment.introducer or "",
    ]


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _date(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _number(value: float) -> str:
    """`120`, not `120.0`; otherwise Python's shortest exact repr (reads back identical)."""
    return str(int(value)) if value.is_integer() else repr(value)
