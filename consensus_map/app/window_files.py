"""The main window's deal files: open, open recent, the sample, new, Save As, export, print,
close, drag-and-drop, and deferring the first analysis at start-up.

A base class of `MainWindow`: it owns how a file becomes the window's document; the window
owns what the document looks like (`_set_document`, title, status bar).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from consensus_map.app.busy import busy
from consensus_map.app.document import Document
from consensus_map.app.settings import AppSettings
from consensus_map.app.story import menu_text
from consensus_map.store import DealFileError, create_deal_file, open_deal_file

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

# Dialogs and message boxes are loaded when first needed, not at start-up (benchmarked).


def _warn(parent: QWidget, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


class DealFilesWindow(QMainWindow):
    """File handling for the main window (see the module docstring)."""

    settings: AppSettings
    document: Document | None
    recent_menu: QMenu

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self._defer_analysis = False
        self._after_first_frame: list[Callable[[], None]] | None = []
        self.export_run: QObject | None = None  # the export in progress (or last done)

    # What the window does with a document; `MainWindow` provides them.
    def _set_document(self, document: Document | None) -> None:
        raise NotImplementedError

    def _update_title(self) -> None:
        raise NotImplementedError

    def _update_status(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------- documents
    def open_path(self, path: Path, *, quiet: bool = False) -> bool:
        """Open a deal file; a refused file is reported (unless `quiet`) and left untouched."""
        try:
            with busy(self.isVisible()):  # not at start-up: there is no window to show it yet
                file = open_deal_file(path)
        except (DealFileError, OSError) as error:
            if not quiet:
                if isinstance(error, DealFileError):
                    text = str(error)  # already one line naming the file
                else:
                    text = f"{path}: {error.strerror or error}"
                _warn(self, "Cannot open the deal", text)
            return False
        with busy(self.isVisible()):  # building the map of a big account takes a moment
            document = Document(file.deal, file, defer_analysis=self._defer_analysis)
            self._set_document(document)
        if self._defer_analysis:
            self._defer_analysis = False
            self._analyse_after_first_paint(document)
        self.settings.add_recent_file(file.path)
        return True

    def defer_first_analysis(self) -> None:
        """Start-up: show the next deal's map first and analyse it right after it is painted.

        The engine's import (networkx) is most of the time to a first window; a seller sees
        the committee at once and the risks a moment later.
        """
        self._defer_analysis = True

    def _analyse_after_first_paint(self, document: Document) -> None:
        self.call_after_first_frame(document.ensure_analysis)
        # A window that is never shown (minimised at start) still gets its analysis.
        QTimer.singleShot(1500, document.ensure_analysis)

    def call_after_first_frame(self, then: Callable[[], None]) -> None:
        """Run `then` once the window's first frame is on screen, after earlier such calls.

        Each runs on its own turn of the event loop, so what one builds is painted before
        the next starts.
        """
        pending = self._after_first_frame
        if pending is None:  # the first frame is already out
            QTimer.singleShot(0, then)
            return
        if not pending:
            self.winId()  # the native window exists from here on, so it can be watched
            handle = self.windowHandle()
            if handle is not None:
                handle.installEventFilter(_FirstExpose(handle, self._next_after_first_frame))
        pending.append(then)

    def _next_after_first_frame(self) -> None:
        pending = self._after_first_frame or []
        if pending:
            pending.pop(0)()
        if pending:
            QTimer.singleShot(0, self._next_after_first_frame)
        else:
            self._after_first_frame = None

    def open_dialog(self) -> None:
        from consensus_map.app import file_dialogs

        start = str(self.document.path.parent) if self.document and self.document.path else ""
        path = file_dialogs.ask_open(self, start)
        if path is not None:
            self.open_path(path)

    def open_sample(self) -> None:
        from consensus_map import paths

        try:
            path = paths.sample_deal_copy()
        except (DealFileError, OSError, ValueError) as error:
            _warn(self, "Cannot open the sample deal", str(error))
            return
        self.open_path(path)

    def new_deal(self) -> None:
        from consensus_map.app import file_dialogs

        answer = file_dialogs.ask_new_deal(self)
        if answer is None:
            return
        path, deal = answer
        try:
            create_deal_file(path, deal)
        except DealFileError as error:
            _warn(self, "Cannot create the deal", str(error))
            return
        self.open_path(path)

    def save_as(self) -> None:
        document = self.document
        if document is None or document.file is None:
            return
        from consensus_map.app import file_dialogs

        path = file_dialogs.ask_save_as(self, document.file.path)
        if path is None:
            return
        try:
            with busy():
                document.save_as(path)  # the same model, now written to the new file
        except (DealFileError, OSError) as error:
            _warn(self, "Cannot save the deal", str(error))
            return
        self._update_title()
        self._update_status()
        if document.path is not None:
            self.settings.add_recent_file(document.path)

    def save_copy_for_sharing(self) -> None:
        if self.document is not None:
            from consensus_map.app.share_dialog import save_copy_for_sharing

            written = save_copy_for_sharing(self, self.document)
            if written is not None:
                self.statusBar().showMessage(f"Saved a copy for sharing: {written}", 5000)

    def export_file(self) -> None:
        """File → Export…: PDF, PNG, SVG or JSON, without freezing (app/exporting.py)."""
        if self.document is None:
            return
        from PySide6.QtCore import QSettings

        from consensus_map.app import exporting

        settings = QSettings()
        target = exporting.ask_target(self, self.document.deal.info.name, settings)
        if target is not None:
            meetings = self.settings.plan_meetings()
            self.export_run = exporting.export_document(
                self, self.document, target, meetings, settings
            )

    def print_deal(self) -> None:
        """File → Print…: the PDF's pages on a printer (app/printing.py)."""
        if self.document is not None:
            from consensus_map.app import printing

            printing.print_document(self, self.document, self.settings.plan_meetings())

    def preview_deal(self) -> None:
        if self.document is not None:
            from consensus_map.app import printing

            preview = printing.preview_document(self, self.document, self.settings.plan_meetings())
            preview.exec()

    def import_file(self, path: Path | None = None) -> None:
        """File → Import… or a dropped CSV/JSON file: preview, then merge or make a new deal."""
        from consensus_map.app import import_preview

        import_preview.import_into(self, path)

    def close_deal(self) -> None:
        self._set_document(None)
        self.settings.forget_last_file()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        if not recent:
            self.recent_menu.addAction("No recent deals").setEnabled(False)
        for number, path in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{number} {menu_text(path.name)}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    # ---------------------------------------------------------------- drops
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped(event) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _dropped(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from consensus_map.app import file_dialogs

        path = file_dialogs.dropped_deal(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)
            return
        path = _dropped(event)
        if path is not None:  # a CRM export or a JSON deal: preview it
            event.acceptProposedAction()
            # After the drop returns: the drag source must not wait on the preview dialog.
            QTimer.singleShot(0, lambda: self.import_file(path))


def _dropped(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> Path | None:
    """A deal file, or a CSV or JSON file to import, in a drag."""
    from consensus_map.app import file_dialogs, import_preview

    return file_dialogs.dropped_deal(event) or import_preview.dropped_import(event)


class _FirstExpose(QObject):
    """Calls `then` once, on the event loop's next turn after the window is first exposed.

    Qt paints and flushes the window while it handles the expose, so `then` runs after the
    first frame is on screen.
    """

    def __init__(self, window: QObject, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
            self.deleteLater()
        return False
