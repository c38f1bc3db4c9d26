"""The Review dock: made with the window, its view built the first time it is shown.

Start-up is benchmarked: the window creates this empty dock (so its place is remembered
with the others) and the review's modules load only when a seller opens it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

if TYPE_CHECKING:
    from consensus_map.app.document import Document
    from consensus_map.app.review.view import ReviewView
    from consensus_map.app.settings import AppSettings


MIN_HEIGHT = 240


class ReviewDock(QDockWidget):
    """View → Review: the pre-presentation review below the map, hidden until asked for."""

    def __init__(self, window: QMainWindow, settings: AppSettings) -> None:
        super().__init__("Pre-presentation review", window)
        self.setObjectName("review")  # saveState needs a stable name
        self._settings = settings
        self._document: Document | None = None
        self._view: ReviewView | None = None
        self._show_person = getattr(window, "show_person", None)
        self._window = window
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        self.visibilityChanged.connect(self._on_visible)
        self.action = self.toggleViewAction()
        self.action.setText("Pre-presentation &review")
        self.action.setShortcut("Ctrl+R")
        self.action.setIconText("Review")  # the toolbar's word; the menu keeps the full name
        self.action.setToolTip("Pre-presentation review (Ctrl+R)")
        self.action.setStatusTip("Attendees, what to do about each, warnings and the plan")

    @property
    def view(self) -> ReviewView:
        """The review view (built on first use)."""
        if self._view is None:
            from consensus_map.app.review.view import ReviewView

            self._view = ReviewView(self._settings.plan_meetings())
            self._view.meetings_changed.connect(self._settings.set_plan_meetings)
            if self._show_person is not None:
                self._view.person_activated.connect(self._show_person)
            self._view.set_document(self._document)
            self.setWidget(self._view)
        return self._view

    def set_document(self, document: Document | None) -> None:
        self._document = document
        if self._view is not None:
            self._view.set_document(document)

    def _on_visible(self, visible: bool) -> None:
        if not visible:
            return
        first = self._view is None
        self.view  # noqa: B018 (builds it)
        if first and not self.isFloating() and self.height() < MIN_HEIGHT:
            # Opened for the first time (no remembered size): half the window, so the
            # attendees and the map are both in view and a click on a row shows the person.
            half = max(MIN_HEIGHT, self._window.height() // 2)
            self._window.resizeDocks([self], [half], Qt.Orientation.Vertical)
