"""CRM exports become a committee: the source detected, roles and stances mapped through the
tables, managers linked, the map laid out — or a problem that names its line."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from consensus_map.domain import Deal, DealInfo, Role, Stance
from consensus_map.interchange.crm_formats import (
    FORMATS,
    HUBSPOT,
    OWN,
    SALESFORCE,
    Field,
    detect_format,
)
from consensus_map.interchange.crm_ids import crm_key
from consensus_map.interchange.csv_text import CsvImportError
from consensus_map.interchange.importing import ImportSource, new_deal, open_source
from consensus_map.layout import overlaps

FIXTURES = Path(__file__).parent / "fixtures"


def imported(name: str) -> tuple[ImportSource, Deal]:
    source = open_source(FIXTURES / name)
    plan = source.plan(Deal(DealInfo("New")))
    return source, new_deal(plan, "New")


def by_name(deal: Deal) -> dict[str, object]:
    return {p.name: p for p in deal.stakeholders}


def manager_name(deal: Deal, name: str) -> str | None:
    person = next(p for p in deal.stakeholders if p.name == name)
    boss = deal.manager_of(person.id)
    return None if boss is None else deal.stakeholder(boss).name


def assert_no_one_sits_on_anyone(deal: Deal) -> None:
    for a, b in itertools.combinations(deal.stakeholders, 2):
        assert not overlaps((a.x, a.y), (b.x, b.y)), (a.name, b.name)


# ------------------------------------------------------------------------- Salesforce
def test_a_salesforce_export_lands_with_roles_managers_and_crm_ids() -> None:
    source, deal = imported("salesforce_contacts.csv")
    assert source.fmt is SALESFORCE
    assert source.describe() == "Salesforce CSV, UTF-8, comma-separated, 10 rows"
    people = {p.name: p for p in deal.stakeholders}
    assert len(people) == 10
    assert people["Margaret Okonkwo"].role is Role.DECISION_MAKER  # Economic Buyer
    assert people["Daniel Brennan"].role is Role.EXECUTIVE  # Executive Sponsor
    assert people["Tomás Herrera"].role is Role.DECISION_SHAPER  # Technical Buyer
    assert people["Aisha Bello"].role is Role.END_USER  # Business User
    assert people["Rachel Stein"].role is Role.OTHER  # no role given
    assert people["Margaret Okonkwo"].crm_id == "0035g00000AbCdEAAV"
    assert people["Margaret Okonkwo"].email == "m.okonkwo@contosofreight.com"
    assert "Department: Finance" in people["Margaret Okonkwo"].notes
    # A quoted title with a comma and a line break, and one with quotes inside.
    assert people["Priya Raman"].title == "VP, Global Supply Chain\r\nEMEA & APAC"
    assert people["Kevin O'Brien"].title == 'Senior Analyst, "Route Optimization"'
    # Every stance is unknown: Salesforce roles say nothing about what people think.
    assert {p.stance for p in deal.stakeholders} == {Stance.UNKNOWN}


def test_salesforce_15_and_18_character_ids_name_the_same_contact() -> None:
    _, deal = imported("salesforce_contacts.csv")
    # Priya's manager is given as the 15-character id of Daniel's 18-character one; Sven's
    # as Margaret's 15-character id; Tomás has a 15-character id of his own.
    assert manager_name(deal, "Priya Raman") == "Daniel Brennan"
    assert manager_name(deal, "Sven Andersson") == "Margaret Okonkwo"
    assert manager_name(deal, "Marcus Webb") == "Grace Liu"
    assert manager_name(deal, "Tomás Herrera") == "Grace Liu"
    assert manager_name(deal, "Daniel Brennan") is None
    assert len(deal.ties) == 9


def test_crm_key_matches_both_lengths_and_restores_an_upper_cased_id() -> None:
    assert crm_key("001A0000006Vm9r") == crm_key("001A0000006Vm9rIAC")
    assert crm_key("001A0000006VM9RIAC") == "001A0000006Vm9rIAC"  # Excel upper-cased it
    assert crm_key("001a0000006vm9r") != crm_key("001A0000006Vm9r")  # case matters at 15
    assert crm_key("1251") == "1251"  # HubSpot ids are their own keys


def test_an_unknown_role_imports_as_other_with_one_counted_warning() -> None:
    source = open_source(FIXTURES / "salesforce_contacts.csv")
    plan = source.plan(Deal(DealInfo("New")))
    assert [str(w) for w in plan.warnings] == [
        "1 contact had a role we don't know: 'Procurement' ×1 → other"
    ]
    sven = next(r.person for r in plan.rows if r.person.name == "Sven Andersson")
    assert sven.role is Role.OTHER


# ---------------------------------------------------------------------------- HubSpot
def test_a_hubspot_export_with_a_bom_and_multi_value_buying_roles() -> None:
    source, deal = imported("hubspot_contacts.csv")
    assert source.fmt is HUBSPOT
    assert source.table is not None and source.table.encoding == "UTF-8 with BOM"
    people = by_name(deal)
    elena, jamal, nora = people["Elena Vasquez"], people["Jamal Carter"], people["Nora Lindqvist"]
    assert (elena.role, elena.stance) == (Role.DECISION_MAKER, Stance.UNKNOWN)  # type: ignore[attr-defined]
    # Champion and Blocker are stances; the other value gives the role.
    assert (jamal.role, jamal.stance) == (Role.DECISION_SHAPER, Stance.CHAMPION)  # type: ignore[attr-defined]
    assert (nora.role, nora.stance) == (Role.GATEKEEPER, Stance.BLOCKER)  # type: ignore[attr-defined]
    # Two roles: the more decisive formal part wins.
    assert people["Hannah Kowalski"].role is Role.DECISION_SHAPER  # type: ignore[attr-defined]
    assert people["Chloe Martin"].role is Role.EXECUTIVE  # type: ignore[attr-defined]
    assert people["Zoë Müller"].crm_id == "1259"  # type: ignore[attr-defined]
    assert people["Jamal Carter"].title == "VP Clinical Operations"  # type: ignore[attr-defined]


def test_hubspot_unknown_roles_are_counted_in_one_warning_and_a_nameless_contact_is_named() -> None:
    source = open_source(FIXTURES / "hubspot_contacts.csv")
    plan = source.plan(Deal(DealInfo("New")))
    assert [str(w) for w in plan.warnings] == [
        "3 contacts had roles we don't know: 'Chief Vibes Officer' ×2, 'Partner' ×1 → other",
        "line 9: no name: named sam.taylor@fabrikamhealth.org after their email",
    ]
    assert plan.ok


# ------------------------------------------------------------------ spreadsheets
def test_a_semicolon_file_from_a_european_spreadsheet() -> None:
    source, deal = imported("excel_semicolon.csv")
    assert source.table is not None and source.table.delimiter == ";"
    people = by_name(deal)
    katrin = people["Katrin Weiß"]
    assert katrin.title == "Leiterin Einkauf, DACH"  # type: ignore[attr-defined]
    assert katrin.notes == 'sagt: "zu teuer"; will Referenzen'  # type: ignore[attr-defined]
    assert katrin.stance is Stance.SKEPTIC  # type: ignore[attr-defined]
    assert katrin.role is Role.GATEKEEPER  # type: ignore[attr-defined]
    # Managers named by name and by email.
    assert manager_name(deal, "Anna Becker") == "Lukas Schäfer"
    assert manager_name(deal, "Emre Yılmaz") == "Katrin Weiß"


def test_a_windows_1252_file_with_accents_and_spaced_header_names() -> None:
    source, deal = imported("excel_cp1252.csv")
    assert source.fmt is SALESFORCE  # "Contact ID", "Reports To ID" match Id, ReportsToId
    assert source.describe() == "Salesforce CSV, Windows-1252, comma-separated, 5 rows"
    names = {p.name for p in deal.stakeholders}
    assert {
        "Hélène Dubois",
        "François Lefèvre",
        "José Núñez",
        "Cécile Brûlé",
        "Zoë Girard",
    } == names
    titles = {p.title for p in deal.stakeholders}
    assert "Contrôleuse de gestion (budget 2 M€)" in titles
    assert "Chef de Projet « Flotte »" in titles
    assert manager_name(deal, "José Núñez") == "François Lefèvre"


@pytest.mark.parametrize(
    "name", ["salesforce_contacts.csv", "hubspot_contacts.csv", "excel_semicolon.csv",
             "excel_cp1252.csv"],
)  # fmt: skip
def test_every_import_lands_laid_out_with_managers_above_reports(name: str) -> None:
    _, deal = imported(name)
    assert_no_one_sits_on_anyone(deal)
    for tie in deal.ties:
        report, manager = deal.stakeholder(tie.source), deal.stakeholder(tie.target)
        assert manager.y < report.y


def test_header_names_match_whatever_their_case_and_spacing() -> None:
    header = ["  RECORD id", "first_name", "LAST NAME", "e-mail", "job title", "BUYING ROLE"]
    fmt = detect_format(header)
    assert fmt is HUBSPOT
    assert fmt.field_of("  RECORD id") is Field.CRM_ID
    assert fmt.field_of("job title") is Field.TITLE


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["Id", "FirstName", "LastName", "Name", "Title", "Email", "ReportsToId", "Role"],
            SALESFORCE,
        ),
        (["Id", "FirstName", "LastName", "Title", "Email", "Role"], SALESFORCE),
        (["Record ID", "First Name", "Last Name", "Email", "Job Title", "Buying Role"], HUBSPOT),
        (["id", "name", "title", "role", "readiness", "stance", "manager"], OWN),
        (["Name", "Title", "Email"], OWN),
        (["Phone", "Company"], None),
    ],
)
def test_the_source_is_detected_from_the_header(header: list[str], expected: object) -> None:
    assert detect_format(header) is expected


def test_every_format_is_a_table_the_one_importer_reads() -> None:
    # CRM formats are data: each names its columns and role strings, nothing else.
    for fmt in FORMATS:
        assert fmt.columns and fmt.roles
        assert all(isinstance(f, Field) or f is None for f in fmt.columns.values())


# ------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("error_dangling_manager.csv",
         "line 4: manager '0035g00000ZZ9ZZAAJ' is not in the file (a dangling reference)"),
        ("error_duplicate_ids.csv",
         "line 5: CRM id 0035g00000Yz8Ab is 0035g00000Yz8AbAAJ on line 2, the same contact: "
         "one row a person"),
        ("error_cycle.csv",
         "line 4: reports-to loop: Priya Raman → Margaret Okonkwo → Daniel Brennan → Priya Raman"),
    ],
)  # fmt: skip
def test_a_bad_file_names_the_line_and_imports_nothing(name: str, message: str) -> None:
    source = open_source(FIXTURES / name)
    plan = source.plan(Deal(DealInfo("New")))
    assert not plan.ok
    assert str(plan.errors[0]) == message
    assert plan.added == () and plan.ties_added == ()
    with pytest.raises(CsvImportError, match="^" + message.split(":")[0]):
        new_deal(plan, "New")


def test_a_name_that_could_be_two_managers_is_refused() -> None:
    source = _source(b"name,manager\nSam Lee,\nSam Lee,\nAna,Sam Lee\n")
    plan = source.plan(Deal(DealInfo("New")))
    assert [str(e) for e in plan.errors] == [
        "line 4: manager 'Sam Lee' has the same name as lines 2, 3: use an id or email"
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ana,,hot,", "line 2: readiness 'hot' is not one of"),
        ("Ana,,,12/11/2026", "line 2: last contact '12/11/2026' is not a date YYYY-MM-DD"),
        (",true,aware,", "line 2: no name (and no email to name them by)"),
        ("Ana,maybe,,", "line 2: attends 'maybe' is not true or false"),
    ],
)
def test_a_bad_value_in_this_apps_columns_names_its_line(row: str, message: str) -> None:
    source = _source(f"name,attends,readiness,last_contact\n{row}\n".encode())
    plan = source.plan(Deal(DealInfo("New")))
    assert str(plan.errors[0]).startswith(message)


def test_a_title_too_long_for_a_person_names_its_line() -> None:
    source = _source(("name,title\nAna,CFO\nBo," + "x" * 600 + "\n").encode())
    plan = source.plan(Deal(DealInfo("New")))
    assert [str(e) for e in plan.errors] == ["line 3: title is longer than 500 characters"]


def _source(raw: bytes) -> ImportSource:
    from consensus_map.interchange.crm_formats import default_mapping
    from consensus_map.interchange.csv_text import read_csv_bytes

    table = read_csv_bytes(raw)
    fmt = detect_format(table.header)
    assert fmt is not None
    return ImportSource(
        Path("x.csv"), table.encoding, table, fmt, default_mapping(fmt, table.header)
    )


def test_roles_that_disagree_on_the_stance_leave_it_unknown_with_a_warning() -> None:
    source = _source(b"Record ID,First Name,Last Name,Buying Role\n7,Ana,Lima,Champion;Blocker\n")
    plan = source.plan(Deal(DealInfo("New")))
    assert plan.added[0].stance is Stance.UNKNOWN
    assert [str(w) for w in plan.warnings] == [
        "line 2: roles say both blocker and champion: stance left unknown"
    ]


def test_the_docs_list_every_column_and_role_string_the_tables_know() -> None:
    from consensus_map.interchange.crm_formats import ALTIFY_ROLES, HUBSPOT_ROLES, SALESFORCE_ROLES

    page = (Path(__file__).parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    for fmt in FORMATS:
        for column in fmt.columns:
            assert f"`{column}`" in page, (fmt.label, column)
    for table in (SALESFORCE_ROLES, HUBSPOT_ROLES, ALTIFY_ROLES):
        for text, (role, stance) in table.items():
            line = next(
                (ln for ln in page.splitlines() if ln.startswith(("| ", "|")) and text in ln), None
            )
            assert line is not None, text
            assert (role is None or str(role) in line) and (
                stance is None or str(stance) in line
            ), line
