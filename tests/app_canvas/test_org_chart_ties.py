"""Reports-to ties on an org chart: down the manager's spine and along a rail to each report,
under nobody else, for a row of reports and for a stack of them alike."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPainterPathStroker

from consensus_map.app.canvas import DealScene
from consensus_map.app.canvas.person_item import PersonItem
from consensus_map.app.document import Document
from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie, TieKey, TieKind
from consensus_map.layout import org_chart


def arranged_team() -> Deal:
    # A director with two managers (one with a team of three) and twelve people without
    # reports, who stack beside the director's spine.
    people = [Stakeholder("dir", "Director"), Stakeholder("m1", "Manager One")]
    people += [Stakeholder("m2", "Manager Two")]
    people += [Stakeholder(f"t{n}", f"Team {n}") for n in range(3)]
    people += [Stakeholder(f"s{n:02d}", f"Staff {n:02d}") for n in range(12)]
    ties = [Tie("m1", "dir", TieKind.REPORTS_TO), Tie("m2", "dir", TieKind.REPORTS_TO)]
    ties += [Tie(f"t{n}", "m1", TieKind.REPORTS_TO) for n in range(3)]
    ties += [Tie(f"s{n:02d}", "dir", TieKind.REPORTS_TO) for n in range(12)]
    ties += [Tie("s03", "t1", TieKind.INFLUENCES, 2)]
    deal = Deal(DealInfo("Org"), people, ties)
    deal.move_stakeholders(org_chart(deal))
    return deal


def people_under(scene: DealScene, key: TieKey) -> set[str]:
    item = scene.tie_items[key]
    stroker = QPainterPathStroker()
    stroker.setWidth(2.0)
    corridor = item.mapToScene(stroker.createStroke(item.path))
    ends = set(key[:2])
    return {
        found.person_id
        for found in scene.items(corridor)
        if isinstance(found, PersonItem) and found.person_id not in ends
    }


def test_every_reports_to_tie_of_an_org_chart_runs_clear_of_everyone(qapp: Any) -> None:
    document = Document(arranged_team())
    scene = DealScene(document)
    reports_to = [key for key in scene.tie_items if key[2] is TieKind.REPORTS_TO]
    assert all(people_under(scene, key) == set() for key in reports_to)
    # Off the manager's centre line, a tie turns twice: up, along the rail, up the spine.
    stacked = [key for key in reports_to if key[0].startswith("s")]
    assert all(len(scene.tie_items[key].lines) == 3 for key in stacked)
    # The influence tie is drawn as before: one line (or curve), not a route.
    assert len(scene.tie_items[("s03", "t1", TieKind.INFLUENCES)].lines) == 1
    document.close()


def test_a_report_moved_beside_the_manager_is_tied_by_a_plain_line(qapp: Any) -> None:
    document = Document(arranged_team())
    scene = DealScene(document)
    key = ("m2", "dir", TieKind.REPORTS_TO)
    assert len(scene.tie_items[key].lines) == 3
    director = document.deal.stakeholder("dir")
    document.move({"m2": (director.x + 400, director.y)})
    assert len(scene.tie_items[key].lines) == 1
    document.undo_stack.undo()
    assert len(scene.tie_items[key].lines) == 3
    document.close()
