"""The map as a picture file: PNG (pixels, 2× by default) and SVG (vectors, text as text).

Both are drawn by render.map, the canvas's own painting code, on white with black text
whatever the screen's palette: a picture goes into slides and documents, not a dark window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from consensus_map.render.map import MapPicture
from consensus_map.render.style import CanvasColours
from consensus_map.report.files import ExportError

PAD = 24.0  # map units of white around the map
DEFAULT_SCALE = 2.0
# Past a 24-megapixel photograph a picture is more than a slide, a viewer or an e-mail
# takes, and costs seconds to pack: the scale is lowered to stay within it (and within
# what image libraries accept on a side), and the caller is told.
MAX_PIXELS = 24_000_000
MAX_SIDE = 16_384
MIN_SCALE, MAX_SCALE = 0.1, 8.0


@dataclass(frozen=True)
class PictureSize:
    """Pixels of a map picture and the scale (pixels per map unit) that gives them."""

    width: int
    height: int
    scale: float
    asked: float  # the scale asked for; `scale` is lower when the picture would be too big

    @property
    def reduced(self) -> bool:
        return self.scale < self.asked


def _area(picture: MapPicture) -> QRectF:
    bounds = picture.bounds()
    if bounds.isEmpty():
        bounds = QRectF(-100, -50, 200, 100)
    return bounds.adjusted(-PAD, -PAD, PAD, PAD)


def picture_size(picture: MapPicture, scale: float = DEFAULT_SCALE) -> PictureSize:
    """The PNG's size at `scale`, lowered to stay within MAX_PIXELS and MAX_SIDE."""
    area = _area(picture)
    fit = min(
        scale,
        math.sqrt(MAX_PIXELS / (area.width() * area.height())),
        MAX_SIDE / area.width(),
        MAX_SIDE / area.height(),
    )
    return PictureSize(
        max(1, math.ceil(area.width() * fit)), max(1, math.ceil(area.height() * fit)), fit, scale
    )


def check_scale(scale: float) -> None:
    if not (MIN_SCALE <= scale <= MAX_SCALE) or math.isnan(scale):
        raise ExportError(f"the scale must be between {MIN_SCALE:g} and {MAX_SCALE:g}")


def render_png(picture: MapPicture, scale: float = DEFAULT_SCALE) -> tuple[QImage, PictureSize]:
    """The map as an image, `scale` pixels per map unit (2 = a sharp picture on any screen)."""
    check_scale(scale)
    size = picture_size(picture, scale)
    # Opaque: the background is white, and a PNG without alpha is a quarter less to pack.
    image = QImage(size.width, size.height, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    # Viewers that read the PNG's density show it at the map's own size.
    dots_per_metre = round(size.scale * 96 / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(size.scale, size.scale)
    painter.translate(-_area(picture).topLeft())
    picture.paint(painter, CanvasColours.for_paper(), size.scale)
    painter.end()
    return image, size


def write_png(picture: MapPicture, target: Path, scale: float = DEFAULT_SCALE) -> PictureSize:
    image, size = render_png(picture, scale)
    # Qt's "quality" for PNG is the inverse of zlib's effort: 80 (zlib's fastest that still
    # packs) gives a map of flat colours within 15% of the default's size in a third of the
    # time; 90 and above store it unpacked (thirty times larger).
    if not image.save(str(target), "PNG", 80):  # type: ignore[call-overload]
        raise ExportError(f"{target}: the PNG could not be written")
    return size


def write_svg(picture: MapPicture, target: Path, title: str, description: str = "") -> None:
    """The map as SVG: shapes as paths, names as text elements (searchable, selectable)."""
    from PySide6.QtSvg import QSvgGenerator  # only for SVG: QtSvg is not needed otherwise

    area = _area(picture)
    generator = QSvgGenerator()
    generator.setFileName(str(target))
    generator.setSize(QSize(math.ceil(area.width()), math.ceil(area.height())))
    generator.setViewBox(QRectF(0, 0, area.width(), area.height()))
    generator.setResolution(96)
    generator.setTitle(title)
    generator.setDescription(description)
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError(f"{target}: the SVG could not be written")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(QRectF(0, 0, area.width(), area.height()), QColor(Qt.GlobalColor.white))
    painter.translate(-area.topLeft())
    picture.paint(painter, CanvasColours.for_paper(), 1.0)
    painter.end()
