"""Small deal builders for readable scenario tests (imported as `builders`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie, TieKind


def person(person_id: str, **fields: Any) -> Stakeholder:
    fields.setdefault("name", person_id.capitalize())
    return Stakeholder(id=person_id, **fields)


def tie(source: str, target: str, kind: str, strength: float = 1.0) -> Tie:
    return Tie(source, target, TieKind(kind), strength)


def deal(
    people: list[Stakeholder],
    ties: list[Tie] | None = None,
    presentation: date | None = date(2026, 12, 10),
    **info: Any,
) -> Deal:
    info.setdefault("name", "Test deal")
    return Deal(DealInfo(presentation_date=presentation, **info), people, ties or [])
