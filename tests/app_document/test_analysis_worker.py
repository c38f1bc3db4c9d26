"""What crosses the pipe to the analysis process: the deal as deltas, the analysis as values.

The process must end up holding exactly the deal the app holds, after any sequence of
edits, and the analysis rebuilt on the app's side must equal the engine's, reusing the
records of people whose assessment did not change.
"""

from __future__ import annotations

import pickle
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import deals

from consensus_map.analysis import analyze
from consensus_map.app.analysis_worker import (
    AnalysisDecoder,
    DealMirror,
    dumps,
    encode_analysis,
)
from consensus_map.domain import Deal, Readiness, Stakeholder, Tie


def _carried_over(
    deal: Deal, before: dict[object, object], rng: random.Random
) -> tuple[list[Stakeholder], list[Tie]]:
    """`deal`'s records, where half of those with an earlier twin are that very object (an
    untouched person stays the same record in the app), in a shuffled order now and then."""
    people = [
        p if p.id not in before or rng.random() < 0.5 else before[p.id]  # type: ignore[misc]
        for p in deal.stakeholders
    ]
    ties = [
        t if t.key not in before or rng.random() < 0.5 else before[t.key]  # type: ignore[misc]
        for t in deal.ties
    ]
    if rng.random() < 0.3:
        rng.shuffle(people)
        rng.shuffle(ties)
    return people, ties


@given(st.lists(deals(max_people=8), min_size=1, max_size=5), st.randoms())
def test_the_process_holds_the_apps_deal_after_any_sequence_of_deltas(
    sequence: list[Deal], rng: random.Random
) -> None:
    app_side, process_side = DealMirror(), DealMirror()
    before: dict[object, object] = {}
    for deal in sequence:
        people, ties = _carried_over(deal, before, rng)
        # Records already sent are sent again only if they are new objects.
        sent_people = {id(p) for p in app_side.people.values()}
        delta = app_side.delta_to(people, ties, deal.info)
        assert {p.id for p in delta.people} == {p.id for p in people if id(p) not in sent_people}
        process_side.apply(pickle.loads(dumps(delta)))
        held = process_side.deal()
        assert held.stakeholders == people
        assert held.ties == ties
        assert held.info == deal.info
        before = {p.id: p for p in people} | {t.key: t for t in ties}


def test_an_unchanged_deal_sends_nothing_but_its_version() -> None:
    deal = next(iter([_committee()]))
    mirror = DealMirror()
    mirror.delta_to(deal.stakeholders, deal.ties, deal.info)
    again = mirror.delta_to(deal.stakeholders, deal.ties, deal.info)
    assert again.info is None and again.people == () and again.ties == ()
    assert again.people_order is None and again.tie_order is None


def test_the_decoded_analysis_equals_the_engines_and_keeps_unchanged_records() -> None:
    deal = _committee()
    decoder = AnalysisDecoder()
    first = analyze(deal)
    decoded = decoder.decode(pickle.loads(pickle.dumps(encode_analysis(first))))
    assert decoded == first
    # Engage one person: those whose assessment is unchanged keep the very same record,
    # so the map can skip them; the others are new and equal the engine's.
    target = next(p for p in deal.stakeholders if p.readiness is Readiness.UNENGAGED)
    deal.update_stakeholder(target.replace(readiness=Readiness.ALIGNED))
    second = analyze(deal)
    redecoded = decoder.decode(pickle.loads(pickle.dumps(encode_analysis(second))))
    assert redecoded == second
    old = {a.id: a for a in decoded.stakeholders}
    for item in redecoded.stakeholders:
        if item == old[item.id]:
            assert item is old[item.id]
        else:
            assert item is not old[item.id]
    assert any(item is not old[item.id] for item in redecoded.stakeholders)


def _committee() -> Deal:
    from big_maps import account

    return account(40)


def test_the_analysis_and_plan_of_one_version_share_the_engines_preparation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from consensus_map.analysis import engine
    from consensus_map.analysis.plan import plan_summary
    from consensus_map.app.analysis_worker import share_preparation

    deal = _committee()
    expected = (analyze(deal), plan_summary(deal, 3))
    calls: list[int] = []
    real = engine.prepare

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(engine, "prepare", counted)
    undo = share_preparation()
    try:
        shared = (analyze(deal), plan_summary(deal, 3))
        assert shared == expected  # the same answers…
        assert len(calls) == 1  # …from one preparation
        plan_summary(deal, 3, what_if := {deal.stakeholders[0].id})
        assert len(calls) == 2  # another what-if is another preparation
        assert analyze(deal, what_if) == analyze(
            Deal(deal.info, deal.stakeholders, deal.ties), what_if
        )
    finally:
        undo()
    assert engine.prepare is counted
