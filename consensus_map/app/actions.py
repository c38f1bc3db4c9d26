"""The main window's commands as QActions: text, standard shortcuts, menus and the toolbar.

Kept apart from the window so the whole keyboard map is readable in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

if TYPE_CHECKING:
    from consensus_map.app.main_window import MainWindow

Key = QKeySequence.StandardKey
Shortcut = QKeySequence.StandardKey | str


def make_action(
    window: QMainWindow,
    text: str,
    slot: Callable[[], object] | None = None,
    shortcuts: Sequence[Shortcut] = (),
    *,
    tip: str = "",
    checkable: bool = False,
) -> QAction:
    action = QAction(text, window)
    keys: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            keys.extend(QKeySequence.keyBindings(shortcut))
        else:
            keys.append(QKeySequence(shortcut))
    if keys:
        action.setShortcuts(keys)
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if slot is not None:
        if checkable:
            action.toggled.connect(lambda _on: slot())
        else:
            action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def fill_menu(menu: QMenu, items: Sequence[QAction | QMenu | None]) -> None:
    for item in items:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)


def fill_toolbar(toolbar: QToolBar, items: Sequence[QAction | None]) -> None:
    for item in items:
        if item is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(item)


def build_window_actions(window: MainWindow) -> None:
    """Create the window's actions, menus and toolbar; set them as attributes of it."""
    a = make_action
    window.new_action = a(window, "&New…", window.new_deal, [Key.New], tip="Start a new deal file")
    window.open_action = a(window, "&Open…", window.open_dialog, [Key.Open], tip="Open a deal file")
    window.recent_menu = QMenu("Open &Recent", window)
    window.recent_menu.aboutToShow.connect(window._fill_recent)
    window.save_as_action = a(window, "Save &As…", window.save_as, ["Ctrl+Shift+S"])
    window.share_action = a(
        window,
        "Save a copy for s&haring…",
        window.save_copy_for_sharing,
        tip="A compact copy to send, without your notes and concerns if you choose",
    )
    window.close_action = a(window, "&Close", window.close_deal, [Key.Close])
    window.export_action = a(
        window,
        "&Export…",
        window.export_file,
        ["Ctrl+E"],
        tip="Save the map and the review as PDF, the map as PNG or SVG, the people as CSV, "
        "or the deal as JSON",
    )
    window.print_action = a(
        window, "&Print…", window.print_deal, [Key.Print], tip="Print the map and the review"
    )
    window.preview_action = a(
        window, "Print pre&view…", window.preview_deal, ["Ctrl+Shift+P"], tip="See the pages"
    )
    window.import_action = a(
        window,
        "&Import…",
        window.import_file,
        tip="Import contacts from a CRM export (Salesforce, HubSpot CSV) or a JSON deal",
    )
    window.quit_action = a(window, "&Quit", window.close, ["Ctrl+Q"])
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.add_action = a(
        window, "&Add person", window.add_person, ["Ctrl+Shift+N", "Ins"], tip="Add a person"
    )
    window.connect_action = a(
        window,
        "&Connect mode",
        window._connect_mode,
        ["Ctrl+L"],
        checkable=True,
        tip="Drag from one person to another to connect them",
    )
    window.add_tie_action = a(
        window,
        "Add &tie…",
        window.add_tie,
        ["Ctrl+T"],
        tip="Connect the selected person (or the two selected people) from the keyboard",
    )
    # Only the Delete key: the platform's standard Delete binding adds Ctrl+D on some
    # desktops, too easy to hit by accident (it bookmarks in a browser).
    window.delete_action = a(window, "&Delete", window.delete_selection, ["Del"])
    window.select_all_action = a(window, "Select &all", window.select_all, [Key.SelectAll])
    window.find_action = a(window, "&Find…", window.open_find, [Key.Find])
    window.zoom_in_action = a(
        window, "Zoom &in", lambda: window._view_call("zoom_in"), ["Ctrl+=", "Ctrl++"]
    )
    window.zoom_out_action = a(
        window, "Zoom &out", lambda: window._view_call("zoom_out"), [Key.ZoomOut]
    )
    window.fit_action = a(window, "&Fit", lambda: window._view_call("fit"), ["Ctrl+0"])
    window.attendees_action = a(
        window,
        "Only &attendees",
        window._apply_filter,
        checkable=True,
        tip="Show only the people who attend the presentation",
    )
    window.sinkers_action = a(
        window,
        "Only deal-&sinkers",
        window._apply_filter,
        checkable=True,
        tip="Show only the deal-sinkers",
    )
    window.people_action = a(
        window,
        "&People table",
        window.show_people_table,
        ["Ctrl+Shift+L"],
        tip="Type or paste the committee in a table, one person a row",
    )
    window.people_action.setIconText("People")
    window.org_chart_action = a(window, "Arrange as &org chart", window.arrange_org_chart)
    window.influence_action = a(window, "Arrange by &influence", window.arrange_by_influence)

    window.undo_action = QAction("&Undo", window)
    window.redo_action = QAction("&Redo", window)
    # Fixed words on the toolbar; what will be undone goes in the menu text and tooltip.
    window.undo_action.setIconText("Undo")
    window.redo_action.setIconText("Redo")
    window.undo_action.setShortcuts(QKeySequence.keyBindings(Key.Undo))
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.undo_action.triggered.connect(window.undo)
    window.redo_action.triggered.connect(window.redo)
    window.addAction(window.undo_action)
    window.addAction(window.redo_action)

    window.document_actions = [
        window.save_as_action, window.close_action, window.export_action, window.add_action,
        window.connect_action, window.delete_action, window.select_all_action, window.find_action,
        window.zoom_in_action, window.zoom_out_action, window.fit_action, window.attendees_action,
        window.sinkers_action, window.org_chart_action, window.influence_action,
        window.print_action, window.preview_action, window.people_action,
    ]  # fmt: skip
    window.document_actions.append(window.share_action)

    bar = window.menuBar()
    fill_menu(bar.addMenu("&File"), [
        window.new_action, window.open_action, window.recent_menu, None, window.save_as_action,
        window.share_action, window.import_action, window.export_action, window.print_action,
        window.preview_action, None, window.close_action, window.quit_action,
    ])  # fmt: skip
    fill_menu(bar.addMenu("&Edit"), [
        window.undo_action, window.redo_action, None, window.add_action, window.add_tie_action,
        window.connect_action, window.delete_action, None, window.select_all_action,
        window.find_action,
    ])  # fmt: skip
    view_menu = bar.addMenu("&View")
    fill_menu(view_menu, [
        window.zoom_in_action, window.zoom_out_action, window.fit_action, None,
        window.attendees_action, window.sinkers_action, None,
        window.inspector_dock.toggleViewAction(), window.risk_dock.toggleViewAction(),
        window.legend_action, window.review_dock.action, window.people_action,
    ])  # fmt: skip
    fill_menu(bar.addMenu("&Arrange"), [window.org_chart_action, window.influence_action])
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("toolbar")
    fill_toolbar(toolbar, [
        window.new_action, window.open_action, None, window.undo_action, window.redo_action, None,
        window.add_action, window.people_action, window.connect_action, window.delete_action,
        None,
        window.fit_action, window.find_action, None, window.attendees_action, window.sinkers_action,
        None, window.review_dock.action, window.export_action,
    ])  # fmt: skip
    window.toolbar_toggle = toolbar.toggleViewAction()
    window.toolbar_toggle.setText("&Toolbar")
    view_menu.addAction(window.toolbar_toggle)

    window.shortcuts_action = a(
        window, "&Keyboard shortcuts", lambda: _show_shortcuts(window), [Key.HelpContents]
    )
    window.about_action = a(window, "&About Consensus Map", lambda: _show_about(window))
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    fill_menu(bar.addMenu("&Help"), [window.shortcuts_action, None, window.about_action])


# Help is loaded when first used: its dialogs are not needed for the first frame.
def _show_shortcuts(window: MainWindow) -> None:
    from consensus_map.app import help

    help.show_shortcuts(window)


def _show_about(window: MainWindow) -> None:
    from consensus_map.app import help

    help.show_about(window)
