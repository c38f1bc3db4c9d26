"""The deal model: people, ties, the deal's details, its rules and its change events.

Standard library and networkx only: no Qt, no SQLite.
"""

from typing import TYPE_CHECKING

from consensus_map.domain.deal import Deal
from consensus_map.domain.enums import (
    BuyerMode,
    DealStage,
    Influence,
    Readiness,
    Role,
    Stance,
    TieKind,
)
from consensus_map.domain.errors import DealError
from consensus_map.domain.events import (
    CommitteeRefreshed,
    DealEvent,
    DealInfoChanged,
    Position,
    StakeholdersAdded,
    StakeholdersChanged,
    StakeholdersMoved,
    StakeholdersRemoved,
    TieChanged,
    TiesAdded,
    TiesRemoved,
)
from consensus_map.domain.records import DealInfo, Stakeholder, Tie, TieKey

if TYPE_CHECKING:
    from consensus_map.domain.graph import deal_graph


def __getattr__(name: str) -> object:
    # networkx (and numpy behind it) costs ~100 ms to import; `check`, `import` and
    # `export` never need the graph, so it is loaded on first use.
    if name == "deal_graph":
        from consensus_map.domain.graph import deal_graph

        return deal_graph
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BuyerMode",
    "CommitteeRefreshed",
    "Deal",
    "DealError",
    "DealEvent",
    "DealInfo",
    "DealInfoChanged",
    "DealStage",
    "Influence",
    "Position",
    "Readiness",
    "Role",
    "Stakeholder",
    "StakeholdersAdded",
    "StakeholdersChanged",
    "StakeholdersMoved",
    "StakeholdersRemoved",
    "Stance",
    "Tie",
    "TieChanged",
    "TieKey",
    "TieKind",
    "TiesAdded",
    "TiesRemoved",
    "deal_graph",
]
