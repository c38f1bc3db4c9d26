"""Layouts: boxes never overlap, managers sit above their reports, same deal → same map."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import deals

from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie, TieKind
from consensus_map.layout import (
    NODE_HEIGHT,
    NODE_WIDTH,
    free_spot,
    influence_layout,
    org_chart,
    overlaps,
)

Point = tuple[float, float]


def overlapping_pairs(positions: dict[str, Point]) -> list[tuple[str, str]]:
    """Every pair of boxes that share area (a sweep over x keeps big maps fast)."""
    ordered = sorted(positions.items(), key=lambda kv: kv[1][0])
    found = []
    for i, (a, pa) in enumerate(ordered):
        for b, pb in ordered[i + 1 :]:
            if pb[0] - pa[0] >= NODE_WIDTH:
                break
            if overlaps(pa, pb):
                found.append((a, b))
    return found


def person(pid: str, name: str | None = None, x: float = 0, y: float = 0) -> Stakeholder:
    return Stakeholder(id=pid, name=name or pid, x=x, y=y)


def big_tree(size: int, seed: int = 7) -> Deal:
    rng = random.Random(seed)
    people = [person(f"p{i}", f"Person {i:04d}") for i in range(size)]
    ties = [
        Tie(f"p{i}", f"p{rng.randrange(max(1, i // 3), i) if i > 3 else 0}", TieKind.REPORTS_TO)
        for i in range(1, size)
    ]
    ties += [
        Tie(f"p{rng.randrange(size)}", f"p{i}", TieKind.INFLUENCES, 2.0)
        for i in range(0, size, 7)
        if i
    ]
    unique = {t.key: t for t in ties if t.source != t.target}
    return Deal(DealInfo(name="Big account"), people, unique.values())


def sample_org() -> Deal:
    people = [person(i) for i in ["ceo", "cfo", "cto", "analyst", "dev", "ops", "loner"]]
    ties = [
        Tie("cfo", "ceo", TieKind.REPORTS_TO),
        Tie("cto", "ceo", TieKind.REPORTS_TO),
        Tie("analyst", "cfo", TieKind.REPORTS_TO),
        Tie("dev", "cto", TieKind.REPORTS_TO),
        Tie("ops", "cto", TieKind.REPORTS_TO),
        Tie("loner", "cfo", TieKind.INFLUENCES, 2),
    ]
    return Deal(DealInfo(name="Org"), people, ties)


def test_the_whole_map_org_chart_puts_managers_above_and_centred_over_their_reports() -> None:
    pos = org_chart(sample_org())
    for report, manager in [("cfo", "ceo"), ("cto", "ceo"), ("analyst", "cfo"), ("dev", "cto")]:
        assert pos[manager][1] < pos[report][1]
    # The CTO sits between their two reports, the CEO between CFO and CTO.
    assert pos["dev"][0] < pos["cto"][0] < pos["ops"][0]
    assert pos["cfo"][0] < pos["ceo"][0] < pos["cto"][0]
    # Reports are ordered by name: "dev" left of "ops".
    assert pos["dev"][0] < pos["ops"][0]
    # Someone outside the org chart goes beneath the trees.
    assert pos["loner"][1] > max(pos[p][1] for p in ["analyst", "dev", "ops"])
    assert overlapping_pairs(pos) == []


def test_separate_org_trees_sit_side_by_side_without_overlap() -> None:
    people = [person(i) for i in ["a", "a1", "a2", "b", "b1", "b2"]]
    ties = [Tie(c, c[0], TieKind.REPORTS_TO) for c in ["a1", "a2", "b1", "b2"]]
    pos = org_chart(Deal(DealInfo(name="Two"), people, ties))
    assert pos["a"][1] == pos["b"][1]
    assert max(pos[p][0] for p in ["a", "a1", "a2"]) < min(pos[p][0] for p in ["b", "b1", "b2"])
    assert overlapping_pairs(pos) == []


@given(deals(max_people=25))
def test_org_chart_never_overlaps_and_keeps_managers_above(deal: Deal) -> None:
    pos = org_chart(deal)
    assert set(pos) == {p.id for p in deal.stakeholders}
    assert overlapping_pairs(pos) == []
    for tie in deal.ties:
        if tie.kind is TieKind.REPORTS_TO:
            assert pos[tie.target][1] < pos[tie.source][1]


@given(deals(max_people=25), st.integers(min_value=0, max_value=3))
def test_influence_layout_never_overlaps_and_is_deterministic(deal: Deal, seed: int) -> None:
    pos = influence_layout(deal, seed=seed)
    assert set(pos) == {p.id for p in deal.stakeholders}
    assert overlapping_pairs(pos) == []
    assert influence_layout(deal, seed=seed) == pos


def test_a_two_thousand_person_account_map_has_no_overlaps() -> None:
    deal = big_tree(2000)
    chart = org_chart(deal)
    assert overlapping_pairs(chart) == []
    for tie in deal.ties:
        if tie.kind is TieKind.REPORTS_TO:
            assert chart[tie.target][1] < chart[tie.source][1]
    assert overlapping_pairs(influence_layout(deal)) == []


def test_a_very_deep_reporting_chain_is_laid_out() -> None:
    people = [person(f"p{i}") for i in range(1500)]
    ties = [Tie(f"p{i}", f"p{i - 1}", TieKind.REPORTS_TO) for i in range(1, 1500)]
    pos = org_chart(Deal(DealInfo(name="Chain"), people, ties))
    assert pos["p0"][1] < pos["p1"][1] < pos["p1499"][1]


def test_layouts_are_deterministic_whatever_the_insertion_order() -> None:
    deal = sample_org()
    shuffled = Deal(deal.info, list(reversed(deal.stakeholders)), list(reversed(deal.ties)))
    assert org_chart(deal) == org_chart(shuffled)
    assert influence_layout(deal) == influence_layout(shuffled)
    assert list(org_chart(deal)) == [p.id for p in deal.stakeholders]


def test_influence_layout_pulls_tied_people_closer_than_strangers() -> None:
    people = [person(f"p{i}") for i in range(12)]
    ties = [Tie("p0", "p1", TieKind.INFLUENCES, 5), Tie("p1", "p0", TieKind.INFLUENCES, 5)]
    ties += [Tie(f"p{i}", f"p{i + 1}", TieKind.ALLY, 1) for i in range(2, 11)]
    pos = influence_layout(Deal(DealInfo(name="Pull"), people, ties))

    def dist(a: str, b: str) -> float:
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    assert dist("p0", "p1") < min(dist("p0", f"p{i}") for i in range(3, 12))


@given(
    deals(max_people=25),
    st.tuples(st.floats(-6000, 6000), st.floats(-6000, 6000)),
)
def test_free_spot_never_overlaps_anyone(deal: Deal, near: Point) -> None:
    spot = free_spot(deal, near)
    assert all(not overlaps(spot, (p.x, p.y)) for p in deal.stakeholders)


def test_free_spot_is_the_click_itself_on_empty_canvas_and_close_by_when_taken() -> None:
    deal = sample_org()
    deal.move_stakeholders({p.id: (i * 1000.0, 0.0) for i, p in enumerate(deal.stakeholders)})
    assert free_spot(deal, (500.0, 500.0)) == (500.0, 500.0)
    spot = free_spot(deal, (10.0, 5.0))
    assert not overlaps(spot, (0.0, 0.0))
    assert abs(spot[0] - 10) + abs(spot[1] - 5) < NODE_WIDTH + NODE_HEIGHT


@pytest.mark.parametrize("count", [2, 9, 40])
def test_free_spot_in_a_crowd_finds_a_gap_nearby(count: int) -> None:
    people = [
        person(f"p{i}-{j}", x=i * NODE_WIDTH, y=j * NODE_HEIGHT)
        for i, j in itertools.product(range(count), range(count))
    ]
    deal = Deal(DealInfo(name="Crowd"), people)
    spot = free_spot(deal, (0.0, 0.0))
    assert all(not overlaps(spot, (p.x, p.y)) for p in people)


def five_person_committee() -> Deal:
    people = [person(i) for i in ["dana", "chris", "lee", "sam", "ana"]]
    ties = [
        Tie("lee", "dana", TieKind.REPORTS_TO),
        Tie("dana", "chris", TieKind.INFLUENCES, 2),
        Tie("sam", "chris", TieKind.ALLY, 3),
        Tie("ana", "dana", TieKind.RIVAL),
    ]
    return Deal(DealInfo(name="Five"), people, ties)


def test_a_handful_of_people_get_a_readable_spread_not_a_cramped_line() -> None:
    pos = influence_layout(five_person_committee())
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    # Spread over both directions (a line would be one box high or one box wide)...
    assert max(xs) - min(xs) > 2 * NODE_WIDTH
    assert max(ys) - min(ys) > 2 * NODE_HEIGHT
    # ...with room for every tie to show between the boxes, and no one far from the rest.
    for tie in five_person_committee().ties:
        (ax, ay), (bx, by) = pos[tie.source], pos[tie.target]
        gap = max(abs(ax - bx) - NODE_WIDTH, abs(ay - by) - NODE_HEIGHT)
        assert 20 < gap < 3 * NODE_WIDTH, tie


def test_separate_groups_and_loners_stay_near_the_rest() -> None:
    people = [person(f"p{i}") for i in range(16)]
    ties = [Tie(f"p{i}", f"p{i + 1}", TieKind.INFLUENCES) for i in range(0, 5)]
    ties += [Tie(f"p{i}", "p6", TieKind.REPORTS_TO) for i in range(7, 12)]
    pos = influence_layout(Deal(DealInfo(name="Apart"), people, ties))  # p12..p15: loners
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    # The longest group is a chain of six (drawn as a line of five ties); pushes alone
    # would send the loners and the other group several times that far off.
    assert max(xs) - min(xs) < 12 * NODE_WIDTH
    assert max(ys) - min(ys) < 12 * NODE_WIDTH
    assert overlapping_pairs(pos) == []


def test_a_densely_tied_account_map_does_not_fold_into_a_crowd() -> None:
    # Random influence ties across a big org chart pull everyone toward the middle; the
    # layout must still give people room of their own (little for overlap removal to do).
    size = 600
    rng = random.Random(3)
    ties = [(i, rng.randrange(max(0, i - 50), i), 1.0) for i in range(1, size)]
    ties += [(i, (i + rng.randrange(1, size)) % size, 2.0) for i in range(size)]
    from consensus_map.layout import force

    raw = force.force_directed(size, ties)
    close = sum(
        1
        for i, (x, y) in enumerate(raw)
        if min(math.hypot(x - u, y - v) for j, (u, v) in enumerate(raw) if j != i) < 0.5
    )
    assert close < size * 0.25
