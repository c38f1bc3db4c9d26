"""Realistic committees, each asserting an outcome an account executive would agree with."""

from __future__ import annotations

from datetime import date

import pytest
from analysis_builders import deal, person, tie

from consensus_map.analysis import analyze, engagement_plan
from consensus_map.analysis.output import risks_json
from consensus_map.domain import Deal, DealError, DealStage, Stance

TODAY = date(2026, 12, 1)


def codes(d: Deal) -> list[str]:
    return [w.code for w in analyze(d, today=TODAY).warnings]


# ------------------------------------------------------------------ sample deal
def test_the_cfo_who_never_met_us_is_the_top_sinker(sample_deal: Deal) -> None:
    analysis = analyze(sample_deal, today=TODAY)
    assert analysis.sinkers[0] == "chris"
    chris = analysis.assessment("chris")
    assert chris is not None
    assert chris.introducer == "dana"
    assert chris.action == "ask Dana Ruiz (champion) to introduce you before 10 Dec"
    for reason in ("decision-maker", "never met", "attends the presentation"):
        assert reason in chris.reasons
    assert "Dana Ruiz (champion) can carry the message" in chris.reasons


def test_engaging_the_top_sinker_raises_the_probability_most(sample_deal: Deal) -> None:
    analysis = analyze(sample_deal, today=TODAY)
    gains = {
        pid: analyze(sample_deal, engage=[pid], today=TODAY).consensus_probability
        for pid in analysis.sinkers
    }
    assert max(gains, key=lambda pid: gains[pid]) == analysis.sinkers[0]
    first = engagement_plan(sample_deal, 1, today=TODAY)[0]
    assert (first.id, first.introducer) == ("chris", "dana")


def test_the_sample_deal_flags_what_a_manager_would(sample_deal: Deal) -> None:
    warnings = {w.code: w.message for w in analyze(sample_deal, today=TODAY).warnings}
    assert list(warnings) == [
        "decision_maker_unengaged",
        "attendees_never_met",
        "seller_ahead",
        "stale_contact",
    ]
    assert "Chris Park (CFO)" in warnings["decision_maker_unengaged"]
    assert warnings["attendees_never_met"].startswith("4 of 7 presentation attendees")
    assert "Priya Natarajan since 14 Oct" in warnings["stale_contact"]


def test_the_security_lead_under_a_skeptic_reads_as_a_likely_skeptic(sample_deal: Deal) -> None:
    sam = analyze(sample_deal, today=TODAY).assessment("sam")
    assert sam is not None
    assert sam.stance is Stance.UNKNOWN
    assert sam.inferred_stance is Stance.SKEPTIC
    assert sam.lean < 0


def test_what_if_leaves_the_deal_alone(sample_deal: Deal) -> None:
    before = risks_json(analyze(sample_deal, today=TODAY))
    what_if = analyze(sample_deal, engage=["chris"], today=TODAY)
    chris = what_if.assessment("chris")
    assert chris is not None and chris.engaged and chris.gap == 0 and not chris.sinker
    assert chris.stance is Stance.UNKNOWN  # stance kept
    assert what_if.engaged_by_what_if == ("chris",)
    assert what_if.consensus_probability > analyze(sample_deal, today=TODAY).consensus_probability
    assert sample_deal.stakeholder("chris").readiness == "unengaged"
    assert risks_json(analyze(sample_deal, today=TODAY)) == before


def test_what_if_on_an_unknown_person_is_a_clear_error(sample_deal: Deal) -> None:
    with pytest.raises(DealError, match="no person with id 'nobody'"):
        analyze(sample_deal, engage=["nobody"])
    with pytest.raises(DealError):
        engagement_plan(sample_deal, 3, engage=["nobody"])


# ------------------------------------------------------------------ small committees
def test_an_unknown_person_who_reports_to_a_skeptic_leans_negative() -> None:
    d = deal(
        [person("boss", stance="skeptic", readiness="aware"), person("report")],
        [tie("report", "boss", "reports_to")],
    )
    report = analyze(d, today=TODAY).assessment("report")
    assert report is not None
    assert report.lean < 0 and report.inferred_stance is Stance.SKEPTIC


