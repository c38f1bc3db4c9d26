"""Arrange a deal by influence: a force-directed layout over every tie, then no overlaps.

networkx's spring layout with a fixed seed pulls people who sway each other together
(stronger ties pull harder); the result is scaled to canvas units and any boxes that still
overlap are moved to the nearest free spot.
"""

from __future__ import annotations

import math

import networkx as nx

from consensus_map.domain import Deal
from consensus_map.layout.geometry import H_GAP, NODE_HEIGHT, NODE_WIDTH, V_GAP, Point, spread_apart


def influence_layout(deal: Deal, seed: int = 0) -> dict[str, Point]:
    """Positions (box centres) for everyone in `deal`; the same deal and seed give the same."""
    people = deal.stakeholders
    if not people:
        return {}
    graph = nx.Graph()
    # Node insertion order feeds the seeded initial positions: sort for determinism.
    order = sorted(people, key=lambda p: (p.name.casefold(), p.id))
    graph.add_nodes_from(p.id for p in order)
    for tie in sorted(deal.ties, key=lambda t: (t.source, t.target, t.kind.value)):
        a, b = tie.source, tie.target
        weight = graph[a][b]["weight"] if graph.has_edge(a, b) else 0.0
        graph.add_edge(a, b, weight=weight + tie.strength)

    # Each iteration costs O(n²) on a big map: cap the work near that of 300 people at 50
    # iterations, so "Arrange by influence" on a 2,000-person account stays a few seconds.
    iterations = max(8, min(50, 50 * 300 // len(people)))
    raw = nx.spring_layout(
        graph, weight="weight", seed=seed, iterations=iterations, scale=1.0, center=(0.0, 0.0)
    )
    # About two layout cells of area per person, so few boxes need pushing apart.
    half_side = math.sqrt(2 * len(people)) / 2
    sx = half_side * (NODE_WIDTH + H_GAP)
    sy = half_side * (NODE_HEIGHT + V_GAP)
    scaled = {
        pid: (round(float(x) * sx, 1), round(float(y) * sy, 1)) for pid, (x, y) in raw.items()
    }
    # Settle the most connected people first, so hubs keep their spot and leaves move.
    settle = sorted(order, key=lambda p: (-graph.degree(p.id), p.name.casefold(), p.id))
    placed = spread_apart(scaled, [p.id for p in settle])
    return {p.id: placed[p.id] for p in people}
