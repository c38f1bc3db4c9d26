"""Small deals, each asserting what a seasoned seller expects (analysis v2).

Each group answers one finding of the seller who reviewed version 1 (issue 8): recorded
opposition barely counted, an opponent at the target vanished, mapping more of the account
lowered the number, one friendly tie made a stranger a "likely champion", one meeting bought
certainty, introductions went around the seller's own contacts, the list was sorted by
"never met" first, and flags were missing. The expectations were written before reading what
the engine says.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from analysis_builders import deal, person, tie

from consensus_map.analysis import analyze, engagement_plan
from consensus_map.analysis.output import risks_json
from consensus_map.analysis.plan import plan_note
from consensus_map.analysis.result import Assessment, DealAnalysis
from consensus_map.domain import Deal, DealError, DealStage, Readiness, Stakeholder, Stance

TODAY = date(2026, 12, 1)
RECENT = date(2026, 11, 25)


def run(d: Deal, *engage: str) -> DealAnalysis:
    return analyze(d, engage=engage, today=TODAY)


def of(analysis: DealAnalysis, person_id: str) -> Assessment:
    item = analysis.assessment(person_id)
    assert item is not None
    return item


def codes(d: Deal) -> list[str]:
    return [w.code for w in run(d).warnings]


def champion(person_id: str = "dana", **fields: object) -> Stakeholder:
    fields.setdefault("readiness", "aligned")
    fields.setdefault("last_contact", RECENT)
    return person(person_id, stance="champion", **fields)


# ----------------------------------------------------- recorded opposition dominates
def test_strangers_met_and_recorded_as_blockers_sink_the_sample(sample_deal: Deal) -> None:
    before = run(sample_deal).consensus_probability
    for stranger in [p for p in sample_deal.stakeholders if not p.engaged]:
        sample_deal.update_stakeholder(
            stranger.replace(readiness=Readiness.AWARE, stance=Stance.BLOCKER, last_contact=RECENT)
        )
    after = run(sample_deal)
    assert after.consensus_probability < before / 10
    assert after.consensus_band == "very_low"
    blockers_in_decision = [a for a in after.stakeholders if a.stance is Stance.BLOCKER]
    assert all(a.sinker for a in blockers_in_decision if a.in_decision)


def test_a_signer_recorded_as_a_blocker_leaves_little_chance() -> None:
    d = deal(
        [champion(), person("cfo", role="decision_maker", stance="blocker", readiness="aligned")],
        [tie("dana", "cfo", "influences", 3)],
    )
    analysis = run(d)
    assert analysis.consensus_probability <= 0.25
    assert analysis.sinkers[0] == "cfo"
    assert of(analysis, "cfo").veto_risk >= 0.75


@pytest.mark.parametrize("readiness", list(Readiness))
def test_a_blocker_who_signs_or_attends_is_likely_to_sink_it_at_any_readiness(
    readiness: Readiness,
) -> None:
    d = deal(
        [
            person("cfo", role="decision_maker", stance="blocker", readiness=readiness),
            person("lead", role="end_user", stance="blocker", readiness=readiness, attends=True),
        ]
    )
    analysis = run(d)
    assert of(analysis, "cfo").veto_risk >= 0.75
    assert of(analysis, "lead").veto_risk >= 0.75


def test_a_skeptic_at_the_target_is_still_a_substantial_risk_and_a_champion_a_small_one() -> None:
    d = deal(
        [
            person("doubter", role="decision_shaper", stance="skeptic", readiness="aligned",
                   attends=True),
            champion("fan", attends=True, influence="high"),
        ]
    )  # fmt: skip
    analysis = run(d)
    doubter = of(analysis, "doubter")
    assert doubter.veto_risk >= 0.2 and doubter.sinker
    assert "hear out" in doubter.action
    assert 0 < of(analysis, "fan").veto_risk <= 0.05
    assert not of(analysis, "fan").sinker


def test_an_aligned_blocker_who_sways_the_cfo_is_a_sinker_with_an_action() -> None:
    d = deal(
        [
            champion(),
            person("cfo", role="decision_maker", attends=True),
            person("vp", title="VP Supply", stance="blocker", readiness="aligned",
                   influence="high", last_contact=RECENT),
        ],
        [tie("vp", "cfo", "influences", 3), tie("dana", "cfo", "influences", 1)],
    )  # fmt: skip
    analysis = run(d)
    vp, cfo = of(analysis, "vp"), of(analysis, "cfo")
    assert vp.in_decision and vp.sinker and vp.gap == 0
    assert "vp" in analysis.sinkers
    assert vp.action.startswith("win Vp over")
    # The blocker drags the CFO's guessed lean down, and the reason says whose doing it is.
    assert cfo.lean < 0 and cfo.guess
    assert any("Vp, a blocker, sways them" in r for r in cfo.reasons)
    note = plan_note(analysis, engagement_plan(d, 3, today=TODAY), 3)
    assert "Vp is not in the plan" in note


def test_the_list_is_by_veto_risk_not_never_met_first() -> None:
    d = deal(
        [
            person("vp", role="executive", stance="blocker", readiness="aligned",
                   last_contact=RECENT),
            person("clerk", role="end_user", influence="low", attends=True),
            person("cfo", role="decision_maker", attends=True),
        ]
    )  # fmt: skip
    analysis = run(d)
    risks = [of(analysis, p).veto_risk for p in analysis.sinkers]
    assert risks == sorted(risks, reverse=True)
    assert analysis.sinkers[0] == "vp"  # engaged, but the most likely to sink it


# ------------------------------------------------------------- who has a say
def test_mapping_people_outside_the_decision_changes_nothing(sample_deal: Deal) -> None:
    before = run(sample_deal)
    outsiders = [
        person(f"extra{i}", name=f"Extra Person {i}", role="end_user", title="Analyst")
        for i in range(5)
    ]
    sample_deal.add_stakeholders(outsiders)
    after = run(sample_deal)
    assert after.consensus_probability == before.consensus_probability
    assert after.consensus_range == before.consensus_range
    assert after.sinkers == before.sinkers
    for i in range(5):
        extra = of(after, f"extra{i}")
        assert not extra.in_decision and extra.veto_risk == 0 and not extra.sinker
        assert extra.action == ""
        assert any(r.startswith("not in the decision") for r in extra.reasons)


def test_the_sample_has_someone_outside_the_decision(sample_deal: Deal) -> None:
    analysis = run(sample_deal)
    outside = [a for a in analysis.stakeholders if not a.in_decision]
    assert [a.id for a in outside] == ["robin"]


def test_the_group_is_signers_attendees_and_who_sways_them_within_two_ties() -> None:
    d = deal(
        [
            person("cfo", role="decision_maker"),
            person("near", attends=False),
            person("far"),
            person("farther", stance="champion", readiness="aligned"),
            person("weak"),
        ],
        [
            tie("near", "cfo", "influences", 2),
            tie("far", "near", "ally", 1),
            tie("farther", "far", "influences", 3),
            tie("weak", "cfo", "influences", 0.5),  # too weak to give a say
        ],
    )
    analysis = run(d)
    assert [a.id for a in analysis.stakeholders if a.in_decision] == ["cfo", "far", "near"]
    near, far = of(analysis, "near"), of(analysis, "far")
    assert "in the decision because they sway Cfo" in near.reasons
    assert "in the decision because they are allies of Near, who sways Cfo" in far.reasons
    # The champion three ties away is not in it: they neither move Far's lean nor back him.
    assert far.lean == 0.0 and far.inferred_stance is Stance.UNKNOWN


def test_someone_in_the_group_only_by_swaying_acts_mostly_through_others() -> None:
    d = deal(
        [
            person("cfo", role="decision_maker", attends=True),
            person("adviser", role="decision_shaper"),
            person("speaker", role="decision_shaper", attends=True),
        ],
        [tie("adviser", "cfo", "influences", 2), tie("speaker", "cfo", "influences", 2)],
    )
    analysis = run(d)
    adviser, speaker = of(analysis, "adviser"), of(analysis, "speaker")
    assert adviser.in_decision and not adviser.full_voice
    assert 0 < adviser.veto_risk < speaker.veto_risk


def test_reports_to_is_said_as_reports_to_and_sways_only_for_influence() -> None:
    d = deal(
        [person("cfo", role="decision_maker", title="CFO"), person("analyst")],
        [tie("analyst", "cfo", "reports_to")],
    )
    analyst = of(run(d), "analyst")
    assert "in the decision because they report to Cfo (CFO)" in analyst.reasons
    assert "reports to Cfo (CFO)" in analyst.reasons
    assert not any("sway" in r for r in analyst.reasons)


# ------------------------------------------------------------- a stranger stays a stranger
def test_one_friendly_tie_does_not_make_a_stranger_a_champion() -> None:
    people = [champion(), person("cfo", role="decision_maker", attends=True)]
    alone = of(run(deal(people)), "cfo")
    d = deal(people, [tie("dana", "cfo", "influences", 3)])
    cfo = of(run(d), "cfo")
    assert cfo.inferred_stance is Stance.SUPPORTER and cfo.guess
    assert cfo.stance is Stance.UNKNOWN
    assert any(
        "may lean our way (a guess): Dana, your champion, sways them" in r for r in cfo.reasons
    )
    # The tie helps, but a never-met signer keeps a real risk.
    assert cfo.veto_risk >= 0.25
    assert cfo.veto_risk >= alone.veto_risk * 0.5
    assert cfo.sinker


def test_an_inferred_stance_is_at_most_supporter_or_skeptic() -> None:
    d = deal(
        [
            champion("a"), champion("b"), champion("c"),
            person("x", role="decision_maker"),
            person("blk", stance="blocker", readiness="aligned"),
            person("y", role="decision_maker"),
        ],
        [tie(s, "x", "influences", 3) for s in "abc"] + [tie("blk", "y", "influences", 5)],
    )  # fmt: skip
    analysis = run(d)
    assert of(analysis, "x").inferred_stance is Stance.SUPPORTER
    assert of(analysis, "y").inferred_stance is Stance.SKEPTIC


def test_buyer_mode_people_who_see_no_need_resist_more() -> None:
    modes = ["trouble", "growth", "unknown", "even_keel", "overconfident"]
    d = deal([person(m, role="decision_maker", attends=True, mode=m) for m in modes])
    risks = [of(run(d), m).veto_risk for m in modes]
    assert risks == sorted(risks)
    assert len(set(risks)) == len(risks)


# ------------------------------------------------------------- no certainty for free
def test_one_meeting_does_not_buy_certainty() -> None:
    d = deal([champion(), person("cfo", role="decision_maker", attends=True)],
             [tie("dana", "cfo", "influences", 2)])  # fmt: skip
    steps = engagement_plan(d, 5, today=TODAY)
    assert steps[0].id == "cfo" and steps[0].readiness_after is Readiness.AWARE
    assert steps[0].consensus_probability < 0.9
    assert [s.id for s in steps] == ["cfo", "cfo", "cfo"]  # the same person, step by step
    assert [s.readiness_after for s in steps] == [
        Readiness.AWARE,
        Readiness.EXPLORING,
        Readiness.ALIGNED,
    ]
    assert all(s.consensus_probability < 0.995 for s in steps)  # the CFO's stance is unknown
    assert "After 3 meetings everyone in the decision is at the target" in plan_note(
        run(d), steps, 5
    )


def test_eight_aligned_people_of_unknown_stance_and_no_signer_are_not_a_sure_thing() -> None:
    d = deal(
        [person(f"p{i}", readiness="aligned", attends=True, last_contact=RECENT) for i in range(8)]
    )
    analysis = run(d)
    assert analysis.consensus_probability < 0.9
    assert analysis.consensus_band in {"good", "fair"}
    assert {"no_decision_maker", "no_champion"} <= set(codes(d))


def test_everyone_aligned_and_known_to_support_is_strong() -> None:
    people = [
        person("dm", role="decision_maker", readiness="aligned", stance="supporter",
               attends=True, last_contact=RECENT),
        champion("champ", readiness="committed", attends=True),
        person("user", role="end_user", readiness="aligned", stance="supporter",
               attends=True, last_contact=RECENT),
    ]  # fmt: skip
    analysis = run(deal(people, [tie("champ", "dm", "influences", 2)]))
    assert analysis.sinkers == ()
    assert analysis.consensus_band == "strong"
    assert analysis.warnings == ()
    assert all(a.action == "" for a in analysis.stakeholders)


# ------------------------------------------------------------- introductions
def test_the_only_contact_who_reports_to_the_cfo_brings_the_cfo_in() -> None:
    d = deal(
        [
            person("analyst", name="Riley Chen", readiness="exploring", stance="neutral",
                   last_contact=RECENT),
            person("cfo", name="Chris Park", role="decision_maker", attends=True),
        ],
        [tie("analyst", "cfo", "reports_to")],
    )  # fmt: skip
    cfo = of(run(d), "cfo")
    assert cfo.introducer == "analyst"
    assert (
        cfo.action == "ask Riley Chen, who reports to Chris Park, to bring Chris in before 10 Dec"
    )


def test_a_report_is_brought_in_through_their_engaged_manager_even_a_skeptic() -> None:
    d = deal(
        [
            champion(name="Dana Ruiz"),
            person("priya", name="Priya Natarajan", readiness="exploring", stance="skeptic",
                   last_contact=RECENT),
            person("sam", name="Sam Whitfield", role="gatekeeper", attends=True),
        ],
        [tie("sam", "priya", "reports_to"), tie("dana", "sam", "influences", 3)],
    )  # fmt: skip
    sam = of(run(d), "sam")
    assert sam.introducer == "priya"
    assert sam.action.startswith(
        "ask Priya Natarajan, Sam Whitfield's manager, to bring Sam in before 10 Dec; "
        "Priya is a skeptic, so meet Priya first"
    )


def test_the_champion_is_never_asked_to_introduce_her_rival() -> None:
    people = [
        champion(name="Dana Ruiz"),
        person("rival", name="Pat Lee", role="decision_maker", attends=True),
    ]
    alone = deal(people, [tie("dana", "rival", "rival", 3), tie("dana", "rival", "influences", 1)])
    pat = of(run(alone), "rival")
    assert pat.introducer is None
    assert pat.action.startswith("meet Pat Lee directly before 10 Dec:")
    assert "rival" in pat.action
    helper = person("lee", name="Lee Okafor", readiness="aware", stance="supporter",
                    last_contact=RECENT)  # fmt: skip
    both = deal(
        [*people, helper],
        [tie("dana", "rival", "rival", 3), tie("dana", "rival", "influences", 3),
         tie("lee", "rival", "ally", 1)],
    )  # fmt: skip
    assert of(run(both), "rival").introducer == "lee"


def test_without_anyone_to_ask_the_action_is_to_meet_directly_and_says_why() -> None:
    d = deal([person("cfo", role="decision_maker")], presentation=None)
    cfo = of(run(d), "cfo")
    assert cfo.introducer is None
    assert cfo.action == "meet Cfo directly: no one you have met is tied to them"
    engaged = deal([person("it", readiness="aware", attends=True)], presentation=None)
    it = of(run(engaged), "it")
    assert it.action == "meet It again to move them on from aware toward aligned"


def test_a_presentation_next_year_names_the_year() -> None:
    d = deal([person("it", readiness="aware", attends=True)], presentation=date(2027, 1, 12))
    assert "before 12 Jan 2027" in of(run(d), "it").action


# ------------------------------------------------------------- recency and flags
def test_a_champion_silent_for_seven_months_costs_the_deal() -> None:
    def with_contact(day: date) -> Deal:
        return deal(
            [
                champion(last_contact=day, attends=True, role="decision_maker"),
                person("cfo", role="executive", readiness="aware", last_contact=RECENT),
            ],
            [tie("dana", "cfo", "influences", 2)],
        )

    fresh, silent = with_contact(RECENT), with_contact(TODAY - timedelta(days=213))
    assert run(silent).consensus_probability < run(fresh).consensus_probability
    dana = of(run(silent), "dana")
    assert dana.readiness is Readiness.ALIGNED  # the record is unchanged
    assert dana.effective_readiness is Readiness.AWARE  # never below aware
    stale = next(w for w in run(silent).warnings if w.code == "stale_contact")
    assert "Dana" in stale.message
    assert "get back in touch with Dana" in dana.action


def test_recency_counts_full_thirty_day_periods() -> None:
    def effective(days: int) -> Readiness:
        d = deal([person("x", readiness="committed", last_contact=TODAY - timedelta(days=days))])
        return of(run(d), "x").effective_readiness

    assert [effective(n) for n in (0, 29, 30, 59, 60, 90, 400)] == [
        Readiness.COMMITTED,
        Readiness.COMMITTED,
        Readiness.ALIGNED,
        Readiness.ALIGNED,
        Readiness.EXPLORING,
        Readiness.AWARE,
        Readiness.AWARE,
    ]


def test_missing_flags_are_raised() -> None:
    d = deal(
        [
            person("cfo", role="executive", readiness="committed", stance="skeptic",
                   last_contact=RECENT),
            person("fan", readiness="aligned", stance="champion",
                   last_contact=TODAY + timedelta(days=20)),
        ],
        presentation=date(2026, 11, 20),
    )  # fmt: skip
    warnings = {w.code: w.message for w in run(d).warnings}
    assert "no_decision_maker" in warnings
    assert "20 Nov" in warnings["presentation_passed"]
    assert "Cfo is committed but recorded as a skeptic" in warnings["contradiction"]
    assert "Fan's last contact, 21 Dec, is after today" in warnings["contradiction"]
    # A contact in the future is taken as fresh, not as a reason to discount.
    assert of(run(d), "fan").effective_readiness is Readiness.ALIGNED


def test_opposition_names_the_skeptic_who_attends_and_the_blocker_who_sways_a_signer() -> None:
    d = deal(
        [
            person("cfo", role="decision_maker", readiness="aware", last_contact=RECENT),
            person("doubter", stance="skeptic", attends=True, readiness="aware",
                   last_contact=RECENT),
            person("foe", stance="blocker", readiness="aware", last_contact=RECENT),
            person("grump", stance="skeptic", readiness="aware", last_contact=RECENT),
        ],
        [tie("foe", "cfo", "influences", 2)],
    )  # fmt: skip
    message = next(w.message for w in run(d).warnings if w.code == "opposition")
    assert "Doubter (skeptic, attends)" in message
    assert "Foe (blocker, has the ear of Cfo)" in message
    assert "Grump" not in message  # no say in this decision


def test_seller_ahead_follows_the_deal_stage() -> None:
    people = [
        person("cfo", role="decision_maker", readiness="aware", stance="champion",
               last_contact=RECENT),
        person("x", readiness="aware", stance="supporter", last_contact=RECENT),
    ]  # fmt: skip
    assert "seller_ahead" not in codes(deal(people, stage=DealStage.DISCOVERY))
    assert "seller_ahead" in codes(deal(people, stage=DealStage.CONSENSUS))


def test_warnings_come_in_the_documented_order() -> None:
    d = deal(
        [person("cfo", role="executive", attends=True, stance="blocker")],
        stage=DealStage.PRESENTATION,
        presentation=date(2026, 11, 1),
    )
    assert codes(d) == [
        "single_threaded",
        "no_champion",
        "no_decision_maker",
        "attendees_never_met",
        "blocker_present",
        "opposition",
        "seller_ahead",
        "presentation_passed",
    ]


# ------------------------------------------------------------- the plan and what-if
def test_the_plan_meets_the_boss_through_the_champion_then_the_team_through_the_boss() -> None:
    d = deal(
        [
            champion(),
            person("cfo", role="decision_maker", attends=True, stance="supporter"),
            person("analyst", attends=True),
        ],
        [tie("dana", "cfo", "influences", 3), tie("analyst", "cfo", "reports_to")],
    )
    steps = engagement_plan(d, 12, today=TODAY)
    assert steps[0].id == "cfo" and steps[0].introducer == "dana"
    first_analyst = next(s for s in steps if s.id == "analyst")
    assert first_analyst.introducer == "cfo"  # by then the CFO is a contact: their manager
    assert "Cfo's manager" not in first_analyst.action
    assert "ask Cfo, Analyst's manager, to bring Analyst in" in first_analyst.action
    probabilities = [s.consensus_probability for s in steps]
    assert probabilities == sorted(probabilities)
    assert len(steps) == 6  # three steps each up to aligned, then the plan stops
    assert engagement_plan(d, 0) == ()
    with pytest.raises(DealError):
        engagement_plan(d, -1)


def test_the_first_plan_step_uses_the_cards_words(sample_deal: Deal) -> None:
    analysis = run(sample_deal)
    step = engagement_plan(sample_deal, 1, today=TODAY)[0]
    card = of(analysis, step.id)
    assert step.action == card.action
    assert step.introducer == card.introducer


def test_what_if_puts_people_at_the_target_without_touching_the_deal(sample_deal: Deal) -> None:
    before = risks_json(run(sample_deal))
    what_if = run(sample_deal, "chris")
    chris = of(what_if, "chris")
    assert chris.engaged and chris.gap == 0 and chris.stance is Stance.UNKNOWN
    assert what_if.engaged_by_what_if == ("chris",)
    assert what_if.consensus_probability > run(sample_deal).consensus_probability
    assert sample_deal.stakeholder("chris").readiness == "unengaged"
    assert risks_json(run(sample_deal)) == before


def test_what_if_on_an_unknown_person_is_a_clear_error(sample_deal: Deal) -> None:
    with pytest.raises(DealError, match="no person with id 'nobody'"):
        analyze(sample_deal, engage=["nobody"])
    with pytest.raises(DealError):
        engagement_plan(sample_deal, 3, engage=["nobody"])


def test_an_empty_deal_is_analyzed_without_error() -> None:
    analysis = run(deal([]))
    assert analysis.consensus_probability == 1.0
    assert analysis.consensus_range == (1.0, 1.0)
    assert codes(deal([])) == ["single_threaded", "no_champion", "no_decision_maker"]


# ------------------------------------------------------------- the sample, as a manager reads it
def test_the_sample_reads_as_a_seller_would(sample_deal: Deal) -> None:
    analysis = run(sample_deal)
    assert analysis.consensus_band == "very_low"
    low, high = analysis.consensus_range
    assert low < analysis.consensus_probability < high
    # The stale skeptic who sways the CFO and the never-met CFO lead the list.
    assert analysis.sinkers[:2] == ("priya", "chris")
    chris = of(analysis, "chris")
    assert chris.introducer == "dana"
    assert chris.action == (
        "ask Dana Ruiz, your champion, to introduce you to Chris Park before 10 Dec; "
        "address their concern: payback inside 12 months"
    )
    assert "decision-maker: signs off" in chris.reasons and "never met" in chris.reasons
    sam = of(analysis, "sam")
    assert sam.introducer == "priya" and sam.guess and sam.inferred_stance is Stance.SKEPTIC
    morgan = of(analysis, "morgan")
    assert morgan.introducer == "dana" and "who reports to Morgan Blake" in morgan.action
    warnings = {w.code: w.message for w in analysis.warnings}
    assert list(warnings) == [
        "decision_maker_unengaged",
        "attendees_never_met",
        "opposition",
        "seller_ahead",
        "stale_contact",
    ]
    assert warnings["attendees_never_met"].startswith("4 of 7 presentation attendees")
    assert "Priya Natarajan (last contact 14 Oct" in warnings["stale_contact"]
    # No internal numbers and no unnamed "more" in what a seller reads.
    for item in analysis.stakeholders:
        for text in (*item.reasons, item.action):
            assert "lean" not in text.replace("may lean", "")
            assert "more)" not in text
