"""The report as a PDF: vector, fonts embedded, text selectable and searchable.

QPdfWriter with the title, author and creator set, and a document id made from the deal
(the same deal gives the same id). Written to a temporary file, then renamed.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QUuid
from PySide6.QtGui import QPdfWriter

from consensus_map import __version__
from consensus_map.report.document import Progress, paint_report
from consensus_map.report.paper import landscape_layout
from consensus_map.report.review import ReportData

RESOLUTION = 600  # dots per inch of the PDF's coordinates; the pages are vectors either way


def write_pdf(
    data: ReportData,
    target: Path,
    paper: str,
    author: str,
    progress: Progress | None = None,
) -> int:
    """Write the report to `target`; returns the number of pages."""
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(landscape_layout(paper))
    writer.setTitle(f"{data.review.deal_name} — pre-presentation review")
    writer.setAuthor(author)
    writer.setCreator(f"Consensus Map {__version__}")
    stable = uuid.uuid5(uuid.NAMESPACE_URL, f"consensus-map:{data.file_name}:{data.deal.info.name}")
    writer.setDocumentId(QUuid(str(stable)))
    return paint_report(writer, data, progress)
