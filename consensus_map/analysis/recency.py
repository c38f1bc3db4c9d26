"""Recency: a relationship cools when the seller has not been in touch (SPEC item 2).

An engaged person last contacted STALE_AFTER (30 days) or more ago counts one readiness step
lower for every full period since, never below `aware`: their *effective readiness*, from
which the gap is measured. A last contact after today is accepted as fresh and flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consensus_map.analysis import model
from consensus_map.domain import Readiness, Stakeholder

_LADDER = list(Readiness)


@dataclass(frozen=True, slots=True)
class Recency:
    effective: Readiness
    days_since: int | None  # days since the last contact (None: no date recorded)
    future: bool = False  # the last contact is after today: an input problem

    def lowered(self, recorded: Readiness) -> bool:
        return self.effective is not recorded


_UNDATED: dict[Readiness, Recency] = {r: Recency(r, None) for r in Readiness}


def effective_readiness(person: Stakeholder, today: date) -> Recency:
    readiness, contact = person.readiness, person.last_contact
    if contact is None:
        return _UNDATED[readiness]
    days = (today - contact).days
    if days < 0:
        return Recency(readiness, days, future=True)
    if readiness is Readiness.UNENGAGED:
        return Recency(readiness, days)
    steps = days // model.STALE_AFTER.days
    rank = max(Readiness.AWARE.rank, readiness.rank - steps)
    return Recency(_LADDER[rank], days)
