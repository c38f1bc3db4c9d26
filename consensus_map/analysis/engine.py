"""`analyze`: the whole consensus answer for a deal (SPEC "The analysis", items 1–6 and 8).

The pieces that do not depend on readiness — the committee's tie views, power, leans — are
computed once in `prepare`; `person_risk` is the one place a risk is computed, shared with
the plan so that a plan step and a what-if of the same people give the same number.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from consensus_map.analysis import model
from consensus_map.analysis.committee import Committee, build_committee
from consensus_map.analysis.gc_pause import no_gc_pauses
from consensus_map.analysis.power import Power, compute_power
from consensus_map.analysis.reasons import (
    action,
    before,
    find_introducer,
    introducer_weights,
    knows_engaged,
    reasons,
)
from consensus_map.analysis.result import Assessment, DealAnalysis
from consensus_map.analysis.risk import Coverage, coverage, veto_risk
from consensus_map.analysis.stance import Lean, infer_leans
from consensus_map.analysis.warnings import deal_warnings
from consensus_map.domain import Deal, Readiness, Stakeholder


@dataclass(frozen=True, slots=True)
class Prepared:
    """What stays fixed while readiness changes: the committee, power and leans."""

    committee: Committee
    power: dict[str, Power]
    lean: dict[str, Lean]
    gap: dict[Readiness, int]  # ladder steps from each readiness to the committee's target


def prepare(deal: Deal, engage: Iterable[str] = ()) -> Prepared:
    committee = build_committee(deal, engage)
    gap = {readiness: readiness.gap_to(committee.target) for readiness in Readiness}
    return Prepared(committee, compute_power(committee), infer_leans(committee), gap)


def person_risk(
    prepared: Prepared, person: Stakeholder, people: Mapping[str, Stakeholder]
) -> tuple[int, Coverage, float]:
    """Gap, coverage and veto risk of `person` given everyone's current readiness."""
    gap = prepared.gap[person.readiness]
    cover = coverage(prepared.committee.carriers[person.id], people)
    lean = prepared.lean[person.id].value
    risk = veto_risk(person, gap, lean, prepared.power[person.id].value, cover.value)
    return gap, cover, risk


def consensus(risks: Iterable[float]) -> float:
    """Every voice must consent: the product of (1 − risk), in the canonical order."""
    return math.prod(1.0 - r for r in risks)


def analyze(deal: Deal, engage: Iterable[str] = (), today: date | None = None) -> DealAnalysis:
    """Veto risks, sinkers, warnings and the consensus probability of `deal`.

    `engage` is a what-if: those people are treated as engaged (moved to the target
    readiness, stance kept) without touching the deal; an unknown id raises DealError.
    `today` dates stale contacts and the "before <date>" of actions (default: today).
    """
    with no_gc_pauses():
        return _analyze(deal, engage, today if today is not None else date.today())


def _analyze(deal: Deal, engage: Iterable[str], day: date) -> DealAnalysis:
    prepared = prepare(deal, engage)
    committee = prepared.committee
    people = committee.people
    when = before(deal.info.presentation_date, day)

    assessments: list[Assessment] = []
    leans, powers, target = prepared.lean, prepared.power, committee.target
    material = model.MATERIAL_RISK
    weights = introducer_weights(people)
    for person_id, person in people.items():
        gap, cover, risk = person_risk(prepared, person, people)
        lean, power = leans[person_id], powers[person_id]
        engaged = person.readiness is not Readiness.UNENGAGED
        intro = (
            find_introducer(committee, person_id, people, weights) if gap and not engaged else None
        )
        assessments.append(
            Assessment(
                id=person_id,
                name=person.name,
                role=person.role,
                readiness=person.readiness,
                stance=person.stance,
                inferred_stance=lean.inferred,
                lean=lean.value,
                attends=person.attends,
                engaged=engaged,
                gap=gap,
                power=power.value,
                veto_risk=risk,
                sinker=gap > 0 and risk >= material,
                reasons=reasons(person, gap, lean, power, cover, committee, people),
                action=action(
                    person,
                    gap,
                    intro,
                    target,
                    people,
                    when,
                    # Only read for someone unengaged below the target with no introducer.
                    knows_engaged=intro is None
                    and gap > 0
                    and not engaged
                    and knows_engaged(committee, person_id, people),
                ),
                introducer=intro[0] if intro else None,
            )
        )
    sinkers = sorted(
        (a for a in assessments if a.sinker), key=lambda a: (a.engaged, -a.veto_risk, a.name, a.id)
    )
    return DealAnalysis(
        consensus_probability=consensus(a.veto_risk for a in assessments),
        sinkers=tuple(a.id for a in sinkers),
        warnings=deal_warnings(committee, deal.info, day),
        stakeholders=tuple(assessments),
        engaged_by_what_if=committee.what_if,
    )
