"""The engagement plan: for k meetings, whom to engage (and through whom), greedily.

Each step engages the person whose engagement raises the consensus probability most (gain
in log-probability, so it still ranks on a 5,000-person map whose probability underflows).
Engaging X changes only X's own risk and the coverage of the people X can carry the message
to, and power and leans do not depend on readiness, so after a step only the gains of
people near X are recomputed — never the whole analysis per candidate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from consensus_map.analysis import model
from consensus_map.analysis.committee import engaged_readiness
from consensus_map.analysis.engine import (
    Prepared,
    consensus,
    person_risk,
    prepare,
)
from consensus_map.analysis.gc_pause import no_gc_pauses
from consensus_map.analysis.reasons import find_introducer
from consensus_map.analysis.result import PlanStep
from consensus_map.domain import Deal, DealError, Stakeholder


def _log_keep(risk: float) -> float:
    return math.log1p(-risk)


def engagement_plan(
    deal: Deal, meetings: int, engage: Iterable[str] = (), today: date | None = None
) -> tuple[PlanStep, ...]:
    """Up to `meetings` steps; each step's probability is at least the one before.

    Stops early when no one is left below the target. `engage` starts from a what-if;
    `today` is accepted for symmetry with `analyze` (the plan does not depend on it).
    """
    del today
    with no_gc_pauses():
        return _plan(deal, meetings, engage)


def _plan(deal: Deal, meetings: int, engage: Iterable[str]) -> tuple[PlanStep, ...]:
    if isinstance(meetings, bool) or not isinstance(meetings, int) or meetings < 0:
        raise DealError("the number of meetings must be a whole number, 0 or more")
    prepared = prepare(deal, engage)
    committee = prepared.committee
    people: dict[str, Stakeholder] = dict(committee.people)
    target = committee.target
    risk = {p: person_risk(prepared, person, people)[2] for p, person in people.items()}
    candidates = {p for p, person in people.items() if person.readiness.gap_to(target) > 0}
    carriers_of = {p: {c for c, _ in committee.carriers[p]} for p in people}

    def gain(x: str) -> float:
        """Log-probability gained by engaging x, now."""
        before = people[x]
        after = before.replace(readiness=engaged_readiness(before, target))
        people[x] = after
        try:
            total = _log_keep(person_risk(prepared, after, people)[2]) - _log_keep(risk[x])
            if not before.engaged and after.stance in model.CARRIER_WEIGHT:
                for y in committee.carries_to[x]:
                    if y != x and risk[y] > 0.0:
                        new = person_risk(prepared, people[y], people)[2]
                        total += _log_keep(new) - _log_keep(risk[y])
        finally:
            people[x] = before
        return total

    gains = {x: gain(x) for x in candidates}
    steps: list[PlanStep] = []
    for _ in range(meetings):
        if not candidates:
            break
        chosen = min(candidates, key=lambda x: (-gains[x], people[x].name, x))
        person = people[chosen]
        before = (
            consensus(risk[p] for p in people) if not steps else steps[-1].consensus_probability
        )
        intro = None if person.engaged else find_introducer(committee, chosen, people)
        people[chosen] = person.replace(readiness=engaged_readiness(person, target))
        candidates.discard(chosen)
        del gains[chosen]
        changed = {chosen, *committee.carries_to[chosen]}
        for y in changed:
            risk[y] = person_risk(prepared, people[y], people)[2]
        stale = set(committee.carries_to[chosen])
        for y in changed:
            stale |= carriers_of[y]
        for z in stale & candidates:
            gains[z] = gain(z)
        steps.append(
            PlanStep(
                id=chosen,
                name=person.name,
                introducer=intro[0] if intro else None,
                consensus_probability=consensus(risk[p] for p in people),
                probability_before=before,
                via=intro[1] if intro else None,
            )
        )
    return tuple(steps)


def start_probability(prepared: Prepared) -> float:
    """The consensus probability before any step (for reports)."""
    people = prepared.committee.people
    return consensus(person_risk(prepared, p, people)[2] for p in people.values())
