"""Plain-language reasons and the one action for a person, in a seller's words.

Reasons name every factor of the risk (docs/analysis.md) and the people behind it, so any
number shown can be traced to them: why the person has a say, their readiness (and how long
since the seller was in touch), their stance or the guess at it, their buyer mode, whom they
report to and sway, their influence rating, who can carry the message to them, and their
concern. "reports to" is said where the tie is reports-to, "sways" only for influence, and
a guess is always marked as one. No internal numbers appear.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from consensus_map.analysis import model
from consensus_map.analysis.committee import (
    ALLY_OF,
    MANAGES,
    REPORTS_TO,
    SWAYED_BY_THEM,
    SWAYS,
    SWAYS_THEM,
    THEIR_ALLY,
    THEIR_MANAGER,
    THEIR_REPORT,
    Committee,
    Membership,
)
from consensus_map.analysis.introductions import MANAGER, REPORT, SUPPORTER, Introduction
from consensus_map.analysis.power import Power
from consensus_map.analysis.recency import Recency
from consensus_map.analysis.risk import Backing
from consensus_map.analysis.stance import Lean
from consensus_map.domain import BuyerMode, Influence, Readiness, Role, Stakeholder, Stance

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date, today: date) -> str:
    """'10 Dec', with the year when it is not this year (no locale: output is stable)."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def before(presentation: date | None, today: date) -> str:
    """' before 10 Dec', or '' without a presentation date (or once it has passed)."""
    if presentation is None or presentation < today:
        return ""
    return f" before {day_label(presentation, today)}"


def who(person: Stakeholder) -> str:
    """'Chris Park (CFO)', or just the name without a title."""
    return f"{person.name} ({person.title})" if person.title.strip() else person.name


def short(person: Stakeholder) -> str:
    """The name to use the second time in a sentence: 'Priya' for 'Priya Natarajan'."""
    words = person.name.split()
    if len(words) >= 2 and words[0].isalpha() and len(words[0]) > 1:
        return words[0]
    return person.name


def listing(names: Sequence[str], total: int | None = None) -> str:
    """'A', 'A and B', 'A, B and C'; past NAMES_LISTED, '…, H and 4 others'.

    `total`: how many there are in all, when `names` holds only the first of them.
    """
    shown = list(names[: model.NAMES_LISTED])
    more = (len(names) if total is None else total) - len(shown)
    if more > 0:
        return ", ".join(shown) + f" and {more} {'other' if more == 1 else 'others'}"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


STANCE_WORDS = {
    Stance.CHAMPION: "your champion",
    Stance.SUPPORTER: "a supporter",
    Stance.NEUTRAL: "neutral",
    Stance.SKEPTIC: "a skeptic",
    Stance.BLOCKER: "a blocker",
    Stance.UNKNOWN: "stance unknown",
}
_MODE_WORDS = {
    BuyerMode.GROWTH: "growth mode: wants a better result than today's",
    BuyerMode.TROUBLE: "trouble mode: something is going wrong and must be fixed",
    BuyerMode.EVEN_KEEL: "even keel: sees no reason to change",
    BuyerMode.OVERCONFIDENT: "overconfident: thinks things are better than they are",
}
_SIGNS = {
    Role.DECISION_MAKER: "decision-maker: signs off",
    Role.EXECUTIVE: "executive: signs off",
    Role.GATEKEEPER: "gatekeeper: can stop it",
}
# u's relation to v, said of u ("they sway Chris Park") and of a third person ("… who sways").
_THEY = {SWAYS: "sway", MANAGES: "manage", REPORTS_TO: "report to", ALLY_OF: "are allies of"}
_THIRD = {SWAYS: "sways", MANAGES: "manages", REPORTS_TO: "reports to", ALLY_OF: "is an ally of"}


def seen_as(person: Stakeholder, lean: Lean) -> str:
    """How the seller knows a person's view: 'your champion', 'who may lean against us'."""
    if lean.stated:
        return STANCE_WORDS[person.stance]
    if lean.inferred is Stance.SUPPORTER:
        return "who may lean our way"
    if lean.inferred is Stance.SKEPTIC:
        return "who may lean against us"
    return "stance unknown"


