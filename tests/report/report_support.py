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


def company(size: int, seed: int = 7) -> Deal:
    """A company of teams (a CEO with 8 VPs, each with a team of 5–40, and so on) of `size`
    people, laid out as an org chart, with names as `account` gives them."""
    from strategies import org_tree

    from consensus_map.layout import org_chart

    tree = org_tree("company", size, seed)
    rng = random.Random(seed)
    people = [
        p.replace(name=f"Person{n:03d} {rng.choice(['Ruiz', 'Park', 'Okafor', 'Natarajan'])}")
        for n, p in enumerate(tree.stakeholders)
    ]
    info = DealInfo(name=f"Company of {size}", presentation_date=date(2026, 12, 10))
    deal = Deal(info, people, tree.ties)
    spots = org_chart(deal)
    return Deal(info, [p.replace(x=spots[p.id][0], y=spots[p.id][1]) for p in people], deal.ties)


def text_runs(path: Path) -> list[list[tuple[str, float]]]:
    """Each page's runs of text with the size they print at, in points."""
    import math

    from pypdf import PdfReader

    pages = []
    for page in PdfReader(path).pages:
        runs: list[tuple[str, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
            if text.strip():
                # The font's size, times how much the text and page matrices stretch it upright.
                upright = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
                runs.append((squeeze(text), size * upright))  # noqa: B023

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def name_runs(runs: list[tuple[str, float]], names: list[str]) -> list[tuple[str, float]]:
    """The runs that are a person's name, whole or shortened ("Priya N.", "Pri…") or a line
    of a name set over two lines."""
    squeezed = [squeeze(n) for n in names]
    initials = {f"{n.split()[0]}{n.split()[-1][0]}." for n in names if len(n.split()) > 1}
    found = []
    for text, size in runs:
        stem = text.rstrip(".…")
        if (
            text in initials
            or (len(stem) >= 2 and any(n.startswith(stem) for n in squeezed))
            or (len(stem) >= 4 and any(stem in n for n in squeezed))
        ):
            found.append((text, size))
    return found
