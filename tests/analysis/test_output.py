"""The CLI renderings: SPEC's JSON keys, stable numbers, a report a seller can read."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from strategies import deals

from consensus_map.analysis import analyze, engagement_plan
from consensus_map.analysis.output import percent, plan_json, plan_report, risks_json, risks_report
from consensus_map.domain import Deal

TODAY = date(2026, 12, 1)
KEYS = {
    "id", "name", "role", "readiness", "stance", "inferred_stance", "lean", "attends",
    "engaged", "gap", "power", "veto_risk", "sinker", "reasons", "action", "introducer",
}  # fmt: skip


def test_risks_json_has_the_spec_keys_and_rounded_numbers(sample_deal: Deal) -> None:
    text = risks_json(analyze(sample_deal, today=TODAY))
    assert text.endswith("}\n")
    data = json.loads(text)
    assert data["sinkers"][0] == "chris"
    assert {"code", "message"} == set(data["warnings"][0])
    assert data["consensus_probability"] == round(data["consensus_probability"], 4)
    chris = next(s for s in data["stakeholders"] if s["id"] == "chris")
    assert set(chris) >= KEYS
    assert chris["introducer"] == "dana" and chris["sinker"] is True
    assert chris["inferred_stance"] in {"neutral", "supporter", "skeptic"}
    assert [s["name"] for s in data["stakeholders"]] == sorted(
        s["name"] for s in data["stakeholders"]
    )


def test_the_report_names_the_sinkers_their_reasons_and_the_action(sample_deal: Deal) -> None:
    analysis = analyze(sample_deal, today=TODAY)
    report = risks_report(sample_deal, analysis)
    assert report.startswith("Northwind fleet analytics (Northwind Logistics)\n")
    assert f"Consensus probability: {percent(analysis.consensus_probability)}" in report
    assert " 1. Chris Park (CFO)" in report
    assert "do:  ask Dana Ruiz (champion) to introduce you before 10 Dec" in report
    assert "[attendees_never_met]" in report
    assert report == risks_report(sample_deal, analyze(sample_deal, today=TODAY))


def test_plan_outputs(sample_deal: Deal) -> None:
    steps = engagement_plan(sample_deal, 3, today=TODAY)
    data = json.loads(plan_json(sample_deal, steps))
    assert [s["id"] for s in data["steps"]] == [s.id for s in steps]
    assert set(data["steps"][0]) == {"id", "name", "introducer", "consensus_probability"}
    assert data["start_probability"] < data["steps"][0]["consensus_probability"]
    report = plan_report(sample_deal, steps)
    assert " 1. Chris Park (CFO): ask Dana Ruiz (champion) to introduce you" in report
    assert json.loads(plan_json(sample_deal, ()))["steps"] == []


def test_percent_reads_naturally() -> None:
    assert [percent(p) for p in (0.42, 0.055, 0.0004, 0.0, 1.0)] == [
        "42%", "5.5%", "under 0.1%", "0%", "100%",
    ]  # fmt: skip


@given(deals())
def test_the_json_text_is_exactly_what_the_json_module_writes(deal: Deal) -> None:
    text = risks_json(analyze(deal, today=TODAY))
    assert text == json.dumps(json.loads(text), indent=2) + "\n"
    steps = engagement_plan(deal, 3, today=TODAY)
    plan = plan_json(deal, steps)
    assert plan == json.dumps(json.loads(plan), indent=2) + "\n"
