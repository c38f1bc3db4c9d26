"""The committee as the engine sees it: people in a canonical order and the tie views.

Built once per analysis from a Deal. Every list here is in a canonical order (people by name
then id, ties by key) so that sums, ties and output never depend on the order people were
added to the deal: the same committee gives the same numbers, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from consensus_map.analysis import model
from consensus_map.domain import Deal, Readiness, Stakeholder, TieKind

Weighted = tuple[tuple[str, float], ...]


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
    carries_to: dict[str, tuple[str, ...]]
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

    def add_sway(source: str, target_id: str, weight: float) -> None:
        key = (source, target_id)
        weights[key] = weights.get(key, 0.0) + weight

    def add_carrier(carrier: str, to: str, strength: float) -> None:
        carriers[to].append((carrier, strength))
        carries_to[carrier].append(to)

    for tie in sorted(deal.ties, key=lambda t: t.key):
        a, b, w = tie.source, tie.target, tie.strength
        if tie.kind is TieKind.INFLUENCES:
            add_sway(a, b, w)
            lean[b].append((a, w))
            lean[a].append((b, model.LEAN_FROM_SWAYED * w))
            add_carrier(a, b, w)
        elif tie.kind is TieKind.REPORTS_TO:  # a reports to b
            add_sway(b, a, model.MANAGER_SWAY)
            add_sway(a, b, model.REPORT_SWAY)
            lean[a].append((b, model.LEAN_FROM_MANAGER))
            lean[b].append((a, model.LEAN_FROM_REPORT))
            add_carrier(b, a, model.MANAGER_SWAY)
            add_carrier(a, b, model.REPORT_SWAY)
            w = model.REPORTS_TO_CLOSENESS_STRENGTH
        elif tie.kind is TieKind.ALLY:
            add_sway(a, b, w)
            add_sway(b, a, w)
            lean[a].append((b, w))
            lean[b].append((a, w))
            add_carrier(a, b, w)
            add_carrier(b, a, w)
        else:  # rival: opinions invert; no message is carried and no introduction made
            lean[a].append((b, -w))
            lean[b].append((a, -w))
            continue
        contacts[a].append((b, w))
        contacts[b].append((a, w))

    sway = nx.DiGraph()
    sway.add_nodes_from(people)
    sway.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    return Committee(
        people=people,
        target=target,
        sway=sway,
        lean_evidence={p: tuple(v) for p, v in lean.items()},
        carriers={p: tuple(v) for p, v in carriers.items()},
        carries_to={p: tuple(dict.fromkeys(v)) for p, v in carries_to.items()},
        contacts={p: tuple(v) for p, v in contacts.items()},
        what_if=tuple(p for p in people if p in wanted),
    )
