"""The map canvas mirrors the deal and turns canvas gestures into single undoable edits."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QApplication

from consensus_map.app.canvas import DealScene, DealView
from consensus_map.app.document import Document
from consensus_map.domain import (
    BuyerMode,
    Deal,
    DealInfo,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.layout import overlaps


def small_deal() -> Deal:
    people = [
        Stakeholder(
            "dana",
            "Dana Ruiz",
            "VP Operations",
            Role.DECISION_SHAPER,
            Readiness.ALIGNED,
            Stance.CHAMPION,
            attends=True,
            x=0,
            y=0,
        ),
        Stakeholder("chris", "Chris Park", "CFO", Role.DECISION_MAKER, attends=True, x=300, y=0),
        Stakeholder(
            "lee",
            "Lee Okafor",
            "Manager",
            Role.END_USER,
            Readiness.EXPLORING,
            Stance.SUPPORTER,
            x=0,
            y=200,
        ),
        Stakeholder("sam", "Sam Whitfield", "Security", Role.GATEKEEPER, x=300, y=200),
    ]
    ties = [
        Tie("lee", "dana", TieKind.REPORTS_TO),
        Tie("dana", "chris", TieKind.INFLUENCES, 2),
        Tie("dana", "lee", TieKind.ALLY, 3),
        Tie("chris", "sam", TieKind.RIVAL),
    ]
    return Deal(DealInfo(name="Acme renewal"), people, ties)


@pytest.fixture
def document(qapp: Any) -> Document:
    return Document(small_deal())


@pytest.fixture
def scene(document: Document) -> DealScene:
    return DealScene(document)


@pytest.fixture
def view(scene: DealScene, qtbot: Any) -> DealView:
    view = DealView(scene)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def mirror(scene: DealScene) -> tuple[dict[str, tuple[float, float]], set[Any]]:
    """What the canvas shows: positions by person id, and tie keys."""
    positions = {pid: (it.x(), it.y()) for pid, it in scene.person_items.items()}
    return positions, set(scene.tie_items)


def model(deal: Deal) -> tuple[dict[str, tuple[float, float]], set[Any]]:
    return {p.id: (p.x, p.y) for p in deal.stakeholders}, {t.key for t in deal.ties}


def test_one_item_per_person_and_tie(scene: DealScene, document: Document) -> None:
    assert mirror(scene) == model(document.deal)
    assert len(scene.person_items) == 4 and len(scene.tie_items) == 4
    # Ties lie under people so a line never hides a name.
    assert all(
        t.zValue() < p.zValue()
        for t in scene.tie_items.values()
        for p in scene.person_items.values()
    )


def test_delete_then_undo_puts_the_same_people_and_ties_back(
    scene: DealScene, document: Document
) -> None:
    before = mirror(scene)
    document.delete(["dana"], [("chris", "sam", TieKind.RIVAL)])
    assert "dana" not in scene.person_items
    assert set(scene.tie_items) == set()  # dana's three ties and the rival tie went
    assert mirror(scene) == model(document.deal)
    document.undo_stack.undo()
    assert mirror(scene) == before == model(document.deal)


def test_edits_update_only_what_changed(scene: DealScene, document: Document) -> None:
    untouched = scene.person_items["sam"]
    new_id = document.add_person((600.0, 0.0), name="Riley Chen")
    assert scene.person_items["sam"] is untouched
    assert scene.person_items[new_id].pos() == QPointF(600, 0)
    document.add_tie(new_id, "chris", TieKind.INFLUENCES, 3)
    assert (new_id, "chris", TieKind.INFLUENCES) in scene.tie_items
    document.edit_person("sam", name="Samantha Whitfield")
    assert scene.person_items["sam"] is untouched
    assert untouched.name_text == "Samantha Whitfield"


def test_a_drag_of_two_people_is_one_move_and_one_undo(
    view: DealView, scene: DealScene, document: Document, qtbot: Any
) -> None:
    scene.person_items["dana"].setSelected(True)
    scene.person_items["lee"].setSelected(True)
    start = view.mapFromScene(QPointF(0, 0))
    end = start + QPoint(80, 40)
    scale = view.transform().m11()
    qtbot.mousePress(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, start
    )
    # Several small steps: items move visually, the model does not yet.
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + QPoint(16 * step, 8 * step))
    assert document.deal.stakeholder("dana").x == 0.0
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, end
    )
    assert document.undo_stack.count() == 1
    dana, lee = document.deal.stakeholder("dana"), document.deal.stakeholder("lee")
    assert (dana.x, dana.y) == pytest.approx((80 / scale, 40 / scale), abs=1)
    assert (lee.x, lee.y) == pytest.approx((80 / scale, 200 + 40 / scale), abs=1)
    # The tie between them followed.
    assert mirror(scene) == model(document.deal)
    document.undo_stack.undo()
    assert model(document.deal)[0]["dana"] == (0.0, 0.0)
    assert scene.person_items["dana"].pos() == QPointF(0, 0)


def test_tie_follows_a_moved_person(scene: DealScene, document: Document) -> None:
    tie = scene.tie_items[("dana", "chris", TieKind.INFLUENCES)]
    before = tie.boundingRect()
    document.move({"chris": (300.0, 900.0)})
    assert tie.boundingRect().bottom() > before.bottom() + 500


def test_names_are_plain_text_never_markup(scene: DealScene, document: Document) -> None:
    hostile = "<img src=x><b>bold</b>"
    document.edit_person("sam", name=hostile, title="<i>CISO</i>")
    item = scene.person_items["sam"]
    assert item.person.name == hostile
    shown = item.name_text.removesuffix("…")
    assert shown and hostile.startswith(shown)  # drawn as the characters themselves
    tooltip = item.toolTip()
    assert "&lt;img src=x&gt;&lt;b&gt;bold&lt;/b&gt;" in tooltip
    assert "<img" not in tooltip and "<i>" not in tooltip


def _tooltip_as_shown(item: Any) -> str:
    """The tooltip as a person reads it: Qt renders a `<qt>` tooltip as rich text."""
    shown = QTextDocument()
    shown.setHtml(item.toolTip())
    return shown.toPlainText()


def test_tooltip_shows_mode_and_concern_only_when_known(
    scene: DealScene, document: Document
) -> None:
    item = scene.person_items["sam"]
    assert "buyer mode" not in _tooltip_as_shown(item)
    assert "concern" not in _tooltip_as_shown(item)
    document.edit_person("sam", mode=BuyerMode.EVEN_KEEL, concern="no new vendors this year")
    lines = _tooltip_as_shown(item).splitlines()
    assert "buyer mode: even keel" in lines
    assert "concern: “no new vendors this year”" in lines
    document.undo_stack.undo()
    assert "buyer mode" not in _tooltip_as_shown(item), "undo shows in the tooltip"


def test_a_concern_is_shown_as_typed_never_as_markup(scene: DealScene, document: Document) -> None:
    document.edit_person("sam", concern="<b>SAP</b> & <img src=x>")
    item = scene.person_items["sam"]
    assert "concern: “<b>SAP</b> & <img src=x>”" in _tooltip_as_shown(item).splitlines()
    assert "<b>SAP" not in item.toolTip() and "<img" not in item.toolTip()


def test_halo_grows_with_veto_risk(scene: DealScene, document: Document) -> None:
    sinkers = [a for a in document.analysis.stakeholders if a.sinker]
    assert len(sinkers) >= 2, "the small deal should have at least two deal-sinkers"
    low, high = min(sinkers, key=lambda a: a.veto_risk), max(sinkers, key=lambda a: a.veto_risk)
    assert high.veto_risk > low.veto_risk
    assert scene.person_items[high.id].halo_margin() > scene.person_items[low.id].halo_margin() > 0
    champion = document.analysis.assessment("dana")
    assert champion is not None and not champion.sinker
    assert scene.person_items["dana"].halo_margin() == 0


def test_halo_follows_the_analysis_after_an_edit(scene: DealScene, document: Document) -> None:
    assert scene.person_items["chris"].halo_margin() > 0
    document.edit_person("chris", readiness=Readiness.COMMITTED, stance=Stance.CHAMPION)
    assert scene.person_items["chris"].halo_margin() == 0


def test_filter_dims_everyone_but_attendees(scene: DealScene) -> None:
    scene.set_filter(attendees_only=True, sinkers_only=False)
    dimmed = {pid for pid, it in scene.person_items.items() if it.opacity() < 1}
    assert dimmed == {"lee", "sam"}
    assert all(it.isVisible() for it in scene.person_items.values())
    assert scene.tie_items[("dana", "chris", TieKind.INFLUENCES)].opacity() == 1
    assert scene.tie_items[("chris", "sam", TieKind.RIVAL)].opacity() < 1
    scene.set_filter(False, False)
    assert all(it.opacity() == 1 for it in scene.person_items.values())


def test_sinker_filter_dims_the_safe_people(scene: DealScene, document: Document) -> None:
    scene.set_filter(attendees_only=False, sinkers_only=True)
    for pid, item in scene.person_items.items():
        assessment = document.analysis.assessment(pid)
        assert assessment is not None
        assert (item.opacity() < 1) == (not assessment.sinker)


def test_fit_shows_every_person(view: DealView, scene: DealScene, document: Document) -> None:
    document.move({"sam": (5000.0, 4000.0)})
    view.fit()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in scene.person_items.values():
        assert visible.contains(item.sceneBoundingRect().center())


def test_delete_key_deletes_the_selection_as_one_undo_step(
    view: DealView, scene: DealScene, document: Document, qtbot: Any
) -> None:
    scene.person_items["sam"].setSelected(True)
    scene.tie_items[("dana", "lee", TieKind.ALLY)].setSelected(True)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "sam" not in document.deal
    assert document.deal.find_tie("dana", "lee", TieKind.ALLY) is None
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert mirror(scene) == model(document.deal)


def test_double_click_on_empty_canvas_adds_a_person_who_overlaps_nobody(
    view: DealView, scene: DealScene, document: Document, qtbot: Any
) -> None:
    # Just beside Dana: the new box must be pushed clear of her.
    spot = view.mapFromScene(QPointF(100, 50))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    prompt = view.name_prompt
    assert prompt.isVisible() and prompt.hasFocus(), "the name comes first, on the map"
    qtbot.keyClicks(prompt, "Helen Ortiz")
    qtbot.keyClick(prompt, Qt.Key.Key_Return)
    assert len(document.deal) == 5
    new = scene.selected_person_ids()
    assert new == ["helen-ortiz"], "the id is made from the name"
    person = document.deal.stakeholder(new[0])
    assert person.name == "Helen Ortiz"
    assert not any(
        overlaps((person.x, person.y), (p.x, p.y))
        for p in document.deal.stakeholders
        if p.id != person.id
    )
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Add Helen Ortiz"


def test_escape_in_the_name_field_adds_nobody(
    view: DealView, scene: DealScene, document: Document, qtbot: Any
) -> None:
    view.ask_name(QPointF(900, 900))
    qtbot.keyClicks(view.name_prompt, "Nobody")
    qtbot.keyClick(view.name_prompt, Qt.Key.Key_Escape)
    assert len(document.deal) == 4
    assert not view.name_prompt.isVisible()
    assert document.undo_stack.count() == 0


def test_a_person_dropped_onto_another_is_nudged_aside_in_the_same_undo_step(
    view: DealView, scene: DealScene, document: Document, qtbot: Any
) -> None:
    sam = scene.person_items["sam"]
    start = view.mapFromScene(QPointF(300, 200))
    end = view.mapFromScene(QPointF(310, 10))  # right on Chris (300, 0)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + (end - start) * step / 5)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    landed = document.deal.stakeholder("sam")
    assert not overlaps((landed.x, landed.y), (300, 0))
    assert (sam.x(), sam.y()) == (landed.x, landed.y), "the box shows where the model has it"
    assert document.undo_stack.count() == 1, "the nudge is part of the move"
    document.undo_stack.undo()
    assert (document.deal.stakeholder("sam").x, document.deal.stakeholder("sam").y) == (300, 200)
    assert (sam.x(), sam.y()) == (300, 200)


def test_right_drag_from_one_person_to_another_connects_them(
    view: DealView, scene: DealScene, document: Document, qtbot: Any
) -> None:
    asked: list[tuple[str, str]] = []

    def choose(_pos: QPoint, source: str, target: str) -> TieKind:
        asked.append((source, target))
        return TieKind.INFLUENCES

    scene.connect_tool.choose_kind = choose
    start, end = view.mapFromScene(QPointF(0, 200)), view.mapFromScene(QPointF(300, 200))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.RightButton, pos=start)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.RightButton, pos=end)
    assert asked == [("Lee Okafor", "Sam Whitfield")]
    assert ("lee", "sam", TieKind.INFLUENCES) in scene.tie_items
    assert document.undo_stack.count() == 1
    assert mirror(scene) == model(document.deal)


def test_dropping_a_connection_on_empty_canvas_changes_nothing(
    view: DealView, scene: DealScene, document: Document, qtbot: Any
) -> None:
    scene.connect_tool.choose_kind = lambda *_: TieKind.ALLY
    scene.set_connect_mode(True)
    start, end = view.mapFromScene(QPointF(0, 0)), view.mapFromScene(QPointF(150, 600))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert document.undo_stack.count() == 0
    assert document.deal.stakeholder("dana").x == 0


def test_keyboard_tab_enter_and_arrows(
    view: DealView, scene: DealScene, document: Document, qtbot: Any
) -> None:
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert scene.selected_person_ids() == ["dana"]  # reading order: top left first
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert scene.selected_person_ids() == ["chris"]
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert scene.selected_person_ids() == ["dana"]
    with qtbot.waitSignal(view.activated) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == ["dana"]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert document.deal.stakeholder("dana").x == 10
    assert document.undo_stack.count() == 1


def test_zoom_slots_and_center_on_person(view: DealView, scene: DealScene) -> None:
    before = view.scale_factor()
    view.zoom_in()
    assert view.scale_factor() > before
    view.zoom_out()
    assert view.scale_factor() == pytest.approx(before)
    view.center_on_person("sam")
    assert scene.selected_person_ids() == ["sam"]
    centre = view.mapToScene(view.viewport().rect().center())
    assert abs(centre.x() - 300) < 5 and abs(centre.y() - 200) < 5


def test_highlight_marks_found_people(scene: DealScene) -> None:
    scene.set_highlight(["lee"])
    assert [pid for pid, it in scene.person_items.items() if it.highlighted] == ["lee"]


def test_inferred_stance_is_shown_as_a_guess(scene: DealScene, document: Document) -> None:
    # Chris is unknown; the engine's guess (if any) is marked as inferred, never stated.
    stance, inferred = scene.person_items["chris"].shown_stance()
    assessment = document.analysis.assessment("chris")
    assert assessment is not None
    if inferred:
        assert stance == assessment.inferred_stance
    else:
        assert stance is Stance.UNKNOWN
    assert scene.person_items["dana"].shown_stance() == (Stance.CHAMPION, False)


def test_a_dark_palette_gives_light_text_colours(scene: DealScene, qapp: Any) -> None:
    dark = QPalette(QApplication.palette())
    dark.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.white)
    dark.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.black)
    scene.setPalette(dark)
    assert scene.colours.text.lightness() > 200
    assert scene.colours.background.lightness() < 50


def test_zoomed_out_the_map_still_names_everyone_it_can(scene: DealScene) -> None:
    # A committee fitted into a laptop's window is drawn at about a third of its size: the
    # box's own text is too small there, so the name alone is drawn at a readable size.
    from consensus_map.render.style import DETAIL_LOD, FAR_NAME_PIXELS, NAME_LOD

    chris, sam = scene.person_items["chris"], scene.person_items["sam"]
    lod = (NAME_LOD + DETAIL_LOD) / 2
    far = chris.far_name(lod)
    assert far is not None
    font, text = far
    assert text == "Chris Park"
    assert font.pixelSize() * lod == pytest.approx(FAR_NAME_PIXELS, abs=1)
    # Too long for the box at this size: first name and initial, not "Sam Whitf…".
    sam_far = sam.far_name(lod)
    assert sam_far is not None and sam_far[1] == "Sam W."
    # Full detail above DETAIL_LOD; nothing readable below NAME_LOD (a 2,000-person map).
    assert chris.far_name(DETAIL_LOD) is None
    assert chris.far_name(NAME_LOD / 2) is None
