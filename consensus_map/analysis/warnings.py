"""Deal warnings: the red flags of Blue Sheet and of revenue-intelligence tools.

One warning per code at most, always in the order of `CODES`, naming people by name then id.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from consensus_map.analysis import model
from consensus_map.analysis.committee import Committee
from consensus_map.analysis.reasons import day_label, who
from consensus_map.analysis.result import DealWarning
from consensus_map.domain import DealInfo, Role, Stakeholder, Stance

CODES = (
    "single_threaded",
    "no_champion",
    "decision_maker_unengaged",
    "attendees_never_met",
    "blocker_present",
    "seller_ahead",
    "stale_contact",
)


def _list(people: Sequence[Stakeholder], *, titles: bool = False) -> str:
    names = [who(p) if titles else p.name for p in people[: model.WARNING_NAMES]]
    more = len(people) - model.WARNING_NAMES
    if more > 0:
        return ", ".join(names) + f" and {more} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def is_key_contact(person: Stakeholder) -> bool:
    """Whose lag the seller cannot afford: decision-makers, executives, attendees."""
    return person.attends or person.role in (Role.DECISION_MAKER, Role.EXECUTIVE)


def deal_warnings(committee: Committee, info: DealInfo, today: date) -> tuple[DealWarning, ...]:
    people = list(committee.people.values())  # canonical order: name, then id
    out: list[DealWarning] = []

    engaged = [p for p in people if p.engaged]
    if len(engaged) == 0:
        out.append(DealWarning("single_threaded", "Single-threaded: no one here has met you yet."))
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

    deciders = [p for p in people if p.role is Role.DECISION_MAKER and not p.engaged]
    if deciders:
        noun = "Decision-maker" if len(deciders) == 1 else "Decision-makers"
        verb = "has" if len(deciders) == 1 else "have"
        out.append(
            DealWarning(
                "decision_maker_unengaged",
                f"{noun} {_list(deciders, titles=True)} {verb} never met you.",
            )
        )

    attendees = [p for p in people if p.attends]
    strangers = [p for p in attendees if not p.engaged]
    if strangers:
        out.append(
            DealWarning(
                "attendees_never_met",
                f"{len(strangers)} of {len(attendees)} presentation attendees have never met "
                f"you ({_list(strangers)}): they will hear the change for the first time.",
            )
        )

    blockers = [p for p in people if p.stance is Stance.BLOCKER]
    if blockers:
        verb = "opposes" if len(blockers) == 1 else "oppose"
        out.append(DealWarning("blocker_present", f"Blocker: {_list(blockers)} {verb} the change."))

    expected = model.STAGE_EXPECTS[info.stage]
    behind = [
        p
        for p in people
        if is_key_contact(p) and p.readiness.gap_to(expected) >= model.SELLER_AHEAD_STEPS
    ]
    if behind:
        out.append(
            DealWarning(
                "seller_ahead",
                f"The deal is at {info.stage} but {_list(behind)} "
                f"{'is' if len(behind) == 1 else 'are'} two or more steps short of {expected}: "
                "you are running ahead of them.",
            )
        )

    stale = [
        p
        for p in engaged
        if p.last_contact is not None and today - p.last_contact > model.STALE_AFTER
    ]
    if stale:
        days = model.STALE_AFTER.days
        since = "; ".join(
            f"{p.name} since {day_label(p.last_contact, today)}"  # type: ignore[arg-type]
            for p in stale[: model.WARNING_NAMES]
        )
        more = len(stale) - model.WARNING_NAMES
        tail = f"; and {more} more" if more > 0 else ""
        out.append(DealWarning("stale_contact", f"No contact in over {days} days: {since}{tail}."))
    return tuple(out)
