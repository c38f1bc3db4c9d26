"""Change events: what one edit of a deal did, with enough to write it or to undo it.

Each mutation of a `Deal` produces exactly one event. The store writes it as one
transaction; the app redraws from it; the analysis reruns after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from consensus_map.domain.records import DealInfo, Stakeholder, Tie

Position = tuple[float, float]


@dataclass(frozen=True, slots=True)
class StakeholdersAdded:
    """People added, with ties among them or to existing people (undo of a delete)."""

    stakeholders: tuple[Stakeholder, ...]
    ties: tuple[Tie, ...] = ()


@dataclass(frozen=True, slots=True)
class StakeholdersRemoved:
    """People removed together with every tie that touched them."""

    stakeholders: tuple[Stakeholder, ...]
    ties: tuple[Tie, ...] = ()


@dataclass(frozen=True, slots=True)
class StakeholdersChanged:
    """People's fields replaced, ids unchanged: one person's edit, or several at once.

    `old` and `new` hold the same people in the same order.
    """

    old: tuple[Stakeholder, ...]
    new: tuple[Stakeholder, ...]


@dataclass(frozen=True, slots=True)
class StakeholdersMoved:
    """Canvas positions changed: a drag of a selection or a whole layout."""

    old: dict[str, Position]
    new: dict[str, Position]


@dataclass(frozen=True, slots=True)
class TiesAdded:
    ties: tuple[Tie, ...]


@dataclass(frozen=True, slots=True)
class TiesRemoved:
    ties: tuple[Tie, ...]


@dataclass(frozen=True, slots=True)
class TieChanged:
    """A tie's strength changed (its ends and kind are its identity)."""

    old: Tie
    new: Tie


@dataclass(frozen=True, slots=True)
class DealInfoChanged:
    old: DealInfo
    new: DealInfo


DealEvent = (
    StakeholdersAdded
    | StakeholdersRemoved
    | StakeholdersChanged
    | StakeholdersMoved
    | TiesAdded
    | TiesRemoved
    | TieChanged
    | DealInfoChanged
)
