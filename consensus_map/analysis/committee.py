"""The committee as the engine sees it: people in a canonical order and the tie views.

Built once per analysis from a Deal. Every list here is in a canonical order (people by name
then id, ties by key) so that sums, ties and output never depend on the order people were
added to the deal: the same committee gives the same numbers, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

import networkx as nx

from consensus_map.analysis import model
from consensus_map.domain import Deal, Readiness, Stakeholder, TieKind

# Read-only by convention: built here as lists and never changed after (copying 20,000 of
# them into tuples was a tenth of building a 5,000-person committee).
Weighted = Sequence[tuple[str, float]]
_tie_key = attrgetter("key")


@dataclass(frozen=True, slots=True)
class Committee:
    """People (what-if applied) and the four views of their ties the model reads."""

    people: dict[str, Stakeholder]  # insertion order = canonical order (name, then id)
    target: Readiness
    # u → v, weight: how strongly u's opinion carries to v (influences, reports_to, ally).
    sway: nx.DiGraph
    # For a person: (neighbour, signed weight) — the evidence their lean is drawn from.
    lean_evidence: dict[str, Weighted]
    # For a person: (neighbour, strength) of ties a neighbour can carry the message over.
    carriers: dict[str, Weighted]
    # The reverse of `carriers`: whom a person could carry the message to.
    carries_to: dict[str, Sequence[str]]
    # Undirected, rival ties excluded: (neighbour, strength) for introduction paths.
    contacts: dict[str, Weighted]
    what_if: tuple[str, ...]  # ids treated as engaged, canonical order

    def name(self, person_id: str) -> str:
        return self.people[person_id].name


def engaged_readiness(person: Stakeholder, target: Readiness) -> Readiness:
    """Where engaging a person moves them: the target (never down; never `unengaged`)."""
    rank = max(person.readiness.rank, target.rank, Readiness.AWARE.rank)
    return list(Readiness)[rank]


def build_committee(deal: Deal, engage: Iterable[str] = ()) -> Committee:
    """The canonical committee of `deal`, with the people in `engage` treated as engaged."""
    target = deal.info.target_readiness
    chosen = list(dict.fromkeys(engage))
    for person_id in chosen:
        deal.stakeholder(person_id)  # unknown id → DealError, one plain line
    ordered = sorted(deal.stakeholders, key=lambda p: (p.name, p.id))
    wanted = set(chosen)
    people: dict[str, Stakeholder] = {}
    for person in ordered:
        if person.id in wanted:
            person = person.replace(readiness=engaged_readiness(person, target))
        people[person.id] = person

    weights: dict[tuple[str, str], float] = {}
    lean: dict[str, list[tuple[str, float]]] = {p: [] for p in people}
    carriers: dict[str, list[tuple[str, float]]] = {p: [] for p in people}
    carries_to: dict[str, list[str]] = {p: [] for p in people}
    contacts: dict[str, list[tuple[str, float]]] = {p: [] for p in people}
    # Bound once: this loop runs for every tie of a 5,000-person map, so the adds are inlined.
    get = weights.get
    manager_sway, report_sway = model.MANAGER_SWAY, model.REPORT_SWAY
    from_manager, from_report = model.LEAN_FROM_MANAGER, model.LEAN_FROM_REPORT
    from_swayed, closeness = model.LEAN_FROM_SWAYED, model.REPORTS_TO_CLOSENESS_STRENGTH

    for tie in sorted(deal.ties, key=_tie_key):
        a, b, w, kind = tie.source, tie.target, tie.strength, tie.kind
        if kind is TieKind.INFLUENCES:
            weights[a, b] = get((a, b), 0.0) + w
            lean[b].append((a, w))
            lean[a].append((b, from_swayed * w))
            carriers[b].append((a, w))
            carries_to[a].append(b)
        elif kind is TieKind.REPORTS_TO:  # a reports to b
            weights[b, a] = get((b, a), 0.0) + manager_sway
            weights[a, b] = get((a, b), 0.0) + report_sway
            lean[a].append((b, from_manager))
            lean[b].append((a, from_report))
            carriers[a].append((b, manager_sway))
            carries_to[b].append(a)
            carriers[b].append((a, report_sway))
            carries_to[a].append(b)
            w = closeness
        elif kind is TieKind.ALLY:
            weights[a, b] = get((a, b), 0.0) + w
            weights[b, a] = get((b, a), 0.0) + w
            lean[a].append((b, w))
            lean[b].append((a, w))
            carriers[b].append((a, w))
            carries_to[a].append(b)
            carriers[a].append((b, w))
            carries_to[b].append(a)
        else:  # rival: opinions invert; no message is carried and no introduction made
            lean[a].append((b, -w))
            lean[b].append((a, -w))
            continue
        contacts[a].append((b, w))
        contacts[b].append((a, w))

    sway = nx.DiGraph()
    sway.add_nodes_from(people)
    sway.add_edges_from((u, v, {"weight": w}) for (u, v), w in weights.items())
    # Two ties between the same pair (influences and ally) carry the message once.
    for p, reached in carries_to.items():
        if len(reached) > 1:
            carries_to[p] = list(dict.fromkeys(reached))
    return Committee(
        people=people,
        target=target,
        sway=sway,
        lean_evidence=dict(lean),
        carriers=dict(carriers),
        carries_to=dict(carries_to),
        contacts=dict(contacts),
        what_if=tuple(p for p in people if p in wanted),
    )
