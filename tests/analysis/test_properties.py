"""SPEC's analysis properties, checked over generated deals (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import deals

from consensus_map.analysis import analyze, engagement_plan
from consensus_map.analysis.output import risks_json
from consensus_map.analysis.wording import band_of
from consensus_map.domain import (
    BuyerMode,
    Deal,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)

TODAY = date(2026, 12, 1)
EPS = 1e-12


def risk_of(deal: Deal, person_id: str) -> float:
    item = analyze(deal, today=TODAY).assessment(person_id)
    assert item is not None
    return item.veto_risk


def probability(deal: Deal) -> float:
    return analyze(deal, today=TODAY).consensus_probability


@given(deals(min_people=1), st.data())
def test_raising_readiness_never_lowers_the_probability(deal: Deal, data: st.DataObject) -> None:
    person = data.draw(st.sampled_from(deal.stakeholders))
    assume(person.readiness is not Readiness.COMMITTED)
    higher = data.draw(st.sampled_from([r for r in Readiness if r.rank > person.readiness.rank]))
    before = probability(deal)
    deal.update_stakeholder(person.replace(readiness=higher))
    assert probability(deal) >= before - EPS


@given(deals(min_people=2), st.data())
def test_an_influence_tie_from_a_champion_never_raises_risk(
    deal: Deal, data: st.DataObject
) -> None:
    champion, target = data.draw(
        st.lists(
            st.sampled_from(deal.stakeholders), min_size=2, max_size=2, unique_by=lambda p: p.id
        )
    )
    assume(deal.find_tie(champion.id, target.id, TieKind.INFLUENCES) is None)
    deal.update_stakeholder(champion.replace(stance=Stance.CHAMPION))
    before = risk_of(deal, target.id)
    deal.add_tie(
        Tie(champion.id, target.id, TieKind.INFLUENCES, data.draw(st.sampled_from([1, 2, 3])))
    )
    assert risk_of(deal, target.id) <= before + EPS


@given(deals(min_people=1), st.data())
def test_a_blocker_is_at_least_as_risky_as_a_skeptic_and_a_skeptic_as_a_neutral(
    deal: Deal, data: st.DataObject
) -> None:
    person = data.draw(st.sampled_from(deal.stakeholders))
    risks = []
    for stance in (Stance.NEUTRAL, Stance.SKEPTIC, Stance.BLOCKER):
        deal.update_stakeholder(person.replace(stance=stance))
        risks.append(risk_of(deal, person.id))
    assert risks[0] <= risks[1] + EPS
    assert risks[1] <= risks[2] + EPS


@st.composite
def newcomers(draw: st.DrawFn, deal: Deal) -> Stakeholder:
    """A new person at or above the deal's target readiness."""
    target = deal.info.target_readiness
    return Stakeholder(
        id="newcomer",
        name=draw(st.sampled_from(["Avery Stone", "Zed", "A"])),
        role=draw(st.sampled_from(list(Role))),
        readiness=draw(st.sampled_from([r for r in Readiness if r.rank >= target.rank])),
        stance=draw(st.sampled_from(list(Stance))),
        attends=draw(st.booleans()),
    )


@given(deals(), st.data())
def test_adding_a_person_at_the_target_costs_at_most_their_own_risk(
    deal: Deal, data: st.DataObject
) -> None:
    newcomer = data.draw(newcomers(deal))
    before = probability(deal)
    deal.add_stakeholder(newcomer)
    after = analyze(deal, today=TODAY)
    own = after.assessment("newcomer")
    assert own is not None
    assert before - after.consensus_probability <= own.veto_risk + EPS


@given(deals(min_people=1), st.data())
def test_a_champion_who_joins_never_raises_the_risk_of_those_they_sway(
    deal: Deal, data: st.DataObject
) -> None:
    target = deal.info.target_readiness
    ready = max(target, Readiness.AWARE, key=lambda r: r.rank)
    swayed = data.draw(st.lists(st.sampled_from(deal.stakeholders), unique_by=lambda p: p.id))
    before = {p.id: risk_of(deal, p.id) for p in swayed}
    champion = Stakeholder(
        id="newcomer",
        name="Avery Stone",
        readiness=ready,
        stance=Stance.CHAMPION,
        attends=data.draw(st.booleans()),
    )
    ties = [Tie("newcomer", p.id, TieKind.INFLUENCES, 2) for p in swayed]
    deal.add_stakeholders([champion], ties)
    for person_id, risk in before.items():
        assert risk_of(deal, person_id) <= risk + EPS


