"""What a layout reads of a deal: its people and their ties.

A `Deal` is one; so is a `Roster`, the same two lists without a deal's checks, for people and
ties that come from a checked deal already (a sub-chart, or an import being planned). Building
a `Deal` to lay out 5,000 people checked them all again only to read their positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from consensus_map.domain import Stakeholder, Tie


class PeopleAndTies(Protocol):
    @property
    def stakeholders(self) -> Sequence[Stakeholder]: ...

    @property
    def ties(self) -> Sequence[Tie]: ...


@dataclass(frozen=True, slots=True)
class Roster:
    """People and ties to lay out, as they are."""

    stakeholders: Sequence[Stakeholder]
    ties: Sequence[Tie]
