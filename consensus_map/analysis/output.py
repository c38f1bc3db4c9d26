"""Text and JSON renderings of an analysis and a plan for the command line.

Deterministic: the same deal gives byte-identical text. Floats are rounded (ROUND places)
so that the JSON is stable and readable; the JSON keys follow SPEC.md.
"""

from __future__ import annotations

from json.encoder import encode_basestring_ascii
from typing import TYPE_CHECKING, Any

from consensus_map.analysis.reasons import who
from consensus_map.analysis.result import Assessment, DealAnalysis
from consensus_map.analysis.wording import deal_headline, gain, percent
from consensus_map.domain import BuyerMode, Deal, Readiness, Role, Stance

if TYPE_CHECKING:  # `risks` never plans: it need not load the planner
    from consensus_map.analysis.plan import Plan

ROUND = 4
# The report names this many people who cost the most.
COSTLIEST = 3


def _num(value: float) -> float:
    return round(value, ROUND) + 0.0  # + 0.0 turns -0.0 into 0.0


def _encode(value: Any, indent: str) -> str:
    """Exactly `json.dumps(value, indent=2)` for plain data, without the stdlib's slow path.

    With an indent the stdlib falls back to a pure-Python generator encoder, which was a
    third of `risks --json` on a 5,000-person map; this does the same in one recursion.
    """
    if isinstance(value, str):
        return encode_basestring_ascii(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{encode_basestring_ascii(k)}: {_encode(v, inner)}" for k, v in value.items()]
        return "{\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        parts = [_encode(v, inner) for v in value]
        return "[\n" + inner + (",\n" + inner).join(parts) + "\n" + indent + "]"
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def _dump(data: Any) -> str:
    return _encode(data, "") + "\n"


def risks_json(analysis: DealAnalysis) -> str:
    """SPEC `risks --json`: one object, indent 2, trailing newline."""
    head = _encode(
        {
            "consensus_probability": _num(analysis.consensus_probability),
            "consensus_band": analysis.consensus_band,
            "consensus_range": [_num(v) for v in analysis.consensus_range],
            "sinkers": list(analysis.sinkers),
            "warnings": [{"code": w.code, "message": w.message} for w in analysis.warnings],
            "what_if": list(analysis.engaged_by_what_if),
        },
        "",
    )
    people = [_assessment_json(a) for a in analysis.stakeholders]
    listed = "[\n    " + ",\n    ".join(people) + "\n  ]" if people else "[]"
    return head[:-2] + ',\n  "stakeholders": ' + listed + "\n}\n"


# The JSON text of every role, readiness and stance value (all plain ASCII strings).
_LABEL_JSON: dict[str, str] = {
    value: encode_basestring_ascii(str(value))
    for kind in (Role, Readiness, Stance, BuyerMode)
    for value in kind
}


def _assessment_json(a: Assessment) -> str:
    """Exactly `_encode` of one SPEC stakeholder object at its depth, written out in one go.

    It runs for every person of the map, so it skips building a dict per person and the
    generic recursion; test_output checks the whole text against `json.dumps(indent=2)`.
    """
    text = encode_basestring_ascii
    label = _LABEL_JSON
    if a.reasons:
        reasons = "[\n        " + ",\n        ".join(map(text, a.reasons)) + "\n      ]"
    else:
        reasons = "[]"
    introducer = "null" if a.introducer is None else text(a.introducer)
    return (
        f'{{\n      "id": {text(a.id)},'
        f'\n      "name": {text(a.name)},'
        f'\n      "role": {label[a.role]},'
        f'\n      "readiness": {label[a.readiness]},'
        f'\n      "stance": {label[a.stance]},'
        f'\n      "inferred_stance": {label[a.inferred_stance]},'
        f'\n      "lean": {float.__repr__(_num(a.lean))},'
        f'\n      "attends": {"true" if a.attends else "false"},'
        f'\n      "engaged": {"true" if a.engaged else "false"},'
        f'\n      "gap": {int.__repr__(a.gap)},'
        f'\n      "power": {float.__repr__(_num(a.power))},'
        f'\n      "veto_risk": {float.__repr__(_num(a.veto_risk))},'
        f'\n      "sinker": {"true" if a.sinker else "false"},'
        f'\n      "reasons": {reasons},'
        f'\n      "action": {text(a.action)},'
        f'\n      "introducer": {introducer},'
        f'\n      "mode": {label[a.mode]},'
        f'\n      "in_decision": {"true" if a.in_decision else "false"},'
        f'\n      "full_voice": {"true" if a.full_voice else "false"},'
        f'\n      "effective_readiness": {label[a.effective_readiness]},'
        f'\n      "guess": {"true" if a.guess else "false"},'
        f'\n      "concern": {text(a.concern)}'
        "\n    }"
    )


def risks_report(deal: Deal, analysis: DealAnalysis) -> str:
    """A readable terminal report: the headline, who costs most, sinkers, warnings."""
    info = deal.info
    lines = [info.name + (f" ({info.account})" if info.account else "")]
    lines.append("Consensus: " + deal_headline(analysis))
    costliest = sorted(
        (a for a in analysis.stakeholders if a.veto_risk > 0),
        key=lambda a: (-a.veto_risk, a.name, a.id),
    )[:COSTLIEST]
    if costliest:
        lines.append(
            "Costing the most: "
            + ", ".join(f"{a.name} ({percent(a.veto_risk)} veto risk)" for a in costliest)
        )
    outside = len(analysis.stakeholders) - analysis.in_decision_count
    if outside:
        noun = "person is" if outside == 1 else "people are"
        lines.append(f"{outside} {noun} on the map but not in the decision.")
    if analysis.engaged_by_what_if:
        names = ", ".join(deal.stakeholder(i).name for i in analysis.engaged_by_what_if)
        lines.append(f"What-if: treating {names} as engaged (the deal file is unchanged).")
    lines.append("")
    if analysis.sinkers:
        lines.append("Deal-sinkers, most likely to sink it first:")
        for rank, person_id in enumerate(analysis.sinkers, 1):
            item = analysis.assessment(person_id)
            assert item is not None
            head = f"{rank:>2}. {who(deal.stakeholder(person_id))}"
            lines.append(f"{head} — {percent(item.veto_risk)} veto risk")
            lines.append(f"    why: {'; '.join(item.reasons)}")
            lines.append(f"    do:  {item.action}")
    else:
        lines.append("No deal-sinkers: no one in the decision carries a material veto risk.")
    lines.append("")
    if analysis.warnings:
        lines.append("Warnings:")
        lines.extend(f"  - {w.message} [{w.code}]" for w in analysis.warnings)
    else:
        lines.append("No warnings.")
    return "\n".join(lines) + "\n"


def plan_json(plan: Plan) -> str:
    """SPEC `plan --json`: {"start_probability", "steps": [{id, name, introducer, ...}]}."""
    return _dump(
        {
            "start_probability": _num(plan.start_probability),
            "steps": [
                {
                    "id": s.id,
                    "name": s.name,
                    "introducer": s.introducer,
                    "consensus_probability": _num(s.consensus_probability),
                    "readiness_after": str(s.readiness_after),
                    "action": s.action,
                }
                for s in plan.steps
            ],
            "note": plan.note,
        }
    )


def plan_report(deal: Deal, plan: Plan) -> str:
    lines = [
        f"Engagement plan for {deal.info.name}",
        f"Consensus probability now: {percent(plan.start_probability)}"
        if plan.in_decision
        else "Consensus probability now: – (no one on the map is in the decision yet)",
    ]
    if not plan.steps and plan.meetings > 0 and not plan.note:
        lines.append("Nothing to plan.")
    for rank, step in enumerate(plan.steps, 1):
        person = deal.stakeholder(step.id)
        lines.append(
            f"{rank:>2}. {who(person)} → {step.readiness_after}: {step.action} "
            f"→ {percent(step.consensus_probability)}"
        )
    if plan.steps:
        end = plan.steps[-1].consensus_probability
        lines.append(f"Consensus {gain(plan.start_probability, end, len(plan.steps))}.")
    if plan.note:
        lines.append(plan.note)
    return "\n".join(lines) + "\n"
