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


# Terms of the series log(1 − x) = −Σ x^k / k kept for the small opinion risks of unknown and
# neutral stances: x stays under 0.12 over the documented weight ranges, so 14 terms leave an
# error below 1e-14 a person. Past SERIES_LIMIT (weights far outside them) the people's terms
# are summed one by one instead.
SERIES_TERMS = 14
SERIES_LIMIT = 0.2


class _Terms:
    """`risk.veto_risk` of every row, rearranged so that one setting of the weights costs
    a fixed handful of operations for the signers and attendees, however many they are
    (`test_sensitivity` checks it against `veto_risk` itself).

    For a signer or attendee, log(1 − risk) = −hazard + log(1 − opinion risk):
    * Σ hazard is a polynomial in the weights: each row's hazard is a product of factors
      linear in one weight each, so the sum is kept as one coefficient per monomial of
      (stance_spread, power_slope, mode_spread, backing_relief), for attendees and not,
      and a setting of the weights evaluates 2 × 16 monomials.
    * An unknown or neutral stance's opinion risk is c × x, with c depending only on the
      weights and the buyer mode, and x only on the person: Σ log(1 − c x) over a mode's
      people is −Σ_k c^k S_k / k with S_k = Σ x^k summed once.
    * Champions' and supporters' opinion risk does not depend on the weights: summed once.
    Skeptics, blockers and people in the group only by swaying stay a row each.
    """

    def __init__(self, rows: list[tuple[Profile, int, float]]) -> None:
        steps = model.GAP_HAZARD
        top = len(steps) - 1
        opinion_power = model.OPINION_POWER
        floor = model.POWER_FLOOR
        # hazard monomials: [attends][spread^i · slope^j · mode^k · relief^l], index ijkl.
        self.hazard = [[0.0] * 16 for _ in range(2)]
        # mode effect → the people's x: unknown (x = 1 − 0.3 lean) and neutral (x = r0).
        self.unknown: dict[float, _Powers] = {}
        self.neutral: dict[float, _Powers] = {}
        self.fixed_log_keep = 0.0
        # Rows evaluated one by one: (readiness hazard factors, opinion terms).
        Hazard = tuple[float, float, float, float, float, float, float]
        Opinion = tuple[float, float, float, float, float]
        self.opposed: list[tuple[float, float, float]] = []  # full voices: (r0, rs, rb)
        self.swayers: list[tuple[Hazard, Opinion]] = []
        for profile, gap, backed in rows:
            stance, lean, power = profile.stance, profile.lean, profile.power
            if stance is Stance.UNKNOWN:
                s0 = model.UNKNOWN_FACTOR
                s1 = model.UNKNOWN_FACTOR * model.INFERRED_SHARE * lean
            else:
                s0, s1 = 1.0, stance.lean
            g = steps[min(gap, top)] if gap > 0 else 0.0
            attends, mode = 1.0 if profile.attends else 0.0, profile.mode_effect
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
                r0, rm = model.NEUTRAL_RISK + slope * power, mode
            else:
                ru, rm = 1.0 - model.UNKNOWN_LEAN_SHARE * lean, mode
            if not profile.full_voice:
                self.swayers.append(
                    ((g, s0, s1, power, attends, mode, backed), (r0, ru, rs, rb, rm))
                )
                continue
            if g:
                # g (s0 − spread s1)(floor + slope p)(1 + mode_spread m)(1 − relief b)
                target = self.hazard[int(attends)]
                for i, a in enumerate((g * s0, -g * s1)):
                    for j, b in enumerate((a * floor, a * power)):
                        for k, c in enumerate((b, b * mode)):
                            target[i * 8 + j * 4 + k * 2] += c
                            target[i * 8 + j * 4 + k * 2 + 1] -= c * backed
            if stance is Stance.CHAMPION or stance is Stance.SUPPORTER:
                self.fixed_log_keep += math.log1p(-r0)
            elif stance is Stance.UNKNOWN:
                self.unknown.setdefault(mode, _Powers()).add(ru)
            elif stance is Stance.NEUTRAL:
                self.neutral.setdefault(mode, _Powers()).add(r0)
            else:
                self.opposed.append((r0, rs, rb))

    def probability(self, w: RiskWeights) -> float:
        gs, spread, floor, slope = w.gap_scale, w.stance_spread, model.POWER_FLOOR, w.power_slope
        attend, ms, relief = w.attends - 1.0, w.mode_spread, w.backing_relief
        unknown, skeptic, blocker = w.unknown_risk, w.skeptic_risk, w.blocker_risk
        log1p, exp = math.log1p, math.exp
        log_keep = self.fixed_log_keep
        monomials = [
            si * sj * mk * rl
            for si in (1.0, spread)
            for sj in (1.0, slope)
            for mk in (1.0, ms)
            for rl in (1.0, relief)
        ]
        away, present = (sum(c * m for c, m in zip(h, monomials, strict=True)) for h in self.hazard)
        log_keep -= gs * (away + (1.0 + attend) * present)
        for scale, groups in ((unknown, self.unknown), (1.0, self.neutral)):
            for mode, powers in groups.items():
                log_keep += powers.log_keep(scale * (1.0 + ms * mode))
        for r0, rs, rb in self.opposed:
            log_keep += log1p(-(r0 + rs * skeptic + rb * blocker))
        voice = w.swayer_voice
        for (g, s0, s1, p, a, m, b), (r0, ru, rs, rb, rm) in self.swayers:
            hazard = (
                g * gs * (s0 - spread * s1) * (floor + slope * p) * (1.0 + attend * a)
                * (1.0 + ms * m) * (1.0 - relief * b)
            )  # fmt: skip
            opinion = (r0 + ru * unknown + rs * skeptic + rb * blocker) * (1.0 + ms * rm)
            log_keep += log1p(-voice * (1.0 - exp(-hazard) * (1.0 - opinion)))
        return exp(log_keep)


class _Powers:
    """The x of a group of people, with Σ x^k summed once for the series of log(1 − c x)."""

    def __init__(self) -> None:
        self.xs: list[float] = []
        self.largest = 0.0
        self.sums = [0.0] * SERIES_TERMS

    def add(self, x: float) -> None:
        self.xs.append(x)
        self.largest = max(self.largest, x)
        power = 1.0
        for k in range(SERIES_TERMS):
            power *= x
            self.sums[k] += power

    def log_keep(self, c: float) -> float:
        """Σ log(1 − c x) over the group."""
        if c * self.largest > SERIES_LIMIT:
            return sum(math.log1p(-c * x) for x in self.xs)
        total, power = 0.0, 1.0
        for k, s in enumerate(self.sums, start=1):
            power *= c
            total -= power * s / k
        return total
