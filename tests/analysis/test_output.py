"""The CLI renderings: SPEC's JSON keys (v1 kept, v2 added), stable numbers, a readable report."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from strategies import deals

from consensus_map.analysis import analyze
from consensus_map.analysis.output import plan_json, plan_report, risks_json, risks_report
from consensus_map.analysis.plan import plan_summary
from consensus_map.analysis.wording import gain, headline, percent
from consensus_map.domain import Deal

TODAY = date(2026, 12, 1)
V1_KEYS = {
    "id", "name", "role", "readiness", "stance", "inferred_stance", "lean", "attends",
    "engaged", "gap", "power", "veto_risk", "sinker", "reasons", "action", "introducer",
}  # fmt: skip
V2_KEYS = {"mode", "in_decision", "full_voice", "effective_readiness", "guess", "concern"}


def test_risks_json_keeps_every_v1_key_and_adds_v2(sample_deal: Deal) -> None:
    text = risks_json(analyze(sample_deal, today=TODAY))
    assert text.endswith("}\n")
    data = json.loads(text)
    assert {"consensus_probability", "sinkers", "warnings", "stakeholders"} <= set(data)
    assert data["consensus_band"] == "very_low"
    low, high = data["consensus_range"]
    assert low <= data["consensus_probability"] <= high
    assert data["sinkers"][:2] == ["priya", "chris"]
    assert {"code", "message"} == set(data["warnings"][0])
    assert data["consensus_probability"] == round(data["consensus_probability"], 4)
    chris = next(s for s in data["stakeholders"] if s["id"] == "chris")
    assert set(chris) >= V1_KEYS | V2_KEYS
    assert chris["introducer"] == "dana" and chris["sinker"] is True
    assert chris["in_decision"] is True and chris["mode"] == "unknown"
    assert chris["concern"] == "payback inside 12 months"
    priya = next(s for s in data["stakeholders"] if s["id"] == "priya")
    assert (priya["readiness"], priya["effective_readiness"]) == ("exploring", "aware")
    assert [s["name"] for s in data["stakeholders"]] == sorted(
        s["name"] for s in data["stakeholders"]
    )


def test_the_report_leads_with_the_band_and_lists_sinkers_by_risk(sample_deal: Deal) -> None:
    analysis = analyze(sample_deal, today=TODAY)
    report = risks_report(sample_deal, analysis)
    assert report.startswith("Northwind fleet analytics (Northwind Logistics)\n")
    line = headline(
        analysis.consensus_probability, analysis.consensus_band, analysis.consensus_range
    )
    assert f"Consensus: {line}\n" in report
    assert line.startswith("Very low — about ")
    assert " 1. Priya Natarajan (Director of IT)" in report
    assert " 2. Chris Park (CFO)" in report
    assert "do:  ask Dana Ruiz, your champion, to introduce you to Chris Park" in report
    assert "1 person is on the map but not in the decision." in report
    assert "[attendees_never_met]" in report
    assert report == risks_report(sample_deal, analyze(sample_deal, today=TODAY))


def test_plan_outputs(sample_deal: Deal) -> None:
    plan = plan_summary(sample_deal, 3, today=TODAY)
    data = json.loads(plan_json(plan))
    assert [s["id"] for s in data["steps"]] == [s.id for s in plan.steps]
    first = data["steps"][0]
    assert {"id", "name", "introducer", "consensus_probability", "readiness_after"} <= set(first)
    assert first["action"] == plan.steps[0].action
    assert data["start_probability"] < first["consensus_probability"]
    report = plan_report(sample_deal, plan)
    end = plan.steps[-1].consensus_probability
    assert f"Consensus {gain(plan.start_probability, end, 3)}." in report
    assert " 1. Priya Natarajan (Director of IT) → exploring: get back in touch" in report
    empty = plan_summary(sample_deal, 0, today=TODAY)
    assert json.loads(plan_json(empty))["steps"] == []


def test_words_for_numbers_read_naturally() -> None:
    assert [percent(p) for p in (0.42, 0.055, 0.0004, 0.0, 1.0)] == [
        "42%", "5.5%", "under 0.1%", "0%", "100%",
    ]  # fmt: skip
    assert headline(0.052, "very_low", (0.021, 0.15)) == (
        "Very low — about 5.2% (2.1–15%) if the team met today"
    )
    assert headline(0.9, "strong", (0.9, 0.9)) == "Strong — about 90% if the team met today"
    assert headline(0.0004, "very_low", (0.0001, 0.002)) == (
        "Very low — under 0.1% (under 0.1%–0.2%) if the team met today"
    )
    assert gain(0.055, 0.46, 5) == "from 5.5% to 46% (×8) after 5 meetings"
    assert gain(0.5, 0.6, 1) == "from 50% to 60% (×1.2) after 1 meeting"


@given(deals())
def test_the_json_text_is_exactly_what_the_json_module_writes(deal: Deal) -> None:
    text = risks_json(analyze(deal, today=TODAY))
    assert text == json.dumps(json.loads(text), indent=2) + "\n"
    plan = plan_json(plan_summary(deal, 3, today=TODAY))
    assert plan == json.dumps(json.loads(plan), indent=2) + "\n"


def test_a_map_with_nobody_in_the_decision_claims_no_certainty() -> None:
    # Three people typed in, none of whom signs, attends or sways anyone who does: the
    # product over nobody is 1, but no report may call that a strong 100%.
    from consensus_map.domain import DealInfo, Stakeholder

    names = ("Helen Ortiz", "Marco Diaz", "Jin Park")
    deal = Deal(DealInfo(name="Acme"), [Stakeholder(f"p{n}", name) for n, name in enumerate(names)])
    analysis = analyze(deal, today=TODAY)
    assert not any(a.in_decision for a in analysis.stakeholders)
    report = risks_report(deal, analysis)
    assert "Strong" not in report and "100%" not in report
    assert "in the decision yet" in report.splitlines()[1]
    summary = plan_summary(deal, 3, today=TODAY)
    assert summary.steps == ()
    assert "no one to meet" in summary.note
    plan_text = plan_report(deal, summary)
    assert "100%" not in plan_text and "already at the target" not in plan_text
    # The JSON keeps its numbers (a contract): the words are what change.
    assert json.loads(risks_json(analysis))["consensus_probability"] == 1.0
    # Once someone attends there is a decision to weigh, and the headline says how it stands.
    deal = Deal(deal.info, [deal.stakeholders[0].replace(attends=True), *deal.stakeholders[1:]])
    assert "if the team met today" in risks_report(deal, analyze(deal, today=TODAY))
