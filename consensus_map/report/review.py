"""What the pre-presentation review says, as plain records: shared by the app and the PDF.

A seller and their manager go through it before the team presentation: the deal and the
days left; the band, probability and range; every attendee with their readiness and gap,
stance (a guess marked as one), mode, concern, veto risk, action and introducer; the people
who do not attend but sway attendees (or sign); the warnings; and the plan for K meetings.
Plain Python (no Qt): the app's review view shows these rows, the PDF prints them, so the
two always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from consensus_map.analysis.wording import deal_headline, gain, percent
from consensus_map.domain import Deal, Readiness, Role, Stakeholder, Stance, TieKind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from consensus_map.analysis.result import Assessment, DealAnalysis, PlanStep

SIGNERS = frozenset({Role.DECISION_MAKER, Role.EXECUTIVE, Role.GATEKEEPER})


@dataclass(frozen=True)
class PersonRow:
    """One person in a review table; `*_key` fields sort the way a seller expects."""

    id: str
    name: str
    title: str
    role: str
    readiness: Readiness  # as recorded
    readiness_text: str  # "exploring", or "exploring (counts as aware: …)"
    gap: int
    gap_text: str  # "at the target", "1 step behind"
    stance: Stance  # as shown: stated, or the guess
    guessed: bool
    stance_text: str  # "skeptic", "may lean our way (a guess)"
    mode: str
    concern: str
    veto_risk: float
    risk_text: str
    sinker: bool
    in_decision: bool
    action: str
    introducer: str  # a name, or ""
    sways: str = ""  # for people who do not attend: whom they sway, and how


@dataclass(frozen=True)
class PlanRow:
    number: int
    id: str
    name: str
    introducer: str  # a name, or ""
    readiness_after: Readiness
    probability: float  # after this meeting
    probability_text: str
    action: str


@dataclass(frozen=True)
class Review:
    deal_name: str
    account: str
    stage: str
    presentation: str  # "Presentation Thu 10 Dec 2026 — in 9 days"
    days_left: int | None
    probability: float
    headline: str  # band, then probability and range, in words
    what_if: str
    attendees: tuple[PersonRow, ...]
    swayers: tuple[PersonRow, ...]
    warnings: tuple[str, ...]
    meetings: int
    plan: tuple[PlanRow, ...]
    plan_start: float
    plan_gain: str  # "from 5.5% to 46% (×8) after 5 meetings", or ""
    plan_note: str  # why the plan is shorter than asked, whom meetings will not move
    in_decision: int = 1  # the deciding group's size (0: no chance to chart or headline)

    def plan_points(self) -> list[tuple[str, str, float]]:
        """(label, who, probability) for the step chart: today, then after each meeting;
        none when no one is in the decision (a product over nobody is no 100%)."""
        if not self.in_decision:
            return []
        points = [("today", "", self.plan_start)]
        points += [(f"{row.number}", short_name(row.name), row.probability) for row in self.plan]
        return points


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows: the deal, its analysis and review, and where it came from."""

    deal: Deal
    analysis: DealAnalysis
    review: Review
    file_name: str  # the deal's file, for the footer ("" when it has none)
    printed: date


def short_name(name: str) -> str:
    """'Priya N.' for a chart's narrow column."""
    words = name.split()
    return f"{words[0]} {words[-1][0]}." if len(words) > 1 else name


def days_between(today: date, day: date) -> int:
    return (day - today).days


def presentation_line(when: date | None, today: date) -> tuple[str, int | None]:
    """'Presentation Thu 10 Dec 2026 — in 9 days' and the days left (None without a date)."""
    if when is None:
        return "No presentation date set", None
    days = days_between(today, when)
    day = f"{when:%a} {when.day} {when:%b %Y}"
    if days > 1:
        left = f"in {days} days"
    elif days == 1:
        left = "tomorrow"
    elif days == 0:
        left = "today"
    elif days == -1:
        left = "was yesterday"
    else:
        left = f"was {-days} days ago"
    return f"Presentation {day} — {left}", days


def _gap_text(gap: int) -> str:
    if gap <= 0:
        return "at the target"
    return f"{gap} step{'s' if gap > 1 else ''} behind"


def _stance(assessment: Assessment) -> tuple[Stance, bool, str]:
    if assessment.guess:
        lean = assessment.inferred_stance
        towards = "may lean our way" if lean is Stance.SUPPORTER else "may lean against us"
        return lean, True, f"{towards} (a guess)"
    stance = assessment.stance
    return stance, False, "unknown" if stance is Stance.UNKNOWN else stance.label


