"""The compact org chart: a whole account on one screen and a few pages, a committee as before.

Over generated trees of 30 to 5,000 people (random, deep account-like, a company of teams):
nobody overlaps, every manager is above their reports, every reports-to line is clear of
everyone else's box, the same deal gives the same chart, and the chart's shape stays
within 3:1 either way.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import ORG_SHAPES, deals, org_tree, org_trees

from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie, TieKind
from consensus_map.layout import NODE_HEIGHT, NODE_WIDTH, org_chart, overlaps
from consensus_map.layout.routing import Obstacles, org_route

Point = tuple[float, float]


def person(pid: str) -> Stakeholder:
    return Stakeholder(id=pid, name=pid)


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


def extent(positions: dict[str, Point]) -> tuple[float, float]:
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    return max(xs) - min(xs) + NODE_WIDTH, max(ys) - min(ys) + NODE_HEIGHT


def hidden_ties(deal: Deal, positions: dict[str, Point]) -> list[Tie]:
    """Reports-to ties that, as the canvas draws them, run through a third person's box."""
    obstacles = Obstacles(positions)
    hidden = []
    for tie in deal.ties:
        if tie.kind is not TieKind.REPORTS_TO:
            continue
        report, manager = positions[tie.source], positions[tie.target]
        corners = org_route(report, manager)
        points = (report, *corners, manager) if corners else (report, manager)
        ends = (tie.source, tie.target)
        if any(obstacles.hit(a, b, ends) for a, b in itertools.pairwise(points)):
            hidden.append(tie)
    return hidden


def check_chart(deal: Deal, positions: dict[str, Point]) -> None:
    assert list(positions) == [p.id for p in deal.stakeholders]  # everyone, in deal order
    assert overlapping_pairs(positions) == []
    for tie in deal.ties:
        if tie.kind is TieKind.REPORTS_TO:
            assert positions[tie.target][1] < positions[tie.source][1]
    assert hidden_ties(deal, positions) == []


@settings(max_examples=30)
@given(org_trees(min_size=30, max_size=2000))
def test_a_generated_org_chart_is_clear_and_within_three_to_one(deal: Deal) -> None:
    positions = org_chart(deal)
    check_chart(deal, positions)
    width, height = extent(positions)
    assert 1 / 3 <= width / height <= 3


@pytest.mark.parametrize("shape", ORG_SHAPES)
def test_five_thousand_people_fit_a_landscape_page_shape(shape: str) -> None:
    deal = org_tree(shape, 5000, seed=1)
    positions = org_chart(deal)
    check_chart(deal, positions)
    width, height = extent(positions)
    assert 1 / 3 <= width / height <= 3


@given(deals(max_people=40))
def test_any_deal_is_laid_out_clear_whatever_its_forest(deal: Deal) -> None:
    # Several trees, people outside any tree, single managers with one report...
    check_chart(deal, org_chart(deal))


@settings(max_examples=20)
@given(org_trees(min_size=30, max_size=600), st.randoms(use_true_random=False))
def test_the_same_deal_gives_the_same_chart_whatever_the_order(deal: Deal, rng: object) -> None:
    people = list(deal.stakeholders)
    ties = list(deal.ties)
    rng.shuffle(people)  # type: ignore[attr-defined]
    rng.shuffle(ties)  # type: ignore[attr-defined]
    shuffled = Deal(deal.info, people, ties)
    first = org_chart(deal)
    assert org_chart(deal) == first
    again = org_chart(shuffled)
    assert {pid: again[pid] for pid in first} == first


def team(manager: str, size: int, prefix: str) -> tuple[list[str], list[Tie]]:
    ids = [f"{prefix}{n:02d}" for n in range(size)]
    return ids, [Tie(pid, manager, TieKind.REPORTS_TO) for pid in ids]


