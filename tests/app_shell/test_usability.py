"""What a new user found (issue 10): nobody lands on anybody, the map reads at the size it
opens, the toolbar and the inspector stay put, and every panel tells the same story."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QToolBar

from consensus_map.domain import Deal, DealInfo, Readiness, TieKind
from consensus_map.layout import NODE_WIDTH, overlapping
from consensus_map.render.person import rank_radius
from consensus_map.render.style import FAR_STATUS_PIXELS, HALO_MIN, RANK_PIXELS, TOP_HALO_MIN
from consensus_map.store import create_deal_file, read_deal

LONG_NAME = "Maximiliana Rosalind Featherstonehaugh-Cholmondeley & Partners"


def select(window: Any, person_id: str) -> None:
    window.scene.select_person(person_id)
    assert window.inspector.person_id == person_id


def open_window(qtbot: Any, path: Path, size: tuple[int, int]) -> Any:
    from consensus_map.app.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.setWindowState(Qt.WindowState.WindowNoState)
    win.resize(*size)
    assert win.open_path(path)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    return win


def close_window(win: Any) -> None:
    if win.document is not None:
        win.document.close()
        win.document = None


# ------------------------------------------------------------ nobody lands on anybody
def test_people_added_one_after_another_never_overlap(window: Any, deal_path: Path) -> None:
    for n in range(12):
        window.scene.clearSelection()
        assert window.add_person(f"New Person {n}")
    window.scene.select_person("chris")
    for n in range(4):
        assert window.add_person(f"Near Chris {n}"), "near the selection"
    deal = read_deal(deal_path)
    assert overlapping(deal.stakeholders) == []
    near = deal.stakeholder("near-chris-0")
    chris = deal.stakeholder("chris")
    gap = ((near.x - chris.x) ** 2 + (near.y - chris.y) ** 2) ** 0.5
    assert gap < 2.5 * NODE_WIDTH, "beside the selected person (the sample is crowded there)"


def test_new_people_get_ids_from_their_names(window: Any) -> None:
    assert window.add_person("Helen Ortiz") == "helen-ortiz"
    assert window.add_person("Helen Ortiz") == "helen-ortiz-2"
    assert window.document.undo_stack.undoText() == "Add Helen Ortiz"


# ------------------------------------------------------- the map reads as it opens
@pytest.mark.parametrize("size", [(1366, 740), (1632, 918)], ids=["1366x768", "1920x1080"])
def test_the_sample_reads_at_the_size_the_window_opens(
    qtbot: Any, deal_path: Path, size: tuple[int, int]
) -> None:
    # 1366x768: the first window is maximised (less the title bar); 1920x1080: 85%.
    win = open_window(qtbot, deal_path, size)
    try:
        view = win.view
        lod = view.transform().m11()
        for item in win.scene.person_items.values():
            lines = item.text_lines(lod)
            name_font = lines[0][0]
            assert name_font.pixelSize() * lod >= 9.5, f"{item.person.name} is legible"
            assert len(lines) >= 2, f"{item.person.name}: the readiness line is there too"
            status_font = lines[-1][0]
            assert status_font.pixelSize() * lod >= FAR_STATUS_PIXELS - 0.5
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        for item in win.scene.person_items.values():
            assert visible.contains(item.sceneBoundingRect().center())
        # Who could sink it, from the map alone: the top three glow by risk, others a ring.
        ranked = sorted(
            (i for i in win.scene.person_items.values() if i.sinker_rank),
            key=lambda i: i.sinker_rank,
        )
        assert [i.sinker_rank for i in ranked] == [1, 2, 3]
        rest = [i for i in win.scene.person_items.values() if i.is_sinker and not i.sinker_rank]
        assert rest, "the sample has more than three deal-sinkers"
        assert min(i.halo_margin() for i in ranked) >= TOP_HALO_MIN > HALO_MIN
        assert all(i.halo_margin() == HALO_MIN for i in rest)
        margins = [i.halo_margin() for i in ranked]
        assert margins == sorted(margins, reverse=True), "the halo grows with veto risk"
        # Rank badges: RANK_PIXELS in radius on screen, whatever the zoom.
        assert rank_radius(lod) * lod >= RANK_PIXELS - 0.01
    finally:
        close_window(win)


def test_the_map_refits_when_the_window_is_maximised_until_the_user_zooms(
    qtbot: Any, deal_path: Path
) -> None:
    win = open_window(qtbot, deal_path, (900, 600))
    try:
        small = win.view.transform().m11()
        win.resize(1600, 1000)
        QApplication.processEvents()
        assert win.view.transform().m11() > small, "more room: a bigger map"
        win.zoom_in_action.trigger()
        zoomed = win.view.transform().m11()
        win.resize(1300, 900)
        QApplication.processEvents()
        assert win.view.transform().m11() == zoomed, "the user's zoom is kept"
    finally:
        close_window(win)


def test_fit_zooms_in_on_a_small_map_up_to_a_comfortable_maximum(
    qtbot: Any, deal_path: Path
) -> None:
    from consensus_map.app.canvas.view import FIT_MAX_SCALE

    win = open_window(qtbot, deal_path, (1366, 740))
    try:
        win.document.delete([p.id for p in list(win.document.deal.stakeholders)[1:]])
        win.view.zoom_by(0.5)
        win.fit_action.trigger()
        assert win.view.transform().m11() == pytest.approx(FIT_MAX_SCALE)
    finally:
        close_window(win)


# ---------------------------------------------------------- a toolbar that stays put
def toolbar_geometry(window: Any) -> list[tuple[str, Any]]:
    toolbar = window.findChild(QToolBar, "toolbar")
    return [
        (action.iconText(), toolbar.widgetForAction(action).geometry())
        for action in toolbar.actions()
        if not action.isSeparator()
    ]


def test_the_review_and_export_are_one_click_from_the_toolbar_at_1366(
    qtbot: Any, deal_path: Path
) -> None:
    # What the product is used for (the map, the review, the PDF) is on the toolbar, and
    # on a small laptop no button hides in the overflow menu.
    win = open_window(qtbot, deal_path, (1366, 740))
    try:
        toolbar = win.findChild(QToolBar, "toolbar")
        shown = {
            a.iconText()
            for a in toolbar.actions()
            if not a.isSeparator() and toolbar.widgetForAction(a).isVisible()
        }
        assert {"Review", "Export"} <= shown
        assert all(
            toolbar.widgetForAction(a).isVisible() for a in toolbar.actions() if not a.isSeparator()
        ), "nothing in the overflow"
        assert not win.review_dock.isVisible()
        qtbot.mouseClick(toolbar.widgetForAction(win.review_dock.action), Qt.MouseButton.LeftButton)
        assert win.review_dock.isVisible()
        assert win.review_dock.action.isChecked(), "the button shows the review is open"
    finally:
        close_window(win)


def test_toolbar_buttons_never_move_after_edits_with_long_names(window: Any, qtbot: Any) -> None:
    before = toolbar_geometry(window)
    select(window, "chris")
    assert window.document.edit_person("chris", name=LONG_NAME)
    assert window.document.edit_person("chris", attends=False)
    window.undo()  # "Redo Edit <long name>: attends" is now waiting too
    QApplication.processEvents()
    assert toolbar_geometry(window) == before
    assert window.undo_action.iconText() == "Undo"
    assert window.undo_action.toolTip() == "Undo Edit Chris Park: name"
    assert window.redo_action.toolTip() == f"Redo Edit {LONG_NAME}: attends"
    # In the Edit menu the "&" is shown as typed, not as a mnemonic underline.
    assert window.redo_action.text() == f"&Redo Edit {LONG_NAME.replace('&', '&&')}: attends"


# -------------------------------------------------------- an inspector that stays put
def field_tops(window: Any) -> list[int]:
    page = window.inspector.person_page
    return [w.mapTo(window.inspector, w.rect().topLeft()).y() for w in (page.name, page.notes)]


def test_the_inspectors_fields_stay_put_whatever_the_explanation(window: Any) -> None:
    select(window, "dana")  # engaged champion: a short explanation
    short = field_tops(window)
    select(window, "chris")  # the top sinker: many reasons and an action
    assert field_tops(window) == short
    assert window.document.edit_person("chris", name=LONG_NAME, title="Chief Financial Officer")
    assert field_tops(window) == short, "a long name is cut with … on one line"
    heading = window.inspector.person_page.heading
    assert heading.toolTip().startswith(LONG_NAME) and heading.shown_text().endswith("…")


def test_a_narrow_list_is_cut_with_an_ellipsis_and_shown_whole_in_its_tooltip(
    window: Any,
) -> None:
    select(window, "dana")
    combo = window.inspector.person_page.readiness
    combo.resize(110, combo.height())
    assert combo.currentText() == "Aligned — agrees on the change"
    assert combo.shown_text().endswith("…")
    assert combo.toolTip() == "Aligned — agrees on the change"


# ----------------------------------------------------------------- one story everywhere
def test_the_status_bars_sinker_count_matches_the_cards(window: Any) -> None:
    panel = window.risk_panel
    analysis = window.document.analysis
    count = len(analysis.sinkers)
    assert f"{count} deal-sinkers" in window.counts.text()
    assert panel.sinkers_heading.text() == f"Deal-sinkers ({count})"
    # A what-if on the top sinker: their card moves under its own heading.
    top = analysis.sinkers[0]
    window.document.set_what_if([top])
    QApplication.processEvents()
    now = window.document.analysis.sinkers
    sinker_cards = [r for r in panel.sinker_rows if r.person_id in now]
    assert len(sinker_cards) == len(now) <= 8
    assert f"{len(now)} deal-sinker" in window.counts.text()
    assert panel.sinkers_heading.text() == f"Deal-sinkers ({len(now)})"
    if top not in now:
        assert panel.what_if_heading.isVisible()


def test_the_plan_says_what_the_card_says(window: Any) -> None:
    panel = window.risk_panel
    panel.meetings.setValue(5)
    panel.refresh_plan()
    analysis = window.document.analysis
    lines = panel.plan.text().splitlines()
    steps = window.document.plan(5)
    met: set[str] = set()
    for line, step in zip(lines, steps, strict=False):
        card = analysis.assessment(step.id)
        assert card is not None
        assert step.via is None, "one introducer: the card's"
        if step.id not in met:  # a second meeting with someone goes on from the first
            assert card.action and card.action in line, f"{step.name}: the card's own words"
        met.add(step.id)


def test_a_what_if_person_looks_engaged_on_the_map(window: Any) -> None:
    item = window.scene.person_items["chris"]
    assert item.shown_readiness is Readiness.UNENGAGED
    window.document.set_what_if(["chris"])
    target = window.document.deal.info.target_readiness
    assert item.shown_readiness is target
    assert any("(what-if)" in text for _font, text, _rect in item.text_lines(1.0))
    window.document.set_what_if([])
    assert item.shown_readiness is Readiness.UNENGAGED


def test_the_tooltip_uses_the_risk_cards_words(window: Any) -> None:
    card = window.risk_panel.sinker_rows[0]
    item = window.scene.person_items[card.person_id]
    tip = item.toolTip()
    assert f"{card.risk.text()} — deal-sinker #1" in tip, "the card's words, the badge's rank"
    assert card.action.text() in tip


def test_one_person_is_not_one_people(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "acme.dealmap"
    create_deal_file(path, Deal(DealInfo(name="Acme renewal")))
    win = open_window(qtbot, path, (1200, 800))
    try:
        win.add_person("Dana Ruiz")
        assert win.counts.text().startswith("1 person · 0 ties · 0 attendees")
    finally:
        close_window(win)


def test_an_empty_deal_asks_for_people_instead_of_a_100_percent_chance(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "acme.dealmap"
    create_deal_file(path, Deal(DealInfo(name="Acme renewal")))
    win = open_window(qtbot, path, (1200, 800))
    try:
        panel = win.risk_panel
        assert "100" not in panel.probability.text()
        assert "Add the first people" in panel.caption.text()
        assert "People table" in panel.costly.text()
        assert win.view.empty_hint.isVisible()
        win.add_person("Dana Ruiz")
        assert not win.view.empty_hint.isVisible()
        # Someone on the map who neither signs, attends nor sways: still no "100% chance",
        # but what to mark so that there is a decision to weigh.
        assert panel.probability.text() == "–" and "100" not in panel.caption.text()
        assert "in the decision yet" in panel.caption.text()
        assert "Attends" in panel.costly.text()
        win.risk_panel.refresh_plan()
        assert "no one to meet" in panel.plan_note.text()
        assert win.document.edit_person("dana-ruiz", attends=True)
        assert panel.probability.text() != "–" and "%" in panel.caption.text()
    finally:
        close_window(win)


def test_messages_name_people_never_ids(window: Any) -> None:
    shown: list[str] = []
    window.document.edit_refused.connect(shown.append)
    # Lee already reports to Dana: a second manager, asked for by a drag on the map.
    assert not window.document.add_tie("lee", "chris", TieKind.REPORTS_TO)
    assert not window.document.edit_person("riley", name="  ")
    assert shown[0].startswith("Lee Okafor already reports to Dana Ruiz")
    assert shown[1] == "Riley Chen: name must not be empty"
    for message in shown:
        assert "'lee'" not in message and "riley:" not in message


def test_an_error_in_the_status_bar_clears_on_the_next_edit(window: Any) -> None:
    assert not window.document.edit_person("riley", name="  ")
    assert "name must not be empty" in window.statusBar().currentMessage()
    assert window.document.edit_person("riley", title="Analyst")
    assert window.statusBar().currentMessage() == ""


def test_ticking_met_on_someone_unengaged_offers_aware(
    window: Any, deal_path: Path, questions: Any
) -> None:
    select(window, "riley")
    questions.answer_yes = True
    count = window.document.undo_stack.count()
    window.inspector.person_page.last_contact.check.click()
    (asked,) = questions.asked
    assert "Riley Chen is still at Unengaged" in asked[1]
    riley = read_deal(deal_path).stakeholder("riley")
    assert riley.last_contact is not None and riley.readiness is Readiness.AWARE
    assert window.document.undo_stack.count() == count + 1, "one undo step for both"
    # And back: Unengaged for someone met offers to clear the date.
    window.inspector.person_page.readiness.set_value(Readiness.UNENGAGED)
    window.inspector.person_page.readiness.currentIndexChanged.emit(0)
    assert "never met us" in questions.asked[-1][1]
    assert read_deal(deal_path).stakeholder("riley").last_contact is None


def test_declining_the_offer_keeps_just_the_date(
    window: Any, deal_path: Path, questions: Any
) -> None:
    select(window, "riley")
    window.inspector.person_page.last_contact.check.click()
    assert questions.asked
    riley = read_deal(deal_path).stakeholder("riley")
    assert riley.last_contact is not None and riley.readiness is Readiness.UNENGAGED


# -------------------------------------------------------------------- the window title
def test_the_title_names_the_deal_and_file_once_and_the_app_once(
    window: Any, deal_path: Path
) -> None:
    title = window.windowTitle()
    assert title == f"Northwind fleet analytics — {deal_path.name} — Consensus Map"
    assert title.count("Consensus Map") == 1
    # Qt appends the display name unless the title already ends with it (X11, Wayland).
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName("Consensus Map")
    assert title.endswith(app.applicationDisplayName())


def test_a_person_dropped_onto_someone_in_the_window_is_nudged(
    window: Any, qtbot: Any, deal_path: Path
) -> None:
    view, scene = window.view, window.scene
    scene.clearSelection()
    chris = read_deal(deal_path).stakeholder("chris")
    sam = scene.person_items["sam"]
    start = view.mapFromScene(sam.pos())
    end = view.mapFromScene(QPointF(chris.x + 5, chris.y + 5))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + (end - start) * step / 5)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert overlapping(read_deal(deal_path).stakeholders) == []
    assert window.document.undo_stack.undoText() == "Move Sam Whitfield"


def test_while_fitted_the_map_zooms_out_to_keep_new_people_in_sight(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "acme.dealmap"
    create_deal_file(path, Deal(DealInfo(name="Acme renewal")))
    win = open_window(qtbot, path, (1366, 740))
    try:
        for n in range(10):
            win.add_person(f"Person {n}")
        view = win.view
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        for item in win.scene.person_items.values():
            assert visible.contains(item.drawn_rect()), item.person.name
    finally:
        close_window(win)