def _row(deal: Deal, assessment: Assessment, sways: str = "") -> PersonRow:
    person = deal.stakeholder(assessment.id)
    readiness_text = assessment.readiness.label
    if assessment.effective_readiness != assessment.readiness:
        # Recency: an old last contact counts lower (SPEC analysis 2).
        readiness_text += f" (counts as {assessment.effective_readiness.label})"
    stance, guessed, stance_text = _stance(assessment)
    introducer = ""
    if assessment.introducer:
        found = deal.get(assessment.introducer)
        introducer = found.name if found is not None else assessment.introducer
    return PersonRow(
        id=assessment.id,
        name=person.name,
        title=person.title,
        role=person.role.label,
        readiness=assessment.readiness,
        readiness_text=readiness_text,
        gap=assessment.gap,
        gap_text=_gap_text(assessment.gap),
        stance=stance,
        guessed=guessed,
        stance_text=stance_text,
        mode="" if person.mode.value == "unknown" else person.mode.label,
        concern=person.concern,
        veto_risk=assessment.veto_risk,
        risk_text=percent(assessment.veto_risk),
        sinker=assessment.sinker,
        in_decision=assessment.in_decision,
        action=assessment.action,
        introducer=introducer,
        sways=sways,
    )


def _by_risk(row: PersonRow) -> tuple[float, str, str]:
    return (-row.veto_risk, row.name, row.id)


def sway_of_attendees(deal: Deal) -> dict[str, list[str]]:
    """For each person who does not attend, how they sway attendees, in words.

    A direct tie of strength 1 or more: influences (toward the attendee), ally, or
    reports-to either way (a manager sways their reports and is swayed by them).
    """
    attends = {p.id for p in deal.stakeholders if p.attends}
    names = {p.id: p.name for p in deal.stakeholders}
    sways: dict[str, list[str]] = {}

    def add(who: str, words: str) -> None:
        if who not in attends and words not in sways.setdefault(who, []):
            sways[who].append(words)

    for tie in deal.ties:
        if tie.strength < 1:
            continue
        source, target = tie.source, tie.target
        if tie.kind is TieKind.INFLUENCES and target in attends:
            add(source, f"influences {names[target]}")
        elif tie.kind is TieKind.ALLY:
            if target in attends:
                add(source, f"ally of {names[target]}")
            if source in attends:
                add(target, f"ally of {names[source]}")
        elif tie.kind is TieKind.REPORTS_TO:
            if source in attends:
                add(target, f"manages {names[source]}")
            if target in attends:
                add(source, f"reports to {names[target]}")
    return {who: sorted(words) for who, words in sways.items() if words}


def build_review(
    deal: Deal,
    analysis: DealAnalysis,
    steps: Sequence[PlanStep],
    meetings: int,
    today: date,
    plan_note: str = "",
) -> Review:
    """The review of `deal` as of `today`, with the plan for `meetings` meetings."""
    info = deal.info
    line, days = presentation_line(info.presentation_date, today)
    attendees = sorted(
        (_row(deal, a) for a in analysis.stakeholders if deal.stakeholder(a.id).attends),
        key=_by_risk,
    )
    sway = sway_of_attendees(deal)
    swayers: list[PersonRow] = []
    for a in analysis.stakeholders:
        person = deal.stakeholder(a.id)
        if person.attends:
            continue
        words = list(sway.get(a.id, ()))
        if a.sinker and person.role in SIGNERS:
            words.insert(0, f"signs off ({person.role.label})")
        if words:
            swayers.append(_row(deal, a, "; ".join(words)))
    swayers.sort(key=_by_risk)
    start = steps[0].probability_before if steps else analysis.consensus_probability
    plan = tuple(
        PlanRow(
            number=n,
            id=step.id,
            name=step.name,
            introducer=_name(deal, step.introducer),
            readiness_after=step.readiness_after,
            probability=step.consensus_probability,
            probability_text=percent(step.consensus_probability),
            action=step.action,
        )
        for n, step in enumerate(steps, start=1)
    )
    what_if = ""
    if analysis.engaged_by_what_if:
        who = ", ".join(_name(deal, i) for i in analysis.engaged_by_what_if)
        what_if = f"What-if: treating {who} as engaged (the file is unchanged)."
    return Review(
        deal_name=info.name,
        account=info.account,
        stage=info.stage.value,
        presentation=line,
        days_left=days,
        probability=analysis.consensus_probability,
        headline=deal_headline(analysis),
        what_if=what_if,
        attendees=tuple(attendees),
        swayers=tuple(swayers),
        warnings=tuple(w.message for w in analysis.warnings),
        meetings=meetings,
        plan=plan,
        plan_start=start,
        plan_gain=gain(start, plan[-1].probability, len(plan)) if plan else "",
        plan_note=plan_note,
        in_decision=analysis.in_decision_count,
    )


def _name(deal: Deal, person_id: str | None) -> str:
    if not person_id:
        return ""
    person: Stakeholder | None = deal.get(person_id)
    return person.name if person is not None else person_id


__all__ = ["PersonRow", "PlanRow", "ReportData", "Review", "build_review", "presentation_line"]
