"""Whom to ask for an introduction to someone the seller has never met (SPEC item 7).

Introductions follow the org chart and its politics. The introducer is engaged (readiness at
least `aware`), never a rival of the person, and never someone whose part the seller would
go around:

1. the person's manager, if engaged ("ask Priya Natarajan, Sam Whitfield's manager, …"),
   whatever the manager's stance — a skeptic manager is met first, not gone around;
2. otherwise a direct report who is the seller's contact, to bring their manager in;
3. otherwise the strongest engaged champion or supporter with an influence or ally tie;
4. otherwise meet directly, and say why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from consensus_map.analysis import model
from consensus_map.analysis.committee import Committee
from consensus_map.domain import Readiness, Stance

MANAGER, REPORT, SUPPORTER, DIRECT = "manager", "report", "supporter", "direct"

# Which engaged report is best placed to bring their manager in: friendliest first.
_STANCE_ORDER = {
    Stance.CHAMPION: 0,
    Stance.SUPPORTER: 1,
    Stance.NEUTRAL: 2,
    Stance.UNKNOWN: 3,
    Stance.SKEPTIC: 4,
    Stance.BLOCKER: 5,
}


@dataclass(frozen=True, slots=True)
class Introduction:
    introducer: str | None  # None: meet directly
    kind: str  # MANAGER, REPORT, SUPPORTER or DIRECT
    why_direct: str = ""  # for DIRECT: why nobody can introduce the seller


def find_introduction(
    committee: Committee, person_id: str, effective: Mapping[str, Readiness]
) -> Introduction:
    people = committee.people
    unengaged = Readiness.UNENGAGED

    def usable(other: str) -> bool:
        return effective[other] is not unengaged and not committee.are_rivals(person_id, other)

    manager = committee.managers.get(person_id)
    if manager is not None and usable(manager):
        return Introduction(manager, MANAGER)

    reports = [r for r in committee.reports.get(person_id, ()) if usable(r)]
    if reports:
        best = min(
            reports,
            key=lambda r: (
                _STANCE_ORDER[people[r].stance],
                -effective[r].rank,
                people[r].name,
                r,
            ),
        )
        return Introduction(best, REPORT)

    best_supporter: tuple[float, str, str] | None = None
    met: list[str] = []
    for other, strength in committee.peers[person_id]:
        if not usable(other):
            continue
        met.append(other)
        weight = model.CARRIER_WEIGHT.get(people[other].stance, 0.0)
        if weight:
            option = (-weight * strength / (strength + 1.0), people[other].name, other)
            if best_supporter is None or option < best_supporter:
                best_supporter = option
    if best_supporter is not None:
        return Introduction(best_supporter[2], SUPPORTER)
    return Introduction(None, DIRECT, _why_direct(committee, person_id, effective, met))


def _why_direct(
    committee: Committee, person_id: str, effective: Mapping[str, Readiness], met: list[str]
) -> str:
    people = committee.people
    if met:
        names = sorted({people[m].name for m in met})
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "is not a supporter" if len(names) == 1 else "are not supporters"
        return f"{listed}, whom you have met, {verb} who could introduce you"
    rivals = sorted(
        people[o].name
        for o in committee.rivals.get(person_id, ())
        if effective[o] is not Readiness.UNENGAGED
    )
    if rivals:
        return f"your contact {rivals[0]} is their rival, not someone to introduce you"
    manager = committee.managers.get(person_id)
    if manager is not None:
        return f"their manager, {people[manager].name}, has not met you either"
    return "no one you have met is tied to them"