@dataclass(slots=True, eq=False)
class Facts:
    """Everything the reasons and the action of one person read (read, never changed).

    Not frozen: a frozen record sets each field through `object.__setattr__`, and one of
    these is built for every person of the map only to be read twice.
    """

    person: Stakeholder
    recency: Recency
    gap: int
    lean: Lean
    power: Power
    backing: Backing
    membership: Membership | None  # None: not in the decision
    what_if: bool


def reasons(facts: Facts, committee: Committee, leans: dict[str, Lean]) -> tuple[str, ...]:
    person, people = facts.person, committee.people
    out: list[str] = []
    if person.title.strip():
        out.append(person.title.strip())
    member = facts.membership
    if member is None:
        out.append("not in the decision: signs nothing, does not attend and sways no one who does")
    else:
        if member.signs:
            out.append(_SIGNS[person.role])
        if member.attends:
            out.append("attends the presentation")
        if member.sways_via:
            out.append(_in_because(person.id, member.sways_via, committee))
    out.append(_readiness(facts, committee.target, committee.today))
    out.append(_stance(person.id, facts.lean, committee, leans))
    if person.mode is not BuyerMode.UNKNOWN:
        out.append(_MODE_WORDS[person.mode])
    manager = committee.managers.get(person.id)
    if manager is not None:
        out.append(f"reports to {who(people[manager])}")
    out.extend(_reach(person.id, facts.power, manager, committee))
    if person.influence is not Influence.MEDIUM:
        out.append(f"{person.influence} influence")
    if member is not None and facts.gap > 0:
        if facts.backing.by:
            backers = [
                f"{people[b].name}, {STANCE_WORDS[people[b].stance]}" for b in facts.backing.by
            ]
            verb = "can" if len(backers) == 1 else "can each"
            out.append(f"{'; '.join(backers)}, {verb} carry the message")
        else:
            out.append("no engaged supporter is tied to them to carry the message")
    if person.concern.strip():
        out.append(f"concern: {person.concern.strip()}")
    return tuple(out)


def _in_because(person_id: str, chain: tuple[str, ...], committee: Committee) -> str:
    people, relation = committee.people, committee.relation
    first = chain[0]
    text = f"in the decision because they {_THEY[relation[person_id, first]]} "
    if len(chain) == 1:
        return text + who(people[first])
    second = chain[1]
    return (
        text + f"{people[first].name}, who {_THIRD[relation[first, second]]} {who(people[second])}"
    )


def _readiness(facts: Facts, target: Readiness, today: date) -> str:
    person, recency, gap = facts.person, facts.recency, facts.gap
    if facts.what_if:
        return f"treated as {person.readiness} (what-if)"
    if recency.future and person.last_contact is not None:
        return f"last contact {day_label(person.last_contact, today)} is after today: check it"
    if person.readiness is Readiness.UNENGAGED:
        return "never met"
    short = "" if gap == 0 else f", {'1 step' if gap == 1 else f'{gap} steps'} short of {target}"
    if recency.lowered(person.readiness) and person.last_contact is not None:
        since = day_label(person.last_contact, today)
        return (
            f"{person.readiness} when last met on {since}, {recency.days_since} days ago: "
            f"counts as {recency.effective}{short}"
        )
    return f"{person.readiness}{short}"


def _stance(person_id: str, lean: Lean, committee: Committee, leans: dict[str, Lean]) -> str:
    if lean.stated:
        if lean.inferred is Stance.BLOCKER:
            return "a blocker: opposes the change"
        return STANCE_WORDS[lean.inferred]
    if not lean.guess:
        return _no_guess(person_id, lean, committee)
    towards = "may lean our way" if lean.inferred is Stance.SUPPORTER else "may lean against us"
    text = f"stance unknown, {towards} (a guess)"
    if lean.strongest is None:
        return text
    other = committee.people[lean.strongest]
    seen = seen_as(other, leans[lean.strongest])
    named = f"{other.name}, {seen}"
    phrase = {
        SWAYS_THEM: f"{named}, sways them",
        THEIR_MANAGER: f"they report to {named}",
        THEIR_REPORT: f"{named}, reports to them",
        THEIR_ALLY: f"{named}, is their ally",
        SWAYED_BY_THEM: f"they sway {named}",
    }.get(lean.relation, f"{named}, is their rival")
    return f"{text}: {phrase}"


