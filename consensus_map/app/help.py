"""The Help menu: a keyboard-shortcuts sheet built from the window's own actions, and About.

The sheet walks the menu bar, so a new action with a shortcut shows up without editing
this file; the canvas keys (handled by the view, not by actions) are listed below them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import consensus_map

# Keys the map view and scene handle themselves (see canvas/view.py and canvas/scene.py).
CANVAS_KEYS: tuple[tuple[str, str], ...] = (
    ("Arrow keys", "Nudge the selected people (Shift: further)"),
    ("Tab / Shift+Tab", "Select the next / previous person"),
    ("Ctrl+Tab", "Leave the map for the panels"),
    ("Enter", "Show the selected person in the inspector"),
    ("Delete", "Delete the selected people or ties"),
    ("Ctrl+mouse wheel", "Zoom"),
    ("Middle-drag or Space+drag", "Pan"),
    ("Double-click on empty map", "Add a person there (type the name, then Enter)"),
    ("Right-drag (or Alt+drag) person to person", "Connect them (then pick the kind)"),
    ("Drag a box, or Ctrl+click", "Select several people: move them, or edit them together"),
)

# Keys of the People table (app/people_table).
TABLE_KEYS: tuple[tuple[str, str], ...] = (
    ("Type on a cell", "Edit it; in a list, letters pick (d: Decision-maker, dd: the next D)"),
    ("Tab", "Next column"),
    ("Enter on the last row", "Add the next person: type their name"),
    ("Ctrl+V", "Paste rows from a spreadsheet as new people (first row may be headers)"),
)


# Keys found only on some keyboards (an "Undo" key): Qt binds them too, they are noise here.
_DEDICATED_KEYS = {
    Qt.Key.Key_New,
    Qt.Key.Key_Open,
    Qt.Key.Key_Close,
    Qt.Key.Key_Save,
    Qt.Key.Key_Undo,
    Qt.Key.Key_Redo,
    Qt.Key.Key_Find,
    Qt.Key.Key_Copy,
    Qt.Key.Key_Cut,
    Qt.Key.Key_Paste,
    Qt.Key.Key_Help,
    Qt.Key.Key_ZoomIn,
    Qt.Key.Key_ZoomOut,
}


def _dedicated(key: Qt.Key) -> bool:
    # F13 and up exist only on some keyboards (Qt binds Undo to F14 on X11).
    return key in _DEDICATED_KEYS or Qt.Key.Key_F13.value <= key.value <= Qt.Key.Key_F35.value


def _plain(text: str) -> str:
    """Menu text without the mnemonic "&" (a literal "&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def action_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, shortcuts) for every menu command, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {_plain(sub.title())}")
            elif not action.isSeparator() and action.text():
                keys = ", ".join(
                    k.toString(QKeySequence.SequenceFormat.NativeText)
                    for k in action.shortcuts()
                    if k.count() and not _dedicated(k[0].key())  # type: ignore[index]
                )
                rows.append((path, _command(action), keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(menu.title()))
    return rows


def _command(action: QAction) -> str:
    # Undo/Redo carry the next step in their text ("Undo Move"): list the bare verb.
    name = _plain(action.text())
    for verb in ("Undo", "Redo"):
        if name.startswith(verb + " "):
            return verb
    return name


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        rows = [(menu, command, keys) for menu, command, keys in action_rows(window)]
        rows += [("Map", what, keys) for keys, what in CANVAS_KEYS]
        rows += [("People table", what, keys) for keys, what in TABLE_KEYS]
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Menu", "Command", "Shortcut"])
        rows_header = self.table.verticalHeader()
        rows_header.hide()
        rows_header.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 620)

    def rows(self) -> list[tuple[str, str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def about_text() -> str:
    return (
        f"Consensus Map {consensus_map.__version__}\n\n"
        "Map a B2B buying committee, mark how far along each person is, and see who "
        "could sink the deal, why, and whom to meet first and through whom.\n\n"
        "Works offline; each deal is one .dealmap file."
    )


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("About Consensus Map")
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(about_text())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
