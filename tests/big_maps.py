"""Account maps for the tests of background analysis, and the switch that sends them there.

Tests keep their maps small (a few hundred people, fast to analyse) and lower the runner's
threshold to 0 so that even these are analysed in the separate process, as a 5,000-person
map would be.
"""

from __future__ import annotations

import random

import pytest

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


def account(size: int = 300, seed: int = 3) -> Deal:
    """`size` people: a reports-to tree, influence ties, few signers and attendees."""
    rng = random.Random(seed)
    people = [
        Stakeholder(
            f"p{i}",
            f"Person {i:04d}",
            title=rng.choice(["CFO", "VP Operations", "Director of IT", "Analyst", ""]),
            # A few who sign among many who do not, as on a real account map.
            role=rng.choices(list(Role), weights=[1, 1, 6, 1, 20, 20])[0],
            readiness=rng.choice(list(Readiness)),
            stance=rng.choices(list(Stance), weights=[1, 2, 2, 1, 1, 6])[0],
            attends=rng.random() < 0.02,
            x=(i % 40) * 260.0,
            y=(i // 40) * 160.0,
        )
        for i in range(size)
    ]
    ties: dict[object, Tie] = {}
    for i in range(1, size):
        tie = Tie(f"p{i}", f"p{rng.randrange(max(0, i - 10), i)}", TieKind.REPORTS_TO)
        ties[tie.key] = tie
    for n in range(size):
        j = rng.randrange(size)
        if j != n:
            tie = Tie(f"p{n}", f"p{j}", TieKind.INFLUENCES, float(rng.randint(1, 3)))
            ties.setdefault(tie.key, tie)
    return Deal(DealInfo("Globex account", "Globex"), people, ties.values())


def analyse_in_background(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document made after this analyses in the process, whatever its size."""
    from consensus_map.app import analysis_runner

    monkeypatch.setattr(analysis_runner, "SYNC_MAX_SIZE", 0)