def _no_guess(person_id: str, lean: Lean, committee: Committee) -> str:
    """An unknown stance that the colleagues do not tip either way, and why."""
    if not lean.evidence:
        return "stance unknown"
    people = committee.people
    evidence = (
        *committee.lean_evidence[person_id],
        *committee.direct_evidence.get(person_id, ()),
    )
    pulls: list[tuple[str, float]] = []
    for q, w, _ in evidence:
        stated = people[q].stance.lean  # 0 for unknown and neutral: no pull either way
        if stated != 0.0:
            pulls.append((q, w * stated))
    if any(pull > 0 for _, pull in pulls) and any(pull < 0 for _, pull in pulls):
        ordered = [q for q, pull in pulls if pull > 0] + [q for q, pull in pulls if pull < 0]
        named = [f"{people[q].name} ({STANCE_WORDS[people[q].stance]})" for q in ordered]
        return f"stance unknown; the people around them pull both ways: {listing(named)}"
    return "stance unknown; too little is known of the people around them to guess"


def _reach(person_id: str, power: Power, manager: str | None, committee: Committee) -> list[str]:
    """Whom they carry weight with among signers and attendees, by how they are tied."""
    people, relation = committee.people, committee.relation
    grouped: dict[str, list[str]] = {}
    for v in power.sways:
        how = relation.get((person_id, v), SWAYS)
        if how == REPORTS_TO and v == manager:
            continue  # already said: "reports to …"
        grouped.setdefault(how, []).append(who(people[v]))
    out = [f"{_THIRD[how]} {listing(names)}" for how, names in grouped.items()]
    if power.reaches:
        out.append(
            "through them carries weight with "
            + listing([people[v].name for v in power.reaches], power.reach_count)
        )
    return out


def action(
    facts: Facts,
    committee: Committee,
    intro: Introduction | None,
    risk: float,
    when: str,
) -> str:
    """The one thing to do about this person ('' when nothing is needed)."""
    person, gap, people = facts.person, facts.gap, committee.people
    if facts.membership is None:
        return ""
    name = person.name
    concern = f"; address their concern: {person.concern.strip()}" if person.concern.strip() else ""
    helper = ""
    if facts.backing.by:
        backer = people[facts.backing.by[0]]
        helper = f"; ask {backer.name}, {STANCE_WORDS[backer.stance]}, to help"
    if person.stance is Stance.BLOCKER:
        text = f"win {name} over{when} or plan around them: a recorded blocker can sink the deal"
        if intro is not None and intro.introducer is not None:
            text += "; " + _introduce(intro, person, committee, "")
        return text + helper + concern
    if gap == 0:
        if person.stance is Stance.SKEPTIC:
            return (
                f"hear out {name}'s objection{when} and answer it before the team meets: "
                "a skeptic in the room can turn it" + helper + concern
            )
        if risk >= model.MATERIAL_RISK:
            return f"find out where {name} stands{when}: their stance is not recorded" + concern
        return ""
    skeptic = (
        f"; hear out {short(person)}'s objection (a skeptic)"
        if person.stance is Stance.SKEPTIC
        else ""
    )
    if intro is not None:
        return _introduce(intro, person, committee, when) + skeptic + concern
    recency = facts.recency
    if recency.lowered(person.readiness) and person.last_contact is not None:
        since = day_label(person.last_contact, committee.today)
        return (
            f"get back in touch with {name}{when}: no contact since {since}, so they count as "
            f"{recency.effective} now, not {person.readiness}" + skeptic + concern
        )
    return (
        f"meet {name} again{when} to move them on from {recency.effective} toward "
        f"{committee.target}" + skeptic + concern
    )


def _introduce(intro: Introduction, person: Stakeholder, committee: Committee, when: str) -> str:
    people = committee.people
    if intro.introducer is None:
        return f"meet {person.name} directly{when}: {intro.why_direct}"
    other = people[intro.introducer]
    first = ""
    if other.stance in (Stance.SKEPTIC, Stance.BLOCKER):
        first = f"; {short(other)} is {STANCE_WORDS[other.stance]}, so meet {short(other)} first"
    if intro.kind == MANAGER:
        return (
            f"ask {other.name}, {person.name}'s manager, to bring {short(person)} in{when}{first}"
        )
    if intro.kind == REPORT:
        return (
            f"ask {other.name}, who reports to {person.name}, to bring {short(person)} in"
            f"{when}{first}"
        )
    assert intro.kind == SUPPORTER
    return (
        f"ask {other.name}, {STANCE_WORDS[other.stance]}, to introduce you to {person.name}{when}"
    )
