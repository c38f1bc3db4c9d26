"""The consensus range: a deterministic sensitivity run over the documented weight ranges."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from analysis_builders import deal, person
from hypothesis import given
from hypothesis import strategies as st
from strategies import deals

from consensus_map.analysis import analyze, model
from consensus_map.analysis.engine import prepare
from consensus_map.analysis.model import NOMINAL, WEIGHT_RANGES
from consensus_map.analysis.risk import Profile, backing, veto_risk
from consensus_map.analysis.sensitivity import _Terms, consensus_range, weight_samples
from consensus_map.domain import Deal, Readiness

TODAY = date(2026, 12, 1)


def rows_of(d: Deal) -> tuple[list[tuple[Profile, int, float]], dict[str, Readiness]]:
    prepared = prepare(d, today=TODAY)
    state = prepared.start()
    c = prepared.committee
    rows = [
        (profile, prepared.gap[state[p]], backing(c.carriers[p], c.people, state).value)
        for p, profile in prepared.profile.items()
    ]
    return rows, state


@given(deals(), st.integers(min_value=0, max_value=31))
def test_the_unrolled_run_computes_exactly_the_engines_risk(d: Deal, index: int) -> None:
    rows, _ = rows_of(d)
    weights = weight_samples(tuple((k, *v) for k, v in WEIGHT_RANGES.items()), 32)[index]
    expected = math.prod(1.0 - veto_risk(p, gap, b, weights) for p, gap, b in rows)
    assert math.isclose(_Terms(rows).probability(weights), expected, rel_tol=1e-9)


def test_the_range_narrows_with_the_weight_ranges_and_closes_on_the_figure(
    sample_deal: Deal,
) -> None:
    prepared = prepare(sample_deal, today=TODAY)
    state = prepared.start()
    figure = analyze(sample_deal, today=TODAY).consensus_probability
    full = consensus_range(prepared, state, figure)

    def shrunk(factor: float) -> dict[str, tuple[float, float]]:
        out = {}
        for name, (low, high) in WEIGHT_RANGES.items():
            nominal = getattr(NOMINAL, name)
            out[name] = (nominal + (low - nominal) * factor, nominal + (high - nominal) * factor)
        return out

    half = consensus_range(prepared, state, figure, shrunk(0.5))
    none = consensus_range(prepared, state, figure, shrunk(0.0))
    assert full[0] <= half[0] <= figure <= half[1] <= full[1]
    assert half[1] - half[0] < full[1] - full[0]
    assert none[1] - none[0] < 1e-12
    assert full[1] - full[0] > 0.01  # a real spread on a deal this uncertain


def test_the_same_deal_gives_the_same_range(sample_deal: Deal) -> None:
    first = analyze(sample_deal, today=TODAY).consensus_range
    assert analyze(sample_deal, today=TODAY).consensus_range == first


def test_the_ranking_not_the_decimals_carries_the_message(sample_deal: Deal) -> None:
    """Across every weight setting of the run the same two people lead the list."""
    rows_by_id = {}
    prepared = prepare(sample_deal, today=TODAY)
    state = prepared.start()
    c = prepared.committee
    for p, profile in prepared.profile.items():
        rows_by_id[p] = (profile, prepared.gap[state[p]], backing(c.carriers[p], c.people, state))
    nominal = analyze(sample_deal, today=TODAY).sinkers[:2]
    for weights in weight_samples(tuple((k, *v) for k, v in WEIGHT_RANGES.items()), 32):
        risks = {p: veto_risk(pr, gap, b.value, weights) for p, (pr, gap, b) in rows_by_id.items()}
        top = sorted(risks, key=lambda p: -risks[p])[:2]
        assert tuple(top) == nominal


def test_the_spec_floors_hold_at_every_corner_of_the_weight_ranges() -> None:
    d = deal(
        [
            person(f"{stance}-{readiness}-{mode}", role="decision_maker", stance=stance,
                   readiness=readiness, mode=mode)
            for stance in ("blocker", "skeptic", "champion")
            for readiness in ("unengaged", "aligned", "committed")
            for mode in ("trouble", "overconfident")
        ]
    )  # fmt: skip
    rows, _ = rows_of(d)
    corners = []
    for low_or_high in (0, 1):
        corners.append(replace(NOMINAL, **{k: v[low_or_high] for k, v in WEIGHT_RANGES.items()}))
    for weights in (
        *corners,
        *weight_samples(tuple((k, *v) for k, v in WEIGHT_RANGES.items()), 32),
    ):
        for profile, gap, backed in rows:
            risk = veto_risk(profile, gap, backed, weights)
            if profile.stance.value == "blocker":
                assert risk >= 0.75
            elif profile.stance.value == "skeptic":
                assert risk >= 0.2
            elif gap == 0:
                assert risk <= 0.05  # a champion at the target: a few percent at most


def test_the_run_has_the_documented_size() -> None:
    samples = weight_samples(tuple((k, *v) for k, v in WEIGHT_RANGES.items()), 32)
    assert len(samples) == model.SENSITIVITY_SAMPLES == 32
    for name, (low, high) in WEIGHT_RANGES.items():
        values = [getattr(w, name) for w in samples]
        assert low <= min(values) and max(values) <= high
        assert max(values) - min(values) > 0.5 * (high - low)  # spread over the range


@given(deals(), st.floats(min_value=0.0, max_value=0.3))
def test_the_run_stays_exact_far_outside_the_documented_ranges(d: Deal, unknown: float) -> None:
    """Weights far outside their ranges leave the series for a person-by-person sum."""
    rows, _ = rows_of(d)
    weights = replace(NOMINAL, unknown_risk=unknown, mode_spread=1.4)
    expected = math.prod(1.0 - veto_risk(p, gap, b, weights) for p, gap, b in rows)
    assert math.isclose(_Terms(rows).probability(weights), expected, rel_tol=1e-9)