def test_a_committee_keeps_its_tidy_rows_one_column_apart() -> None:
    # The CEO's four reports (two with teams of their own) and a team of four: each row
    # level, one column apart, its manager centred above it, as the leaf-column layout did.
    ids, ties = team("ceo", 4, "vp")
    a_team, a_ties = team("vp00", 4, "a")
    b_team, b_ties = team("vp01", 2, "b")
    people = [person(pid) for pid in ["ceo", *ids, *a_team, *b_team]]
    deal = Deal(DealInfo(name="Committee"), people, ties + a_ties + b_ties)
    positions = org_chart(deal)
    check_chart(deal, positions)
    for manager, reports in [("ceo", ids), ("vp00", a_team), ("vp01", b_team)]:
        xs = sorted(positions[pid][0] for pid in reports)
        assert {positions[pid][1] for pid in reports} == {positions[manager][1] + 156}
        assert positions[manager][0] == (xs[0] + xs[-1]) / 2
        assert all(b - a >= NODE_WIDTH + 40 for a, b in itertools.pairwise(xs))
    # Reports read by name, left to right.
    assert sorted(a_team, key=lambda pid: positions[pid][0]) == a_team


def test_many_reports_without_reports_stack_in_columns_beside_the_spine() -> None:
    ids, ties = team("boss", 24, "r")
    deal = Deal(DealInfo(name="Team"), [person("boss"), *map(person, ids)], ties)
    positions = org_chart(deal)
    check_chart(deal, positions)
    columns = {positions[pid][0] for pid in ids}
    rows = {positions[pid][1] for pid in ids}
    assert 2 <= len(columns) <= 6 and len(rows) >= 4  # a block, not a row of 24
    spine = positions["boss"][0]
    # The line down from the manager runs between the columns, clear of every box.
    assert all(abs(positions[pid][0] - spine) >= NODE_WIDTH / 2 + 16 for pid in ids)
    width, height = extent(positions)
    assert 1 / 3 <= width / height <= 3


def test_a_wide_level_wraps_into_rows() -> None:
    # A CEO with 30 directors, each with three reports: one row would be 90 boxes wide.
    ids, ties = team("ceo", 30, "d")
    people = [person("ceo"), *map(person, ids)]
    for director in ids:
        reports, more = team(director, 3, f"{director}-")
        people += map(person, reports)
        ties += more
    deal = Deal(DealInfo(name="Wide"), people, ties)
    positions = org_chart(deal)
    check_chart(deal, positions)
    assert len({positions[pid][1] for pid in ids}) >= 2
    width, height = extent(positions)
    assert 1 / 3 <= width / height <= 3


def test_people_outside_the_org_chart_are_grouped_beneath_it() -> None:
    ids, ties = team("boss", 3, "r")
    loners = [f"z{n}" for n in range(40)]
    people = [person("boss"), *map(person, ids), *map(person, loners)]
    positions = org_chart(Deal(DealInfo(name="Mixed"), people, ties))
    lowest_in_chart = max(positions[pid][1] for pid in ["boss", *ids])
    assert all(positions[pid][1] > lowest_in_chart for pid in loners)
    assert overlapping_pairs(positions) == []


def test_the_top_left_box_is_at_the_origin() -> None:
    positions = org_chart(org_tree("random", 300, seed=3))
    assert min(x for x, _ in positions.values()) == 0
    assert min(y for _, y in positions.values()) == 0


def test_many_small_org_charts_and_people_outside_them_keep_a_page_shape() -> None:
    # A CRM import: sixty small teams, and 150 contacts with no manager and no reports.
    rng = random.Random(3)
    people, ties = [], []
    for t in range(60):
        ids = [f"t{t:02d}-{i}" for i in range(rng.randint(2, 12))]
        people += map(person, ids)
        ties += [Tie(ids[i], ids[rng.randrange(i)], TieKind.REPORTS_TO) for i in range(1, len(ids))]
    loners = [f"z{n:03d}" for n in range(150)]
    deal = Deal(DealInfo(name="Imported"), people + list(map(person, loners)), ties)
    positions = org_chart(deal)
    check_chart(deal, positions)
    width, height = extent(positions)
    assert 1 / 3 <= width / height <= 3
    in_trees = [p.id for p in people]
    assert min(positions[pid][1] for pid in loners) > max(positions[pid][1] for pid in in_trees)
    # The people outside the trees are grouped beneath them, no wider than they are.
    trees_right = max(positions[pid][0] for pid in in_trees)
    assert max(positions[pid][0] for pid in loners) <= trees_right + NODE_WIDTH + 40
