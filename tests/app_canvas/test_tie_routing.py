"""Ties never run under a third person: a line through someone would read as a tie to them."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPainterPathStroker

from consensus_map.app.canvas import DealScene
from consensus_map.app.canvas.person_item import PersonItem
from consensus_map.app.document import Document
from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie, TieKind


def row_of_three() -> Deal:
    # Dana, Chris and Priya side by side, as an org chart puts three peers.
    people = [
        Stakeholder("dana", "Dana Ruiz", x=0, y=0),
        Stakeholder("chris", "Chris Park", x=300, y=0),
        Stakeholder("priya", "Priya Natarajan", x=600, y=0),
    ]
    ties = [Tie("dana", "priya", TieKind.RIVAL, 2), Tie("dana", "chris", TieKind.INFLUENCES)]
    return Deal(DealInfo("Acme"), people, ties)


def people_under(scene: DealScene, key: tuple[str, str, TieKind]) -> set[str]:
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


def test_a_tie_past_someone_curves_around_them(qapp: Any) -> None:
    document = Document(row_of_three())
    scene = DealScene(document)
    rival = ("dana", "priya", TieKind.RIVAL)
    assert people_under(scene, rival) == set()
    # A tie with nobody in the way stays straight.
    assert scene.tie_items[("dana", "chris", TieKind.INFLUENCES)]._detour == 0.0
    document.close()


def test_the_curve_follows_when_the_person_in_the_way_moves(qapp: Any) -> None:
    document = Document(row_of_three())
    scene = DealScene(document)
    rival = ("dana", "priya", TieKind.RIVAL)
    assert scene.tie_items[rival]._detour != 0.0
    document.move({"chris": (300.0, 400.0)})  # out of the way: the tie straightens
    assert scene.tie_items[rival]._detour == 0.0
    document.undo_stack.undo()  # back in the way: it curves again
    assert scene.tie_items[rival]._detour != 0.0
    assert people_under(scene, rival) == set()
    document.close()
