"""Inferred stance: a lean in [-1, 1] for people whose stance is `unknown`.

A stated stance is fixed (champion 1, supporter 0.5, neutral 0, skeptic -0.5, blocker -1).
An unknown person's lean is the weighted average of their neighbours' leans, where the
weights are the tie strengths (`rival` counts negatively, so it inverts), a neighbour's own
*inferred* lean counts only INFERRED_EVIDENCE as much as a stated one, and LEAN_PRIOR of
"no opinion" sits in every average. Solved by Gauss-Seidel in canonical order. Because
inferred evidence is discounted, the iteration contracts (factor below 1/2) and a new
positive tie can only move a person's own lean up. No evidence anywhere near → 0.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from consensus_map.analysis import model
from consensus_map.analysis.committee import Committee
from consensus_map.domain import Stance


@dataclass(frozen=True, slots=True)
class Lean:
    value: float  # in [-1, 1]
    inferred: Stance  # the stated stance, or a label from the value
    stated: bool
    evidence: bool  # any stated stance reachable through the ties
    strongest: str | None  # the neighbour who pulls the lean hardest, for the reasons


def label(lean: float, evidence: bool) -> Stance:
    """The stance an inferred lean reads as (thresholds in `model`)."""
    if lean >= model.INFER_CHAMPION:
        return Stance.CHAMPION
    if lean >= model.INFER_SUPPORTER:
        return Stance.SUPPORTER
    if lean <= model.INFER_BLOCKER:
        return Stance.BLOCKER
    if lean <= model.INFER_SKEPTIC:
        return Stance.SKEPTIC
    return Stance.NEUTRAL if evidence else Stance.UNKNOWN


def infer_leans(committee: Committee) -> dict[str, Lean]:
    people = committee.people
    evidence_of = committee.lean_evidence
    stated = {p: person.stance is not Stance.UNKNOWN for p, person in people.items()}
    value = {p: (person.stance.lean if stated[p] else 0.0) for p, person in people.items()}

    # Who has any evidence: unknown people reachable from a stated stance.
    evidence = dict(stated)
    queue = deque(p for p in people if stated[p])
    while queue:
        p = queue.popleft()
        for q, _ in evidence_of[p]:
            if not evidence[q]:
                evidence[q] = True
                queue.append(q)
    unknown = [p for p in people if not stated[p] and evidence[p]]
    # Fold stated neighbours into a constant and keep the unknown ones as coefficients:
    # lean[p] = base[p] + Σ coef * lean[q] — the same average, far fewer operations per round.
    # The rounds run on lists indexed by position in `unknown` (no dict lookups in the
    # innermost loop); the arithmetic and its order are unchanged.
    position = {p: i for i, p in enumerate(unknown)}
    bases: list[float] = []
    coefs: list[list[tuple[int, float]]] = []
    inferred_evidence = model.INFERRED_EVIDENCE
    for p in unknown:
        denominator = sum(abs(w) for _, w in evidence_of[p]) + model.LEAN_PRIOR
        fixed = 0.0
        terms: list[tuple[int, float]] = []
        for q, w in evidence_of[p]:
            if stated[q]:
                fixed += w * value[q]
            elif evidence[q]:
                terms.append((position[q], inferred_evidence * w / denominator))
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

    result: dict[str, Lean] = {}
    # A stated stance gives the same Lean to everyone who holds it: build each one once.
    stated_lean: dict[Stance, Lean] = {
        stance: Lean(max(-1.0, min(1.0, stance.lean)), stance, True, True, None)
        for stance in Stance
        if stance is not Stance.UNKNOWN
    }
    for p, person in people.items():
        if stated[p]:
            result[p] = stated_lean[person.stance]
            continue
        lean = max(-1.0, min(1.0, value[p]))
        # The neighbour pulling hardest the way the lean points: (-|push|, name, id) smallest.
        strongest: tuple[float, str, str] | None = None
        if lean:
            for q, w in evidence_of[p]:
                push = w * value[q] * (1.0 if stated[q] else inferred_evidence)
                if push * lean > 0.0:
                    key = -abs(push)
                    if strongest is None or key <= strongest[0]:
                        option = (key, people[q].name, q)
                        if strongest is None or option < strongest:
                            strongest = option
        result[p] = Lean(
            lean,
            label(lean, evidence[p]),
            False,
            evidence[p],
            strongest[2] if strongest is not None else None,
        )
    return result
