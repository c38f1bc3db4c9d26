"""SPEC's analysis properties, checked over generated deals (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import deals

from consensus_map.analysis import analyze, engagement_plan
from consensus_map.analysis.output import risks_json
from consensus_map.domain import Deal, Readiness, Role, Stakeholder, Stance, Tie, TieKind

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
def test_a_blocker_is_at_least_as_risky_as_the_same_person_neutral(
    deal: Deal, data: st.DataObject
) -> None:
    person = data.draw(st.sampled_from(deal.stakeholders))
    deal.update_stakeholder(person.replace(stance=Stance.NEUTRAL))
    neutral = risk_of(deal, person.id)
    deal.update_stakeholder(person.replace(stance=Stance.BLOCKER))
    assert risk_of(deal, person.id) >= neutral - EPS


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
def test_adding_a_champion_at_the_target_who_sways_people_never_costs(
    deal: Deal, data: st.DataObject
) -> None:
    target = deal.info.target_readiness
    ready = max(target, Readiness.AWARE, key=lambda r: r.rank)
    swayed = data.draw(st.lists(st.sampled_from(deal.stakeholders), unique_by=lambda p: p.id))
    before = probability(deal)
    champion = Stakeholder(
        id="newcomer",
        name="Avery Stone",
        readiness=ready,
        stance=Stance.CHAMPION,
        attends=data.draw(st.booleans()),
    )
    ties = [Tie("newcomer", p.id, TieKind.INFLUENCES, 2) for p in swayed]
    deal.add_stakeholders([champion], ties)
    assert probability(deal) >= before - EPS


@given(deals(), st.integers(min_value=0, max_value=6))
def test_the_plan_never_lowers_the_probability_and_matches_the_what_if(
    deal: Deal, meetings: int
) -> None:
    steps = engagement_plan(deal, meetings, today=TODAY)
    assert len(steps) <= meetings
    previous = probability(deal)
    engaged: list[str] = []
    for step in steps:
        assert step.consensus_probability >= previous
        assert step.probability_before == previous
        engaged.append(step.id)
        what_if = analyze(deal, engage=engaged, today=TODAY)
        assert what_if.consensus_probability == step.consensus_probability
        previous = step.consensus_probability
    assert len({s.id for s in steps}) == len(steps)


@given(deals())
def test_every_risk_is_a_probability_and_the_deal_is_their_product(deal: Deal) -> None:
    analysis = analyze(deal, today=TODAY)
    product = 1.0
    for item in analysis.stakeholders:
        assert 0.0 <= item.veto_risk < 1.0
        assert 0.0 <= item.power <= 1.0
        assert -1.0 <= item.lean <= 1.0
        if item.gap > 0:
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
