"""Helpers for the report tests (imported as `report_support`): deals and PDF text."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from consensus_map.domain import (
    Deal,
    DealInfo,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)

TODAY = date(2026, 12, 1)
HOSTILE = {
    "sam": "<b>Sam</b> Whitfield",
    "alex": "<img src=x onerror=alert(1)> Alex & Co",
}
HOSTILE_CONCERN = "<i>SAP</i> & “no new tools”"


def hostile_copy(deal: Deal) -> Deal:
    """The deal with two people's names (and their concern) written as markup."""
    people = [
        p.replace(name=HOSTILE[p.id], concern=HOSTILE_CONCERN) if p.id in HOSTILE else p
        for p in deal.stakeholders
    ]
    return Deal(deal.info, people, deal.ties)


def account(size: int, seed: int = 3, *, grid: bool = False) -> Deal:
    """A reports-to tree of `size` people with a few attendees, laid out as an org chart
    (or, with `grid`, in rows of 20: as compact as a big account map gets)."""
    from consensus_map.layout import org_chart

    rng = random.Random(seed)
    people = [
        Stakeholder(
            id=f"p{i}",
            name=f"Person{i:03d} {rng.choice(['Ruiz', 'Park', 'Okafor', 'Natarajan'])}",
            title=rng.choice(["CFO", "Analyst", "Director of IT", ""]),
            role=rng.choice(list(Role)),
            readiness=rng.choice(list(Readiness)),
            stance=rng.choice(list(Stance)),
            attends=rng.random() < 0.05,
        )
        for i in range(size)
    ]
    ties = [
        Tie(f"p{i}", f"p{rng.randrange(max(0, i - 20), i)}", TieKind.REPORTS_TO)
        for i in range(1, size)
    ]
    info = DealInfo(name=f"Account of {size}", presentation_date=date(2026, 12, 10))
    spots = org_chart(Deal(info, people, ties))
    if grid:
        spots = {p.id: ((n % 20) * 216.0, (n // 20) * 160.0) for n, p in enumerate(people)}
    placed = [p.replace(x=spots[p.id][0], y=spots[p.id][1]) for p in people]
    return Deal(info, placed, ties)


def squeeze(text: str) -> str:
    """Text without any white space: PDF text comes back with lines and words re-spaced."""
    return "".join(text.split())


def pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]
