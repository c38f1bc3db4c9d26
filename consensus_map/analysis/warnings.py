"""Deal warnings: the red flags of Blue Sheet and the deal warnings of revenue tools.

One warning per code at most, always in the order of `CODES`, naming people by name (people
are listed in the canonical order: name, then id). Codes, like JSON keys, are only ever added.
"""

from __future__ import annotations

from collections.abc import Sequence

from consensus_map.analysis import model
from consensus_map.analysis.committee import Committee, is_signer
from consensus_map.analysis.reasons import day_label, listing, who
from consensus_map.analysis.result import DealWarning
from consensus_map.domain import DealInfo, Readiness, Role, Stakeholder, Stance

CODES = (
    "single_threaded",
    "no_champion",
    "no_decision_maker",
    "decision_maker_unengaged",
    "attendees_never_met",
    "blocker_present",
    "opposition",
    "seller_ahead",
    "stale_contact",
    "presentation_passed",
    "contradiction",
)


def _names(people: Sequence[Stakeholder], *, titles: bool = False) -> str:
    return listing([who(p) if titles else p.name for p in people])


def _clauses(items: list[str]) -> str:
    """'a; b; c', naming at most NAMES_LISTED (an account map can have thousands)."""
    shown = items[: model.NAMES_LISTED]
    more = len(items) - len(shown)
    return "; ".join(shown) + (f"; and {more} more like these" if more > 0 else "")


def is_key_contact(person: Stakeholder) -> bool:
    """Whose lag the seller cannot afford: decision-makers, executives, attendees."""
    return person.attends or person.role in (Role.DECISION_MAKER, Role.EXECUTIVE)


def deal_warnings(committee: Committee, info: DealInfo) -> tuple[DealWarning, ...]:
    people = list(committee.people.values())  # canonical order: name, then id
    today = committee.today
    effective = committee.effective
    out: list[DealWarning] = []

    engaged = [p for p in people if effective(p.id) is not Readiness.UNENGAGED]
    if len(engaged) == 0 and people:
        out.append(DealWarning("single_threaded", "Single-threaded: no one here has met you yet."))
    elif len(engaged) == 0:
        out.append(DealWarning("single_threaded", "Single-threaded: no one is on the map yet."))
    elif len(engaged) == 1:
        out.append(
            DealWarning(
                "single_threaded",
                f"Single-threaded: {engaged[0].name} is your only engaged contact; "
                "if they go quiet or leave, the deal stalls.",
            )
        )

    if not any(p.stance is Stance.CHAMPION for p in people):
        out.append(
            DealWarning(
                "no_champion",
                "No champion: no one will sell for you when you are not in the room.",
            )
        )

    if not any(p.role is Role.DECISION_MAKER for p in people):
        out.append(
            DealWarning(
                "no_decision_maker",
                "No decision-maker: nobody on the map signs off and owns the budget. "
                "Find out who does before you present.",
            )
        )

    deciders = [
        p
        for p in people
        if p.role is Role.DECISION_MAKER and effective(p.id) is Readiness.UNENGAGED
    ]
    if deciders:
        noun = "Decision-maker" if len(deciders) == 1 else "Decision-makers"
        verb = "has" if len(deciders) == 1 else "have"
        out.append(
            DealWarning(
                "decision_maker_unengaged",
                f"{noun} {_names(deciders, titles=True)} {verb} never met you.",
            )
        )

    attendees = [p for p in people if p.attends]
    strangers = [p for p in attendees if effective(p.id) is Readiness.UNENGAGED]
    if strangers:
        out.append(
            DealWarning(
                "attendees_never_met",
                f"{len(strangers)} of {len(attendees)} presentation attendees "
                f"{'has' if len(strangers) == 1 else 'have'} never met you "
                f"({_names(strangers)}): they will hear the change for the first time.",
            )
        )

    blockers = [p for p in people if p.stance is Stance.BLOCKER]
    if blockers:
        verb = "opposes" if len(blockers) == 1 else "oppose"
        out.append(
            DealWarning("blocker_present", f"Blocker: {_names(blockers)} {verb} the change.")
        )

    opponents = _opposition(committee)
    if opponents:
        out.append(
            DealWarning(
                "opposition",
                f"Opposition in the decision: {_clauses(opponents)}. Recorded opposition "
                "does not fade at the presentation: answer it first.",
            )
        )

    expected = model.STAGE_EXPECTS[info.stage]
    behind = [
        p
        for p in people
        if is_key_contact(p) and effective(p.id).gap_to(expected) >= model.SELLER_AHEAD_STEPS
    ]
    if behind:
        out.append(
            DealWarning(
                "seller_ahead",
                f"The deal is at {info.stage} but {_names(behind)} "
                f"{'is' if len(behind) == 1 else 'are'} two or more steps short of {expected}: "
                "you are running ahead of them.",
            )
        )

    recency = committee.recency
    stale = [p for p in people if recency[p.id].lowered(p.readiness) and p.last_contact]
    if stale:
        since = listing(
            [
                f"{p.name} (last contact {day_label(p.last_contact, today)}: "  # type: ignore[arg-type]
                f"{p.readiness}, now counts as {effective(p.id)})"
                for p in stale
            ]
        )
        out.append(
            DealWarning(
                "stale_contact",
                f"Gone quiet: {since}. Relationships cool: get back in touch before the "
                "team meets.",
            )
        )

    date = info.presentation_date
    if date is not None and date < today:
        out.append(
            DealWarning(
                "presentation_passed",
                f"The presentation date, {day_label(date, today)}, has passed: "
                "set the next date or move the deal stage on.",
            )
        )

    problems = _contradictions(committee)
    if problems:
        out.append(DealWarning("contradiction", f"Check these: {_clauses(problems)}."))
    return tuple(out)


def _opposition(committee: Committee) -> list[str]:
    """Recorded skeptics and blockers who sign, attend or sway a signer."""
    people, group = committee.people, committee.group
    found: list[str] = []
    for p, person in people.items():
        if person.stance not in (Stance.SKEPTIC, Stance.BLOCKER) or p not in group:
            continue
        member = group[p]
        parts = []
        if member.signs:
            parts.append(person.role.label)
        if member.attends:
            parts.append("attends")
        # Whom their opinion reaches directly (influence, reports-to either way, ally).
        swayed = [people[v].name for v in committee.carries_to.get(p, ()) if is_signer(people[v])]
        if swayed:
            parts.append(f"has the ear of {listing(swayed)}")
        if not (member.signs or member.attends or swayed):
            continue
        found.append(f"{person.name} ({person.stance}, {', '.join(parts)})")
    return found


def _contradictions(committee: Committee) -> list[str]:
    out: list[str] = []
    today = committee.today
    for p, person in committee.people.items():
        if person.readiness is Readiness.COMMITTED and person.stance in (
            Stance.SKEPTIC,
            Stance.BLOCKER,
        ):
            out.append(f"{person.name} is committed but recorded as a {person.stance}")
        recency = committee.recency[p]
        if recency.future and person.last_contact is not None:
            out.append(
                f"{person.name}'s last contact, {day_label(person.last_contact, today)}, "
                "is after today"
            )
        elif person.readiness is Readiness.UNENGAGED and person.last_contact is not None:
            out.append(
                f"{person.name} has a last contact date but is marked as never met (unengaged)"
            )
    return out
