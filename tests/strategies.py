"""Hypothesis strategies that generate valid deals (any size, every field, every tie kind)."""

from __future__ import annotations

from datetime import date

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
