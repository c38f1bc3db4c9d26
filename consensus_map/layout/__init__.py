"""Layouts for the map: org chart, influence (force-directed), and where new people go.

Pure functions: a deal in, positions (box centres, canvas units) out. No Qt.

- `org_chart(deal)`: everyone, as a compact org chart.
- `newcomers.place_newcomers(deal, ids)`: people an import brings without positions, near
  their manager on the map or as an org chart of their own beneath it.
- `free_spot(deal, near)`: one new person, at the free spot nearest a point.
- `influence_layout(deal)`: everyone, pulled together by who sways whom.
"""

from typing import TYPE_CHECKING

from consensus_map.layout.free_spot import (
    free_spot,
    free_spots,
    next_in_rows,
    overlapping,
    place_block,
    settle,
)
from consensus_map.layout.geometry import (
    H_GAP,
    MIN_GAP,
    NODE_HEIGHT,
    NODE_WIDTH,
    V_GAP,
    Point,
    overlaps,
)
from consensus_map.layout.org_chart import org_chart

if TYPE_CHECKING:
    from consensus_map.layout.influence import influence_layout


def __getattr__(name: str) -> object:
    # networkx's spring layout is only needed when the user asks for it; importing it with
    # the canvas would cost the app ~200 ms of start-up.
    if name == "influence_layout":
        from consensus_map.layout.influence import influence_layout

        return influence_layout
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "H_GAP",
    "MIN_GAP",
    "NODE_HEIGHT",
    "NODE_WIDTH",
    "V_GAP",
    "Point",
    "free_spot",
    "free_spots",
    "influence_layout",
    "next_in_rows",
    "org_chart",
    "overlapping",
    "overlaps",
    "place_block",
    "settle",
]
