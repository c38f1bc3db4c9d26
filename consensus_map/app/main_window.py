"""The main window: the map in the middle, the inspector, legend and risk panel docked,
menus, toolbar, find bar and status bar (its deal files are handled by `window_files`).

The window owns at most one `Document`. Opening another file builds a new document, scene
and view; the panels are told with `set_document`. Everything it remembers goes through
`AppSettings`.

Start-up is benchmarked against a bare Qt window. With `quick_start`, the window shows the
map first: the docks are laid out empty and their panels (inspector, risk panel, legend),
their modules and the first analysis come on the next turns of the event loop, after the
first frame. The panels are also built on first use of `inspector` or `risk_panel`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consensus_map.app.actions import build_window_actions
from consensus_map.app.busy import busy
from consensus_map.app.canvas import DealScene, DealView
from consensus_map.app.document import Document, needs_attention
from consensus_map.app.review.dock import ReviewDock
from consensus_map.app.settings import AppSettings
from consensus_map.app.story import menu_text, plural
from consensus_map.app.window_files import DealFilesWindow

if TYPE_CHECKING:
    from consensus_map.app.panels.find_bar import FindBar
    from consensus_map.app.panels.inspector import Inspector
    from consensus_map.app.panels.risk_panel import RiskPanel
    from consensus_map.app.people_table import PeopleTable
    from consensus_map.app.tie_dialog import AddTieDialog
    from consensus_map.domain import Deal, Position

APP_TITLE = "Consensus Map"
SMALL_SCREEN_WIDTH = 1600  # narrower (a 1366 or 1440 laptop): the first window is maximised
PEOPLE_DOCK_HEIGHT = 220  # pixels: a header and about six people


class MainWindow(DealFilesWindow):
    # Set by build_window_actions.
    about_action: QAction
    add_action: QAction
    add_tie_action: QAction
    attendees_action: QAction
    close_action: QAction
    connect_action: QAction
    delete_action: QAction
    export_action: QAction
    import_action: QAction
    find_action: QAction
    fit_action: QAction
    influence_action: QAction
    new_action: QAction
    open_action: QAction
    org_chart_action: QAction
    people_action: QAction
    preview_action: QAction
    print_action: QAction
    quit_action: QAction
    redo_action: QAction
    save_as_action: QAction
    share_action: QAction
    select_all_action: QAction
    shortcuts_action: QAction
    sinkers_action: QAction
    toolbar_toggle: QAction
    undo_action: QAction
    zoom_in_action: QAction
    zoom_out_action: QAction
    recent_menu: QMenu
    document_actions: list[QAction]

    def __init__(self, settings: AppSettings | None = None, *, quick_start: bool = False) -> None:
        """`quick_start`: paint the map first; panels and analysis follow (module docstring)."""
        super().__init__()
        self.settings = settings if settings is not None else AppSettings()
        self.document: Document | None = None
        self.scene: DealScene | None = None
        self.view: DealView | None = None
        self._inspector: Inspector | None = None
        self._risk_panel: RiskPanel | None = None
        self._find_bar: FindBar | None = None
        self._start_page: QWidget | None = None
        self._shown_once = False
        self.resize(1280, 800)

        self.map_page = QWidget()
        self.map_layout = QVBoxLayout(self.map_page)
        self.map_layout.setContentsMargins(0, 0, 0, 0)
        self.map_layout.setSpacing(0)
        self.central = QStackedWidget()
        self.central.addWidget(self.map_page)
        self.setCentralWidget(self.central)

        # The docks are laid out now, so the map does not move when their panels arrive.
        self.inspector_dock = self._dock("Inspector", "inspector")
        self.risk_dock = self._dock("Risks", "risks")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.inspector_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.risk_dock)
        # Under the inspector: beside the map, never over a person.
        self.legend_dock = self._dock("Legend", "legend")
        self.splitDockWidget(self.inspector_dock, self.legend_dock, Qt.Orientation.Vertical)
        # Under the map, as wide as the window: the table for typing a committee in.
        self.people_dock = self._dock("People", "people")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.people_dock)
        self.people_dock.hide()
        self._people_table: PeopleTable | None = None
        self.people_dock.visibilityChanged.connect(self._on_people_visible)
        self.legend_action = self.legend_dock.toggleViewAction()
        self.legend_action.setText("&Legend")
        self.legend_action.setStatusTip("How to read the map: shapes, colours, badges, lines")
        self.review_dock = ReviewDock(self, self.settings)  # below the map, until asked for
        # Both below the map: one tab each, rather than halving the room between them.
        self.tabifyDockWidget(self.review_dock, self.people_dock)
        self.tie_dialog: AddTieDialog | None = None
        self._closing = False
        self._error_shown = False  # the status bar shows a refused edit's reason

        self.counts = QLabel()
        self.counts.setAccessibleName("Counts")
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label = QLabel()
        self.path_label.setAccessibleName("File")
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)  # a path is the user's text
        self.statusBar().addWidget(self.counts)
        self.statusBar().addPermanentWidget(self.path_label)

        build_window_actions(self)
        self._key_guard = _PanelKeyGuard(self)

        geometry, state = self.settings.window_geometry(), self.settings.window_state()
        screen = QGuiApplication.primaryScreen()
        if geometry is not None:
            self.restoreGeometry(geometry)
        elif screen is not None:
            room = screen.availableGeometry()
            self.resize(int(room.width() * 0.85), int(room.height() * 0.85))
            if room.width() < SMALL_SCREEN_WIDTH:
                # A laptop: with both panels docked, 85% of the screen leaves the map too
                # narrow for names at fit. Start maximised; a size the user picks is kept.
                self.setWindowState(Qt.WindowState.WindowMaximized)
        if state is not None:
            self.restoreState(state)
        self.legend_dock.setVisible(self.settings.legend_visible())
        self.legend_action.toggled.connect(self._remember_legend)
        if state is None:
            # Room for the sinkers' reasons without wrapping every other word.
            self.resizeDocks(
                [self.inspector_dock, self.risk_dock], [320, 360], Qt.Orientation.Horizontal
            )
            # The inspector keeps most of the height; the legend scrolls in what is left.
            self.resizeDocks(
                [self.inspector_dock, self.legend_dock], [3, 2], Qt.Orientation.Vertical
            )
        self._enable_document_actions(False)
        if quick_start:
            self.defer_first_analysis()
            self.call_after_first_frame(self._build_panels)
        else:
            self._build_panels()

    # ------------------------------------------------------------ building
    def _dock(self, title: str, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState needs stable names
        dock.setMinimumWidth(260)
        return dock

    def _build_panels(self) -> None:
        """Fill the docks: inspector, risk panel and legend, showing the current document."""
        if self._inspector is not None:
            return
        from consensus_map.app.legend import legend_view
        from consensus_map.app.panels.inspector import Inspector
        from consensus_map.app.panels.risk_panel import RiskPanel

        self._inspector = inspector = Inspector()
        self._risk_panel = risk_panel = RiskPanel()
        risk_panel.meetings.setValue(self.settings.plan_meetings())
        self.inspector_dock.setWidget(inspector)
        self.risk_dock.setWidget(risk_panel)
        self.legend_dock.setWidget(legend_view())
        self._guard_keys(inspector)
        self._guard_keys(risk_panel)
        risk_panel.person_activated.connect(self.show_person)
        inspector.set_document(self.document)
        risk_panel.set_document(self.document)
        if self.scene is not None:
            self._on_selection_changed()

    def _guard_keys(self, panel: QWidget) -> None:
        # Delete pressed in a panel (on a combo box, say) must never delete people.
        for widget in (panel, *panel.findChildren(QWidget)):
            widget.installEventFilter(self._key_guard)

    @property
    def inspector(self) -> Inspector:
        self._build_panels()
        assert self._inspector is not None
        return self._inspector

    @property
    def risk_panel(self) -> RiskPanel:
        self._build_panels()
        assert self._risk_panel is not None
        return self._risk_panel

    @property
    def people_table(self) -> PeopleTable:
        """The People dock's table, built the first time it is shown or asked for."""
        if self._people_table is None:
            from consensus_map.app.people_table import PeopleTable

            self._people_table = table = PeopleTable()
            self.people_dock.setWidget(table)
            self._guard_keys(table)
            table.person_chosen.connect(self._show_chosen_person)
            table.set_document(self.document)
        return self._people_table

    def _on_people_visible(self, visible: bool) -> None:
        if visible:
            self.people_table  # noqa: B018 (built on first show)

    def show_people_table(self) -> None:
        """Open the People dock with the cursor on the new-person row, ready to type."""
        self.people_dock.show()
        self.people_dock.raise_()
        table = self.people_table
        wanted = max(PEOPLE_DOCK_HEIGHT, self.height() // 3)
        if self.people_dock.height() < wanted // 2:
            # Docked for the first time: room for a committee's rows, not one line.
            self.resizeDocks([self.people_dock], [wanted], Qt.Orientation.Vertical)
        table.table.setFocus()
        index = table.proxy.mapFromSource(table.model.index(table.model.new_row, 0))
        table.table.setCurrentIndex(index)

    def _show_chosen_person(self, person_id: str) -> None:
        if (
            self.scene is not None
            and self.view is not None
            and person_id in self.scene.person_items
        ):
            self.scene.select_person(person_id)
            self.view.reveal(person_id)

    @property
    def find_bar(self) -> FindBar:
        """Built the first time it is opened (Ctrl+F)."""
        if self._find_bar is None:
            from consensus_map.app.panels.find_bar import FindBar

            self._find_bar = bar = FindBar()
            bar.hide()
            self.map_layout.insertWidget(0, bar)
            self._guard_keys(bar)
            bar.matches_changed.connect(self._highlight)
            bar.match_chosen.connect(self.show_person)
            bar.closed.connect(self._focus_map)
        return self._find_bar

    def _show_start_page(self) -> None:
        if self._start_page is None:
            from PySide6.QtWidgets import QPushButton

            from consensus_map.app.panels.widgets import plain_label

            page = QWidget()
            layout = QVBoxLayout(page)
            layout.addStretch(1)
            message = plain_label("No deal is open.")
            message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(message)
            for text, slot in (
                ("New deal…", self.new_deal),
                ("Open a deal…", self.open_dialog),
                ("Open the sample deal", self.open_sample),
            ):
                button = QPushButton(text)
                button.clicked.connect(lambda _c=False, s=slot: s())
                layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addStretch(1)
            self._start_page = page
            self.central.addWidget(page)
        self.central.setCurrentWidget(self._start_page)

    @property
    def start_page(self) -> QWidget | None:
        """The page shown while no deal is open (built the first time it is needed)."""
        return self._start_page

    def _enable_document_actions(self, enabled: bool) -> None:
        for action in self.document_actions:
            action.setEnabled(enabled)
        self.add_tie_action.setEnabled(enabled)

    def _set_document(self, document: Document | None) -> None:
        old = self.document
        if old is not None and old is not document:
            old.close()
        if self.view is not None:
            self.map_layout.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        if self.scene is not None:
            self.scene.selectionChanged.disconnect(self._on_selection_changed)
            self.scene.deleteLater()
            self.scene = None
        self.document = document
        if self._find_bar is not None and self._find_bar.isVisible():
            self._find_bar.close_bar()
        if self._inspector is not None and self._risk_panel is not None:
            self._inspector.set_document(document)
            self._risk_panel.set_document(document)
        self.review_dock.set_document(document)
        if self._people_table is not None:
            self._people_table.set_document(document)
        self._enable_document_actions(document is not None)
        if document is None:
            self._sync_undo_actions()
            if not self._closing:
                self._show_start_page()
            self._update_status()
            self._update_title()
            return
        if old is not document:
            document.deal_changed.connect(self._on_deal_changed)
            document.analysis_changed.connect(self._update_status)
            document.analysis_outdated.connect(self._update_status)
            document.edit_refused.connect(self._on_edit_refused)
            document.file_reloaded.connect(self._on_file_reloaded)
            # Bound methods, not lambdas: Qt drops them when the window goes.
            stack = document.undo_stack
            stack.canUndoChanged.connect(self._sync_undo_actions)
            stack.canRedoChanged.connect(self._sync_undo_actions)
            stack.undoTextChanged.connect(self._sync_undo_actions)
            stack.redoTextChanged.connect(self._sync_undo_actions)
        self._sync_undo_actions()
        self.scene = DealScene(document)
        self.view = DealView(self.scene)
        self.view.setAccessibleName("Deal map")
        self.view.activated.connect(self._on_view_activated)
        self.view.person_added.connect(self._on_person_added)
        self.scene.selectionChanged.connect(self._on_selection_changed)
        self.map_layout.addWidget(self.view, 1)
        self.central.setCurrentWidget(self.map_page)
        self.connect_action.setChecked(False)
        self._apply_filter()
        self._update_status()
        self._update_title()
        QTimer.singleShot(0, self._fit_when_laid_out)
        if not document.deal.stakeholders and not self._closing:
            # An empty deal: the fastest way in is typing the committee into the table.
            QTimer.singleShot(0, self.show_people_table)

    def _sync_undo_actions(self) -> None:
        # The menu says what will be undone ("Undo Edit Helen Ortiz: attends"); the toolbar
        # keeps its fixed word (iconText), so no button moves, and shows it as a tooltip.
        stack = self.document.undo_stack if self.document is not None else None
        for action, verb, can, text in (
            (self.undo_action, "Undo", stack and stack.canUndo(), stack and stack.undoText()),
            (self.redo_action, "Redo", stack and stack.canRedo(), stack and stack.redoText()),
        ):
            action.setEnabled(bool(can))
            full = f"{verb} {text}" if text else verb
            action.setText("&" + menu_text(full))
            action.setIconText(verb)
            action.setToolTip(full)

    def _fit_when_laid_out(self) -> None:
        if self.view is not None:
            self.view.fit()

    # ----------------------------------------------------------------- edits
    def undo(self) -> None:
        if self.document is not None:
            self._commit_pending_edit()
            self.document.undo_stack.undo()

    def redo(self) -> None:
        if self.document is not None:
            self._commit_pending_edit()
            self.document.undo_stack.redo()

    def _commit_pending_edit(self) -> None:
        # Ctrl+Z while typing in the inspector: the typed value is committed first, so that
        # undo takes back the last committed edit, as the user sees it.
        focus = self.focusWidget()
        inspector = self._inspector
        if focus is not None and inspector is not None and inspector.isAncestorOf(focus):
            inspector.setFocus()

    def add_person(self, name: str = "") -> str:
        """Add someone at a free spot near the selection, else near the middle of the map.

        Without `name` the name is asked first, in a field on the map where they will
        stand (their id is made from it); returns the new id, or "" until it is given.
        """
        if self.document is None or self.view is None or self.scene is None:
            return ""
        selected = self.scene.selected_person_ids()
        if selected:
            near = self.scene.person_items[selected[-1]].pos()
        else:
            near = self.view.mapToScene(self.view.viewport().rect().center())
        spot = self.scene.free_spot_near(near)
        if not name:
            self.view.ask_name(spot)
            return ""
        person_id = self.scene.add_person_at(spot, name)
        if person_id:
            self._on_person_added(person_id)
        return person_id

    def _on_person_added(self, _person_id: str) -> None:
        # Named and placed: the rest of their details are next, in the inspector.
        self.inspector_dock.show()
        self.inspector.focus_field("title")

    def add_tie(self) -> None:
        """Connect people from the keyboard: the selected one or two are the ends; with
        nobody (or more than two) selected both ends start empty."""
        if self.document is None or self.scene is None:
            return
        ends = self.scene.selected_person_ids()
        from consensus_map.app.tie_dialog import open_add_tie_dialog

        self.tie_dialog = open_add_tie_dialog(self, self.document, ends if len(ends) <= 2 else [])

    def delete_selection(self) -> None:
        if self.document is not None and self.scene is not None:
            self.document.delete(self.scene.selected_person_ids(), self.scene.selected_tie_keys())

    def select_all(self) -> None:
        if self.scene is None:
            return
        for item in self.scene.items():
            if item.flags() & item.GraphicsItemFlag.ItemIsSelectable and item.isVisible():
                item.setSelected(True)

    def arrange_org_chart(self) -> None:
        from consensus_map.layout import org_chart

        self._arrange(org_chart, "Arrange as org chart")

    def arrange_by_influence(self) -> None:
        from consensus_map.layout import influence_layout

        self._arrange(influence_layout, "Arrange by influence")

    def _arrange(self, layout: Callable[[Deal], Mapping[str, Position]], text: str) -> None:
        if self.document is None:
            return
        with busy():  # seconds for the influence layout of a 2,000-person account map
            positions = layout(self.document.deal)
            moved = self.document.move(dict(positions), text=text)
        if moved:
            self._view_call("fit")

    def _connect_mode(self) -> None:
        if self.scene is not None:
            self.scene.set_connect_mode(self.connect_action.isChecked())

    def _apply_filter(self) -> None:
        if self.scene is not None:
            self.scene.set_filter(
                self.attendees_action.isChecked(), self.sinkers_action.isChecked()
            )

    def _view_call(self, name: str) -> None:
        if self.view is not None:
            getattr(self.view, name)()

    # ------------------------------------------------------------ navigation
    def show_person(self, person_id: str) -> None:
        """Select a person and bring them to the middle of the map."""
        if self.scene is None or self.view is None or self.document is None:
            return
        if person_id not in self.document.deal:
            return
        self.scene.select_person(person_id)
        self.view.center_on_person(person_id)

    def open_find(self) -> None:
        if self.document is not None:
            self.find_bar.open_bar(self.document.deal)

    def _highlight(self, ids: list[str]) -> None:
        if self.scene is not None:
            self.scene.set_highlight(ids)

    def _focus_map(self) -> None:
        if self.view is not None:
            self.view.setFocus()

    def _on_view_activated(self, person_id: str) -> None:
        # Double-click or Enter on a person: edit them in the inspector.
        self.inspector_dock.show()
        self.inspector.focus_name()

    def _on_selection_changed(self) -> None:
        if self.scene is None:
            return
        if self._inspector is None:
            return  # the inspector shows the selection when it is built
        self._inspector.show_selection(
            self.scene.selected_person_ids(), self.scene.selected_tie_keys()
        )

    # ---------------------------------------------------------------- status
    def _on_deal_changed(self, _event: object) -> None:
        if self.document is not None and self._find_bar is not None:
            self._find_bar.refresh(self.document.deal)
        if self._error_shown:
            # The edit that was refused is not the story any more: this one went through.
            self._error_shown = False
            self.statusBar().clearMessage()
        self._update_title()

    def _remember_legend(self, visible: bool) -> None:
        if not self._closing:  # docks are hidden as the window is torn down: not a choice
            self.settings.set_legend_visible(visible)

    def _on_edit_refused(self, message: str) -> None:
        if needs_attention(message):
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "The change was not saved", message)
        else:
            self.statusBar().showMessage(message)  # until the next edit that goes through
            self._error_shown = True

    def _on_file_reloaded(self, message: str) -> None:
        self._update_status()
        self.statusBar().showMessage(message, 8000)

    def _update_title(self) -> None:
        # "Acme renewal — acme.dealmap — Consensus Map". Ending with the app's display name
        # tells Qt not to append it again (QPlatformWindow::formatWindowTitle does, on
        # X11, Wayland and Windows, unless the title already ends with it).
        document = self.document
        if document is None:
            self.setWindowTitle(APP_TITLE)
            return
        parts = [document.deal.info.name]
        if document.path is not None:
            parts.append(document.path.name)
        self.setWindowTitle(" — ".join([*parts, APP_TITLE]))

    def _update_status(self) -> None:
        document = self.document
        if document is None:
            self.counts.setText("")
            self.path_label.setText("")
            return
        deal = document.deal
        people, ties = len(deal.stakeholders), len(deal.ties)
        attendees = sum(1 for p in deal.stakeholders if p.attends)
        parts = [plural(people, "person"), plural(ties, "tie"), plural(attendees, "attendee")]
        if not document.analysis_pending:
            # The same count as the risk panel's "Deal-sinkers" heading and its cards.
            sinkers = plural(len(document.analysis.sinkers), "deal-sinker")
            if document.analysis_updating:
                sinkers += " (updating…)"
            parts.append(sinkers)
        self.counts.setText(" · ".join(parts))
        self.path_label.setText(str(document.path) if document.path is not None else "")

    # ---------------------------------------------------------------- events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.document is None:
                self._show_start_page()
            # Fit once the window has its real size, not the size it had while building.
            QTimer.singleShot(0, self._fit_when_laid_out)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._commit_pending_edit()
        self._closing = True
        self.settings.set_legend_visible(self.legend_action.isChecked())
        if self._risk_panel is not None:  # else it is unchanged
            self.settings.set_plan_meetings(self._risk_panel.meetings.value())
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self._set_document(None)  # closes the file
        self.settings.sync()
        super().closeEvent(event)


class _PanelKeyGuard(QObject):
    """Claims Delete/Backspace in the panels so the window's Delete shortcut does not fire."""

    KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in self.KEYS
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()
        return False
