"""Connecting people from the keyboard: the Add tie dialog and the inspector's tie list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from consensus_map.domain import TieKind
from consensus_map.store import read_deal


def select(window: Any, *person_ids: str) -> None:
    window.scene.clearSelection()
    for person_id in person_ids:
        window.scene.person_items[person_id].setSelected(True)


def open_dialog(window: Any, *person_ids: str) -> Any:
    select(window, *person_ids)
    assert window.add_tie_action.isEnabled()
    window.add_tie_action.trigger()
    dialog = window.tie_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def choose_kind(dialog: Any, kind: TieKind) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))


def test_ctrl_t_with_nobody_selected_opens_the_dialog_with_both_ends_empty(
    window: Any, qtbot: Any
) -> None:
    select(window)
    assert window.add_tie_action.isEnabled(), "never greyed out silently"
    assert "Ctrl+T" in [k.toString() for k in window.add_tie_action.shortcuts()]
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = window.tie_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.source.person_id() is None and dialog.target.person_id() is None
    assert dialog.source.currentText() == "" and dialog.target.currentText() == ""
    assert dialog.focusWidget() in (dialog.source, dialog.source.lineEdit()), "type From first"
    dialog.reject()


def test_add_tie_takes_one_or_two_selected_people_as_its_ends(window: Any) -> None:
    for ends in (("chris",), ("chris", "sam"), ("chris", "sam", "lee")):
        dialog = open_dialog(window, *ends)
        chosen = (dialog.source.person_id(), dialog.target.person_id())
        expected = (*ends, None)[:2] if len(ends) <= 2 else (None, None)
        assert chosen == expected
        dialog.reject()


def test_typing_a_name_adds_one_tie_as_one_undo_step_in_the_file(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    stack = window.document.undo_stack
    before = stack.count()
    dialog = open_dialog(window, "chris")
    assert dialog.source.person_id() == "chris"
    target_ids = [dialog.target.itemData(i) for i in range(dialog.target.count())]
    assert "chris" not in target_ids, "To lists the other people only"
    names = [dialog.target.itemText(i) for i in range(dialog.target.count())]
    assert names == sorted(names, key=str.casefold)
    assert "Sam Whitfield — IT Security Lead" in names
    choose_kind(dialog, TieKind.INFLUENCES)
    qtbot.keyClicks(dialog.target.lineEdit(), "whitf")  # part of a name is enough
    dialog.strength.setValue(3)
    assert dialog.meaning.text() == "Chris Park's opinion carries weight with Sam Whitfield."
    dialog.accept()

    assert not dialog.isVisible()
    assert stack.count() == before + 1
    tie = read_deal(deal_path).find_tie("chris", "sam", TieKind.INFLUENCES)
    assert tie is not None and tie.strength == 3
    window.undo()
    assert read_deal(deal_path).find_tie("chris", "sam", TieKind.INFLUENCES) is None
    window.redo()
    assert read_deal(deal_path).find_tie("chris", "sam", TieKind.INFLUENCES) is not None


def test_two_selected_people_are_the_two_ends_and_swap_flips_them(
    window: Any, deal_path: Path
) -> None:
    dialog = open_dialog(window, "alex", "riley")
    assert {dialog.source.person_id(), dialog.target.person_id()} == {"alex", "riley"}
    dialog.swap_ends()
    source, target = dialog.source.person_id(), dialog.target.person_id()
    assert {source, target} == {"alex", "riley"}
    choose_kind(dialog, TieKind.RIVAL)
    dialog.accept()
    assert read_deal(deal_path).find_tie(source, target, TieKind.RIVAL) is not None


def test_reports_to_has_no_strength(window: Any) -> None:
    dialog = open_dialog(window, "alex")
    choose_kind(dialog, TieKind.REPORTS_TO)
    assert not dialog.strength.isEnabled()
    choose_kind(dialog, TieKind.ALLY)
    assert dialog.strength.isEnabled()
    dialog.reject()


def test_a_refused_tie_keeps_the_dialog_open_with_the_reason_and_the_file_untouched(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    before = deal_path.read_bytes()
    count = window.document.undo_stack.count()
    # Lee already reports to Dana: a second manager is refused.
    dialog = open_dialog(window, "lee")
    dialog.target.setCurrentIndex(dialog.target.findData("chris"))
    choose_kind(dialog, TieKind.REPORTS_TO)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == (
        "Lee Okafor already reports to Dana Ruiz: one manager each (remove that tie first)."
    )
    # Morgan (the CEO) reporting to Alex, three levels below, would make a loop.
    dialog.source.setCurrentIndex(dialog.source.findData("morgan"))
    dialog.target.setCurrentIndex(dialog.target.findData("alex"))
    assert not dialog.error.isVisible(), "a new choice clears the old reason"
    dialog.accept()
    assert "loop" in dialog.error.text()
    # A tie that is already there.
    choose_kind(dialog, TieKind.ALLY)
    dialog.source.setCurrentIndex(dialog.source.findData("dana"))
    dialog.target.setCurrentIndex(dialog.target.findData("lee"))
    dialog.accept()
    assert dialog.error.text().startswith("That tie is already on the map")
    # A name that matches nobody.
    dialog.target.setEditText("nobody here")
    dialog.accept()
    assert "nobody here" in dialog.error.text()

    assert dialog.isVisible()
    assert window.document.undo_stack.count() == count
    assert deal_path.read_bytes() == before
    dialog.reject()


def test_names_in_the_dialog_are_plain_text(window: Any) -> None:
    window.document.edit_person("lee", name="<b>Lee</b> <img src=x>")
    dialog = open_dialog(window, "lee", "dana")
    assert dialog.meaning.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Lee</b> <img src=x>" in dialog.meaning.text()
    assert dialog.error.textFormat() == Qt.TextFormat.PlainText
    dialog.reject()


def test_inspector_lists_ties_and_delete_removes_one_undoably(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    window.scene.select_person("lee")
    ties = window.inspector.person_page.ties
    assert ties.texts() == [
        "reports to Dana Ruiz",
        "manages Alex Kim",
        "influences Alex Kim (2)",
        "ally of Dana Ruiz (3)",
    ]
    ally = ties.keys().index(("dana", "lee", TieKind.ALLY))
    ties.list.setFocus()
    ties.list.setCurrentRow(ally)
    count = window.document.undo_stack.count()
    qtbot.keyClick(ties.list, Qt.Key.Key_Delete)

    assert window.document.undo_stack.count() == count + 1
    deal = read_deal(deal_path)
    assert deal.find_tie("dana", "lee", TieKind.ALLY) is None
    assert deal.get("lee") is not None, "Delete in the list removes the tie, not the person"
    assert "ally of Dana Ruiz (3)" not in ties.texts()

    window.undo()
    assert "ally of Dana Ruiz (3)" in ties.texts(), "undo shows in the list"
    assert read_deal(deal_path).find_tie("dana", "lee", TieKind.ALLY) is not None
    window.redo()
    assert "ally of Dana Ruiz (3)" not in ties.texts()

    # The button does the same, and the list follows ties added elsewhere.
    ties.list.setCurrentRow(0)
    ties.remove_button.click()
    assert read_deal(deal_path).manager_of("lee") is None
    window.document.add_tie("lee", "morgan", TieKind.REPORTS_TO)
    assert "reports to Morgan Blake" in ties.texts()


def test_inspector_add_tie_button_opens_the_dialog_from_that_person(window: Any) -> None:
    window.scene.select_person("priya")
    window.inspector.person_page.ties.add_button.click()
    from consensus_map.app.tie_dialog import AddTieDialog

    dialogs = [d for d in window.findChildren(AddTieDialog) if d.isVisible()]
    assert len(dialogs) == 1
    assert dialogs[0].source.person_id() == "priya"
    dialogs[0].reject()


def test_tab_goes_from_from_to_kind_to_to(window: Any, deal_path: Path, qtbot: Any) -> None:
    select(window)
    window.add_tie_action.trigger()
    dialog = window.tie_dialog
    assert dialog.source.nextInFocusChain() in (dialog.kind, dialog.source.lineEdit())
    chain = []
    widget = dialog.source
    for _ in range(8):
        widget = widget.nextInFocusChain()
        if widget in (dialog.kind, dialog.target, dialog.strength, dialog.swap):
            chain.append(widget)
    assert chain[:4] == [dialog.kind, dialog.target, dialog.strength, dialog.swap]
    assert read_deal(deal_path).find_tie("alex", "morgan", TieKind.ALLY) is None
    qtbot.keyClicks(dialog.source.lineEdit(), "alex")
    choose_kind(dialog, TieKind.ALLY)
    qtbot.keyClicks(dialog.target.lineEdit(), "morgan")
    dialog.accept()
    assert not dialog.isVisible()
    assert read_deal(deal_path).find_tie("alex", "morgan", TieKind.ALLY) is not None


def test_enter_while_the_matches_are_listed_adds_the_tie(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    select(window)
    window.add_tie_action.trigger()
    dialog = window.tie_dialog
    qtbot.keyClicks(dialog.source.lineEdit(), "alex")
    choose_kind(dialog, TieKind.ALLY)
    qtbot.keyClicks(dialog.target.lineEdit(), "morg")
    # The list of matches has the keyboard; nothing in it is picked: Enter adds the tie.
    qtbot.keyClick(dialog.target.completer().popup(), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert read_deal(deal_path).find_tie("alex", "morgan", TieKind.ALLY) is not None


def test_inspector_tie_list_follows_a_neighbours_new_name_but_not_a_move(window: Any) -> None:
    window.scene.select_person("lee")
    ties = window.inspector.person_page.ties
    before = ties.texts()
    document = window.document

    document.move({"lee": (40.0, 500.0), "dana": (400.0, 100.0)})
    document.edit_person("lee", title="Fleet Operations Lead")
    assert ties.texts() == before  # their own edits and moves change no tie's words

    document.edit_person("dana", name="Dana Ruiz-Vega")
    assert "reports to Dana Ruiz-Vega" in ties.texts()
    assert "ally of Dana Ruiz-Vega (3)" in ties.texts()
    window.undo()
    assert ties.texts() == before
