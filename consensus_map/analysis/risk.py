"""Veto risk: the chance a person in the deciding group withholds consent if the team met today.

    risk = voice × (1 − (1 − readiness risk) × (1 − opinion risk))

*Readiness risk* is the stranger's risk — they hear the change first at the presentation:

    hazard = GAP_HAZARD[gap] × gap_scale × stance factor × power factor × attends × mode
             × (1 − backing_relief × backing);   readiness risk = 1 − exp(−hazard)

It is 0 at the target and positive below it, whatever the role. *Opinion risk* is what the
person thinks of the change, whatever their readiness: a recorded blocker or skeptic keeps
it at any readiness, and an unknown stance keeps a small one (a guess moves it by a bounded
amount only). *Voice* is 1 for signers and attendees and `swayer_voice` for people in the
group only because they sway one: they act mostly through the people they sway.

Every factor is monotone in the direction the SPEC's properties need, at every point of the
documented weight ranges. Numbers are in `model`; `weights` lets the sensitivity run vary
them. docs/analysis.md explains each.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from consensus_map.analysis import model
from consensus_map.analysis.committee import Weighted
from consensus_map.analysis.model import NOMINAL, RiskWeights
from consensus_map.domain import Readiness, Stakeholder, Stance


@dataclass(frozen=True, slots=True)
class Profile:
    """What the risk of a person in the group reads that readiness never changes."""

    stance: Stance  # recorded (UNKNOWN when not)
    lean: float  # the inferred lean for an unknown stance (the stance's own for a stated one)
    power: float
    attends: bool
    mode_effect: float  # model.MODE_EFFECT of their buyer mode
    full_voice: bool  # signs or attends


@dataclass(frozen=True, slots=True)
class Backing:
    """Engaged champions and supporters in the group who can carry the message to a person."""

    value: float  # in [0, 1)
    by: tuple[str, ...]  # carriers, biggest contribution first


NO_BACKING = Backing(0.0, ())


def backing(
    carriers: Weighted, people: Mapping[str, Stakeholder], effective: Mapping[str, Readiness]
) -> Backing:
    """How well engaged champions/supporters tied to a person can carry the message."""
    unbacked = 1.0
    parts: dict[str, float] = {}
    carrier_weight = model.CARRIER_WEIGHT
    half = model.BACKING_HALF
    unengaged = Readiness.UNENGAGED
    for carrier_id, strength in carriers:
        weight = carrier_weight.get(people[carrier_id].stance, 0.0)
        if weight == 0.0 or effective[carrier_id] is unengaged:
            continue
        part = weight * strength / (strength + half)
        unbacked *= 1.0 - part
        parts[carrier_id] = max(parts.get(carrier_id, 0.0), part)
    if not parts:
        return NO_BACKING  # most people on a large map: skip the sort and a new record
    if len(parts) == 1:
        return Backing(1.0 - unbacked, tuple(parts))
    ranked = sorted(parts, key=lambda c: (-parts[c], people[c].name, c))
    return Backing(1.0 - unbacked, tuple(ranked))


def stance_factor(profile: Profile, w: RiskWeights = NOMINAL) -> float:
    """How stance scales the readiness risk: a recorded one fully, a guess by a bounded part."""
    if profile.stance is Stance.UNKNOWN:
        return model.UNKNOWN_FACTOR * (1.0 - model.INFERRED_SHARE * w.stance_spread * profile.lean)
    return 1.0 - w.stance_spread * profile.stance.lean


def readiness_risk(profile: Profile, gap: int, backed: float, w: RiskWeights = NOMINAL) -> float:
    if gap <= 0:
        return 0.0
    steps = model.GAP_HAZARD
    hazard = (
        steps[min(gap, len(steps) - 1)]
        * w.gap_scale
        * stance_factor(profile, w)
        * (model.POWER_FLOOR + w.power_slope * profile.power)
        * (w.attends if profile.attends else 1.0)
        * (1.0 + w.mode_spread * profile.mode_effect)
        * (1.0 - w.backing_relief * backed)
    )
    return 1.0 - math.exp(-hazard)


def opinion_risk(profile: Profile, w: RiskWeights = NOMINAL) -> float:
    stance, power = profile.stance, profile.power
    slope = model.OPINION_POWER[stance]
    if stance is Stance.BLOCKER:
        return w.blocker_risk + slope * power
    if stance is Stance.SKEPTIC:
        return w.skeptic_risk + slope * power
    if stance is Stance.CHAMPION:
        return model.CHAMPION_RISK + slope * power
    if stance is Stance.SUPPORTER:
        return model.SUPPORTER_RISK + slope * power
    mode = 1.0 + w.mode_spread * profile.mode_effect
    if stance is Stance.NEUTRAL:
        return (model.NEUTRAL_RISK + slope * power) * mode
    return w.unknown_risk * (1.0 - model.UNKNOWN_LEAN_SHARE * profile.lean) * mode


def veto_risk(profile: Profile, gap: int, backed: float, w: RiskWeights = NOMINAL) -> float:
    """The person's veto risk at `gap` steps below the target with `backed` backing."""
    keep = (1.0 - readiness_risk(profile, gap, backed, w)) * (1.0 - opinion_risk(profile, w))
    risk = 1.0 - keep
    return risk if profile.full_voice else w.swayer_voice * risk
