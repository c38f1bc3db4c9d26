"""Editing through the inspector and the window changes the FILE, one undo step each."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from consensus_map.analysis.wording import headline
from consensus_map.domain import BuyerMode, Readiness, Role, Stance
from consensus_map.store import read_deal


def headline_shown(panel: Any) -> str:
    """The risk panel's headline as a reader sees it: band, then number and range."""
    return f"{panel.probability.text()} — {panel.caption.text()}"


def headline_of(analysis: Any) -> str:
    return headline(
        analysis.consensus_probability, analysis.consensus_band, analysis.consensus_range
    )


def select(window: Any, person_id: str) -> None:
    window.scene.select_person(person_id)
    assert window.inspector.person_id == person_id


def commit_line(qtbot: Any, edit: Any, text: str) -> None:
    """Type into a line edit as a user would, then press Enter."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_selecting_a_person_fills_the_inspector(window: Any) -> None:
    select(window, "chris")
    page = window.inspector.person_page
    assert window.inspector.stack.currentWidget() is page
    assert page.name.text() == "Chris Park"
    assert page.title.text() == "CFO"
    assert page.role.value() is Role.DECISION_MAKER
    assert page.attends.isChecked()
    assert page.last_contact.value() is None
    # The risk card's words, with the rank the map's badge shows.
    rank = list(window.document.analysis.sinkers).index("chris") + 1
    card = next(r for r in window.risk_panel.sinker_rows if r.person_id == "chris")
    assert page.assessment.text().startswith(f"{card.risk.text()} — deal-sinker #{rank}")


def test_typing_a_title_is_one_edit_written_to_the_file(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    select(window, "chris")
    stack = window.document.undo_stack
    before = stack.count()
    commit_line(qtbot, window.inspector.person_page.title, "Chief Financial Officer")
    assert stack.count() == before + 1, "one undo step, not one per keystroke"
    assert read_deal(deal_path).stakeholder("chris").title == "Chief Financial Officer"
    window.undo()
    assert read_deal(deal_path).stakeholder("chris").title == "CFO"
    assert window.inspector.person_page.title.text() == "CFO", "undo shows in the inspector"
    window.redo()
    assert read_deal(deal_path).stakeholder("chris").title == "Chief Financial Officer"


def test_an_empty_name_is_refused_and_the_field_restored(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    select(window, "chris")
    commit_line(qtbot, window.inspector.person_page.name, "   ")
    assert read_deal(deal_path).stakeholder("chris").name == "Chris Park"
    assert window.inspector.person_page.name.text() == "Chris Park"
    assert "name" in window.statusBar().currentMessage()


def test_readiness_to_aligned_raises_probability_and_clears_the_sinker(
    window: Any, deal_path: Path
) -> None:
    panel = window.risk_panel
    analysis = window.document.analysis
    # The most dangerous stranger (a recorded skeptic stays a sinker at any readiness).
    top = next(i for i in analysis.sinkers if analysis.assessment(i).stance is Stance.UNKNOWN)
    before = analysis.consensus_probability
    assert top in [row.person_id for row in panel.sinker_rows]
    select(window, top)
    combo = window.inspector.person_page.readiness
    combo.setCurrentIndex(list(Readiness).index(Readiness.ALIGNED))
    assert read_deal(deal_path).stakeholder(top).readiness is Readiness.ALIGNED
    after = window.document.analysis.consensus_probability
    assert after > before
    assert headline_shown(panel) == headline_of(window.document.analysis)
    assert top not in [row.person_id for row in panel.sinker_rows]


def test_a_skeptic_brought_to_the_target_stays_on_the_list(window: Any) -> None:
    select(window, "priya")
    combo = window.inspector.person_page.readiness
    combo.setCurrentIndex(list(Readiness).index(Readiness.ALIGNED))
    row = next(r for r in window.risk_panel.sinker_rows if r.person_id == "priya")
    assert "hear out" in row.action.text()


def test_attends_and_last_contact_and_notes_commit(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    select(window, "alex")
    page = window.inspector.person_page
    page.attends.click()
    assert read_deal(deal_path).stakeholder("alex").attends is False
    page.last_contact.check.click()
    assert read_deal(deal_path).stakeholder("alex").last_contact is not None
    page.notes.setFocus()
    qtbot.keyClick(page.notes, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.notes, " Prefers mornings")
    count = window.document.undo_stack.count()
    page.title.setFocus()  # focus leaves the notes: one commit
    QApplication.processEvents()
    assert window.document.undo_stack.count() == count + 1
    assert (
        read_deal(deal_path).stakeholder("alex").notes
        == "Will use it every shift. Prefers mornings"
    )


def test_add_then_delete_then_undo_redo_follow_the_file(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    window.add_person()
    prompt = window.view.name_prompt
    assert prompt.isVisible()
    qtbot.keyClicks(prompt, "Kim Lau")
    qtbot.keyClick(prompt, Qt.Key.Key_Return)
    new_id = window.inspector.person_id
    assert new_id == "kim-lau" and new_id in read_deal(deal_path)
    assert window.counts.text().startswith("12 people")
    window.delete_selection()
    assert new_id not in read_deal(deal_path)
    select(window, "riley")
    window.delete_selection()
    deal = read_deal(deal_path)
    assert "riley" not in deal and not deal.ties_of("riley")
    window.undo()
    deal = read_deal(deal_path)
    assert "riley" in deal and len(deal.ties_of("riley")) == 3
    window.redo()
    assert "riley" not in read_deal(deal_path)


def test_deal_details_edit_when_nothing_is_selected(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    window.scene.clearSelection()
    page = window.inspector.deal_page
    assert window.inspector.stack.currentWidget() is page
    assert page.name.text() == "Northwind fleet analytics"
    commit_line(qtbot, page.account, "Northwind Group")
    assert read_deal(deal_path).info.account == "Northwind Group"
    page.target.set_value(Readiness.COMMITTED)
    page.target.currentIndexChanged.emit(page.target.currentIndex())
    assert read_deal(deal_path).info.target_readiness is Readiness.COMMITTED


def test_arrange_is_one_undoable_move(window: Any, deal_path: Path) -> None:
    before = {p.id: (p.x, p.y) for p in read_deal(deal_path).stakeholders}
    count = window.document.undo_stack.count()
    window.arrange_by_influence()
    assert window.document.undo_stack.count() == count + 1
    assert window.document.undo_stack.undoText() == "Arrange by influence"
    moved = {p.id: (p.x, p.y) for p in read_deal(deal_path).stakeholders}
    assert moved != before
    window.undo()
    assert {p.id: (p.x, p.y) for p in read_deal(deal_path).stakeholders} == before


def test_what_if_changes_the_panel_but_not_the_file(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    panel = window.risk_panel
    before_bytes = deal_path.read_bytes()
    before = window.document.analysis.consensus_probability
    top = panel.sinker_rows[0]
    top.what_if.click()
    qtbot.waitUntil(lambda: top.person_id in window.document.what_if)
    assert window.document.analysis.consensus_probability > before
    assert headline_shown(panel) == headline_of(window.document.analysis)
    assert "what-if" in panel.what_if_note.text().lower()
    # The person stays listed (checked) so the what-if can be turned off again.
    row = next(r for r in panel.sinker_rows if r.person_id == top.person_id)
    assert row.what_if.isChecked()
    row.what_if.click()
    qtbot.waitUntil(lambda: not window.document.what_if)
    assert window.document.analysis.consensus_probability == before
    assert deal_path.read_bytes() == before_bytes
    with sqlite3.connect(f"file:{deal_path}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_clicking_a_sinker_selects_and_centres_the_person(window: Any, qtbot: Any) -> None:
    row = window.risk_panel.sinker_rows[1]
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    assert window.scene.selected_person_ids() == [row.person_id]
    assert window.inspector.person_id == row.person_id


def test_markup_in_a_name_is_shown_as_plain_text(window: Any, qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel

    window.document.edit_person("chris", name="<img src=x>")
    select(window, "chris")
    heading = window.inspector.person_page.heading
    assert heading.text().startswith("<img src=x>")
    assert heading.textFormat() == Qt.TextFormat.PlainText
    row = next(r for r in window.risk_panel.sinker_rows if r.person_id == "chris")
    assert row.name.text().startswith("<img src=x>")
    labels = window.findChildren(QLabel)
    shown = [label for label in labels if "<img src=x>" in label.text()]
    assert len(shown) >= 3  # inspector heading, sinker row, costs-the-most line
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)


def test_find_highlights_and_enter_steps_through_matches(window: Any, qtbot: Any) -> None:
    window.find_action.trigger()
    bar = window.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "MANAGER")  # case-insensitive, titles too
    assert sorted(bar.matches) == ["jordan", "lee", "robin"]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    first = window.scene.selected_person_ids()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    second = window.scene.selected_person_ids()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    third = window.scene.selected_person_ids()
    assert sorted(first + second + third) == ["jordan", "lee", "robin"]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert bar.matches == []


def test_save_as_keeps_editing_the_copy(
    window: Any, deal_path: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    copy = tmp_path / "copy.dealmap"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), ""))
    )
    window.save_as()
    assert window.document.path == copy
    assert copy.name in window.windowTitle()
    window.document.edit_person("chris", title="Finance")
    assert read_deal(copy).stakeholder("chris").title == "Finance"
    assert read_deal(deal_path).stakeholder("chris").title == "CFO"


def test_new_deal_creates_and_opens_a_file(window: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    target = tmp_path / "acme"
    monkeypatch.setattr(QInputDialog, "exec", lambda self: 1)
    monkeypatch.setattr(QInputDialog, "textValue", lambda self: " Acme ")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.new_deal()
    created = tmp_path / "acme.dealmap"
    assert window.document.path == created
    assert read_deal(created).info.name == "Acme"
    assert window.windowTitle() == "Acme — acme.dealmap — Consensus Map"


def test_a_selected_tie_edits_its_strength(window: Any, deal_path: Path, qtbot: Any) -> None:
    from consensus_map.domain import TieKind

    key = ("dana", "chris", TieKind.INFLUENCES)
    window.inspector.show_selection((), (key,))
    page = window.inspector.tie_page
    assert window.inspector.stack.currentWidget() is page
    assert page.ends.text() == "Dana Ruiz → Chris Park"
    assert page.strength.value() == 2.0
    page.strength.setFocus()
    page.strength.selectAll()
    qtbot.keyClicks(page.strength, "3")
    qtbot.keyClick(page.strength, Qt.Key.Key_Return)
    assert read_deal(deal_path).tie(key).strength == 3.0
    window.undo()
    assert read_deal(deal_path).tie(key).strength == 2.0
    assert page.strength.value() == 2.0


def test_delete_key_in_the_inspector_does_not_delete_the_person(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    select(window, "chris")
    combo = window.inspector.person_page.role
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Delete)
    assert "chris" in read_deal(deal_path)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "chris" not in read_deal(deal_path)


def test_long_sinker_lists_fold_behind_show_more(window: Any, monkeypatch: Any) -> None:
    from consensus_map.app.panels import risk_panel

    monkeypatch.setattr(risk_panel, "MAX_SHOWN", 3)
    panel = window.risk_panel
    panel.refresh()
    sinkers = list(window.document.analysis.sinkers)
    assert [row.person_id for row in panel.sinker_rows] == sinkers[:3]
    assert panel.more_button.text() == f"Show {len(sinkers) - 3} more"
    panel.more_button.click()
    assert [row.person_id for row in panel.sinker_rows] == sinkers
    assert panel.more_button.text() == "Show fewer"


def test_several_selected_people_are_edited_together_in_one_undo_step(
    window: Any, deal_path: Path
) -> None:
    # After one meeting with the finance side, the seller marks all three at once.
    met = ["chris", "riley", "jordan"]
    window.scene.clearSelection()
    for person_id in met:
        window.scene.person_items[person_id].setSelected(True)
    inspector = window.inspector
    page = inspector.many_page
    assert inspector.stack.currentWidget() is page
    assert page.heading.text() == "3 people selected"
    # Shared values show; the ones they differ on read "mixed".
    assert page.readiness.value() is Readiness.UNENGAGED
    assert page.role.currentIndex() == -1 and page.role.placeholderText() == "— mixed —"
    assert page.attends.checkState() == Qt.CheckState.PartiallyChecked
    before = read_deal(deal_path)
    stack = window.document.undo_stack
    steps = stack.count()

    page.readiness.setCurrentIndex(list(Readiness).index(Readiness.AWARE))
    assert stack.count() == steps + 1, "one undo step for the whole selection"
    on_file = read_deal(deal_path)
    assert [on_file.stakeholder(i).readiness for i in met] == [Readiness.AWARE] * 3
    assert on_file.stakeholder("sam") == before.stakeholder("sam"), "nobody else changed"

    page.attends.click()  # from "mixed": everyone attends
    assert all(read_deal(deal_path).stakeholder(i).attends for i in met)
    assert page.attends.checkState() == Qt.CheckState.Checked

    window.undo()
    window.undo()
    on_file = read_deal(deal_path)
    assert [on_file.stakeholder(i) for i in met] == [before.stakeholder(i) for i in met]
    assert page.readiness.value() is Readiness.UNENGAGED, "undo shows in the inspector"
    assert page.attends.checkState() == Qt.CheckState.PartiallyChecked


def test_what_if_for_a_selection_leaves_the_file_alone(window: Any, deal_path: Path) -> None:
    window.scene.clearSelection()
    for person_id in ("chris", "morgan"):
        window.scene.person_items[person_id].setSelected(True)
    page = window.inspector.many_page
    before_bytes = deal_path.read_bytes()
    before = window.document.analysis.consensus_probability
    page.what_if.click()
    assert window.document.what_if == {"chris", "morgan"}
    assert window.document.analysis.consensus_probability > before
    assert deal_path.read_bytes() == before_bytes
    page.what_if.click()
    assert window.document.what_if == frozenset()


def test_arranging_shows_the_wait_cursor_while_it_works(window: Any, monkeypatch: Any) -> None:
    # The influence layout of a 2,000-person account takes seconds: the app says it is busy.
    import consensus_map.layout as layout

    seen = []
    real = layout.influence_layout

    def watched(deal: Any) -> Any:
        cursor = QApplication.overrideCursor()
        seen.append(cursor.shape() if cursor is not None else None)
        return real(deal)

    monkeypatch.setattr(layout, "influence_layout", watched)
    window.arrange_by_influence()
    assert seen == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None, "the cursor is given back"


def test_ctrl_click_adds_people_to_the_selection(window: Any, qtbot: Any) -> None:
    # Help promises it: select several people with Ctrl+click, then edit them together.
    view = window.view
    view.fit()

    def click(person_id: str, modifier: Qt.KeyboardModifier) -> None:
        where = view.mapFromScene(window.scene.person_items[person_id].scenePos())
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, where)

    click("chris", Qt.KeyboardModifier.NoModifier)
    click("riley", Qt.KeyboardModifier.ControlModifier)
    assert set(window.scene.selected_person_ids()) == {"chris", "riley"}
    assert window.inspector.stack.currentWidget() is window.inspector.many_page


def test_mode_concern_and_crm_id_are_each_one_undoable_edit(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    select(window, "priya")
    page = window.inspector.person_page
    stack = window.document.undo_stack
    before = read_deal(deal_path).stakeholder("priya")
    steps = stack.count()

    # The seller reads what each mode means, not Blue Sheet's bare names.
    trouble = list(BuyerMode).index(BuyerMode.TROUBLE)
    assert page.mode.itemText(trouble) == "Trouble — something must be fixed now"
    # A mode she does not have yet, whatever the sample says of her.
    mode = BuyerMode.OVERCONFIDENT if before.mode is BuyerMode.EVEN_KEEL else BuyerMode.EVEN_KEEL
    page.mode.setCurrentIndex(list(BuyerMode).index(mode))
    commit_line(qtbot, page.concern, "a rollout <before> the audit")
    commit_line(qtbot, page.crm_id, "0035e00000AbCdE")
    assert stack.count() == steps + 3, "one undo step per field, not per keystroke"
    priya = read_deal(deal_path).stakeholder("priya")
    assert (priya.mode, priya.concern, priya.crm_id) == (
        mode,
        "a rollout <before> the audit",
        "0035e00000AbCdE",
    )
    tooltip = window.scene.person_items["priya"].toolTip()
    assert f"buyer mode: {mode.label}" in tooltip
    assert "a rollout &lt;before&gt; the audit" in tooltip

    window.undo()
    assert read_deal(deal_path).stakeholder("priya").crm_id == before.crm_id
    assert page.crm_id.text() == before.crm_id, "undo shows in the inspector"
    window.undo()
    window.undo()
    assert read_deal(deal_path).stakeholder("priya") == before
    assert page.mode.value() is before.mode
    assert page.concern.text() == before.concern


def test_several_selected_people_get_one_mode_in_one_undo_step(
    window: Any, deal_path: Path
) -> None:
    met = ["chris", "riley", "jordan"]
    window.document.edit_person("chris", mode=BuyerMode.TROUBLE)
    window.document.edit_person("riley", mode=BuyerMode.GROWTH)
    window.scene.clearSelection()
    for person_id in met:
        window.scene.person_items[person_id].setSelected(True)
    page = window.inspector.many_page
    assert window.inspector.stack.currentWidget() is page
    assert page.mode.currentIndex() == -1, "they differ: the combo reads mixed"
    before = read_deal(deal_path)
    steps = window.document.undo_stack.count()

    page.mode.setCurrentIndex(list(BuyerMode).index(BuyerMode.OVERCONFIDENT))
    assert window.document.undo_stack.count() == steps + 1
    on_file = read_deal(deal_path)
    assert [on_file.stakeholder(i).mode for i in met] == [BuyerMode.OVERCONFIDENT] * 3
    assert on_file.stakeholder("sam") == before.stakeholder("sam"), "nobody else changed"

    window.undo()
    on_file = read_deal(deal_path)
    assert [on_file.stakeholder(i) for i in met] == [before.stakeholder(i) for i in met]
    assert page.mode.currentIndex() == -1, "undo shows mixed again"