def test_a_rival_of_the_champion_leans_against_us() -> None:
    d = deal(
        [person("fan", stance="champion", readiness="aligned"), person("foe")],
        [tie("fan", "foe", "rival", 3)],
    )
    foe = analyze(d, today=TODAY).assessment("foe")
    assert foe is not None and foe.lean < 0


def test_no_evidence_leaves_the_stance_unknown_with_no_lean() -> None:
    d = deal([person("a"), person("b")], [tie("a", "b", "influences", 2)])
    for item in analyze(d, today=TODAY).stakeholders:
        assert item.lean == 0.0 and item.inferred_stance is Stance.UNKNOWN


def test_everyone_aligned_means_no_sinkers_and_near_certain_consensus() -> None:
    people = [
        person(
            "dm",
            role="decision_maker",
            readiness="aligned",
            stance="supporter",
            attends=True,
            last_contact=date(2026, 11, 25),
        ),
        person(
            "champ",
            readiness="committed",
            stance="champion",
            attends=True,
            last_contact=date(2026, 11, 28),
        ),
        person(
            "user",
            role="end_user",
            readiness="aligned",
            stance="neutral",
            attends=True,
            last_contact=date(2026, 11, 20),
        ),
    ]
    analysis = analyze(deal(people, [tie("champ", "dm", "influences", 2)]), today=TODAY)
    assert analysis.sinkers == ()
    assert analysis.consensus_probability > 0.99
    assert analysis.warnings == ()
    assert all(a.action == "" for a in analysis.stakeholders)


def test_a_lone_champion_is_single_threaded() -> None:
    d = deal(
        [
            person("champ", readiness="aligned", stance="champion"),
            person("cfo", role="decision_maker"),
        ],
        [tie("champ", "cfo", "influences", 2)],
    )
    warning = analyze(d, today=TODAY).warnings[0]
    assert warning.code == "single_threaded"
    assert "Champ is your only engaged contact" in warning.message


def test_a_stranger_decision_maker_outranks_a_stranger_end_user() -> None:
    d = deal(
        [
            person("cfo", role="decision_maker", attends=True),
            person("clerk", role="end_user", influence="low", attends=True),
        ]
    )
    analysis = analyze(d, today=TODAY)
    assert analysis.sinkers == ("cfo", "clerk")
    clerk = analysis.assessment("clerk")
    assert clerk is not None and clerk.veto_risk > 0  # whatever their role


def test_someone_who_sways_three_attendees_outweighs_a_title_with_no_ties() -> None:
    attendees = [person(f"a{i}", attends=True) for i in range(3)]
    d = deal(
        [person("fixer", role="end_user"), person("vp", role="decision_maker"), *attendees],
        [tie("fixer", f"a{i}", "influences", 2) for i in range(3)],
    )
    analysis = analyze(d, today=TODAY)
    fixer, vp = analysis.assessment("fixer"), analysis.assessment("vp")
    assert fixer is not None and vp is not None
    assert fixer.power > vp.power
    assert any(r.startswith("sways A0, A1, A2") for r in fixer.reasons)


def test_a_supported_stranger_is_less_risky_than_an_isolated_one() -> None:
    d = deal(
        [
            person("champ", readiness="aligned", stance="champion"),
            person("covered", attends=True),
            person("alone", attends=True),
        ],
        [tie("champ", "covered", "influences", 3)],
    )
    analysis = analyze(d, today=TODAY)
    covered, alone = analysis.assessment("covered"), analysis.assessment("alone")
    assert covered is not None and alone is not None
    assert covered.veto_risk < alone.veto_risk


def test_the_introducer_is_the_closest_supporter() -> None:
    d = deal(
        [
            person("weak", readiness="aligned", stance="champion"),
            person("strong", readiness="aligned", stance="champion"),
            person("cfo", role="decision_maker"),
        ],
        [tie("weak", "cfo", "influences", 1), tie("strong", "cfo", "ally", 3)],
    )
    cfo = analyze(d, today=TODAY).assessment("cfo")
    assert cfo is not None
    assert cfo.introducer == "strong"
    assert cfo.action == "ask Strong (champion) to introduce you before 10 Dec"


