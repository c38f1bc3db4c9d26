"""Export a deal to PDF, SVG or PNG, chosen by the file's extension, safely and headlessly.

The one entry point for `consensus-map export` and the app's File → Export: both analyse
the deal the same way (the file as it is, no what-if), so the same deal gives the same
pages from a script on a machine with no screen and from the window. Every file is written
to a temporary name beside the target, then renamed.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from consensus_map.report.files import ExportError, atomic_target

if TYPE_CHECKING:
    from consensus_map.domain import Deal
    from consensus_map.report.document import Progress
    from consensus_map.report.review import ReportData

PICTURE_FORMATS = (".pdf", ".svg", ".png")
DEFAULT_MEETINGS = 3

_application: object = None  # the offscreen QGuiApplication, kept alive for the process


def ensure_gui() -> None:
    """A Qt application to paint with: the one running, else an offscreen one.

    Painting text needs a QGuiApplication. With no screen (a script, cron, CI) Qt's usual
    platform would abort, so unless told otherwise export uses the offscreen platform.
    """
    global _application
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _application = QGuiApplication(["consensus-map"])


@dataclass(frozen=True)
class ExportOptions:
    paper: str | None = None  # "a4" or "letter"; None = from the locale
    scale: float = 2.0  # PNG pixels per map unit
    meetings: int = DEFAULT_MEETINGS  # the plan in the PDF's review
    today: date | None = None
    author: str = ""  # the PDF's author; "" = the user's login name


def author_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "Consensus Map"


def report_data(
    deal: Deal,
    file_name: str,
    meetings: int = DEFAULT_MEETINGS,
    today: date | None = None,
    engage: Collection[str] = (),
) -> ReportData:
    """Analyse the deal and word its review (no Qt needed until it is painted).

    `engage` is the app's what-if (the review then says so); the command line has none.
    """
    from consensus_map.analysis import analyze, engagement_plan
    from consensus_map.analysis.plan import plan_note
    from consensus_map.report.review import ReportData, build_review

    day = today if today is not None else date.today()
    analysis = analyze(deal, tuple(engage), today=day)
    steps = engagement_plan(deal, meetings, tuple(engage), today=day)
    note = plan_note(analysis, steps, meetings)
    review = build_review(deal, analysis, steps, meetings, day, note)
    return ReportData(deal, analysis, review, file_name, day)


def export_deal(
    deal: Deal,
    target: Path,
    file_name: str = "",
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    engage: Collection[str] = (),
) -> str:
    """Write `deal` to `target` (.pdf, .svg or .png); returns what was written, in words.

    Raises ExportError (one line) for an unknown extension or a file that cannot be written.
    """
    options = options if options is not None else ExportOptions()
    suffix = target.suffix.lower()
    if suffix not in PICTURE_FORMATS:
        raise ExportError(f"cannot export to {target.name!r}: use .pdf, .svg or .png")
    if suffix == ".png":
        from consensus_map.report.images import check_scale

        check_scale(options.scale)
    # The analysis (networkx) and the review's words before Qt: PySide6's import hook reads
    # the source of every module imported after it, and these are most of the modules.
    from consensus_map.analysis import engine, plan  # noqa: F401
    from consensus_map.report import review  # noqa: F401

    ensure_gui()
    from consensus_map.render.map import MapPicture

    if suffix == ".pdf":
        from consensus_map.report.paper import PAPERS, default_paper
        from consensus_map.report.pdf import write_pdf

        paper = options.paper or default_paper()
        if paper not in PAPERS:
            raise ExportError(f"paper must be one of: {', '.join(PAPERS)}")
        # The temporary file first: a folder that cannot be written is refused before any work.
        with atomic_target(target) as temp:
            data = report_data(deal, file_name, options.meetings, options.today, engage)
            pages = write_pdf(data, temp, paper, options.author or author_name(), progress)
        paper_name = "A4" if paper == "a4" else "Letter"
        return f"{pages} page{'s' if pages != 1 else ''}, {paper_name}"
    from consensus_map.analysis import analyze

    analysis = analyze(deal, tuple(engage), today=options.today)
    picture = MapPicture(deal, analysis, whole_names=True)
    if suffix == ".svg":
        from consensus_map.report.images import write_svg

        with atomic_target(target) as temp:
            write_svg(picture, temp, deal.info.name, "Consensus Map: the buying committee")
        if progress is not None:
            progress(1, 1)
        return f"{len(picture)} people"
    from consensus_map.report.images import MAX_PIXELS, write_png

    with atomic_target(target) as temp:
        size = write_png(picture, temp, options.scale)
    if progress is not None:
        progress(1, 1)
    words = f"{size.width} × {size.height} pixels at {size.scale:.2g}×"
    if size.reduced:
        kept = MAX_PIXELS // 1_000_000
        words += f"; too big for {size.asked:g}× (a picture is kept to {kept} megapixels)"
    return words


__all__ = ["PICTURE_FORMATS", "ExportError", "ExportOptions", "export_deal", "report_data"]
