"""SVG and PNG of the map: every name as text in the SVG, the PNG's size and background."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from report_support import HOSTILE, TODAY

from consensus_map.domain import Deal
from consensus_map.report.export import ExportOptions, export_deal
from consensus_map.report.files import ExportError

pytestmark = pytest.mark.qt


def svg_texts(path: Path) -> list[str]:
    tree = ElementTree.parse(path)  # raises on anything that is not well-formed XML
    return ["".join(e.itertext()) for e in tree.iter() if e.tag.endswith("text")]


def test_the_svg_parses_and_holds_every_name_as_text(hostile: Deal, tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    done = export_deal(hostile, target, "", ExportOptions(today=TODAY))
    assert done == f"{len(hostile)} people"
    texts = " ".join(svg_texts(target))
    for person in hostile.stakeholders:
        # A long name may be set over two lines in its box: each word is there, in order.
        assert person.name in texts or all(w in texts for w in person.name.split()), person.name
    for name in HOSTILE.values():  # markup stays the characters typed
        assert name.split()[0] in texts
    assert "<b>" not in target.read_text(encoding="utf-8").replace("&lt;b&gt;", "")


def png(deal: Deal, path: Path, scale: float) -> QImage:
    export_deal(deal, path, "", ExportOptions(scale=scale, today=TODAY))
    image = QImage(str(path))
    assert not image.isNull()
    return image


def test_the_png_size_follows_the_scale(sample: Deal, tmp_path: Path) -> None:
    one = png(sample, tmp_path / "one.png", 1.0)
    two = png(sample, tmp_path / "two.png", 2.0)
    three = png(sample, tmp_path / "three.png", 3.0)
    assert abs(two.width() - 2 * one.width()) <= 1
    assert abs(two.height() - 2 * one.height()) <= 1
    assert abs(three.width() - 3 * one.width()) <= 1
    # The map's own size at 1×: the sample is about 1,300 map units wide.
    assert 1000 < one.width() < 1600


def test_the_default_png_is_twice_the_map_size(sample: Deal, tmp_path: Path) -> None:
    default = tmp_path / "default.png"
    export_deal(sample, default, "", ExportOptions(today=TODAY))
    assert QImage(str(default)).width() == png(sample, tmp_path / "two.png", 2.0).width()


def test_the_png_is_white_even_in_a_dark_palette(
    sample: Deal, tmp_path: Path, qapp: object
) -> None:
    from PySide6.QtGui import QGuiApplication, QPalette

    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e21"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8ea"))
    before = QGuiApplication.palette()
    QGuiApplication.setPalette(dark)
    try:
        image = png(sample, tmp_path / "dark.png", 1.0)
    finally:
        QGuiApplication.setPalette(before)
    assert image.pixelColor(2, 2) == QColor("white")
    assert image.pixelColor(image.width() - 3, image.height() - 3) == QColor("white")


def test_a_scale_out_of_range_is_refused_before_anything_is_written(
    sample: Deal, tmp_path: Path
) -> None:
    for scale in (0.0, -1.0, 50.0, float("nan")):
        with pytest.raises(ExportError, match="scale"):
            export_deal(sample, tmp_path / "x.png", "", ExportOptions(scale=scale))
    assert list(tmp_path.iterdir()) == []


def test_a_huge_map_is_kept_under_the_pixel_budget(tmp_path: Path) -> None:
    from report_support import account

    from consensus_map.render.map import MapPicture
    from consensus_map.report.images import MAX_PIXELS, MAX_SIDE, picture_size

    size = picture_size(MapPicture(account(2000), None), 2.0)
    assert size.reduced
    assert size.width * size.height <= MAX_PIXELS * 1.01
    assert max(size.width, size.height) <= MAX_SIDE + 1
