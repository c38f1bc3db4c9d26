"""The PDF: the map page, the review, page numbers, paper, metadata and people's text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from report_support import HOSTILE, HOSTILE_CONCERN, TODAY, account, pdf_text, squeeze

from consensus_map.analysis import analyze
from consensus_map.analysis.wording import headline, percent
from consensus_map.domain import Deal
from consensus_map.report.export import ExportOptions, export_deal

pytestmark = pytest.mark.qt


def export_pdf(deal: Deal, tmp_path: Path, **options: Any) -> tuple[Path, str]:
    target = tmp_path / "review.pdf"
    done = export_deal(deal, target, "northwind.dealmap", ExportOptions(today=TODAY, **options))
    return target, done


def test_the_pdf_holds_every_name_the_probability_and_each_attending_sinkers_action(
    sample: Deal, tmp_path: Path
) -> None:
    target, done = export_pdf(sample, tmp_path)
    pages = pdf_text(target)
    assert done.startswith(f"{len(pages)} pages")
    everything = squeeze(" ".join(pages))
    for person in sample.stakeholders:
        assert squeeze(person.name) in everything, person.name
    analysis = analyze(sample, today=TODAY)
    # The band in words, then the figure and its range: on the map page, atop the review.
    said = headline(
        analysis.consensus_probability, analysis.consensus_band, analysis.consensus_range
    )
    assert squeeze(said) in squeeze(pages[0])
    assert squeeze(said) in squeeze(pages[1])
    # The exact figure is the plan chart's starting point.
    assert squeeze(percent(analysis.consensus_probability)) in squeeze(pages[1])
    attending_sinkers = [
        a for a in analysis.stakeholders if a.sinker and sample.stakeholder(a.id).attends
    ]
    assert attending_sinkers, "the sample has attendees who could sink it"
    review_text = squeeze(" ".join(pages[1:]))
    for sinker in attending_sinkers:
        assert squeeze(sinker.action) in review_text, sinker.name


def test_page_one_is_the_map_with_its_legend_and_every_page_is_numbered(
    sample: Deal, tmp_path: Path
) -> None:
    target, _done = export_pdf(sample, tmp_path)
    pages = pdf_text(target)
    first = squeeze(pages[0])
    assert squeeze(sample.info.name) in first
    assert squeeze("Printed 1 Dec 2026") in first
    assert squeeze("Role — the shape") in first and squeeze("Ties — the line") in first
    assert squeeze("Pre-presentation review") in squeeze(pages[1])
    for number, text in enumerate(pages, start=1):
        assert squeeze(f"Page {number} of {len(pages)}") in squeeze(text)
        assert squeeze("northwind.dealmap") in squeeze(text), "the footer names the file"


def test_the_review_says_what_the_plan_gains_and_lists_the_warnings(
    sample: Deal, tmp_path: Path
) -> None:
    target, _done = export_pdf(sample, tmp_path, meetings=4)
    review = squeeze(" ".join(pdf_text(target)[1:]))
    assert squeeze("Plan: 4 meetings before the presentation") in review
    for warning in analyze(sample, today=TODAY).warnings:
        assert squeeze(warning.message) in review


def test_paper_is_landscape_a4_or_letter_and_metadata_is_set(sample: Deal, tmp_path: Path) -> None:
    a4, _ = export_pdf(sample, tmp_path, paper="a4")
    reader = PdfReader(a4)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    meta = reader.metadata
    assert meta is not None
    assert meta.title is not None and sample.info.name in meta.title
    assert meta.author
    assert meta.creator is not None and "Consensus Map" in meta.creator
    letter = tmp_path / "letter.pdf"
    export_deal(sample, letter, "", ExportOptions(paper="letter", today=TODAY))
    box = PdfReader(letter).pages[-1].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)


def test_paper_defaults_from_the_locale() -> None:
    from PySide6.QtCore import QLocale

    from consensus_map.report.paper import default_paper

    assert (
        default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == "letter"
    )
    assert default_paper(QLocale(QLocale.Language.French, QLocale.Country.France)) == "a4"
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == "a4"


def test_names_with_markup_print_literally(hostile: Deal, tmp_path: Path) -> None:
    target, _done = export_pdf(hostile, tmp_path)
    text = squeeze(" ".join(pdf_text(target)))
    for name in HOSTILE.values():
        assert squeeze(name) in text
    assert squeeze(HOSTILE_CONCERN) in text


def test_a_300_person_map_keeps_every_name_somewhere_in_the_pdf(tmp_path: Path) -> None:
    deal = account(300, grid=True)
    target, done = export_pdf(deal, tmp_path)
    reader = PdfReader(target)
    assert done.startswith(f"{len(reader.pages)} pages")
    # Shortened on the map in the far view, each name is whole in "Who is where".
    index = [squeeze(p.extract_text()) for p in reader.pages]
    index = [text for text in index if squeeze("Who is where") in text]
    assert index
    missing = {squeeze(p.name) for p in deal.stakeholders}
    for text in index:
        missing = {name for name in missing if name not in text}
    assert missing == set()


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(
    sample: Deal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from consensus_map.report import pdf
    from consensus_map.report.files import ExportError

    target = tmp_path / "review.pdf"
    target.write_bytes(b"the old review")

    def broken(*_args: object, **_kwargs: object) -> int:
        raise ExportError("the disk filled up")

    monkeypatch.setattr(pdf, "write_pdf", broken)
    with pytest.raises(ExportError):
        export_deal(sample, target, "", ExportOptions(today=TODAY))
    assert target.read_bytes() == b"the old review"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.pdf"]


def test_an_unknown_extension_or_a_missing_folder_is_refused(sample: Deal, tmp_path: Path) -> None:
    from consensus_map.report.files import ExportError

    with pytest.raises(ExportError, match=r"use \.pdf, \.svg or \.png"):
        export_deal(sample, tmp_path / "map.docx")
    with pytest.raises(ExportError, match="cannot be written"):
        export_deal(sample, tmp_path / "no such folder" / "map.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_deal_with_nobody_in_the_decision_prints_what_to_mark_not_a_100_percent_chance(
    tmp_path: Path,
) -> None:
    from consensus_map.domain import DealInfo, Stakeholder

    people = [Stakeholder("helen", "Helen Ortiz", title="VP", x=0.0, y=0.0),
              Stakeholder("marco", "Marco Diaz", title="VP", x=300.0, y=0.0)]  # fmt: skip
    target = tmp_path / "acme.pdf"
    export_deal(Deal(DealInfo(name="Acme"), people), target, "acme.dealmap",
                ExportOptions(today=TODAY))  # fmt: skip
    text = squeeze(" ".join(pdf_text(target)))
    assert "100%" not in text and "Strong" not in text
    assert squeeze("No one on the map is in the decision yet") in text
    assert squeeze("nothing to chart") in text, "the step chart says why it is empty"
