"""The People table: type a committee in, edit in place, sort, paste spreadsheet rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from consensus_map.app.panels.widgets import EnumCombo
from consensus_map.app.people_table.model import FIELDS
from consensus_map.domain import Readiness, Role
from consensus_map.layout import overlapping
from consensus_map.store import read_deal

COMMITTEE = [
    ("Ann Lee", "d", "a"),  # decision-maker, aware
    ("Bo Chan", "e", "e"),  # executive, exploring
    ("Cy Diaz", "g", "u"),  # gatekeeper, unengaged
]


def table_of(window: Any) -> Any:
    window.show_people_table()
    assert window.people_dock.isVisible()
    return window.people_table


def editor(table: Any) -> Any:
    QApplication.processEvents()
    focus = QApplication.focusWidget()
    assert isinstance(focus, QLineEdit | EnumCombo), f"no cell editor has focus: {focus}"
    return focus


def column(name: str) -> int:
    return FIELDS.index(name)


def test_typing_a_committee_with_roles_and_readiness_by_keyboard(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    table = table_of(window)
    before = len(window.document.deal)
    table.go_to_new_row()
    for name, role_key, readiness_key in COMMITTEE:
        qtbot.keyClicks(editor(table), name)
        qtbot.keyClick(editor(table), Qt.Key.Key_Tab)  # added; on to the title
        qtbot.keyClick(editor(table), Qt.Key.Key_Tab)  # no title; on to the role
        qtbot.keyClicks(editor(table), role_key)  # a letter picks from the inspector's list
        qtbot.keyClick(editor(table), Qt.Key.Key_Tab)
        qtbot.keyClicks(editor(table), readiness_key)
        qtbot.keyClick(editor(table), Qt.Key.Key_Return)  # the last row: on to the next
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    deal = read_deal(deal_path)
    assert len(deal) == before + 3
    ann, bo, cy = (deal.stakeholder(i) for i in ("ann-lee", "bo-chan", "cy-diaz"))
    assert (ann.role, ann.readiness) == (Role.DECISION_MAKER, Readiness.AWARE)
    assert (bo.role, bo.readiness) == (Role.EXECUTIVE, Readiness.EXPLORING)
    assert (cy.role, cy.readiness) == (Role.GATEKEEPER, Readiness.UNENGAGED)
    assert overlapping(deal.stakeholders) == [], "each placed clear of everyone"
    assert table.model.new_row == len(deal), "the new-person row is still last"


def test_enter_on_the_last_row_goes_on_to_add_a_person(window: Any, qtbot: Any) -> None:
    table = table_of(window)
    last = table.proxy.index(table.proxy.rowCount() - 2, column("title"))
    table.table.setCurrentIndex(last)
    table.table.setFocus()
    qtbot.keyClick(table.table, Qt.Key.Key_Return)
    qtbot.keyClicks(editor(table), "Dee Obi")
    qtbot.keyClick(editor(table), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "dee-obi" in window.document.deal)
    # Named: the cursor is on the new-person row again, for the next name.
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    current = table.proxy.mapToSource(table.table.currentIndex())
    assert current.row() == table.model.new_row


def test_a_cell_edit_is_one_undo_step_with_the_inspectors_list(
    window: Any, deal_path: Path, qtbot: Any
) -> None:
    table = table_of(window)
    row = table.model.row_of("chris")
    index = table.proxy.mapFromSource(table.model.index(row, column("readiness")))
    table.table.setCurrentIndex(index)
    table.table.edit(index)
    combo = editor(table)
    assert isinstance(combo, EnumCombo)
    assert [combo.itemText(i) for i in range(combo.count())][3] == "Aligned — agrees on the change"
    count = window.document.undo_stack.count()
    combo.set_value(Readiness.ALIGNED)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.deal.stakeholder("chris").readiness.rank == 3)
    assert read_deal(deal_path).stakeholder("chris").readiness is Readiness.ALIGNED
    assert window.document.undo_stack.count() == count + 1
    window.undo()
    assert table.model.index(row, column("readiness")).data() == "Unengaged"


def test_sorting_keeps_the_new_person_row_last(window: Any) -> None:
    table = table_of(window)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        table.table.sortByColumn(column("readiness"), order)
        rows = table.proxy.rowCount()
        last = table.proxy.mapToSource(table.proxy.index(rows - 1, 0)).row()
        assert last == table.model.new_row
        ladder = [
            Readiness(table.proxy.index(r, column("readiness")).data(Qt.ItemDataRole.EditRole))
            for r in range(rows - 1)
        ]
        ranks = [r.rank for r in ladder]
        assert ranks == sorted(ranks, reverse=order == Qt.SortOrder.DescendingOrder)


def test_pasting_rows_adds_them_in_one_undo_step_without_overlaps(
    window: Any, deal_path: Path
) -> None:
    table = table_of(window)
    before = len(window.document.deal)
    count = window.document.undo_stack.count()
    rows = "Name\tTitle\tRole\tReadiness\n" + "".join(
        f"Person {n}\tVP {n}\tExecutive\tAware\n" for n in range(8)
    )
    ids = table.paste(rows)
    deal = read_deal(deal_path)
    assert len(ids) == 8 and len(deal) == before + 8
    assert window.document.undo_stack.count() == count + 1
    assert window.document.undo_stack.undoText() == "Paste 8 people"
    assert deal.stakeholder("person-3").role is Role.EXECUTIVE
    assert overlapping(deal.stakeholders) == []
    window.undo()
    assert len(read_deal(deal_path)) == before


def test_a_bad_paste_names_the_row_and_adds_nobody(window: Any, deal_path: Path) -> None:
    table = table_of(window)
    before = len(window.document.deal)
    count = window.document.undo_stack.count()
    assert table.paste("Ann\tCEO\tExecutive\nBo\tCFO\tboss\n") == []
    assert len(read_deal(deal_path)) == before
    assert window.document.undo_stack.count() == count
    assert table.message.isVisible()
    assert table.message.text().startswith("Nothing pasted: row 2 (Bo): role 'boss'")


def test_ctrl_v_in_the_table_pastes_the_clipboard(window: Any, qtbot: Any) -> None:
    table = table_of(window)
    QApplication.clipboard().setText("Eve Ng\nFox Ito\n")
    table.table.setFocus()
    qtbot.keyClick(table.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "eve-ng" in window.document.deal and "fox-ito" in window.document.deal


def test_an_empty_deal_opens_the_people_table_ready_to_type(qtbot: Any, tmp_path: Path) -> None:
    from consensus_map.app.main_window import MainWindow
    from consensus_map.domain import Deal, DealInfo
    from consensus_map.store import create_deal_file

    path = tmp_path / "acme.dealmap"
    create_deal_file(path, Deal(DealInfo(name="Acme renewal")))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_path(path)
    qtbot.waitUntil(lambda: win.people_dock.isVisible())
    table = win.people_table
    assert table.proxy.mapToSource(table.table.currentIndex()).row() == table.model.new_row
    assert win.view.empty_hint.isVisible()
    win.document.close()
    win.document = None


def test_typing_in_a_list_picks_from_the_top_not_from_the_current_choice(qtbot: Any) -> None:
    combo = EnumCombo(Role, "Role")
    qtbot.addWidget(combo)
    for typed, expected in [
        ("e", Role.EXECUTIVE),
        ("d", Role.DECISION_MAKER),
        ("dd", Role.DECISION_SHAPER),
        ("sh", Role.DECISION_SHAPER),
        ("us", Role.END_USER),
        ("g", Role.GATEKEEPER),
    ]:
        combo.set_value(Role.END_USER)
        combo._typed_at = 0.0  # a pause: a new search
        qtbot.keyClicks(combo, typed)
        assert combo.value() is expected, typed


def test_choosing_a_row_moves_the_map_only_to_bring_that_person_into_view(window: Any) -> None:
    table = table_of(window)
    view = window.view
    QApplication.processEvents()

    def choose(person_id: str) -> None:
        row = table.model.row_of(person_id)
        table.table.setCurrentIndex(table.proxy.mapFromSource(table.model.index(row, 0)))
        QApplication.processEvents()

    def shown() -> Any:
        return view.mapToScene(view.viewport().rect()).boundingRect()

    # Someone wholly in view, a few pixels from the map's left edge (inside the margin a
    # scroll into view keeps): choosing them must not move the map.
    box = window.scene.person_items["chris"].drawn_rect()
    scale = view.transform().m11()
    view.centerOn(box.left() - 6 / scale + shown().width() / 2, box.center().y())
    QApplication.processEvents()
    assert shown().contains(box)
    assert box.left() - shown().left() < 40 / scale, "near the edge"
    where = shown()
    choose("chris")
    assert window.scene.selected_person_ids() == ["chris"]
    assert shown() == where, "someone in view: the map stays put"
    # Someone out of view is brought in.
    away = next(
        p for p, i in window.scene.person_items.items() if not shown().intersects(i.drawn_rect())
    )
    choose(away)
    assert shown().contains(window.scene.person_items[away].drawn_rect())
