"""The consensus range: how far the figure moves when the hand-set weights move (SPEC item 5).

The weights of the veto risk are judgement, not measurement, so the number never stands
alone. The run evaluates the consensus probability at SENSITIVITY_SAMPLES settings of the
weights spread evenly over their documented ranges (a Halton sequence: deterministic, so the
same deal gives the same range byte for byte) and reports the 10th and 90th percentiles,
widened if need be to contain the figure itself. Only the risk weights vary: who decides,
power and leans are structure, computed once. Narrower weight ranges give a narrower range.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import fields, replace
from functools import cache
from typing import TYPE_CHECKING

from consensus_map.analysis import model
from consensus_map.analysis.model import NOMINAL, RiskWeights
from consensus_map.analysis.risk import Profile, backing
from consensus_map.domain import Readiness, Stance

if TYPE_CHECKING:
    from consensus_map.analysis.engine import Prepared

_PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47)


def _radical_inverse(index: int, base: int) -> float:
    result, scale = 0.0, 1.0 / base
    while index:
        index, digit = divmod(index, base)
        result += digit * scale
        scale /= base
    return result


@cache
def weight_samples(
    ranges: tuple[tuple[str, float, float], ...], count: int
) -> tuple[RiskWeights, ...]:
    """`count` weight settings spread over `ranges` ((name, low, high), …): a Halton set."""
    names = [f.name for f in fields(RiskWeights)]
    if len(ranges) > len(_PRIMES):
        raise ValueError("too many weights for the Halton bases")
    for name, _, _ in ranges:
        if name not in names:
            raise ValueError(f"unknown weight {name!r}")
    samples = []
    for i in range(1, count + 1):
        changes = {
            name: low + (high - low) * _radical_inverse(i, base)
            for (name, low, high), base in zip(ranges, _PRIMES, strict=False)
        }
        samples.append(replace(NOMINAL, **changes))
    return tuple(samples)


def _ranges_key(ranges: Mapping[str, tuple[float, float]]) -> tuple[tuple[str, float, float], ...]:
    return tuple((name, low, high) for name, (low, high) in ranges.items())


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between the closest ranks of sorted `values`."""
    position = q * (len(values) - 1)
    below = math.floor(position)
    above = min(below + 1, len(values) - 1)
    return values[below] + (values[above] - values[below]) * (position - below)


def consensus_range(
    prepared: Prepared,
    state: Mapping[str, Readiness],
    probability: float,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    samples: int = model.SENSITIVITY_SAMPLES,
    backed: Mapping[str, float] | None = None,
) -> tuple[float, float]:
    """The 10th–90th percentile of the probability over the weight ranges, containing it.

    `backed`: each group member's backing in `state`, when the caller has computed it.
    """
    committee = prepared.committee
    gaps = prepared.gap
    if backed is None:
        backed = {
            p: backing(committee.carriers[p], committee.people, state).value
            for p in prepared.profile
        }
    rows = [(profile, gaps[state[p]], backed[p]) for p, profile in prepared.profile.items()]
    if not rows:
        return (probability, probability)
    chosen = model.WEIGHT_RANGES if ranges is None else ranges
    terms = _Terms(rows)
    values = sorted(terms.probability(w) for w in weight_samples(_ranges_key(chosen), samples))
    low, high = (percentile(values, q) for q in model.RANGE_PERCENTILES)
    return (min(low, probability), max(high, probability))


