"""Big maps on paper: a few legible pages, never a name under 6 pt, everyone in the index.

Two views of the map are legible on paper, as on the screen: full detail while its smallest
name prints at 6 pt or more, and the far view (the name alone, about 8 pt) down to
NAME_LOD. A map that needs the far view or parts gets "Who is where" after it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from report_support import TODAY, account, company, name_runs, pdf_text, squeeze, text_runs

from consensus_map.domain import Deal
from consensus_map.render.map import MapPicture
from consensus_map.render.person import BOUNDS, far_name
from consensus_map.render.style import DETAIL_LOD, NAME_LOD
from consensus_map.report.export import ExportOptions, export_deal
from consensus_map.report.map_pages import (
    MIN_NAME_PT,
    FirstMapPage,
    MapHeader,
    MapPage,
    TilePage,
    map_pages,
    where_people_are,
)
from consensus_map.report.paper import Sheet

pytestmark = pytest.mark.qt
A4 = Sheet(QRectF(0, 0, 842, 595))
LETTER = Sheet(QRectF(0, 0, 792, 612))
LONG_NAME = "Maximilian Alexander Konstantin von Hohenzollern-Sigmaringen"


def header() -> MapHeader:
    return MapHeader("Deal", "details", "Very low — about 5%", "Printed 1 Dec 2026")


def printed_scale(pages: list[MapPage]) -> float:
    """Points per map unit of the pages that are read: page 1 alone, or the parts."""
    if len(pages) == 1:
        assert isinstance(pages[0], FirstMapPage)
        return pages[0].scale
    parts = [p for p in pages if isinstance(p, TilePage)]
    assert len(parts) == len(pages) - 1
    return parts[0].tiles.scale


def assert_legible(picture: MapPicture, scale: float) -> None:
    """The rule: full detail with its smallest name at 6 pt or more, or the far view."""
    lod = scale * 96 / 72  # as a screen of 96 dpi shows the map at the same size
    if lod >= DETAIL_LOD:
        assert scale * picture.smallest_name_pixels() >= MIN_NAME_PT * (1 - 1e-9)
        return
    assert lod >= NAME_LOD, f"lod {lod}: no name is drawn"
    for _at, look in picture.people:
        shown = far_name(look.person, lod)
        assert shown is not None
        assert shown[0].pixelSize() * scale >= MIN_NAME_PT


def export(deal: Deal, target: Path, paper: str = "a4") -> list[str]:
    export_deal(deal, target, "account.dealmap", ExportOptions(today=TODAY, paper=paper))
    return pdf_text(target)


def map_page_count(texts: list[str]) -> int:
    return 1 + sum(squeeze("the map, part") in squeeze(t) for t in texts)


@pytest.fixture(scope="module")
def company_pdf(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Deal, Path]:
    deal = company(300)
    target = tmp_path_factory.mktemp("company") / "company.pdf"
    export_deal(deal, target, "account.dealmap", ExportOptions(today=TODAY, paper="a4"))
    return deal, target


# ------------------------------------------------------------------ scales
@pytest.mark.parametrize("sheet", [A4, LETTER], ids=["a4", "letter"])
@pytest.mark.parametrize(
    "make", [lambda: account(10), lambda: account(60), lambda: account(300), lambda: company(300)]
)
def test_every_map_prints_at_a_legible_scale_and_nobody_is_cut(sheet: Sheet, make: Any) -> None:
    picture = MapPicture(make(), None)
    pages = map_pages(picture, header(), sheet)
    assert_legible(picture, printed_scale(pages))
    if len(pages) > 1:
        # Every person, halo and all, is wholly on the part the index names for them.
        where = where_people_are(pages)
        assert where is not None
        for at, look in picture.people:
            part = pages[where.places[look.person.id].page - 1]
            assert isinstance(part, TilePage)
            assert part.part.contains(BOUNDS.translated(at))


def test_a_fit_between_the_views_prints_in_the_far_view_not_under_6_points(
    sample: Deal, tmp_path: Path
) -> None:
    # A name of three lines is set in the smallest font: at the sample's fit it would
    # print at under 6 pt in full detail.
    people = [p.replace(name=LONG_NAME) if p.id == "sam" else p for p in sample.stakeholders]
    deal = Deal(sample.info, people, sample.ties)
    picture = MapPicture(deal, None)
    pages = map_pages(picture, header(), A4)
    assert len(pages) == 1
    scale = printed_scale(pages)
    assert scale * picture.smallest_name_pixels() < MIN_NAME_PT  # so not in full detail
    assert NAME_LOD <= scale * 96 / 72 < DETAIL_LOD
    assert_legible(picture, scale)
    texts = export(deal, tmp_path / "long.pdf")
    assert squeeze(f"Who is where on the map ({len(people)} people)") in squeeze(texts[1])
    assert squeeze(LONG_NAME) in squeeze(texts[1])
    names = [p.name for p in people]
    drawn = name_runs(text_runs(tmp_path / "long.pdf")[0], names)
    assert len(drawn) >= len(names)  # the far view's names are all on page 1
    assert all(size >= MIN_NAME_PT for _text, size in drawn), drawn


def test_the_sample_prints_its_map_on_page_1_in_full_detail_with_no_index(
    sample: Deal, tmp_path: Path
) -> None:
    picture = MapPicture(sample, None)
    pages = map_pages(picture, header(), A4)
    assert len(pages) == 1 and printed_scale(pages) * 96 / 72 >= DETAIL_LOD
    assert where_people_are(pages) is None
    texts = export(sample, tmp_path / "sample.pdf")
    first = squeeze(texts[0])
    # Full detail: titles and status lines are in the boxes, names whole.
    for person in sample.stakeholders:
        assert squeeze(person.name) in first
        if person.title:
            assert squeeze(person.title) in first
    assert squeeze("unengaged · risk") in first
    assert not any(squeeze("Who is where") in squeeze(t) for t in texts)
    assert squeeze("Pre-presentation review") in squeeze(texts[1])


# ------------------------------------------------------------- 300 people
def test_a_300_person_company_chart_prints_its_map_on_a_few_pages(
    company_pdf: tuple[Deal, Path],
) -> None:
    _deal, target = company_pdf
    texts = pdf_text(target)
    # At the far view's smallest scale the chart is about 845 × 548 pt: more than a landscape
    # page's map area either way, so page 1 and 2 × 2 parts. In full detail it took 20.
    assert map_page_count(texts) <= 5
    index = [n for n, t in enumerate(texts) if squeeze("Who is where") in squeeze(t)]
    assert index and index[0] == map_page_count(texts), "the index follows the map"
    # The review follows the index, on a page of its own.
    assert squeeze("Pre-presentation review") in squeeze(texts[index[-1] + 1])


def test_every_name_is_in_the_pdf_and_none_prints_under_6_points(
    company_pdf: tuple[Deal, Path],
) -> None:
    deal, target = company_pdf
    texts = pdf_text(target)
    everything = squeeze(" ".join(texts))
    for person in deal.stakeholders:
        assert squeeze(person.name) in everything, person.name
    names = [p.name for p in deal.stakeholders]
    runs = text_runs(target)[: map_page_count(texts)]
    drawn = [run for page in runs[1:] for run in name_runs(page, names)]
    assert len(drawn) >= len(names), "every person's name (shortened or not) is on a part"
    small = [run for page in runs for run in name_runs(page, names) if run[1] < MIN_NAME_PT]
    assert small == []


def test_the_index_lists_everyone_a_to_z_with_the_page_where_they_are_whole(
    company_pdf: tuple[Deal, Path],
) -> None:
    deal, target = company_pdf
    texts = pdf_text(target)
    pages = [squeeze(t) for t in texts if squeeze("Who is where") in squeeze(t)]
    index = "".join(pages)
    # Three columns on every page, each under its own header row.
    assert index.count(squeeze("Name Title Map page")) == 3 * len(pages)
    picture = MapPicture(deal, None)
    sheet = Sheet(QRectF(0, 0, 842, 595))
    where = where_people_are(map_pages(picture, header(), sheet))
    assert where is not None and where.parts == map_page_count(texts) - 1
    at = 0
    for person in sorted(deal.stakeholders, key=lambda p: p.name.casefold()):
        row = squeeze(f"{person.name} {person.title or '—'} page {where.places[person.id].page}")
        found = index.find(row, at)
        assert found >= 0, row
        at = found  # A to Z: each row after the one before


def test_print_gives_the_pages_of_the_pdf_for_a_map_in_parts(
    company_pdf: tuple[Deal, Path], tmp_path: Path
) -> None:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from consensus_map.app import printing
    from consensus_map.report.export import report_data
    from consensus_map.report.paper import landscape_layout

    deal, target = company_pdf
    printer = printing.make_printer()
    printer.setPageLayout(landscape_layout("a4"))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    count = printing.print_pages(printer, report_data(deal, "account.dealmap", today=TODAY))
    exported, on_paper = PdfReader(target), PdfReader(printed)
    assert count == len(exported.pages) == len(on_paper.pages)
    for a, b in zip(exported.pages, on_paper.pages, strict=True):
        assert squeeze(a.extract_text()) == squeeze(b.extract_text())
