"""What the review says: days left, attendees, people who sway them, stances, the plan."""

from __future__ import annotations

from datetime import date

from report_support import TODAY

from consensus_map.analysis import analyze, engagement_plan
from consensus_map.analysis.wording import headline
from consensus_map.domain import Deal, Stakeholder
from consensus_map.report.review import build_review, presentation_line


def review_of(deal: Deal, meetings: int = 3, today: date = TODAY) -> object:
    analysis = analyze(deal, today=today)
    steps = engagement_plan(deal, meetings, today=today)
    return build_review(deal, analysis, steps, meetings, today)


def test_days_left_read_as_a_seller_says_them() -> None:
    when = date(2026, 12, 10)
    assert presentation_line(when, date(2026, 12, 1)) == (
        "Presentation Thu 10 Dec 2026 — in 9 days",
        9,
    )
    assert presentation_line(when, date(2026, 12, 9))[0].endswith("tomorrow")
    assert presentation_line(when, when)[0].endswith("today")
    assert presentation_line(when, date(2026, 12, 13))[0].endswith("was 3 days ago")
    assert presentation_line(None, when) == ("No presentation date set", None)


def test_every_attendee_is_a_row_riskiest_first_with_the_headline(sample: Deal) -> None:
    review = review_of(sample)
    analysis = analyze(sample, today=TODAY)
    attending = {p.id for p in sample.stakeholders if p.attends}
    assert {r.id for r in review.attendees} == attending
    risks = [r.veto_risk for r in review.attendees]
    assert risks == sorted(risks, reverse=True)
    assert review.headline == headline(
        analysis.consensus_probability, analysis.consensus_band, analysis.consensus_range
    )
    by_id = {a.id: a for a in analysis.stakeholders}
    for row in review.attendees:
        assert row.action == by_id[row.id].action
        assert row.sinker == by_id[row.id].sinker
        if by_id[row.id].introducer:
            assert row.introducer == sample.stakeholder(by_id[row.id].introducer).name


def test_a_guessed_stance_is_marked_as_a_guess(sample: Deal) -> None:
    analysis = analyze(sample, today=TODAY)
    guessed = [a for a in analysis.stakeholders if a.guess and a.attends]
    assert guessed, "the sample has attendees whose stance is guessed from colleagues"
    rows = {r.id: r for r in review_of(sample).attendees}
    for a in guessed:
        assert rows[a.id].guessed
        assert rows[a.id].stance_text.endswith("(a guess)")
    stated = [r for r in rows.values() if not r.guessed]
    assert all("guess" not in r.stance_text for r in stated)


def test_people_who_sway_the_room_are_listed_with_how(sample: Deal) -> None:
    review = review_of(sample)
    swayers = {r.id: r for r in review.swayers}
    assert not any(sample.stakeholder(i).attends for i in swayers)
    # Morgan, the CEO, manages Chris (an attendee): he sways the room without attending.
    assert "morgan" in swayers
    assert "manages Chris Park" in swayers["morgan"].sways
    # Someone tied to nobody in the room is not listed.
    lone = Stakeholder(id="lone", name="Lone Wolf")
    with_lone = Deal(sample.info, [*sample.stakeholders, lone], sample.ties)
    assert "lone" not in {r.id for r in review_of(with_lone).swayers}


def test_the_plan_rows_follow_the_plan_and_the_chart_starts_today(sample: Deal) -> None:
    review = review_of(sample, meetings=4)
    steps = engagement_plan(sample, 4, today=TODAY)
    assert [r.id for r in review.plan] == [s.id for s in steps]
    assert [r.probability for r in review.plan] == [s.consensus_probability for s in steps]
    points = review.plan_points()
    assert points[0][0] == "today"
    assert [p[2] for p in points[1:]] == [s.consensus_probability for s in steps]
    assert review.plan_gain.endswith(f"after {len(steps)} meetings")


def test_people_text_is_kept_as_typed(hostile: Deal) -> None:
    review = review_of(hostile)
    names = {r.name for r in (*review.attendees, *review.swayers)}
    assert "<b>Sam</b> Whitfield" in names


def test_a_review_with_nobody_in_the_decision_says_what_to_mark_not_a_certainty() -> None:
    from consensus_map.domain import DealInfo

    deal = Deal(DealInfo(name="Acme"), [Stakeholder("helen", "Helen Ortiz", title="VP")])
    review = review_of(deal)
    assert "in the decision yet" in review.headline  # type: ignore[attr-defined]
    assert "100" not in review.headline  # type: ignore[attr-defined]
    assert review.plan == ()  # type: ignore[attr-defined]
    assert review.plan_points() == [], "no chance to chart"  # type: ignore[attr-defined]
    from consensus_map.analysis.plan import plan_note

    assert "no one to meet" in plan_note(analyze(deal, today=TODAY), (), 3)
