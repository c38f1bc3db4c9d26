"""Layouts for the map: org chart, influence (force-directed), and a free spot for a new person.

Pure functions: a deal in, positions (box centres, canvas units) out. No Qt.
"""

from consensus_map.layout.free_spot import free_spot
from consensus_map.layout.geometry import (
    H_GAP,
    MIN_GAP,
    NODE_HEIGHT,
    NODE_WIDTH,
    V_GAP,
    Point,
    overlaps,
)
from consensus_map.layout.influence import influence_layout
from consensus_map.layout.org_chart import org_chart

__all__ = [
    "H_GAP",
    "MIN_GAP",
    "NODE_HEIGHT",
    "NODE_WIDTH",
    "V_GAP",
    "Point",
    "free_spot",
    "influence_layout",
    "org_chart",
    "overlaps",
]
