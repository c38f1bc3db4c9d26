"""Calibration: typical committees in discovery land near CEB's group-size curve.

CEB found a purchase likelihood of 81% with one decision-maker, 55% with two and 31% with
six (HBR, "Making the Consensus Sale", 2015). docs/analysis.md shows the whole curve.
"""

from __future__ import annotations

from datetime import date

import pytest
from analysis_builders import deal, person, tie

from consensus_map.analysis import analyze
from consensus_map.domain import Deal

TODAY = date(2026, 12, 1)
CEB = {1: 0.81, 2: 0.55, 6: 0.31}
# The roles of a typical buying group, in the order people join it.
ROLES = [
    "decision_maker", "decision_maker", "decision_shaper", "gatekeeper",
    "end_user", "executive", "decision_shaper", "end_user",
]  # fmt: skip


def typical_committee(size: int) -> Deal:
    """People in discovery: exploring, met this month, stance and mode not recorded,
    medium influence, all at the presentation, reporting to the first."""
    people = [
        person(f"p{i}", role=ROLES[i], readiness="exploring", attends=True,
               last_contact=date(2026, 11, 20))
        for i in range(size)
    ]  # fmt: skip
    return deal(people, [tie(f"p{i}", "p0", "reports_to") for i in range(1, size)])


@pytest.mark.parametrize(("size", "tolerance"), [(1, 0.05), (2, 0.1), (6, 0.1)])
def test_a_typical_committee_lands_near_the_ceb_curve(size: int, tolerance: float) -> None:
    probability = analyze(typical_committee(size), today=TODAY).consensus_probability
    assert abs(probability - CEB[size]) <= tolerance


def test_each_person_more_lowers_the_chance() -> None:
    chances = [
        analyze(typical_committee(n), today=TODAY).consensus_probability for n in range(1, 9)
    ]
    assert chances == sorted(chances, reverse=True)
