"""Plain-language reasons, the one action, and the best introducer for a person.

Reasons name every factor of the risk (docs/analysis.md), so any number shown can be traced
to them: role and influence rating (power), readiness and gap (exposure), stance or inferred
lean, attendance, whom they sway (network power), and who can carry the message (coverage).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from consensus_map.analysis import model
from consensus_map.analysis.committee import Committee
from consensus_map.analysis.power import Power
from consensus_map.analysis.risk import Coverage
from consensus_map.analysis.stance import Lean
from consensus_map.domain import Influence, Readiness, Role, Stakeholder, Stance

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


def introducer_weights(people: Mapping[str, Stakeholder]) -> dict[str, float | None]:
    """For each person: None if unengaged, else their carrier weight (0 for non-carriers).

    An unengaged person can neither introduce nor pass an introduction on; an engaged
    non-carrier can pass one on. Computed once per analysis for `find_introducer`.
    """
    unengaged = Readiness.UNENGAGED
    carrier_weight = model.CARRIER_WEIGHT
    return {
        p: None if person.readiness is unengaged else carrier_weight.get(person.stance, 0.0)
        for p, person in people.items()
    }


def find_introducer(
    committee: Committee,
    person_id: str,
    people: Mapping[str, Stakeholder],
    weights: Mapping[str, float | None] | None = None,
) -> tuple[str, str | None] | None:
    """The engaged champion/supporter best placed to introduce the seller, and via whom.

    Score = carrier weight of their stance × the closeness of each tie on the path (direct,
    or through one engaged person, at SECOND_HOP_INTRO); closeness of a tie is
    strength / (strength + INTRO_HALF). Rival ties never carry an introduction. Ties: name,
    then id. `weights` is `introducer_weights(people)`, when the caller has it already.
    """
    contacts = committee.contacts
    if weights is None:
        weights = introducer_weights(people)
    half = model.INTRO_HALF
    second_hop = model.SECOND_HOP_INTRO
    two_hops = model.MAX_INTRO_HOPS >= 2
    # best = (-score, name, id, via name, via id): the smallest wins. The tuple is only built
    # when the score can beat or tie the best so far: this runs for everyone below target.
    best: tuple[float, str, str, str, str] | None = None
    for near, first in contacts[person_id]:
        weight = weights[near]
        if weight is None:
            continue  # unengaged: neither a carrier nor able to pass on an introduction
        close = first / (first + half)
        if weight:
            score = -weight * close
            if best is None or score <= best[0]:
                option = (score, people[near].name, near, "", "")
                if best is None or option < best:
                    best = option
        if not two_hops:
            continue
        for far, second in contacts[near]:
            weight = weights[far]
            if weight and far != person_id:
                score = -(second_hop * weight * close * (second / (second + half)))
                if best is None or score <= best[0]:
                    option = (score, people[far].name, far, people[near].name, near)
                    if best is None or option < best:
                        best = option
    if best is None:
        return None
    return best[2], (best[4] or None)


def knows_engaged(committee: Committee, person_id: str, people: Mapping[str, Stakeholder]) -> bool:
    """Whether anyone engaged is tied to the person (rival ties aside)."""
    unengaged = Readiness.UNENGAGED
    return any(people[near].readiness is not unengaged for near, _ in committee.contacts[person_id])


def _readiness_reason(person: Stakeholder, gap: int, target: Readiness, what_if: bool) -> str:
    if what_if:
        return f"treated as {person.readiness} (what-if)"
    if person.readiness is Readiness.UNENGAGED:
        return "never met"
    if gap == 0:
        return str(person.readiness)
    steps = "1 step" if gap == 1 else f"{gap} steps"
    return f"{person.readiness}, {steps} short of {target}"


def _stance_reason(lean: Lean, people: Mapping[str, Stakeholder]) -> str:
    if lean.stated:
        return str(lean.inferred)
    if lean.inferred is Stance.UNKNOWN:
        return "stance unknown"
    text = f"likely {lean.inferred} (lean {lean.value:+.2f})"
    if lean.strongest is not None:
        text += f", like {people[lean.strongest].name}"
    return text


def _names(ids: tuple[str, ...], people: Mapping[str, Stakeholder]) -> str:
    shown = ", ".join(who(people[i]) for i in ids[: model.SWAYED_NAMES])
    more = len(ids) - model.SWAYED_NAMES
    return f"{shown} and {more} more" if more > 0 else shown


def reasons(
    person: Stakeholder,
    gap: int,
    lean: Lean,
    power: Power,
    cover: Coverage,
    committee: Committee,
    people: Mapping[str, Stakeholder],
) -> tuple[str, ...]:
    out: list[str] = []
    if person.role is not Role.OTHER:
        out.append(person.role.label)
    what_if = bool(committee.what_if) and person.id in committee.what_if
    out.append(_readiness_reason(person, gap, committee.target, what_if))
    out.append(_stance_reason(lean, people))
    if person.attends:
        out.append("attends the presentation")
    if power.sways:
        out.append(f"sways {_names(power.sways, people)}")
    if power.reaches_through:
        count = power.reaches_through
        out.append(f"reaches {count} more {'person' if count == 1 else 'people'} through others")
    if person.influence is not Influence.MEDIUM:
        out.append(f"{person.influence} influence")
    if gap > 0:
        if cover.by:
            out.append(f"{_carriers(cover.by, people)} can carry the message")
        else:
            out.append("no engaged supporter tied to them")
    return tuple(out)


def _carriers(ids: tuple[str, ...], people: Mapping[str, Stakeholder]) -> str:
    shown = [f"{people[i].name} ({people[i].stance})" for i in ids[: model.SWAYED_NAMES]]
    more = len(ids) - model.SWAYED_NAMES
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def action(
    person: Stakeholder,
    gap: int,
    introducer: tuple[str, str | None] | None,
    target: Readiness,
    people: Mapping[str, Stakeholder],
    when: str,
    knows_engaged: bool = False,
) -> str:
    """One thing to do for a person below the target ('' when nothing is needed)."""
    if gap == 0:
        return ""
    if person.engaged:
        return f"meet them{when} to move them from {person.readiness} to {target}"
    if introducer is None:
        if knows_engaged:  # tied to someone engaged, but no champion or supporter
            return "meet directly: no engaged supporter is tied to them"
        return "meet directly: no engaged contact is tied to them"
    intro_id, via = introducer
    intro = people[intro_id]
    through = f" through {people[via].name}" if via is not None else ""
    return f"ask {intro.name} ({intro.stance}) to introduce you{through}{when}"