@st.composite
def outsiders(draw: st.DrawFn, deal: Deal) -> tuple[Stakeholder, list[Tie]]:
    """A new person with no say: signs nothing, does not attend, sways no one in the group."""
    person = Stakeholder(
        id="newcomer",
        name=draw(st.sampled_from(["Avery Stone", "Zed", "A", "Ma"])),
        role=draw(st.sampled_from([Role.DECISION_SHAPER, Role.END_USER, Role.OTHER])),
        readiness=draw(st.sampled_from(list(Readiness))),
        stance=draw(st.sampled_from(list(Stance))),
        attends=False,
        mode=draw(st.sampled_from(list(BuyerMode))),
    )
    others = [p.id for p in deal.stakeholders]
    # Rival ties carry no sway, and a tie weaker than 1 gives no say.
    rivals = draw(st.lists(st.sampled_from(others), unique=True)) if others else []
    weak = draw(st.lists(st.sampled_from(others), unique=True)) if others else []
    ties = [Tie("newcomer", r, TieKind.RIVAL, 2) for r in rivals]
    ties += [Tie("newcomer", w, TieKind.INFLUENCES, 0.5) for w in weak if w not in rivals]
    return person, ties


@given(deals(), st.data())
def test_adding_someone_outside_the_decision_changes_nothing(
    deal: Deal, data: st.DataObject
) -> None:
    before = analyze(deal, today=TODAY)
    person, ties = data.draw(outsiders(deal))
    deal.add_stakeholders([person], ties)
    after = analyze(deal, today=TODAY)
    own = after.assessment("newcomer")
    assert own is not None and not own.in_decision and own.veto_risk == 0.0
    assert after.consensus_probability == before.consensus_probability
    assert after.consensus_range == before.consensus_range
    assert after.sinkers == before.sinkers


@given(deals(), st.integers(min_value=0, max_value=6))
def test_the_plan_never_lowers_the_probability_and_no_step_is_certain_while_a_stance_is_unknown(
    deal: Deal, meetings: int
) -> None:
    analysis = analyze(deal, today=TODAY)
    steps = engagement_plan(deal, meetings, today=TODAY)
    assert len(steps) <= meetings
    previous = analysis.consensus_probability
    unknown = any(a.in_decision and a.stance is Stance.UNKNOWN for a in analysis.stakeholders)
    in_decision = {a.id for a in analysis.stakeholders if a.in_decision}
    for step in steps:
        assert step.id in in_decision
        assert step.consensus_probability >= previous
        assert step.probability_before == previous
        if unknown:
            assert step.consensus_probability < 0.995
        previous = step.consensus_probability


@given(deals())
def test_an_inferred_stance_is_never_champion_or_blocker_and_is_marked_a_guess(deal: Deal) -> None:
    for item in analyze(deal, today=TODAY).stakeholders:
        if item.stance is Stance.UNKNOWN:
            assert item.inferred_stance not in (Stance.CHAMPION, Stance.BLOCKER)
            assert item.guess == (item.inferred_stance in (Stance.SUPPORTER, Stance.SKEPTIC))
        else:
            assert not item.guess


@given(deals())
def test_the_range_contains_the_probability_and_the_band_names_it(deal: Deal) -> None:
    analysis = analyze(deal, today=TODAY)
    low, high = analysis.consensus_range
    assert 0.0 <= low <= analysis.consensus_probability <= high <= 1.0
    assert analysis.consensus_band == band_of(analysis.consensus_probability)


@given(deals())
def test_every_risk_is_a_probability_and_the_deal_is_their_product(deal: Deal) -> None:
    analysis = analyze(deal, today=TODAY)
    product = 1.0
    for item in analysis.stakeholders:
        assert 0.0 <= item.veto_risk < 1.0
        assert 0.0 <= item.power <= 1.0
        assert -1.0 <= item.lean <= 1.0
        if not item.in_decision:
            assert item.veto_risk == 0.0 and not item.sinker
        elif item.gap > 0:
            assert item.veto_risk > 0.0  # one voice below the target can sink it
        if item.stance is not Stance.UNKNOWN:
            assert item.inferred_stance is item.stance
            assert item.lean == item.stance.lean
        product *= 1.0 - item.veto_risk
    assert abs(analysis.consensus_probability - product) < 1e-12
    assert set(analysis.sinkers) == {a.id for a in analysis.stakeholders if a.sinker}


@given(deals())
def test_the_same_deal_gives_byte_identical_json_whatever_the_order(deal: Deal) -> None:
    text = risks_json(analyze(deal, today=TODAY))
    assert risks_json(analyze(deal, today=TODAY)) == text
    rebuilt = Deal(deal.info, reversed(deal.stakeholders), reversed(deal.ties))
    assert risks_json(analyze(rebuilt, today=TODAY)) == text
