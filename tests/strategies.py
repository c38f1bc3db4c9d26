"""Hypothesis strategies that generate valid deals (any size, every field, every tie kind)."""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

from hypothesis import strategies as st

from consensus_map.domain import (
    BuyerMode,
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

# Company-shaped org charts come from the benchmarks' generator: one definition for both.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from account_maps import company_managers

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
names = text.filter(lambda s: s.strip() != "")
dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
coordinates = st.floats(min_value=-5000, max_value=5000, allow_nan=False).map(lambda v: round(v, 2))
strengths = st.sampled_from([1.0, 2.0, 3.0, 0.5, 5.0])


@st.composite
def stakeholders(draw: st.DrawFn, person_id: str) -> Stakeholder:
    return Stakeholder(
        id=person_id,
        name=draw(names),
        title=draw(text),
        role=draw(st.sampled_from(list(Role))),
        readiness=draw(st.sampled_from(list(Readiness))),
        stance=draw(st.sampled_from(list(Stance))),
        influence=draw(st.sampled_from(list(Influence))),
        attends=draw(st.booleans()),
        last_contact=draw(st.none() | dates),
        email=draw(text),
        notes=draw(text),
        x=draw(coordinates),
        y=draw(coordinates),
        mode=draw(st.sampled_from(list(BuyerMode))),
        concern=draw(text),
        crm_id=draw(text),
    )


@st.composite
def deals(draw: st.DrawFn, min_people: int = 0, max_people: int = 12) -> Deal:
    """A valid deal: a reports-to forest (no cycles) plus influence, ally and rival ties."""
    count = draw(st.integers(min_value=min_people, max_value=max_people))
    ids = [f"p{i}" for i in range(count)]
    people = [draw(stakeholders(i)) for i in ids]
    ties: dict[tuple[str, str, TieKind], Tie] = {}
    # Reports-to only to an earlier person keeps the org chart acyclic.
    for index in range(1, count):
        if draw(st.booleans()):
            manager = ids[draw(st.integers(min_value=0, max_value=index - 1))]
            tie = Tie(ids[index], manager, TieKind.REPORTS_TO)
            ties[tie.key] = tie
    if count >= 2:
        extra = draw(st.integers(min_value=0, max_value=2 * count))
        for _ in range(extra):
            a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            kind = draw(st.sampled_from([TieKind.INFLUENCES, TieKind.ALLY, TieKind.RIVAL]))
            tie = Tie(a, b, kind, draw(strengths))
            ties.setdefault(tie.key, tie)
    info = DealInfo(
        name=draw(names),
        account=draw(text),
        stage=draw(st.sampled_from(list(DealStage))),
        presentation_date=draw(st.none() | dates),
        target_readiness=draw(st.sampled_from(list(Readiness))),
        notes=draw(text),
    )
    return Deal(info, people, ties.values())


# ------------------------------------------------------------------- org charts
ORG_SHAPES = ("random", "account", "company")


def org_tree(shape: str, size: int, seed: int) -> Deal:
    """A reports-to tree of `size` people (only names and ties: fast at 5,000).

    - random: each person reports to anyone hired before them (shallow, wide);
    - account: to one of the 50 hired just before them (deep, like benchmarks' maps);
    - company: a CEO with 8 VPs, each with a team of 5–40; then people of the shallowest
      level without reports take on teams of 5–40 of their own, until `size` people.
    """
    rng = random.Random(seed)
    manager: dict[int, int] = {}
    if shape == "random":
        manager = {i: rng.randrange(i) for i in range(1, size)}
    elif shape == "account":
        manager = {i: rng.randrange(max(0, i - 50), i) for i in range(1, size)}
    else:
        manager = company_managers(size, rng)
    people = [Stakeholder(id=f"p{i}", name=f"Person {i:05d}") for i in range(size)]
    ties = [Tie(f"p{i}", f"p{m}", TieKind.REPORTS_TO) for i, m in manager.items()]
    return Deal(DealInfo(name=f"{shape} org of {size}"), people, ties)


@st.composite
def org_trees(draw: st.DrawFn, min_size: int = 30, max_size: int = 2000) -> Deal:
    """Reports-to trees of every shape in ORG_SHAPES, sizes spread evenly on a log scale."""
    shape = draw(st.sampled_from(ORG_SHAPES))
    exponent = draw(st.floats(min_value=0.0, max_value=1.0))
    size = round(min_size * (max_size / min_size) ** exponent)
    return org_tree(shape, size, draw(st.integers(min_value=0, max_value=2**16)))