class _Terms:
    """`risk.veto_risk` of every row, unrolled into columns so that one setting of the
    weights is a few list comprehensions rather than four calls per person (a 5,000-person
    map is 160,000 evaluations). `test_sensitivity` checks it against `veto_risk` itself.

    For a signer or attendee, log(1 − risk) = −hazard + log(1 − opinion risk), so their
    rows need no exponential; the opinion risk of a champion or supporter does not depend
    on the varied weights and is summed once.
    """

    def __init__(self, rows: list[tuple[Profile, int, float]]) -> None:
        steps = model.GAP_HAZARD
        top = len(steps) - 1
        opinion_power = model.OPINION_POWER
        # Readiness hazard, per row: g × gap_scale × (s0 − spread × s1) × (floor + slope × p)
        #   × (1 + (attends − 1) × a) × (1 + mode_spread × m) × (1 − relief × b)
        Hazard = tuple[float, float, float, float, float, float, float]
        # Opinion risk, per row: (r0 + ru × unknown + rs × skeptic + rb × blocker)
        #   × (1 + mode_spread × rm)
        Opinion = tuple[float, float, float, float, float]
        self.full_hazard: list[Hazard] = []
        self.full_opinion: list[Opinion] = []
        self.fixed_log_keep = 0.0  # signers' and attendees' champions and supporters
        self.swayers: list[tuple[Hazard, Opinion]] = []
        for profile, gap, backed in rows:
            stance, lean, power = profile.stance, profile.lean, profile.power
            if stance is Stance.UNKNOWN:
                s0 = model.UNKNOWN_FACTOR
                s1 = model.UNKNOWN_FACTOR * model.INFERRED_SHARE * lean
            else:
                s0, s1 = 1.0, stance.lean
            g = steps[min(gap, top)] if gap > 0 else 0.0
            hazard = (
                g,
                s0,
                s1,
                power,
                1.0 if profile.attends else 0.0,
                profile.mode_effect,
                backed,
            )
            slope = opinion_power[stance]
            r0 = ru = rs = rb = rm = 0.0
            if stance is Stance.BLOCKER:
                r0, rb = slope * power, 1.0
            elif stance is Stance.SKEPTIC:
                r0, rs = slope * power, 1.0
            elif stance is Stance.CHAMPION:
                r0 = model.CHAMPION_RISK + slope * power
            elif stance is Stance.SUPPORTER:
                r0 = model.SUPPORTER_RISK + slope * power
            elif stance is Stance.NEUTRAL:
                r0, rm = model.NEUTRAL_RISK + slope * power, profile.mode_effect
            else:
                ru, rm = 1.0 - model.UNKNOWN_LEAN_SHARE * lean, profile.mode_effect
            opinion = (r0, ru, rs, rb, rm)
            if not profile.full_voice:
                self.swayers.append((hazard, opinion))
                continue
            if g:
                self.full_hazard.append(hazard)
            if stance is Stance.CHAMPION or stance is Stance.SUPPORTER:
                self.fixed_log_keep += math.log1p(-r0)
            else:
                self.full_opinion.append(opinion)

    def probability(self, w: RiskWeights) -> float:
        gs, spread, floor, slope = w.gap_scale, w.stance_spread, model.POWER_FLOOR, w.power_slope
        attend, ms, relief = w.attends - 1.0, w.mode_spread, w.backing_relief
        unknown, skeptic, blocker = w.unknown_risk, w.skeptic_risk, w.blocker_risk
        log1p, exp = math.log1p, math.exp
        log_keep = self.fixed_log_keep
        log_keep -= gs * sum(
            [
                g * (s0 - spread * s1) * (floor + slope * p) * (1.0 + attend * a)
                * (1.0 + ms * m) * (1.0 - relief * b)
                for g, s0, s1, p, a, m, b in self.full_hazard
            ]
        )  # fmt: skip
        log_keep += sum(
            [
                log1p(-(r0 + ru * unknown + rs * skeptic + rb * blocker) * (1.0 + ms * rm))
                for r0, ru, rs, rb, rm in self.full_opinion
            ]
        )
        voice = w.swayer_voice
        for (g, s0, s1, p, a, m, b), (r0, ru, rs, rb, rm) in self.swayers:
            hazard = (
                g * gs * (s0 - spread * s1) * (floor + slope * p) * (1.0 + attend * a)
                * (1.0 + ms * m) * (1.0 - relief * b)
            )  # fmt: skip
            opinion = (r0 + ru * unknown + rs * skeptic + rb * blocker) * (1.0 + ms * rm)
            log_keep += log1p(-voice * (1.0 - exp(-hazard) * (1.0 - opinion)))
        return exp(log_keep)
