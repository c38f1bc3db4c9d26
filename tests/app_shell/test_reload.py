"""The window follows a file another window changed: the map reloads and keeps the view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consensus_map.app.document import RELOADED
from consensus_map.store import open_deal_file


def other_window_edits(path: Path) -> None:
    with open_deal_file(path) as other:
        deal = other.deal
        chris = deal.stakeholder("chris")
        deal.update_stakeholders([chris.edit(title="Chief Financial Officer")], was=[chris])
        deal.remove_stakeholders(["alex"])
        deal.update_info(deal.info.edit(name="Northwind renewal"), was=deal.info)


def test_a_change_from_another_window_shows_and_the_view_stays(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    window.view.zoom_by(1.7)
    window.view.centerOn(window.scene.person_items["dana"])
    window.scene.select_person("dana")
    transform, centre = (
        window.view.transform(),
        window.view.mapToScene(window.view.viewport().rect().center()),
    )
    view, scene = window.view, window.scene
    people = len(window.document.deal)
    other_window_edits(deal_path)
    # The document looks every second; wait for it as a user would.
    qtbot.waitUntil(lambda: "alex" not in window.scene.person_items, timeout=5000)
    assert window.view is view and window.scene is scene, "the map was not rebuilt"
    assert window.view.transform() == transform
    assert window.view.mapToScene(window.view.viewport().rect().center()) == centre
    assert window.scene.selected_person_ids() == ["dana"]
    assert window.scene.person_items["chris"].person.title == "Chief Financial Officer"
    assert window.windowTitle().startswith("Northwind renewal")
    assert window.counts.text().startswith(f"{people - 1} people")
    assert window.statusBar().currentMessage() == RELOADED


def test_a_conflicting_edit_is_refused_with_a_dialog(
    window: Any, deal_path: Path, messages: list[str]
) -> None:
    window.document._watch.stop()  # the edit below must meet the change, not the timer
    other_window_edits(deal_path)
    assert not window.document.edit_person("chris", title="Finance chief")
    assert len(messages) == 1
    assert "title was changed elsewhere to 'Chief Financial Officer'" in messages[0]
    assert window.scene.person_items["chris"].person.title == "Chief Financial Officer"
    assert "alex" not in window.scene.person_items
