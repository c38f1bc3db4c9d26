"""File → Export…: choose a format and a file, export without freezing, offer to open it.

The formats are PDF (the map and the review), PNG and SVG (the map), CSV (the people with
their analysis, interchange.csv_export) and JSON (the whole deal). The last folder and
format are remembered. The export runs on a worker thread over a copy of the deal, so the
window stays responsive; an export that takes more than half a second shows its progress
and can be cancelled; when it is done the seller may open the file or its folder. The
pages are those of `consensus-map export` (report.export).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from consensus_map.domain import Deal
from consensus_map.report.files import ExportError, atomic_target

if TYPE_CHECKING:
    from consensus_map.app.document import Document


@dataclass(frozen=True)
class Format:
    suffix: str
    filter: str  # the file dialog's filter text


FORMATS = (
    Format(".pdf", "PDF — the map and the pre-presentation review (*.pdf)"),
    Format(".png", "PNG — a picture of the map (*.png)"),
    Format(".svg", "SVG — the map as a drawing to edit or scale (*.svg)"),
    Format(".csv", "CSV — the people and their risks, for a spreadsheet (*.csv)"),
    Format(".json", "JSON — the whole deal, to import elsewhere (*.json)"),
)
PROGRESS_AFTER_MS = 500
_FOLDER = "export/folder"
_FORMAT = "export/format"


class Cancelled(Exception):
    """The seller cancelled the export; nothing is written."""


# ------------------------------------------------------------------- choosing
def remembered(settings: QSettings) -> tuple[str, Format]:
    """The last export folder (or home) and format (or PDF)."""
    folder = str(settings.value(_FOLDER, "") or "")
    if not folder or not Path(folder).is_dir():
        folder = str(Path.home())
    suffix = str(settings.value(_FORMAT, ".pdf") or ".pdf")
    chosen = next((f for f in FORMATS if f.suffix == suffix), FORMATS[0])
    return folder, chosen


def remember(settings: QSettings, target: Path) -> None:
    settings.setValue(_FOLDER, str(target.parent.resolve()))
    settings.setValue(_FORMAT, target.suffix.lower())


def with_format(name: str, chosen_filter: str) -> Path:
    """The file the user named, with the chosen format's extension if they typed none."""
    path = Path(name)
    if path.suffix.lower() in {f.suffix for f in FORMATS}:
        return path
    chosen = next((f for f in FORMATS if f.filter == chosen_filter), FORMATS[0])
    return path.with_name(path.name + chosen.suffix)


def ask_target(parent: QWidget, deal_name: str, settings: QSettings) -> Path | None:
    folder, chosen = remembered(settings)
    safe = "".join("-" if c in '/\\:*?"<>|' else c for c in deal_name).strip() or "deal"
    start = str(Path(folder) / (safe + chosen.suffix))
    name, chosen_filter = QFileDialog.getSaveFileName(
        parent, "Export", start, ";;".join(f.filter for f in FORMATS), chosen.filter
    )
    return with_format(name, chosen_filter) if name else None


# -------------------------------------------------------------------- the work
class ExportJob(QObject):
    """Writes one export on a worker thread; reports back through signals."""

    progressed = Signal(int, int)  # pages done, pages in all
    succeeded = Signal(str)  # what was written, in words
    failed = Signal(str)  # one line

    def __init__(
        self,
        deal: Deal,
        target: Path,
        file_name: str,
        meetings: int,
        engage: frozenset[str],
    ) -> None:
        super().__init__()
        self.deal, self.target, self.file_name = deal, target, file_name
        self.meetings, self.engage = meetings, engage
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        try:
            self.succeeded.emit(self._write())
        except Cancelled:
            self.failed.emit("")
        except ExportError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug must still end the export and say so
            self.failed.emit(f"{self.target}: the export failed ({error})")

    def _write(self) -> str:
        suffix = self.target.suffix.lower()
        if suffix in (".json", ".csv"):
            with atomic_target(self.target) as temp:
                temp.write_text(self._text(suffix), encoding="utf-8", newline="")
            return f"{len(self.deal)} people"
        from consensus_map.report.export import ExportOptions, export_deal

        options = ExportOptions(meetings=self.meetings, today=date.today())
        return export_deal(
            self.deal, self.target, self.file_name, options, self._progress, self.engage
        )

    def _text(self, suffix: str) -> str:
        """JSON or the people's CSV, exactly as `consensus-map export` writes them."""
        if suffix == ".json":
            from consensus_map.interchange import dumps

            return dumps(self.deal)
        from consensus_map.analysis import analyze
        from consensus_map.interchange.csv_export import people_csv

        # The file as it is (a spreadsheet has no room to say "what-if").
        return people_csv(self.deal, analyze(self.deal, today=date.today()).stakeholders)

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled
        self.progressed.emit(done, total)


def snapshot(deal: Deal) -> Deal:
    """A copy the worker can read while the seller keeps editing (records are frozen)."""
    return Deal(deal.info, deal.stakeholders, deal.ties)


class ExportRun(QObject):
    """One export from the window: the thread, the progress dialog and the ending."""

    finished = Signal(bool, str)  # written?, what was written or why not

    def __init__(self, parent: QWidget, job: ExportJob) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.job = job
        self.worker_thread = QThread(self)
        job.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(job.run)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.progressed.connect(self._progressed)
        self.progress = QProgressDialog(f"Exporting {job.target.name}…", "Cancel", 0, 0, parent)
        self.progress.setWindowTitle("Export")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(PROGRESS_AFTER_MS)  # quick exports show nothing
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self._cancel)
        self.done = False

    def start(self) -> None:
        self.progress.setValue(0)  # starts the half-second clock
        self.worker_thread.start()

    def _cancel(self) -> None:
        self.job.cancelled = True

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(f"Exporting {self.job.target.name}: page {done} of {total}")

    def _succeeded(self, words: str) -> None:
        self._end(True, words)

    def _failed(self, message: str) -> None:
        self._end(False, message)

    def _end(self, written: bool, words: str) -> None:
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.progress.canceled.disconnect(self._cancel)
        self.progress.close()
        self.done = True
        self.finished.emit(written, words)


def offer_to_open(parent: QWidget, target: Path, words: str) -> QMessageBox:
    """'Exported …': open the file, show its folder, or close (not modal to the app)."""
    box = QMessageBox(parent)
    box.setWindowTitle("Exported")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the file name is the user's text
    box.setText(f"Exported {target.name} ({words}).")
    box.setInformativeText(str(target.parent))
    open_file = box.addButton("&Open", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("Show in &folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(open_file)

    def clicked(button: object) -> None:
        if button is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        elif button is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def export_document(
    parent: QWidget,
    document: Document,
    target: Path,
    meetings: int,
    settings: QSettings | None = None,
) -> ExportRun:
    """Start exporting `document` to `target`; the run tells when it is done."""
    if settings is not None:
        remember(settings, target)
    file_name = document.path.name if document.path is not None else ""
    job = ExportJob(snapshot(document.deal), target, file_name, meetings, document.what_if)
    run = ExportRun(parent, job)

    def finished(written: bool, words: str) -> None:
        if written:
            offer_to_open(parent, target, words)
        elif words:
            refused = QMessageBox(QMessageBox.Icon.Warning, "Cannot export", words, parent=parent)
            refused.setTextFormat(Qt.TextFormat.PlainText)
            refused.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            refused.open()
        run.deleteLater()

    run.finished.connect(finished)
    run.start()
    return run
