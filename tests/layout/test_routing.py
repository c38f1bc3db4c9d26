"""Tie routing: a tie curves around people in its way, and only as far as it must."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from consensus_map.layout import NODE_WIDTH
from consensus_map.layout.routing import Obstacles, _curve_hits, detour

ROW = {"dana": (0.0, 0.0), "chris": (300.0, 0.0), "priya": (600.0, 0.0)}


def test_a_clear_line_stays_straight() -> None:
    obstacles = Obstacles(ROW)
    assert detour(ROW["dana"], ROW["chris"], ("dana", "chris"), obstacles) == 0.0


def test_a_line_through_a_peer_curves_around_them() -> None:
    obstacles = Obstacles(ROW)
    bend = detour(ROW["dana"], ROW["priya"], ("dana", "priya"), obstacles)
    assert bend != 0.0
    control = (300.0, bend)  # the midpoint shifted sideways (left of dana → priya is +y)
    assert not _curve_hits(ROW["dana"], control, ROW["priya"], ("dana", "priya"), obstacles)
    # ...and the same person standing elsewhere leaves the line straight.
    moved = Obstacles({**ROW, "chris": (300.0, 400.0)})
    assert detour(ROW["dana"], ROW["priya"], ("dana", "priya"), moved) == 0.0


def test_the_two_people_of_the_tie_are_never_in_its_way() -> None:
    # Overlapping ends (a pile of imported people at 0, 0) do not bend the tie.
    pile = {"a": (0.0, 0.0), "b": (10.0, 0.0)}
    assert detour(pile["a"], pile["b"], ("a", "b"), Obstacles(pile)) == 0.0


@given(
    st.lists(
        st.tuples(st.integers(-8, 8), st.integers(-8, 8)), min_size=3, max_size=12, unique=True
    )
)
def test_routing_is_deterministic_and_bounded(cells: list[tuple[int, int]]) -> None:
    positions = {f"p{i}": (x * NODE_WIDTH * 1.3, y * 150.0) for i, (x, y) in enumerate(cells)}
    obstacles = Obstacles(positions)
    a, b = positions["p0"], positions["p1"]
    first = detour(a, b, ("p0", "p1"), obstacles)
    assert first == detour(a, b, ("p0", "p1"), Obstacles(dict(reversed(positions.items()))))
    length = ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
    assert abs(first) <= 0.45 * length + 1e-9
