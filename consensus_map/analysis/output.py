"""Text and JSON renderings of an analysis and a plan for the command line.

Deterministic: the same deal gives byte-identical text. Floats are rounded (ROUND places)
so that the JSON is stable and readable; the JSON keys follow SPEC.md.
"""

from __future__ import annotations

from json.encoder import encode_basestring_ascii
from typing import Any

from consensus_map.analysis.engine import prepare
from consensus_map.analysis.plan import start_probability
from consensus_map.analysis.reasons import who
from consensus_map.analysis.result import Assessment, DealAnalysis, PlanStep
from consensus_map.analysis.wording import percent
from consensus_map.domain import Deal, Readiness, Role, Stance

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
    for kind in (Role, Readiness, Stance)
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
        f'\n      "introducer": {introducer}'
        "\n    }"
    )


def risks_report(deal: Deal, analysis: DealAnalysis) -> str:
    """A readable terminal report: probability, who costs most, sinkers, warnings."""
    info = deal.info
    lines = [info.name + (f" ({info.account})" if info.account else "")]
    costliest = sorted(
        (a for a in analysis.stakeholders if a.veto_risk > 0),
        key=lambda a: (-a.veto_risk, a.name, a.id),
    )[:COSTLIEST]
    line = f"Consensus probability: {percent(analysis.consensus_probability)}"
    if costliest:
        line += " — costing most: " + ", ".join(
            f"{a.name} ({percent(a.veto_risk)} veto risk)" for a in costliest
        )
    lines.append(line)
    if analysis.engaged_by_what_if:
        names = ", ".join(deal.stakeholder(i).name for i in analysis.engaged_by_what_if)
        lines.append(f"What-if: treating {names} as engaged (the deal file is unchanged).")
    lines.append("")
    if analysis.sinkers:
        lines.append("Deal-sinkers, most dangerous first:")
        for rank, person_id in enumerate(analysis.sinkers, 1):
            item = analysis.assessment(person_id)
            assert item is not None
            head = f"{rank:>2}. {who(deal.stakeholder(person_id))}"
            lines.append(f"{head} — {percent(item.veto_risk)} veto risk")
            lines.append(f"    why: {'; '.join(item.reasons)}")
            lines.append(f"    do:  {item.action}")
    else:
        lines.append("No deal-sinkers: everyone is at the target or carries little risk.")
    lines.append("")
    if analysis.warnings:
        lines.append("Warnings:")
        lines.extend(f"  - {w.message} [{w.code}]" for w in analysis.warnings)
    else:
        lines.append("No warnings.")
    return "\n".join(lines) + "\n"


def _start(deal: Deal, steps: tuple[PlanStep, ...]) -> float:
    return steps[0].probability_before if steps else start_probability(prepare(deal))


def plan_json(deal: Deal, steps: tuple[PlanStep, ...]) -> str:
    """SPEC `plan --json`: {"start_probability", "steps": [{id, name, introducer, ...}]}."""
    return _dump(
        {
            "start_probability": _num(_start(deal, steps)),
            "steps": [
                {
                    "id": s.id,
                    "name": s.name,
                    "introducer": s.introducer,
                    "consensus_probability": _num(s.consensus_probability),
                }
                for s in steps
            ],
        }
    )


def plan_report(deal: Deal, steps: tuple[PlanStep, ...]) -> str:
    lines = [
        f"Engagement plan for {deal.info.name}",
        f"Consensus probability now: {percent(_start(deal, steps))}",
    ]
    if not steps:
        lines.append("Nothing to plan: no one is below the target readiness.")
    for rank, step in enumerate(steps, 1):
        person = deal.stakeholder(step.id)
        if step.introducer is not None:
            intro = deal.stakeholder(step.introducer)
            how = f"ask {intro.name} ({intro.stance}) to introduce you"
            if step.via is not None:
                how += f" through {deal.stakeholder(step.via).name}"
        elif person.engaged:
            how = f"meet again (now {person.readiness})"
        else:
            how = "meet directly"
        lines.append(f"{rank:>2}. {who(person)}: {how} → {percent(step.consensus_probability)}")
    return "\n".join(lines) + "\n"
