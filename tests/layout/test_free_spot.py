"""Nobody lands on anybody: spots for pasted people, and drops nudged aside."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from strategies import deals

from consensus_map.domain import Deal, DealInfo, Stakeholder
from consensus_map.layout import (
    H_GAP,
    NODE_HEIGHT,
    NODE_WIDTH,
    V_GAP,
    free_spots,
    next_in_rows,
    overlaps,
    settle,
)

Point = tuple[float, float]
near_points = st.tuples(st.floats(-6000, 6000), st.floats(-6000, 6000))


def person(pid: str, x: float = 0, y: float = 0) -> Stakeholder:
    return Stakeholder(id=pid, name=pid.title(), x=x, y=y)


def row_deal(count: int, spacing: float = 400.0) -> Deal:
    people = [person(f"p{i}", x=i * spacing) for i in range(count)]
    return Deal(DealInfo(name="Row"), people)


def clear_of(spot: Point, people: list[Stakeholder]) -> bool:
    return all(not overlaps(spot, (p.x, p.y)) for p in people)


@given(deals(max_people=20), st.integers(1, 12), near_points)
def test_pasted_people_overlap_nobody_and_each_other(deal: Deal, count: int, near: Point) -> None:
    spots = free_spots(deal, count, near)
    assert len(spots) == count
    for spot in spots:
        assert clear_of(spot, deal.stakeholders)
    for a, b in itertools.combinations(spots, 2):
        assert not overlaps(a, b)


def test_pasted_people_come_as_a_compact_block_near_the_point() -> None:
    spots = free_spots(Deal(DealInfo(name="Empty")), 10, (0.0, 0.0))
    rows = {y for _, y in spots}
    assert len(rows) == 2, "ten people read as two rows of five, not one long line"
    xs = [x for x, _ in spots]
    assert (min(xs) + max(xs)) / 2 == 0.0


def test_a_person_dropped_onto_another_is_nudged_to_the_nearest_free_spot() -> None:
    deal = row_deal(3)
    landed = settle(deal, {"p2": (405.0, 10.0)})  # right on top of p1
    spot = landed["p2"]
    assert clear_of(spot, [p for p in deal.stakeholders if p.id != "p2"])
    assert abs(spot[0] - 405) + abs(spot[1] - 10) < NODE_WIDTH + NODE_HEIGHT, "nearby"


def test_a_drop_on_free_canvas_stays_exactly_where_it_was_dropped() -> None:
    deal = row_deal(3)
    assert settle(deal, {"p2": (123.4, 900.0)}) == {"p2": (123.4, 900.0)}


def test_a_group_dropped_onto_someone_moves_on_together_keeping_its_shape() -> None:
    deal = row_deal(4, spacing=220.0)
    landed = settle(deal, {"p2": (10.0, 5.0), "p3": (230.0, 5.0)})  # onto p0 and p1
    others = [p for p in deal.stakeholders if p.id in ("p0", "p1")]
    assert all(clear_of(spot, others) for spot in landed.values())
    assert landed["p3"][0] - landed["p2"][0] == 220.0
    assert landed["p3"][1] == landed["p2"][1]


@given(deals(min_people=1, max_people=15), near_points)
def test_whatever_the_drop_the_dropped_person_lands_on_nobody(deal: Deal, at: Point) -> None:
    mover = deal.stakeholders[0]
    spot = settle(deal, {mover.id: at})[mover.id]
    assert clear_of(spot, [p for p in deal.stakeholders if p.id != mover.id])


def test_people_typed_into_a_list_go_in_rows_of_five_in_the_lists_order() -> None:
    deal = Deal(DealInfo(name="Empty"))
    spots = next_in_rows(deal, 7)
    column, level = NODE_WIDTH + H_GAP, NODE_HEIGHT + V_GAP
    assert spots[:5] == [(n * column, 0.0) for n in range(5)]
    assert spots[5:] == [(0.0, level), (column, level)]
    # One at a time, as typed: each goes on after the last.
    deal.add_stakeholders([person("a", *spots[0]), person("b", *spots[1])])
    assert next_in_rows(deal) == [spots[2]]


@given(deals(max_people=20), st.integers(1, 12))
def test_people_typed_into_a_list_overlap_nobody(deal: Deal, count: int) -> None:
    spots = next_in_rows(deal, count)
    assert len(spots) == count
    for spot in spots:
        assert clear_of(spot, deal.stakeholders)
    for a, b in itertools.combinations(spots, 2):
        assert not overlaps(a, b)
