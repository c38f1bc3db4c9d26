"""Where to put a new person: the nearest spot to a point that overlaps nobody."""

from __future__ import annotations

from consensus_map.domain import Deal
from consensus_map.layout.geometry import MIN_GAP, Point, index_of, nearest_free


def free_spot(deal: Deal, near: Point) -> Point:
    """The position closest to `near` where a new box keeps clear of everyone in `deal`."""
    index = index_of((p.x, p.y) for p in deal.stakeholders)
    x, y = nearest_free(index, (float(near[0]), float(near[1])), gap=MIN_GAP)
    return (round(x, 1), round(y, 1))
