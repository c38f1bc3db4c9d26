"""Arrange a deal by influence: a force-directed layout over every tie, then no overlaps.

People who sway each other are pulled together (stronger ties pull harder, whatever the
kind) and everyone else is pushed apart (`force.force_directed`, pure Python). The result
is scaled so that one layout unit is one box plus the gap a tie needs, and any boxes that
still overlap are moved to the nearest free spot.
"""

from __future__ import annotations

import math

from consensus_map.domain import Deal
from consensus_map.layout.force import force_directed
from consensus_map.layout.geometry import H_GAP, NODE_HEIGHT, NODE_WIDTH, V_GAP, Point, spread_apart

# Canvas units per layout unit (where two people joined by one ordinary tie settle): a
# little more than a box and the room for a tie, across and down, so that ties and their
# arrows stay in view and the map still fits a laptop's window with names readable.
SPACING = 1.2
UNIT_X = SPACING * (NODE_WIDTH + H_GAP)
UNIT_Y = SPACING * (NODE_HEIGHT + V_GAP)
CLEARANCE = 32.0


def influence_layout(deal: Deal, seed: int = 0) -> dict[str, Point]:
    """Positions (box centres) for everyone in `deal`; the same deal and seed give the same."""
    people = deal.stakeholders
    if not people:
        return {}
    # The order feeds the seeded starting positions: by name, so insertion order is moot.
    order = sorted(people, key=lambda p: (p.name.casefold(), p.id))
    index = {p.id: n for n, p in enumerate(order)}
    # Ties between the same two people add up, whatever their kind or direction.
    weights: dict[tuple[int, int], float] = {}
    for tie in deal.ties:
        a, b = sorted((index[tie.source], index[tie.target]))
        weights[a, b] = weights.get((a, b), 0.0) + tie.strength
    # The square root: a strong tie pulls harder, but not so hard that it stacks two boxes
    # (a tie of strength 3 settles at 0.83 units, not 0.69).
    ties = [(a, b, math.sqrt(w)) for (a, b), w in sorted(weights.items())]
    raw = force_directed(len(order), ties, seed=seed)
    scaled = {
        p.id: (round(x * UNIT_X, 1), round(y * UNIT_Y, 1))
        for p, (x, y) in zip(order, raw, strict=True)
    }
    # Settle the most connected people first, so hubs keep their spot and leaves move.
    degree = [0] * len(order)
    for a, b, _ in ties:
        degree[a] += 1
        degree[b] += 1
    settle = sorted(order, key=lambda p: (-degree[index[p.id]], p.name.casefold(), p.id))
    # Boxes that merely clear each other read as one crowd: keep room for a tie between.
    placed = spread_apart(scaled, [p.id for p in settle], gap=CLEARANCE)
    return {p.id: placed[p.id] for p in people}
