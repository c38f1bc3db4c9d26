"""Veto risk: the chance a person withholds consent, from explainable factors.

    hazard = exposure × stance factor × power factor × attendance factor × (1 − relief)
    risk   = 1 − exp(−hazard)

exposure grows with the gap to the target (and with opposition), the stance factor with a
negative lean, the power factor with power, attendance multiplies it, and coverage — engaged
champions and supporters tied to the person who can carry the message — relieves part of
it. Every factor is positive below the target, so anyone below it has a risk above zero.
Each factor is monotone in the direction SPEC's properties need. Numbers are in `model`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from consensus_map.analysis import model
from consensus_map.analysis.committee import Weighted
from consensus_map.domain import Readiness, Stakeholder


@dataclass(frozen=True, slots=True)
class Coverage:
    value: float  # in [0, 1)
    by: tuple[str, ...]  # carriers, biggest contribution first


_UNCOVERED = Coverage(0.0, ())


def coverage(carriers: Weighted, people: Mapping[str, Stakeholder]) -> Coverage:
    """How well engaged champions/supporters tied to a person can carry the message."""
    uncovered = 1.0
    parts: dict[str, float] = {}
    carrier_weight = model.CARRIER_WEIGHT
    for carrier_id, strength in carriers:
        carrier = people[carrier_id]
        weight = carrier_weight.get(carrier.stance, 0.0)
        if weight == 0.0 or carrier.readiness is Readiness.UNENGAGED:
            continue
        part = weight * strength / (strength + model.COVER_HALF)
        uncovered *= 1.0 - part
        parts[carrier_id] = max(parts.get(carrier_id, 0.0), part)
    if not parts:
        return _UNCOVERED  # most people on a large map: skip the sort and a new record
    if len(parts) == 1:
        return Coverage(1.0 - uncovered, tuple(parts))
    ranked = sorted(parts, key=lambda c: (-parts[c], people[c].name, c))
    return Coverage(1.0 - uncovered, tuple(ranked))


def exposure(gap: int, lean: float) -> float:
    steps = model.GAP_EXPOSURE
    return max(steps[min(gap, len(steps) - 1)], model.OPPOSITION_EXPOSURE * max(0.0, -lean))


def hazard(person: Stakeholder, gap: int, lean: float, power: float, cover: float) -> float:
    return (
        exposure(gap, lean)
        * (1.0 - model.STANCE_WEIGHT * lean)
        * (model.POWER_FLOOR + model.POWER_SLOPE * power)
        * (model.ATTENDS_FACTOR if person.attends else 1.0)
        * (1.0 - model.COVERAGE_RELIEF * cover)
    )


def veto_risk(person: Stakeholder, gap: int, lean: float, power: float, cover: float) -> float:
    return 1.0 - math.exp(-hazard(person, gap, lean, power, cover))
