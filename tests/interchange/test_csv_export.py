"""The people CSV (`export OUT.csv`): spreadsheet-safe, and read back to the same person
fields by Python's csv module and by this app's importer."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import deals, text

from consensus_map.domain import (
    BuyerMode,
    Deal,
    DealInfo,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.interchange.crm_formats import OWN, default_mapping
from consensus_map.interchange.csv_export import ANALYSIS_COLUMNS, PERSON_COLUMNS, people_csv
from consensus_map.interchange.csv_text import read_csv_bytes
from consensus_map.interchange.formula import escape_cell, unescape_cell
from consensus_map.interchange.importing import ImportSource, new_deal


@dataclass(frozen=True)
class Judged:
    id: str
    in_decision: bool
    veto_risk: float
    sinker: bool
    action: str
    introducer: str | None


def committee() -> Deal:
    people = [
        Stakeholder("dana", "Dana Ruiz", "VP Operations", Role.DECISION_SHAPER,
                    Readiness.ALIGNED, Stance.CHAMPION, attends=True,
                    last_contact=date(2026, 11, 20), email="dana@acme.test", x=10, y=-20.5,
                    mode=BuyerMode.TROUBLE, concern="on-time delivery", crm_id="003A1"),
        Stakeholder("chris", "=HYPERLINK(\"http://evil.test\",\"Chris\")", "CFO",
                    Role.DECISION_MAKER, notes="+1 555 0100\n@mention", x=300, y=0),
        Stakeholder("lee", "Lee Wong", "\tTab title", Role.END_USER, x=0, y=150),
    ]  # fmt: skip
    ties = [Tie("lee", "dana", TieKind.REPORTS_TO), Tie("dana", "chris", TieKind.INFLUENCES, 2)]
    return Deal(DealInfo("Acme renewal"), people, ties)


def read_back(text: str) -> Deal:
    table = read_csv_bytes(text.encode("utf-8"))
    source = ImportSource(
        Path("x.csv"), table.encoding, table, OWN, default_mapping(OWN, table.header)
    )
    return new_deal(source.plan(Deal(DealInfo("Back"))), "Back")


def test_the_columns_are_the_spec_fields_then_the_analysis() -> None:
    text = people_csv(committee())
    assert text.startswith("\ufeff")  # UTF-8 with a BOM: spreadsheets read the accents
    header = next(csv.reader(io.StringIO(text[1:])))
    assert header == [*PERSON_COLUMNS, *ANALYSIS_COLUMNS]
    assert header[:4] == ["id", "name", "title", "role"]
    assert header[-5:] == ["in_decision", "veto_risk", "sinker", "action", "introducer"]


def test_python_csv_reads_every_person_and_the_analysis_columns() -> None:
    judged = [
        Judged("dana", True, 0.04321, False, "", None),
        Judged("chris", True, 0.5, True, "meet him", "dana"),
    ]
    text = people_csv(committee(), judged)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert [r["id"] for r in rows] == ["dana", "chris", "lee"]
    dana, chris, lee = rows
    assert (dana["veto_risk"], dana["sinker"], dana["introducer"]) == ("0.0432", "false", "")
    assert (chris["veto_risk"], chris["sinker"], chris["action"]) == ("0.5", "true", "meet him")
    assert chris["introducer"] == "dana"
    assert (dana["in_decision"], chris["in_decision"], lee["in_decision"]) == ("true", "true", "")
    assert lee["veto_risk"] == ""  # not assessed: empty, not a made-up number
    assert lee["manager"] == "dana"
    assert (dana["x"], dana["y"]) == ("10", "-20.5")  # plain numbers, never escaped


def test_cells_a_spreadsheet_would_run_are_neutralised_and_plain_numbers_left_alone() -> None:
    text = people_csv(committee())
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    chris, lee = rows[1], rows[2]
    assert chris["name"] == '\'=HYPERLINK("http://evil.test","Chris")'
    assert chris["notes"] == "'+1 555 0100\n@mention"
    assert lee["title"] == "'\tTab title"
    for row in rows:
        for column, cell in row.items():
            if cell and cell[0] in "=+-@\t\r":
                assert column in ("x", "y", "veto_risk"), (column, cell)
                float(cell)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"), ("+CMD", "'+CMD"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("-12.5", "-12.5"), ("+3", "+3"), ("1e5", "1e5"),
        ("'=x", "''=x"), ("'abc", "'abc"), ("", ""), ("Dana", "Dana"), ("-", "'-"),
    ],
)  # fmt: skip
def test_escaping_is_inert_and_reversible(cell: str, written: str) -> None:
    assert escape_cell(cell) == written
    assert unescape_cell(written) == cell


@given(text)
def test_unescape_inverts_escape_for_any_text(cell: str) -> None:
    assert unescape_cell(escape_cell(cell)) == cell


def test_this_apps_importer_reads_the_export_back_exactly() -> None:
    deal = committee()
    back = read_back(people_csv(deal))
    assert back.stakeholders == deal.stakeholders
    assert {t for t in back.ties} == {t for t in deal.ties if t.kind is TieKind.REPORTS_TO}


@st.composite
def deals_with_every_field(draw: st.DrawFn) -> Deal:
    deal = draw(deals())
    crm_ids = draw(st.lists(st.sampled_from(["", "003A1", "0035g00000AbCdEAAV", "1251", "x y"]),
                            min_size=len(deal), max_size=len(deal)))  # fmt: skip
    used: set[str] = set()
    people = []
    for person, crm_id in zip(deal.stakeholders, crm_ids, strict=True):
        unique = crm_id if crm_id not in used else ""
        used.add(unique)
        people.append(
            person.replace(
                mode=draw(st.sampled_from(list(BuyerMode))), concern=draw(text), crm_id=unique
            )
        )
    return Deal(deal.info, people, deal.ties)


@given(deals_with_every_field())
def test_any_deal_round_trips_through_the_csv_for_every_person_field(deal: Deal) -> None:
    back = read_back(people_csv(deal))
    assert back.stakeholders == deal.stakeholders
    assert set(back.ties) == {t for t in deal.ties if t.kind is TieKind.REPORTS_TO}


def test_the_same_deal_gives_the_same_bytes() -> None:
    assert people_csv(committee()) == people_csv(committee())


@given(deals_with_every_field())
def test_merging_a_deals_own_export_into_it_changes_nothing(deal: Deal) -> None:
    table = read_csv_bytes(people_csv(deal).encode("utf-8"))
    source = ImportSource(
        Path("x.csv"), table.encoding, table, OWN, default_mapping(OWN, table.header)
    )
    plan = source.plan(deal)
    assert plan.ok
    assert (plan.added, plan.new, plan.ties_added, plan.ties_removed) == ((), (), (), ())
    assert [r.status for r in plan.rows] == ["unchanged"] * len(deal)
    assert plan.not_found == ()
