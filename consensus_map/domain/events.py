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


@dataclass(frozen=True, slots=True)
class CommitteeRefreshed:
    """People added, changed and removed and ties replaced, as one edit: a merge from the
    CRM (new contacts, new titles, a new manager) or the undo of one.

    No single-kind event can carry a merge: a new manager is a reports-to tie removed and
    another added, beside the new people and the changed records, and the seller must be
    able to undo the lot at once. Applied in this order: `ties_removed`, `removed`,
    `added`, `old` → `new` (same people, same order, ids unchanged), `ties_added`.
    """

    added: tuple[Stakeholder, ...] = ()
    removed: tuple[Stakeholder, ...] = ()
    old: tuple[Stakeholder, ...] = ()
    new: tuple[Stakeholder, ...] = ()
    ties_added: tuple[Tie, ...] = ()
    ties_removed: tuple[Tie, ...] = ()

    def inverse(self) -> CommitteeRefreshed:
        """The edit that puts the deal back as it was before this one."""
        return CommitteeRefreshed(
            added=self.removed,
            removed=self.added,
            old=self.new,
            new=self.old,
            ties_added=self.ties_removed,
            ties_removed=self.ties_added,
        )

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.new or self.ties_added or self.ties_removed)


DealEvent = (
    StakeholdersAdded
    | StakeholdersRemoved
    | StakeholdersChanged
    | StakeholdersMoved
    | TiesAdded
    | TiesRemoved
    | TieChanged
    | DealInfoChanged
    | CommitteeRefreshed
)
