"""Refreshing a deal from next week's CRM export: the CRM's fields change, the seller's
judgement stays, new people land by their manager, nobody is deleted."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from consensus_map.domain import (
    BuyerMode,
    Deal,
    DealInfo,
    Influence,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.interchange.importing import new_deal, open_source, summary_lines
from consensus_map.layout import NODE_HEIGHT, NODE_WIDTH, overlaps

FIXTURES = Path(__file__).parent / "fixtures"
JUDGEMENT = ("readiness", "stance", "mode", "influence", "attends", "concern", "notes", "role",
             "last_contact", "x", "y")  # fmt: skip


def week_one() -> Deal:
    """Last week's import, then a week of the seller's work on the map."""
    plan = open_source(FIXTURES / "salesforce_contacts.csv").plan(Deal(DealInfo("Contoso")))
    deal = new_deal(plan, "Contoso")
    ids = {p.name: p.id for p in deal.stakeholders}
    margaret = deal.stakeholder(ids["Margaret Okonkwo"])
    deal.update_stakeholders(
        [
            margaret.replace(
                readiness=Readiness.EXPLORING, stance=Stance.SKEPTIC, mode=BuyerMode.EVEN_KEEL,
                influence=Influence.HIGH, attends=True, concern="no new headcount",
                notes="Met at the QBR", last_contact=date(2026, 11, 2), x=-900.0, y=40.0,
            ),
            deal.stakeholder(ids["Grace Liu"]).replace(role=Role.GATEKEEPER),
        ]
    )  # fmt: skip
    deal.add_ties(
        [
            Tie(ids["Margaret Okonkwo"], ids["Daniel Brennan"], TieKind.INFLUENCES, 3),
            Tie(ids["Priya Raman"], ids["Grace Liu"], TieKind.ALLY, 2),
            Tie(ids["Sven Andersson"], ids["Aisha Bello"], TieKind.RIVAL),
        ]
    )
    # Someone the seller met before the CRM had them: no CRM id yet, the same email.
    deal.add_stakeholder(
        Stakeholder("nina", "Nina Patel", "Analytics", readiness=Readiness.AWARE,
                    stance=Stance.SUPPORTER, email="Nina.Patel@contosofreight.com", x=2000, y=0)
    )  # fmt: skip
    return deal


def merged() -> tuple[Deal, Deal, object]:
    deal = week_one()
    before = Deal(deal.info, deal.stakeholders, deal.ties)
    plan = open_source(FIXTURES / "salesforce_contacts_week2.csv").plan(deal)
    assert plan.ok, plan.errors
    deal.refresh_committee(plan.change())
    return before, deal, plan


def person(deal: Deal, name: str) -> Stakeholder:
    return next(p for p in deal.stakeholders if p.name == name)


def boss(deal: Deal, name: str) -> str | None:
    manager = deal.manager_of(person(deal, name).id)
    return None if manager is None else deal.stakeholder(manager).name


def test_the_crms_fields_are_updated() -> None:
    _, deal, _ = merged()
    assert person(deal, "Priya Raman").title == "SVP, Global Supply Chain"
    assert person(deal, "Margaret Okonkwo").email == "margaret.okonkwo@contosofreight.com"
    assert person(deal, "Marcus J. Webb").crm_id == "0035g00000Kl6MnAAJ"  # renamed in the CRM
    assert boss(deal, "Aisha Bello") == "Grace Liu"  # was Priya Raman


def test_the_sellers_judgement_ties_and_positions_are_kept() -> None:
    before, deal, _ = merged()
    for old in before.stakeholders:
        new = deal.stakeholder(old.id)
        for field in JUDGEMENT:
            assert getattr(new, field) == getattr(old, field), (old.name, field)
    # The CRM says Grace is a Decision Maker; the seller said gatekeeper: the seller wins.
    assert person(deal, "Grace Liu").role is Role.GATEKEEPER
    hand_drawn = {t for t in before.ties if t.kind is not TieKind.REPORTS_TO}
    assert hand_drawn <= set(deal.ties)


def test_matching_goes_by_crm_id_then_email_then_name() -> None:
    _, deal, plan = merged()
    how = {r.person.name: r.matched_by for r in plan.rows}  # type: ignore[attr-defined]
    assert how["Kevin O'Brien"] == "CRM id"  # a 15-character id for an 18-character one
    assert how["Marcus J. Webb"] == "CRM id"
    assert how["Nina Patel"] == "email"  # the seller's Nina, found by email (any case)
    nina = deal.stakeholder("nina")
    assert nina.crm_id == "0035g00000Np3QsAAJ"
    assert nina.title == "Fleet Analytics Lead"
    assert (nina.readiness, nina.stance) == (Readiness.AWARE, Stance.SUPPORTER)
    assert boss(deal, "Nina Patel") == "Priya Raman"


def test_a_new_person_lands_near_their_manager_on_free_ground() -> None:
    _, deal, plan = merged()
    oscar = person(deal, "Oscar Lindgren")
    assert [p.name for p in plan.added] == ["Oscar Lindgren"]  # type: ignore[attr-defined]
    assert boss(deal, "Oscar Lindgren") == "Aisha Bello"
    assert oscar.crm_id == "0035g00000Os4LgAAJ"
    assert oscar.role is Role.END_USER
    aisha = person(deal, "Aisha Bello")
    assert abs(oscar.x - aisha.x) <= 2 * NODE_WIDTH and 0 < oscar.y - aisha.y <= 3 * NODE_HEIGHT
    for a, b in itertools.combinations(deal.stakeholders, 2):
        assert not overlaps((a.x, a.y), (b.x, b.y)), (a.name, b.name)


def test_people_missing_from_the_file_are_listed_and_kept() -> None:
    _, deal, plan = merged()
    assert [p.name for p in plan.not_found] == ["Rachel Stein"]  # type: ignore[attr-defined]
    assert person(deal, "Rachel Stein").title == "General Counsel"


def test_the_summary_fits_one_screen_and_says_what_happened() -> None:
    _, _, plan = merged()
    lines = summary_lines(plan, merge=True)  # type: ignore[arg-type]
    assert lines[0] == "  added: 1 — Oscar Lindgren"
    assert lines[1].startswith("  updated: 5 — ")
    assert "Aisha Bello (manager)" in lines[1]
    # The seller typed her email with capitals; the CRM's spelling wins.
    assert "Nina Patel (title, email, CRM id, manager)" in lines[1]
    assert "Margaret Okonkwo (email)" in lines[1]
    assert lines[2] == "  left alone: 5 (in the file, nothing to change)"
    assert lines[3] == "  not in the file (kept): 1 — Rachel Stein"
    assert len(lines) <= 24


def test_merging_the_same_file_twice_changes_nothing_the_second_time() -> None:
    _, deal, _ = merged()
    again = open_source(FIXTURES / "salesforce_contacts_week2.csv").plan(deal)
    assert again.added == () and again.new == () and again.ties_added == ()
    assert len(again.unchanged) == 11


def test_the_merge_undoes_as_one_edit() -> None:
    before, deal, plan = merged()
    deal.refresh_committee(plan.change().inverse())  # type: ignore[attr-defined]
    assert deal.stakeholders == before.stakeholders
    assert set(deal.ties) == set(before.ties)


def test_a_merge_that_would_close_a_reporting_loop_names_the_line(tmp_path: Path) -> None:
    deal = week_one()
    # The file says Daniel reports to Aisha, who (in the deal and the file) reports up to him.
    text = (FIXTURES / "salesforce_contacts.csv").read_text(encoding="utf-8")
    text = text.replace(
        '"daniel.brennan@contosofreight.com",""',
        '"daniel.brennan@contosofreight.com","0035g00000Pq7RsAAJ"',
    )
    path = tmp_path / "loop.csv"
    path.write_text(text, encoding="utf-8", newline="")
    plan = open_source(path).plan(deal)
    assert not plan.ok
    assert str(plan.errors[0]).startswith("line 2: reports-to loop: Daniel Brennan → ")


def test_a_manager_missing_from_the_file_may_be_someone_already_in_the_deal(tmp_path: Path) -> None:
    deal = week_one()
    path = tmp_path / "one.csv"
    path.write_text(
        "Id,FirstName,LastName,Title,Email,ReportsToId,Role\n"
        "0035g00000Os4LgAAJ,Oscar,Lindgren,Dispatcher,o@x.test,0035g00000Pq7RsAAJ,Business User\n",
        encoding="utf-8",
    )
    plan = open_source(path).plan(deal)
    assert plan.ok
    deal.refresh_committee(plan.change())
    assert boss(deal, "Oscar Lindgren") == "Aisha Bello"
    assert len(plan.not_found) == len(deal) - 1


@pytest.mark.parametrize(("crm_id", "status"), [("", "updated"), ("0035g00000Np3QsAAJ", "new")])
def test_an_email_match_is_refused_when_the_crm_ids_differ(
    crm_id: str, status: str, tmp_path: Path
) -> None:
    deal = week_one()
    nina = deal.stakeholder("nina")
    deal.update_stakeholder(nina.replace(crm_id="0035g00000ZZ9ZZAAJ"))  # another CRM record
    path = tmp_path / "nina.csv"
    path.write_text(
        f"Id,Name,Email,ReportsToId\n{crm_id},Nina Patel,nina.patel@contosofreight.com,\n"
    )
    plan = open_source(path).plan(deal)
    # No CRM id in the file: the email decides. Another CRM id: another contact.
    assert [r.status for r in plan.rows] == [status]
