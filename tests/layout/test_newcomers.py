"""People new to a map: under their manager, on free ground, the rest of the map untouched."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from strategies import deals

from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie, TieKind
from consensus_map.layout import NODE_HEIGHT, NODE_WIDTH, org_chart, overlaps
from consensus_map.layout.newcomers import place_newcomers


def arranged(deal: Deal) -> Deal:
    spots = org_chart(deal)
    return Deal(deal.info, [p.replace(x=spots[p.id][0], y=spots[p.id][1]) for p in deal], deal.ties)


def with_newcomers(deal: Deal, newcomers: list[Stakeholder], ties: list[Tie]) -> Deal:
    return Deal(deal.info, [*deal.stakeholders, *newcomers], [*deal.ties, *ties])


def placed(deal: Deal, spots: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    everyone = {p.id: (p.x, p.y) for p in deal.stakeholders}
    everyone.update(spots)
    return everyone


def no_overlaps(positions: dict[str, tuple[float, float]]) -> bool:
    return not any(overlaps(a, b) for a, b in itertools.combinations(positions.values(), 2))


def team() -> Deal:
    people = [Stakeholder(pid, pid.title()) for pid in ("ceo", "cfo", "cio", "ana", "bo")]
    ties = [Tie(a, b, TieKind.REPORTS_TO) for a, b in
            [("cfo", "ceo"), ("cio", "ceo"), ("ana", "cfo"), ("bo", "cfo")]]  # fmt: skip
    return arranged(Deal(DealInfo("Acme"), people, ties))


def test_a_new_report_goes_just_below_their_manager_without_moving_anyone() -> None:
    deal = team()
    grown = with_newcomers(
        deal, [Stakeholder("new", "New")], [Tie("new", "cio", TieKind.REPORTS_TO)]
    )
    spots = place_newcomers(grown, ["new"])
    assert set(spots) == {"new"}
    cio = deal.stakeholder("cio")
    x, y = spots["new"]
    assert abs(x - cio.x) < 2 * NODE_WIDTH
    assert cio.y < y <= cio.y + 3 * NODE_HEIGHT
    assert no_overlaps(placed(deal, spots))


def test_a_new_team_under_a_crowded_manager_slides_aside_and_stays_a_chart() -> None:
    deal = team()
    people = [Stakeholder(f"n{i}", f"N{i}") for i in range(4)]
    ties = [Tie("n0", "cfo", TieKind.REPORTS_TO)] + [
        Tie(f"n{i}", "n0", TieKind.REPORTS_TO) for i in range(1, 4)
    ]
    spots = place_newcomers(with_newcomers(deal, people, ties), [p.id for p in people])
    assert no_overlaps(placed(deal, spots))
    assert all(spots[f"n{i}"][1] > spots["n0"][1] for i in range(1, 4))
    assert spots["n0"][1] > deal.stakeholder("cfo").y


def test_newcomers_without_a_manager_on_the_map_go_beneath_it() -> None:
    deal = team()
    people = [Stakeholder(f"l{i}", f"L{i}") for i in range(6)]
    spots = place_newcomers(with_newcomers(deal, people, []), [p.id for p in people])
    bottom = max(p.y for p in deal.stakeholders)
    assert all(y > bottom for _, y in spots.values())
    assert no_overlaps(placed(deal, spots))


def test_with_nobody_placed_it_is_the_org_chart() -> None:
    deal = Deal(team().info, [p.replace(x=0, y=0) for p in team()], team().ties)
    assert place_newcomers(deal, [p.id for p in deal]) == org_chart(deal)


@given(deals(min_people=1, max_people=14), st.data())
def test_newcomers_never_sit_on_anyone(deal: Deal, data: st.DataObject) -> None:
    deal = arranged(deal)
    ids = [p.id for p in deal]
    count = data.draw(st.integers(min_value=1, max_value=6))
    newcomers = [Stakeholder(f"new{i}", f"New {i}") for i in range(count)]
    ties = []
    for index, person in enumerate(newcomers):
        # A manager already on the map, or a newcomer listed before them (a new team).
        bosses = ids + [p.id for p in newcomers[:index]]
        manager = data.draw(st.none() | st.sampled_from(bosses))
        if manager is not None:
            ties.append(Tie(person.id, manager, TieKind.REPORTS_TO))
    grown = with_newcomers(deal, newcomers, ties)
    spots = place_newcomers(grown, [p.id for p in newcomers])
    assert set(spots) == {p.id for p in newcomers}
    assert no_overlaps(placed(deal, spots))
    assert place_newcomers(grown, [p.id for p in newcomers]) == spots  # deterministic
