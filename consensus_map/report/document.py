"""The whole report, page by page, onto any paged device: a PDF writer or a printer.

Page 1 is the map (with its parts, if it needs them); then, if the map shortens names or is
cut into parts, "Who is where" (everyone, A to Z, with their page); then the review: the
charts, the attendees, the people who sway them, the warnings and the plan. Every page has a footer
with the deal, the file and "page n of N". The PDF, Print and Print Preview all call
`paint_report`, so they give the same pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter

from consensus_map.render.charts import (
    ChartPoint,
    RiskBar,
    paint_plan_chart,
    paint_risk_bars,
)
from consensus_map.render.map import MapPicture
from consensus_map.render.style import RISK_TEXT, CanvasColours
from consensus_map.report.files import ExportError
from consensus_map.report.flow import (
    Block,
    Cell,
    Column,
    Paragraph,
    Picture,
    Placed,
    Table,
    font,
    paginate,
)
from consensus_map.report.map_pages import MapHeader, map_pages, where_people_are
from consensus_map.report.paper import Sheet, begin_pages, sheet_of
from consensus_map.report.review import PersonRow, ReportData, Review
from consensus_map.report.who_is_where import index_blocks

if TYPE_CHECKING:
    pass

Progress = Callable[[int, int], None]  # pages painted, pages in all
CHARTS_HEIGHT = 136.0


class Page(Protocol):
    def paint(self, painter: QPainter, colours: CanvasColours) -> None: ...


def when(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


# ----------------------------------------------------------------- the review
class ReviewPage:
    def __init__(self, placed: Placed) -> None:
        self.placed = placed

    def paint(self, painter: QPainter, colours: CanvasColours) -> None:
        for block, rect in self.placed:
            painter.save()
            painter.setClipRect(rect.adjusted(-2, -2, 2, 2))
            block.paint(painter, rect, colours)
            painter.restore()


def _heading(text: str) -> Paragraph:
    return Paragraph(text, font(12, bold=True), keep_with_next=True, space_after=4, space_before=8)


def _name_cell(row: PersonRow) -> Cell:
    return Cell(row.name, bold=True, second=row.title)


def _risk_cell(row: PersonRow) -> Cell:
    if row.sinker:
        return Cell(row.risk_text, bold=True, colour=RISK_TEXT, second="deal-sinker")
    if not row.in_decision:
        return Cell(row.risk_text, second="not in the decision")
    return Cell(row.risk_text)


def _readiness_cell(row: PersonRow) -> Cell:
    return Cell(row.readiness_text, readiness=row.readiness, second=row.gap_text)


def _stance_cell(row: PersonRow) -> Cell:
    return Cell(row.stance_text, stance=(row.stance, row.guessed))


ATTENDEE_COLUMNS = (
    Column("Name", 1.4),
    Column("Role", 0.8),
    Column("Readiness and gap", 1.35),
    Column("Stance", 1.05),
    Column("Mode", 0.7),
    Column("Concern", 1.15),
    Column("Veto risk", 0.7),
    Column("Action", 3.3),
    Column("Introducer", 0.9),
)
SWAYER_COLUMNS = (
    Column("Name", 1.4),
    Column("Role", 0.8),
    Column("Readiness and gap", 1.35),
    Column("Stance", 1.05),
    Column("Sways the room", 1.85),
    Column("Veto risk", 0.7),
    Column("Action", 3.3),
    Column("Introducer", 0.9),
)
PLAN_COLUMNS = (
    Column("#", 0.3),
    Column("Meet", 1.5),
    Column("Through", 1.3),
    Column("Readiness after", 1.1),
    Column("Consensus after", 1.0),
    Column("What to do", 5.0),
)


def attendee_table(rows: Sequence[PersonRow]) -> Table:
    cells = [
        [
            _name_cell(r),
            Cell(r.role),
            _readiness_cell(r),
            _stance_cell(r),
            Cell(r.mode or "—"),
            Cell(r.concern or "—"),
            _risk_cell(r),
            Cell(r.action),
            Cell(r.introducer),
        ]
        for r in rows
    ]
    return Table("Attendees", ATTENDEE_COLUMNS, cells, marked=[r.sinker for r in rows])


def swayer_table(rows: Sequence[PersonRow]) -> Table:
    cells = [
        [
            _name_cell(r),
            Cell(r.role),
            _readiness_cell(r),
            _stance_cell(r),
            Cell(r.sways),
            _risk_cell(r),
            Cell(r.action),
            Cell(r.introducer),
        ]
        for r in rows
    ]
    return Table("Not at the presentation", SWAYER_COLUMNS, cells, marked=[r.sinker for r in rows])


def _charts(review: Review) -> Picture:
    bars = [
        RiskBar(r.name, r.veto_risk, r.readiness, r.stance, r.guessed, r.sinker)
        for r in review.attendees
    ]
    points = [ChartPoint(label, who, p) for label, who, p in review.plan_points()]

    def draw(painter: QPainter, rect: QRectF, colours: CanvasColours) -> None:
        gap = 24.0
        half = (rect.width() - gap) / 2
        left = QRectF(rect.left(), rect.top(), half, rect.height())
        right = QRectF(rect.left() + half + gap, rect.top(), half, rect.height())
        caption = 14.0
        painter.setPen(colours.text)
        painter.setFont(font(9, bold=True))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.drawText(left, align, "Veto risk of each attendee, riskiest first")
        painter.drawText(right, align, "Chance the team agrees, meeting by meeting")
        if bars:
            paint_risk_bars(painter, left.adjusted(0, caption, 0, 0), bars, colours, 8)
        else:
            painter.setFont(font(8))
            painter.drawText(left.adjusted(0, caption, 0, 0), align, "Nobody attends yet.")
        paint_plan_chart(painter, right.adjusted(0, caption, 0, 0), points, colours, 8)

    return Picture(CHARTS_HEIGHT, draw, space_after=14)


def review_blocks(review: Review) -> list[Block]:
    """The review as blocks to flow onto pages."""
    blocks: list[Block] = [
        Paragraph("Pre-presentation review", font(16, bold=True), space_after=2),
        Paragraph(
            " · ".join(p for p in (review.deal_name, review.account, review.presentation) if p),
            font(9),
            space_after=2,
        ),
        Paragraph(review.headline, font(12, bold=True), space_after=4),
    ]
    if review.what_if:
        blocks.append(Paragraph(review.what_if, font(9, italic=True)))
    blocks.append(_charts(review))
    count = len(review.attendees)
    blocks.append(_heading(f"Attendees ({count}) — riskiest first, with what to do about each"))
    if review.attendees:
        blocks.append(attendee_table(review.attendees))
    else:
        blocks.append(Paragraph("Nobody is marked as attending the presentation.", font(9)))
    if review.swayers:
        blocks.append(
            _heading(f"Not at the presentation, but they sway it or sign ({len(review.swayers)})")
        )
        blocks.append(swayer_table(review.swayers))
    blocks.append(_heading(f"Warnings ({len(review.warnings)})"))
    if review.warnings:
        blocks.extend(
            Paragraph(f"•  {w}", font(9), space_after=3, indent=4) for w in review.warnings
        )
    else:
        blocks.append(Paragraph("No warnings.", font(9)))
    meetings = review.meetings
    blocks.append(
        _heading(f"Plan: {meetings} meeting{'s' if meetings != 1 else ''} before the presentation")
    )
    summary = "Consensus " + review.plan_gain + "." if review.plan_gain else ""
    for text in (summary, review.plan_note):
        if text:  # kept with the table they introduce
            blocks.append(Paragraph(text, font(9), space_after=4, keep_with_next=True))
    if review.plan:
        cells = [
            [
                Cell(str(row.number)),
                Cell(row.name, bold=True),
                Cell(row.introducer or "meet directly"),
                Cell(row.readiness_after.label, readiness=row.readiness_after),
                Cell(row.probability_text, bold=True),
                Cell(row.action),
            ]
            for row in review.plan
        ]
        blocks.append(Table("Plan", PLAN_COLUMNS, cells))
    elif not review.plan_note:
        blocks.append(Paragraph("Nobody is left to meet.", font(9)))
    return blocks


# ------------------------------------------------------------------- pages
def report_pages(data: ReportData, sheet: Sheet) -> list[Page]:
    """Every page of the report, laid out for `sheet`."""
    review = data.review
    details = " · ".join(
        p for p in (review.account, f"stage: {review.stage}", review.presentation) if p
    )
    header = MapHeader(
        deal_name=review.deal_name,
        details=details,
        headline=review.headline,
        printed=f"Printed {when(data.printed)}",
        note=review.what_if,
    )
    picture = MapPicture(data.deal, data.analysis, whole_names=True)
    drawn = map_pages(picture, header, sheet)
    pages: list[Page] = list(drawn)
    content = sheet.content
    where = where_people_are(drawn)
    if where is not None:  # names shortened or spread over parts: everyone, A to Z
        blocks = index_blocks(picture, where)
        pages += [ReviewPage(placed) for placed in paginate(blocks, content, content)]
    pages += [ReviewPage(placed) for placed in paginate(review_blocks(review), content, content)]
    return pages


def paint_footer(
    painter: QPainter,
    sheet: Sheet,
    data: ReportData,
    number: int,
    total: int,
    colours: CanvasColours,
) -> None:
    rect = sheet.footer
    painter.setPen(colours.text)
    painter.setFont(font(7))
    left = data.review.deal_name + (f" · {data.file_name}" if data.file_name else "")
    v = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | v, left)
    painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | v, f"Printed {when(data.printed)}")
    painter.drawText(rect, Qt.AlignmentFlag.AlignRight | v, f"Page {number} of {total}")
    rule = rect.top() - 3
    painter.drawLine(QPointF(rect.left(), rule), QPointF(rect.right(), rule))


def paint_report(
    device: QPagedPaintDevice, data: ReportData, progress: Progress | None = None
) -> int:
    """Paint every page onto `device` (set to its paper already); returns the page count."""
    sheet = sheet_of(device)
    pages = report_pages(data, sheet)
    colours = CanvasColours.for_paper()
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("the pages could not be started (is the file or printer writable?)")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for number, page in enumerate(pages, start=1):
            if number > 1 and not device.newPage():
                raise ExportError("a new page could not be started")
            painter.save()
            begin_pages(painter, device)
            page.paint(painter, colours)
            paint_footer(painter, sheet, data, number, len(pages), colours)
            painter.restore()
            if progress is not None:
                progress(number, len(pages))
    finally:
        painter.end()
    return len(pages)
