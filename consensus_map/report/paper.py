"""Paper: A4 or Letter (from the locale unless asked), always landscape, and its margins.

Pages are laid out in points (1/72 inch) whatever the device: `begin_pages` scales the
painter from the device's dots to points, so the PDF, the printer and the print preview
get the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter

PAPERS = ("a4", "letter")
MARGIN = 30.0  # points, on every side: inside any printer's unprintable edge
FOOTER = 16.0  # the footer's line, under the content


def default_paper(locale: QLocale | None = None) -> str:
    """Letter where the locale measures in inches (the US and a few others), else A4."""
    locale = locale if locale is not None else QLocale()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return "letter"
    return "a4"


def page_size(paper: str) -> QPageSize:
    if paper == "letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def landscape_layout(paper: str) -> QPageLayout:
    """The page: landscape, no device margins (the report draws its own)."""
    return QPageLayout(page_size(paper), QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0))


@dataclass(frozen=True)
class Sheet:
    """One page's geometry in points: the whole page, the content and the footer line."""

    page: QRectF

    @property
    def content(self) -> QRectF:
        return self.page.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN - FOOTER)

    @property
    def footer(self) -> QRectF:
        c = self.content
        return QRectF(c.left(), c.bottom() + FOOTER * 0.35, c.width(), FOOTER * 0.8)


def sheet_of(device: QPagedPaintDevice) -> Sheet:
    """The page the device will print, in points (what a user chose in a print dialog)."""
    size: QSizeF = device.pageLayout().fullRect(QPageLayout.Unit.Point).size()
    return Sheet(QRectF(0, 0, size.width(), size.height()))


def begin_pages(painter: QPainter, device: QPagedPaintDevice) -> None:
    """From here on the painter's unit is the point, on any device."""
    # The device's page rect may start inside the paper (a printer's margins): a full-page
    # device starts at the corner, which is what `sheet_of` describes.
    painter.scale(device.logicalDpiX() / 72.0, device.logicalDpiY() / 72.0)
