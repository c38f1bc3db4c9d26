"""The engagement plan: for k meetings, whom to meet (and through whom), greedily (SPEC item 9).

One meeting moves a person one readiness step up from their effective readiness toward the
target and counts as fresh contact; their stance stays what it is (a meeting is no promise of
agreement), and the same person may be met again. Each step meets the person whose meeting
raises the consensus probability most (gain in log-probability, so it still ranks on a
5,000-person map whose probability underflows). A meeting changes only that person's own
risk and, when it engages a champion or supporter for the first time, the backing of the
people they can carry the message to; who decides, power and leans do not depend on
readiness. So after a step only the gains near that person are recomputed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from consensus_map.analysis import model
from consensus_map.analysis.engine import consensus, person_risk, prepare
from consensus_map.analysis.introductions import find_introduction
from consensus_map.analysis.reasons import Facts, action, before, listing
from consensus_map.analysis.recency import Recency
from consensus_map.analysis.result import DealAnalysis, PlanStep
from consensus_map.domain import Deal, DealError, Readiness, Stance
from consensus_map.gc_pause import no_gc_pauses

_LADDER = list(Readiness)


def _log_keep(risk: float) -> float:
    return math.log1p(-risk)


@dataclass(frozen=True, slots=True)
class Plan:
    """The plan with what a report says around it."""

    steps: tuple[PlanStep, ...]
    start_probability: float
    meetings: int  # asked for
    opponents: tuple[str, ...]  # names of recorded opponents a meeting will not move
    in_decision: int = 1  # the deciding group's size (0: nobody to plan meetings with)

    @property
    def note(self) -> str:
        return _note(len(self.steps), self.meetings, self.opponents, self.in_decision)


def engagement_plan(
    deal: Deal, meetings: int, engage: Iterable[str] = (), today: date | None = None
) -> tuple[PlanStep, ...]:
    """Up to `meetings` steps; each step's probability is at least the one before.

    Stops early when no one in the decision is left below the target. `engage` starts from
    a what-if; `today` dates recency and the actions' deadline (default: today).
    """
    return plan_summary(deal, meetings, engage, today).steps


def plan_summary(
    deal: Deal, meetings: int, engage: Iterable[str] = (), today: date | None = None
) -> Plan:
    """`engagement_plan` with the starting probability and the note (for reports)."""
    with no_gc_pauses():
        return _plan(deal, meetings, engage, today if today is not None else date.today())


def _plan(deal: Deal, meetings: int, engage: Iterable[str], day: date) -> Plan:
    if isinstance(meetings, bool) or not isinstance(meetings, int) or meetings < 0:
        raise DealError("the number of meetings must be a whole number, 0 or more")
    prepared = prepare(deal, engage, day)
    committee = prepared.committee
    people, group, gaps = committee.people, committee.group, prepared.gap
    when = before(deal.info.presentation_date, day)
    state = prepared.start()
    recency = dict(committee.recency)
    risk = {p: person_risk(prepared, p, state)[2] for p in group}
    candidates = {p for p in group if gaps[state[p]] > 0}
    carriers_of = {p: {c for c, _ in committee.carriers[p]} for p in group}
    carries = model.CARRIER_WEIGHT

    def met(x: str) -> Readiness:
        return _LADDER[state[x].rank + 1]

    def gain(x: str) -> float:
        """Log-probability gained by meeting x once, now."""
        before_x = state[x]
        state[x] = met(x)
        try:
            total = _log_keep(person_risk(prepared, x, state)[2]) - _log_keep(risk[x])
            if before_x is Readiness.UNENGAGED and people[x].stance in carries:
                for y in committee.carries_to[x]:
                    if y != x and risk[y] > 0.0:
                        new = person_risk(prepared, y, state)[2]
                        total += _log_keep(new) - _log_keep(risk[y])
        finally:
            state[x] = before_x
        return total

    gains = {x: gain(x) for x in candidates}
    steps: list[PlanStep] = []
    probability = start = consensus(risk[p] for p in group)
    opponents = tuple(
        people[p].name
        for p in group
        if people[p].stance in (Stance.SKEPTIC, Stance.BLOCKER)
        and gaps[state[p]] == 0
        and risk[p] >= model.MATERIAL_RISK
    )
    for _ in range(meetings):
        if not candidates:
            break
        chosen = min(candidates, key=lambda x: (-gains[x], people[x].name, x))
        gap, backed, now = person_risk(prepared, chosen, state)
        intro = None
        if state[chosen] is Readiness.UNENGAGED:
            intro = find_introduction(committee, chosen, state)
        facts = Facts(
            person=people[chosen],
            recency=recency[chosen],
            gap=gap,
            lean=prepared.lean[chosen],
            power=prepared.power[chosen],
            backing=backed,
            membership=group[chosen],
            what_if=False,
        )
        words = action(facts, committee, intro, now, when)
        was = state[chosen]
        state[chosen] = after = met(chosen)
        recency[chosen] = Recency(after, 0)  # just met: fresh contact
        changed = {chosen}
        if was is Readiness.UNENGAGED and people[chosen].stance in carries:
            changed.update(committee.carries_to[chosen])
        for y in changed:
            risk[y] = person_risk(prepared, y, state)[2]
        if gaps[after] == 0:
            candidates.discard(chosen)
            del gains[chosen]
        stale = set(changed)
        for y in changed:
            stale |= carriers_of[y]
        for z in stale & candidates:
            gains[z] = gain(z)
        before_step = probability
        probability = consensus(risk[p] for p in group)
        steps.append(
            PlanStep(
                id=chosen,
                name=people[chosen].name,
                introducer=intro.introducer if intro is not None else None,
                consensus_probability=probability,
                probability_before=before_step,
                readiness_after=after,
                action=words,
            )
        )
    return Plan(tuple(steps), start, meetings, opponents, len(group))


def plan_note(analysis: DealAnalysis, steps: Sequence[PlanStep], meetings: int) -> str:
    """Why the plan is shorter than asked, and whom meetings alone will not move.

    '' when there is nothing to say. Recorded opposition is not changed by a meeting (the
    model keeps the stance), so opponents at the target never appear in the plan: the note
    names them and points to their actions.
    """
    opponents = tuple(
        a.name
        for a in analysis.stakeholders
        if a.in_decision
        and a.stance in (Stance.SKEPTIC, Stance.BLOCKER)
        and a.sinker
        and a.gap == 0
    )
    return _note(len(steps), meetings, opponents, analysis.in_decision_count)


def _note(count: int, meetings: int, opponents: Sequence[str], in_decision: int) -> str:
    notes: list[str] = []
    if in_decision == 0:
        notes.append("No one on the map is in the decision yet, so there is no one to meet")
    elif count < meetings:
        if count == 0:
            notes.append("Everyone in the decision is already at the target readiness")
        else:
            noun = "meeting" if count == 1 else "meetings"
            notes.append(f"After {count} {noun} everyone in the decision is at the target")
    if opponents:
        verb = "is" if len(opponents) == 1 else "are"
        notes.append(
            f"{listing(opponents)} {verb} not in the plan: a meeting does not change a recorded "
            "stance — see the action for each"
        )
    return ". ".join(notes) + ("." if notes else "")
