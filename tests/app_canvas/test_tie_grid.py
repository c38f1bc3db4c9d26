"""The grid the canvas draws ties from: a tie is found wherever its line runs, not merely
where its bounding rectangle reaches (a long diagonal tie crosses few of the views its
rectangle meets)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from consensus_map.app.canvas.tie_grid import TieGrid

coordinate = st.floats(-70_000, 70_000, allow_nan=False)


@given(coordinate, coordinate, coordinate, coordinate, st.floats(0, 1))
def test_a_tie_is_found_at_every_point_of_its_line(
    x1: float, y1: float, x2: float, y2: float, along: float
) -> None:
    grid: TieGrid[str] = TieGrid()
    grid.place("tie", [(x1, y1, x2, y2)])
    x, y = x1 + (x2 - x1) * along, y1 + (y2 - y1) * along
    assert "tie" in grid.near(x - 1, y - 1, x + 1, y + 1)


def test_a_long_diagonal_tie_is_not_found_in_the_corners_of_its_rectangle() -> None:
    grid: TieGrid[str] = TieGrid()
    grid.place("tie", [(0, 0, 60_000, 40_000)])
    assert "tie" in grid.near(29_000, 19_000, 31_000, 21_000)
    assert grid.near(0, 35_000, 2_000, 40_000) == set()  # bottom left
    assert grid.near(58_000, 0, 60_000, 2_000) == set()  # top right


def test_a_moved_or_removed_tie_is_found_only_where_it_is_now() -> None:
    grid: TieGrid[str] = TieGrid()
    grid.place("tie", [(0, 0, 5_000, 0)])
    grid.place("tie", [(0, 10_000, 5_000, 10_000)])
    assert grid.near(2_000, -10, 2_100, 10) == set()
    assert grid.near(2_000, 9_990, 2_100, 10_010) == {"tie"}
    grid.remove("tie")
    assert grid.near(-100_000, -100_000, 100_000, 100_000) == set()
    assert len(grid) == 0


def test_a_curved_tie_is_found_anywhere_in_its_box() -> None:
    grid: TieGrid[str] = TieGrid()
    grid.place("tie", [(0, 0, 10_000, 0)], box=(0, -3_000, 10_000, 3_000))
    assert grid.near(5_000, 2_500, 5_010, 2_510) == {"tie"}
