"""What a layout reads of a deal: its people and their ties.

A `Deal` is one; so is a `Roster`, the same two lists without a deal's checks, for people and
ties that come from a checked deal already (a sub-chart, or an import being planned). Building
a `Deal` to lay out 5,000 people checked them all again only to read their positions.

A layout reads only a person's id, name and position (`Placeable`): an import places its
newcomers before it builds their records, so that each is built once, in its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from consensus_map.domain import Tie


class Placeable(Protocol):
    """What a layout reads of a person (a `Stakeholder` is one)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def x(self) -> float: ...

    @property
    def y(self) -> float: ...


class PeopleAndTies(Protocol):
    @property
    def stakeholders(self) -> Sequence[Placeable]: ...

    @property
    def ties(self) -> Sequence[Tie]: ...


@dataclass(frozen=True, slots=True)
class Roster:
    """People and ties to lay out, as they are."""

    stakeholders: Sequence[Placeable]
    ties: Sequence[Tie]