def test_an_introduction_can_run_through_an_engaged_colleague() -> None:
    d = deal(
        [
            person("champ", readiness="aligned", stance="champion"),
            person("peer", readiness="aware", stance="neutral"),
            person("cfo", role="decision_maker"),
        ],
        [tie("champ", "peer", "ally", 3), tie("cfo", "peer", "reports_to")],
    )
    cfo = analyze(d, today=TODAY).assessment("cfo")
    assert cfo is not None and cfo.introducer == "champ"
    assert cfo.action == "ask Champ (champion) to introduce you through Peer before 10 Dec"


def test_without_a_tie_the_action_is_to_meet_directly_and_without_a_date_no_deadline() -> None:
    d = deal([person("cfo", role="decision_maker")], presentation=None)
    cfo = analyze(d, today=TODAY).assessment("cfo")
    assert cfo is not None and cfo.introducer is None
    assert cfo.action == "meet directly: no engaged contact is tied to them"
    engaged = deal([person("it", readiness="aware")], presentation=None)
    it = analyze(engaged, today=TODAY).assessment("it")
    assert it is not None and it.action == "meet them to move them from aware to aligned"


def test_a_presentation_next_year_names_the_year() -> None:
    d = deal([person("it", readiness="aware")], presentation=date(2027, 1, 12))
    it = analyze(d, today=TODAY).assessment("it")
    assert it is not None and "before 12 Jan 2027" in it.action


def test_stale_contact_is_about_engaged_people_past_30_days() -> None:
    d = deal(
        [
            person("old", readiness="aware", last_contact=date(2026, 10, 31)),  # 31 days
            person("recent", readiness="aware", last_contact=date(2026, 11, 1)),  # 30 days
            person("stranger", last_contact=date(2025, 1, 1)),
        ]
    )
    stale = [w for w in analyze(d, today=TODAY).warnings if w.code == "stale_contact"]
    assert len(stale) == 1
    assert "Old since 31 Oct" in stale[0].message
    assert "Recent" not in stale[0].message and "Stranger" not in stale[0].message


def test_seller_ahead_follows_the_deal_stage() -> None:
    people = [
        person("cfo", role="decision_maker", readiness="aware", stance="champion"),
        person("x", readiness="aware", stance="supporter"),
    ]
    assert "seller_ahead" not in codes(deal(people, stage=DealStage.DISCOVERY))
    assert "seller_ahead" in codes(deal(people, stage=DealStage.CONSENSUS))


def test_warnings_come_in_the_documented_order() -> None:
    d = deal(
        [person("cfo", role="decision_maker", attends=True, stance="blocker")],
        stage=DealStage.PRESENTATION,
    )
    assert codes(d) == [
        "single_threaded",
        "no_champion",
        "decision_maker_unengaged",
        "attendees_never_met",
        "blocker_present",
        "seller_ahead",
    ]


def test_the_plan_meets_the_boss_before_the_team_and_stops_when_done() -> None:
    d = deal(
        [
            person("champ", readiness="aligned", stance="champion"),
            person("cfo", role="decision_maker", attends=True, stance="supporter"),
            person("analyst", attends=True),
        ],
        [tie("champ", "cfo", "influences", 3), tie("analyst", "cfo", "reports_to")],
    )
    steps = engagement_plan(d, 5, today=TODAY)
    assert [s.id for s in steps] == ["cfo", "analyst"]
    assert steps[0].introducer == "champ"
    assert steps[1].introducer == "cfo"  # the CFO, now engaged, supports us
    assert steps[-1].consensus_probability == pytest.approx(1.0)
    assert engagement_plan(d, 0) == ()
    with pytest.raises(DealError):
        engagement_plan(d, -1)


def test_an_empty_deal_is_analyzed_without_error() -> None:
    analysis = analyze(deal([]), today=TODAY)
    assert analysis.consensus_probability == 1.0
    assert [w.code for w in analysis.warnings] == ["single_threaded", "no_champion"]
