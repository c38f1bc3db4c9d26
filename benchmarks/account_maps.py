"""Generated account maps for the benchmarks: one generator, so every table measures alike.

A reports-to tree (each person reports to someone among the 50 added before them, so the
chart is deep and wide like a real account) plus `extra_ties` influence, ally and rival ties
per person on average. Deterministic for a given size and seed.

`company_map` is the same with the reports-to tree of a company of teams: a CEO with 8 VPs,
each with a team of 5–40, and people of the shallowest level taking on teams of 5–40 of
their own until the map is full.
"""

from __future__ import annotations

import random
from datetime import date

from consensus_map.domain import (
    Deal,
    DealInfo,
    DealStage,
    Influence,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.layout import org_chart

SURNAMES = ["Ruiz", "Park", "Okafor", "Natarajan", "Whitfield", "Chen", "Reyes", "Kim"]
TITLES = ["VP Operations", "CFO", "Director of IT", "Manager", "Analyst", "Buyer", ""]


def account_map(size: int, seed: int = 7, extra_ties: float = 2.0, arranged: bool = False) -> Deal:
    """`size` people; `arranged` places them as an org chart (else everyone at 0, 0)."""
    rng = random.Random(seed)
    people = _people(size, rng)
    managers = {i: rng.randrange(max(0, i - 50), i) for i in range(1, size)}
    return _deal(size, people, managers, rng, extra_ties, arranged)


def company_map(size: int, seed: int = 7, extra_ties: float = 2.0, arranged: bool = False) -> Deal:
    """`size` people in a company of teams; `arranged` as for `account_map`."""
    rng = random.Random(seed)
    people = _people(size, rng)
    managers = company_managers(size, rng)
    return _deal(size, people, managers, rng, extra_ties, arranged)


def company_managers(size: int, rng: random.Random) -> dict[int, int]:
    """Person number → their manager's: a CEO (0) with 8 VPs, each with a team of 5–40; then
    people of the shallowest level without reports take on teams of 5–40, until `size`.
    (The layout tests generate their company-shaped trees with this too.)"""
    managers: dict[int, int] = {}
    level = {0: 0}
    leads = [0]
    hired = 1
    while hired < size:
        if not leads:
            # Someone of the shallowest level without reports takes on a team.
            bosses = set(managers.values())
            free = [i for i in range(1, hired) if i not in bosses]
            depth = min(level[i] for i in free)
            leads.append(rng.choice([i for i in free if level[i] == depth]))
        lead = leads.pop(0)
        team = 8 if lead == 0 else rng.randint(5, 40)
        for _ in range(min(team, size - hired)):
            managers[hired] = lead
            level[hired] = level[lead] + 1
            if lead == 0:
                leads.append(hired)  # every VP leads a team
            hired += 1
    return managers


def _people(size: int, rng: random.Random) -> list[Stakeholder]:
    return [
        Stakeholder(
            id=f"p{i}",
            name=f"Person {i:05d} {rng.choice(SURNAMES)}",
            title=rng.choice(TITLES),
            role=rng.choice(list(Role)),
            readiness=rng.choices(list(Readiness), weights=[6, 2, 2, 1, 1])[0],
            stance=rng.choices(list(Stance), weights=[1, 2, 2, 1, 1, 8])[0],
            influence=rng.choice(list(Influence)),
            # A committee brings a third of its people to the presentation; an account
            # map's presentation is still a room of a few dozen.
            attends=rng.random() < (0.3 if size <= 100 else 0.02),
            last_contact=date(2026, 10, rng.randint(1, 31)) if rng.random() < 0.3 else None,
            email=f"p{i}@account.example",
        )
        for i in range(size)
    ]


def _deal(
    size: int,
    people: list[Stakeholder],
    managers: dict[int, int],
    rng: random.Random,
    extra_ties: float,
    arranged: bool,
) -> Deal:
    ties: dict[object, Tie] = {}
    for i, manager in managers.items():
        tie = Tie(f"p{i}", f"p{manager}", TieKind.REPORTS_TO)
        ties[tie.key] = tie
    kinds = [TieKind.INFLUENCES, TieKind.INFLUENCES, TieKind.ALLY, TieKind.RIVAL]
    for n in range(round(size * extra_ties)):
        i, j = n % size, rng.randrange(size)
        if i != j:
            tie = Tie(f"p{i}", f"p{j}", rng.choice(kinds), float(rng.randint(1, 3)))
            ties.setdefault(tie.key, tie)
    info = DealInfo(
        name=f"Benchmark account ({size} people)",
        account="Benchmark",
        stage=DealStage.CONSENSUS,
        presentation_date=date(2026, 12, 10),
    )
    deal = Deal(info, people, ties.values())
    if not arranged:
        return deal
    positions = org_chart(deal)
    placed = [p.replace(x=positions[p.id][0], y=positions[p.id][1]) for p in deal.stakeholders]
    return Deal(info, placed, deal.ties)
