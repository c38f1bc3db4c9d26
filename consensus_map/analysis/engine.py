"""`analyze`: the whole consensus answer for a deal (SPEC "The analysis", items 1–8 and 10).

The pieces that do not depend on readiness — the committee, who decides, power, leans, each
person's risk profile — are computed once in `prepare`; `person_risk` is the one place a
risk is computed from a state of everyone's effective readiness, shared with the plan and
the sensitivity run so that all three give the same number for the same state.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from consensus_map.analysis import model
from consensus_map.analysis.committee import Committee, build_committee
from consensus_map.analysis.introductions import find_introduction
from consensus_map.analysis.power import Power, compute_power
from consensus_map.analysis.reasons import Facts, action, before, reasons
from consensus_map.analysis.result import Assessment, DealAnalysis
from consensus_map.analysis.risk import NO_BACKING, Backing, Profile, backing, veto_risk
from consensus_map.analysis.sensitivity import consensus_range
from consensus_map.analysis.stance import Lean, infer_leans
from consensus_map.analysis.warnings import deal_warnings
from consensus_map.analysis.wording import band_of
from consensus_map.domain import Deal, Readiness, Stance
from consensus_map.gc_pause import no_gc_pauses

State = Mapping[str, Readiness]  # everyone's effective readiness


@dataclass(frozen=True, slots=True)
class Prepared:
    """What stays fixed while readiness changes: committee, group, power, leans, profiles."""

    committee: Committee
    power: dict[str, Power]
    lean: dict[str, Lean]
    profile: dict[str, Profile]  # the deciding group only
    gap: dict[Readiness, int]  # ladder steps from each readiness to the committee's target

    def start(self) -> dict[str, Readiness]:
        """Everyone's effective readiness as the deal stands (recency applied)."""
        return {p: r.effective for p, r in self.committee.recency.items()}


def prepare(deal: Deal, engage: Iterable[str] = (), today: date | None = None) -> Prepared:
    committee = build_committee(deal, engage, today)
    gap = {readiness: readiness.gap_to(committee.target) for readiness in Readiness}
    power = compute_power(committee)
    lean = infer_leans(committee)
    people = committee.people
    mode_effect = model.MODE_EFFECT
    profile = {
        p: Profile(
            stance=people[p].stance,
            lean=lean[p].value,
            power=power[p].value,
            attends=people[p].attends,
            mode_effect=mode_effect[people[p].mode],
            full_voice=member.full_voice,
        )
        for p, member in committee.group.items()
    }
    return Prepared(committee, power, lean, profile, gap)


def person_risk(prepared: Prepared, person_id: str, state: State) -> tuple[int, Backing, float]:
    """Gap, backing and veto risk of a person given everyone's effective readiness."""
    gap = prepared.gap[state[person_id]]
    profile = prepared.profile.get(person_id)
    if profile is None:
        return gap, NO_BACKING, 0.0  # not in the decision
    committee = prepared.committee
    backed = backing(committee.carriers[person_id], committee.people, state)
    return gap, backed, veto_risk(profile, gap, backed.value)


def consensus(risks: Iterable[float]) -> float:
    """Every voice must consent: the product of (1 − risk), in the canonical order."""
    return math.prod(1.0 - r for r in risks)


def analyze(deal: Deal, engage: Iterable[str] = (), today: date | None = None) -> DealAnalysis:
    """Veto risks, sinkers, warnings and the consensus probability, band and range of `deal`.

    `engage` is a what-if: those people are treated as engaged (moved to the target
    readiness, just met, stance kept) without touching the deal; an unknown id raises
    DealError. `today` dates recency and the "before <date>" of actions (default: today).
    """
    with no_gc_pauses():
        return _analyze(deal, engage, today if today is not None else date.today())


def _analyze(deal: Deal, engage: Iterable[str], day: date) -> DealAnalysis:
    prepared = prepare(deal, engage, day)
    committee = prepared.committee
    people, group = committee.people, committee.group
    state = prepared.start()
    when = before(deal.info.presentation_date, day)
    what_if = set(committee.what_if)
    material = model.MATERIAL_RISK
    unengaged = Readiness.UNENGAGED

    assessments: list[Assessment] = []
    risks: list[float] = []
    backed_values: dict[str, float] = {}
    for person_id, person in people.items():
        gap, backed, risk = person_risk(prepared, person_id, state)
        membership = group.get(person_id)
        recency = committee.recency[person_id]
        effective = recency.effective
        lean = prepared.lean[person_id]
        intro = None
        if (
            membership is not None
            and effective is unengaged
            and (gap > 0 or person.stance is Stance.BLOCKER)
        ):
            intro = find_introduction(committee, person_id, state)
        facts = Facts(
            person=person,
            recency=recency,
            gap=gap,
            lean=lean,
            power=prepared.power[person_id],
            backing=backed,
            membership=membership,
            what_if=person_id in what_if,
        )
        if membership is not None:
            risks.append(risk)
            backed_values[person_id] = backed.value
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
                engaged=effective is not unengaged,
                gap=gap,
                power=prepared.power[person_id].value,
                veto_risk=risk,
                sinker=membership is not None and risk >= material,
                reasons=reasons(facts, committee, prepared.lean),
                action=action(facts, committee, intro, risk, when),
                introducer=intro.introducer if intro is not None else None,
                mode=person.mode,
                in_decision=membership is not None,
                full_voice=membership is not None and membership.full_voice,
                effective_readiness=effective,
                guess=lean.guess,
                title=person.title,
                concern=person.concern,
            )
        )
    sinkers = sorted(
        (a for a in assessments if a.sinker), key=lambda a: (-a.veto_risk, a.name, a.id)
    )
    probability = consensus(risks)
    return DealAnalysis(
        consensus_probability=probability,
        sinkers=tuple(a.id for a in sinkers),
        warnings=deal_warnings(committee, deal.info),
        stakeholders=tuple(assessments),
        engaged_by_what_if=committee.what_if,
        consensus_band=band_of(probability),
        consensus_range=consensus_range(prepared, state, probability, backed=backed_values),
    )
