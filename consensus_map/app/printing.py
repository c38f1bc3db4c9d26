"""File → Print… and Print Preview…: the same pages as the PDF, on the seller's printer.

Both paint with report.document.paint_report over the deal as it is now (with the what-if,
if one is on: the review then says so). Pages are landscape on the paper of the locale
unless the seller picks another in the dialog.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from consensus_map.app.busy import busy
from consensus_map.report.files import ExportError
from consensus_map.report.paper import default_paper, landscape_layout

if TYPE_CHECKING:
    from consensus_map.app.document import Document
    from consensus_map.report.review import ReportData


def report_of(document: Document, meetings: int) -> ReportData:
    from consensus_map.app.exporting import snapshot
    from consensus_map.report.export import report_data

    file_name = document.path.name if document.path is not None else ""
    return report_data(snapshot(document.deal), file_name, meetings, date.today(), document.what_if)


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up(printer)
    return printer


def set_up(printer: QPrinter) -> None:
    """Landscape on the locale's paper, the whole sheet: the report keeps its own margins."""
    printer.setPageLayout(landscape_layout(default_paper()))
    printer.setFullPage(True)


def print_pages(printer: QPrinter, data: ReportData) -> int:
    """Paint the report onto `printer`; the number of pages."""
    from consensus_map.report.document import paint_report

    printer.setDocName(f"{data.review.deal_name} — pre-presentation review")
    return paint_report(printer, data)


def print_document(parent: QWidget, document: Document, meetings: int) -> bool:
    printer = make_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the map and the review")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        with busy():
            print_pages(printer, report_of(document, meetings))
    except ExportError as error:
        QMessageBox.warning(parent, "Cannot print", str(error))
        return False
    return True


def preview_document(parent: QWidget, document: Document, meetings: int) -> QPrintPreviewDialog:
    """Print Preview: the pages as they will print; Print from there prints them."""
    with busy():
        data = report_of(document, meetings)
    # The dialog's own printer: it must live as long as the dialog (it does not own ours).
    dialog = QPrintPreviewDialog(parent)
    set_up(dialog.printer())
    dialog.setWindowTitle("Print preview — the map and the review")
    dialog.paintRequested.connect(lambda device: print_pages(device, data))
    dialog.resize(1100, 800)
    return dialog
