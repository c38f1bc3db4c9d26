"""How a reports-to tie is routed on an org chart: up to a rail above the report, along it to
under the manager, up the spine; a line where that makes no sense or runs under someone."""

from __future__ import annotations

from consensus_map.layout import NODE_HEIGHT
from consensus_map.layout.geometry import RAIL_DROP
from consensus_map.layout.routing import Obstacles, org_route, reports_to_route

MANAGER = (0.0, 0.0)
REPORT = (300.0, 156.0)


def test_a_report_below_and_aside_is_reached_along_a_rail_just_above_them() -> None:
    rail = REPORT[1] - NODE_HEIGHT / 2 - RAIL_DROP
    assert org_route(REPORT, MANAGER) == ((300.0, rail), (0.0, rail))


def test_a_report_right_under_beside_or_above_the_manager_gets_a_line() -> None:
    assert org_route((0.0, 156.0), MANAGER) is None  # the spine itself
    assert org_route((300.0, 0.0), MANAGER) is None  # side by side
    assert org_route((300.0, -156.0), MANAGER) is None  # a manager below their report
    assert org_route((300.0, 100.0), MANAGER) is None  # no room for a rail


def test_the_route_gives_way_when_it_would_run_under_someone() -> None:
    ends = ("report", "manager")
    clear = Obstacles({"report": REPORT, "manager": MANAGER})
    assert reports_to_route(REPORT, MANAGER, ends, clear) == (org_route(REPORT, MANAGER), 0.0)
    # Someone standing on the spine, clear of the straight line: a straight line it is.
    on_spine = Obstacles({"report": REPORT, "manager": MANAGER, "x": (-40.0, 120.0)})
    assert reports_to_route(REPORT, MANAGER, ends, on_spine) == (None, 0.0)
    # Without obstacles (while dragging, or on a very big map) the route is kept.
    assert reports_to_route(REPORT, MANAGER, ends, None) == (org_route(REPORT, MANAGER), 0.0)
