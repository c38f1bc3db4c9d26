"""Inferred stance: a lean in [-1, 1] for people whose stance is `unknown` (SPEC item 4).

A stated stance is fixed (champion 1, supporter 0.5, neutral 0, skeptic -0.5, blocker -1)
and never overridden. An unknown person's lean is the weighted average of their neighbours'
leans, where the weights are the tie strengths (`rival` counts negatively, so it inverts), a
neighbour's own *inferred* lean counts only INFERRED_EVIDENCE as much as a stated one, and
LEAN_PRIOR of "no opinion" sits in every average. Solved by Gauss-Seidel in canonical order:
first for the deciding group on its own evidence, then for everyone else with the group's
leans fixed, so that nobody outside the decision moves a lean inside it. The stated stance
of someone in the group only because they sway people counts in the leans of the people
they sway and is not passed on further (`Committee.direct_evidence`). Because inferred
evidence is discounted, the iteration contracts and a new positive tie can only move a
person's own lean up. No evidence anywhere near → 0.

An inferred lean reads at most as `supporter` or `skeptic`: it is a guess, and only the
seller can record a champion or a blocker.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from consensus_map.analysis import model
from consensus_map.analysis.committee import Committee
from consensus_map.domain import Stance


@dataclass(frozen=True, slots=True)
class Lean:
    value: float  # in [-1, 1]
    inferred: Stance  # the stated stance, or a label from the value (never champion/blocker)
    stated: bool
    evidence: bool  # any stated stance reachable through the ties
    # The neighbour who pulls the lean hardest the way it points, and how they are tied.
    strongest: str | None
    relation: str = ""

    @property
    def guess(self) -> bool:
        """An inferred supporter or skeptic: always shown as a guess."""
        return not self.stated and self.inferred in (Stance.SUPPORTER, Stance.SKEPTIC)


def label(lean: float, evidence: bool) -> Stance:
    """The stance an inferred lean reads as (thresholds in `model`)."""
    if lean >= model.INFER_SUPPORTER:
        return Stance.SUPPORTER
    if lean <= model.INFER_SKEPTIC:
        return Stance.SKEPTIC
    return Stance.NEUTRAL if evidence else Stance.UNKNOWN


def infer_leans(committee: Committee) -> dict[str, Lean]:
    people = committee.people
    evidence_of = committee.lean_evidence
    stated = {p: person.stance is not Stance.UNKNOWN for p, person in people.items()}
    value = {p: (person.stance.lean if stated[p] else 0.0) for p, person in people.items()}

    # Who has any evidence: unknown people whose evidence reaches a stated stance.
    depends: dict[str, list[str]] = {}
    for p, items in evidence_of.items():
        for q, _, _ in items:
            depends.setdefault(q, []).append(p)
    evidence = dict(stated)
    queue = deque(p for p in people if stated[p])
    while queue:
        q = queue.popleft()
        for p in depends.get(q, ()):
            if not evidence[p]:
                evidence[p] = True
                queue.append(p)

    group = committee.group
    unknown = [p for p in people if not stated[p] and evidence[p]]
    _solve([p for p in unknown if p in group], evidence_of, stated, evidence, value)
    # Swayers' own stated stances act on those they sway and are not passed on: fold them
    # into the averages of those people only, after the group's leans are solved.
    direct_of = committee.direct_evidence
    for p, items in direct_of.items():
        if stated[p]:
            continue
        denominator = sum(abs(w) for _, w, _ in evidence_of[p]) + model.LEAN_PRIOR
        added = sum(w * value[q] for q, w, _ in items)
        value[p] = (value[p] * denominator + added) / (
            denominator + sum(abs(w) for _, w, _ in items)
        )
        evidence[p] = True
    _solve([p for p in unknown if p not in group], evidence_of, stated, evidence, value)

    result: dict[str, Lean] = {}
    # A stated stance gives the same Lean to everyone who holds it: build each one once.
    stated_lean: dict[Stance, Lean] = {
        stance: Lean(stance.lean, stance, True, True, None)
        for stance in Stance
        if stance is not Stance.UNKNOWN
    }
    inferred_evidence = model.INFERRED_EVIDENCE
    for p, person in people.items():
        if stated[p]:
            result[p] = stated_lean[person.stance]
            continue
        lean = max(-1.0, min(1.0, value[p]))
        # The neighbour pulling hardest the way the lean points: (-|push|, name, id) smallest.
        strongest: tuple[float, str, str, str] | None = None
        if lean:
            for q, w, relation in (*evidence_of[p], *direct_of.get(p, ())):
                push = w * value[q] * (1.0 if stated[q] else inferred_evidence)
                if push * lean > 0.0:
                    option = (-abs(push), people[q].name, q, relation)
                    if strongest is None or option < strongest:
                        strongest = option
        result[p] = Lean(
            lean,
            label(lean, evidence[p]),
            False,
            evidence[p],
            strongest[2] if strongest is not None else None,
            strongest[3] if strongest is not None else "",
        )
    return result


def _solve(
    unknown: list[str],
    evidence_of: Mapping[str, Iterable[tuple[str, float, str]]],
    stated: dict[str, bool],
    evidence: dict[str, bool],
    value: dict[str, float],
) -> None:
    """Gauss-Seidel for the leans of `unknown`, everyone else's value held fixed."""
    if not unknown:
        return
    # Fold fixed neighbours into a constant and keep the unknown ones as coefficients:
    # lean[p] = base[p] + Σ coef * lean[q] — the same average, far fewer operations per round.
    position = {p: i for i, p in enumerate(unknown)}
    bases: list[float] = []
    coefs: list[list[tuple[int, float]]] = []
    inferred_evidence = model.INFERRED_EVIDENCE
    for p in unknown:
        items = list(evidence_of[p])
        denominator = sum(abs(w) for _, w, _ in items) + model.LEAN_PRIOR
        fixed = 0.0
        terms: list[tuple[int, float]] = []
        for q, w, _ in items:
            if stated[q]:
                fixed += w * value[q]
            elif q in position:
                terms.append((position[q], inferred_evidence * w / denominator))
            elif evidence[q]:  # solved in an earlier pass: a fixed inferred lean
                fixed += inferred_evidence * w * value[q]
        bases.append(fixed / denominator)
        coefs.append(terms)

    current = list(bases)
    rows = list(zip(range(len(unknown)), bases, coefs, strict=True))
    tolerance = model.LEAN_TOLERANCE
    for _ in range(model.LEAN_ROUNDS):
        moved = 0.0
        for i, new, terms in rows:
            for j, c in terms:
                new += c * current[j]
            change = abs(new - current[i])
            if change > moved:
                moved = change
            current[i] = new
        if moved <= tolerance:
            break
    value.update(zip(unknown, current, strict=True))
