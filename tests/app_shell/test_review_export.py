"""The review dock, File → Export… and Print: what a seller sees and gets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from consensus_map.domain import Readiness


def open_review(window: Any, qtbot: Any) -> Any:
    window.review_dock.action.trigger()
    view = window.review_dock.view
    qtbot.waitUntil(lambda: view.review is not None and not view.refresh_pending())
    return view


def attendee_names(view: Any) -> list[str]:
    table = view.attendees
    return [table.proxy.index(r, 0).data() for r in range(table.proxy.rowCount())]


def column(table: Any, title: str) -> int:
    return [f.title for f in table.source.fields].index(title)


# ----------------------------------------------------------------------- the review
def test_the_review_shows_the_deal_the_headline_and_every_attendee(window: Any, qtbot: Any) -> None:
    view = open_review(window, qtbot)
    deal = window.document.deal
    assert view.deal.text().startswith("Northwind fleet analytics")
    assert view.presentation.text().startswith("Presentation Thu 10 Dec 2026")
    assert view.headline.text() == view.review.headline
    assert view.headline.text().split(" — ")[0] in ("Very low", "Low", "Fair", "Good", "Strong")
    attending = sorted(p.name for p in deal.stakeholders if p.attends)
    assert sorted(attendee_names(view)) == attending
    assert view.risk_bars.bars and len(view.risk_bars.bars) == len(attending)
    assert view.plan_chart.points[0].label == "today"
    assert view.warnings.text().startswith("⚠")
    # The people who sway the room without attending: the CEO manages the CFO.
    swayers = [view.swayers.proxy.index(r, 0).data() for r in range(view.swayers.proxy.rowCount())]
    assert "Morgan Blake" in swayers


def test_rows_sort_by_any_column(window: Any, qtbot: Any) -> None:
    view = open_review(window, qtbot)
    table = view.attendees
    risks = {r.name: r.veto_risk for r in view.review.attendees}
    table.sortByColumn(column(table, "Veto risk"), Qt.SortOrder.AscendingOrder)
    shown = attendee_names(view)
    assert [risks[n] for n in shown] == sorted(risks.values())
    table.sortByColumn(column(table, "Name"), Qt.SortOrder.AscendingOrder)
    assert attendee_names(view) == sorted(risks)
    table.sortByColumn(column(table, "Readiness"), Qt.SortOrder.AscendingOrder)
    gaps = {r.name: r.gap for r in view.review.attendees}
    assert [gaps[n] for n in attendee_names(view)] == sorted(gaps.values(), reverse=True)


def test_clicking_a_row_selects_the_person_on_the_map(window: Any, qtbot: Any) -> None:
    view = open_review(window, qtbot)
    table = view.attendees
    row = attendee_names(view).index("Priya Natarajan")
    index = table.proxy.index(row, column(table, "Action"))
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.scene.selected_person_ids() == ["priya"]


def test_the_review_follows_every_edit_and_undo(window: Any, qtbot: Any) -> None:
    view = open_review(window, qtbot)
    document = window.document
    assert "Alex Kim" in attendee_names(view)
    document.edit_person("alex", attends=False)
    qtbot.waitUntil(lambda: "Alex Kim" not in attendee_names(view))
    document.edit_person("chris", readiness=Readiness.ALIGNED)
    qtbot.waitUntil(lambda: next(r for r in view.review.attendees if r.id == "chris").gap == 0)
    document.undo_stack.undo()
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: "Alex Kim" in attendee_names(view))
    assert next(r for r in view.review.attendees if r.id == "chris").gap > 0


def test_a_hidden_review_does_no_work(window: Any, qtbot: Any) -> None:
    view = open_review(window, qtbot)
    window.review_dock.action.trigger()  # hide it
    assert not view.isVisible()
    window.document.edit_person("alex", title="Shift lead")
    assert not view.refresh_pending(), "no refresh is scheduled while the review is hidden"
    assert {r.id: r.title for r in view.review.attendees}["alex"] == "Dispatch Supervisor"
    window.review_dock.action.trigger()  # shown again: it catches up at once
    qtbot.waitUntil(lambda: {r.id: r.title for r in view.review.attendees}["alex"] == "Shift lead")


def test_meetings_change_the_plan_and_are_remembered(window: Any, qtbot: Any) -> None:
    view = open_review(window, qtbot)
    view.meetings.setValue(2)
    qtbot.waitUntil(lambda: view.review.meetings == 2)
    assert view.plan_title.text() == "Plan: 2 meetings"
    assert len(view.review.plan) <= 2
    assert window.settings.plan_meetings() == 2


def test_names_with_markup_show_as_typed(window: Any, qtbot: Any) -> None:
    hostile = "<b>Sam</b> <img src=x>"
    window.document.edit_person("sam", name=hostile)
    view = open_review(window, qtbot)
    assert hostile in attendee_names(view)
    for label in (view.deal, view.headline, view.warnings, view.plan_summary):
        assert label.textFormat() == Qt.TextFormat.PlainText


# ----------------------------------------------------------------------- export
class SaveDialog:
    """Stands in for the save dialog: answers with queued (path, filter), keeps what it was
    asked (the start path and the format offered first)."""

    def __init__(self) -> None:
        self.answers: list[tuple[str, str]] = []
        self.asked: list[tuple[str, str]] = []

    def append(self, answer: tuple[str, str]) -> None:
        self.answers.append(answer)

    def __call__(self, _parent: object, _title: str, start: str, _all: str, chosen: str) -> Any:
        self.asked.append((start, chosen))
        return self.answers.pop(0) if self.answers else ("", "")


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> SaveDialog:
    dialog = SaveDialog()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return dialog


def finished_export(window: Any, qtbot: Any) -> QMessageBox:
    qtbot.waitUntil(lambda: window.export_run is not None and window.export_run.done, timeout=30000)
    boxes: list[QMessageBox] = []
    qtbot.waitUntil(lambda: bool(boxes.extend(window.findChildren(QMessageBox)) or boxes))
    return boxes[-1]


def test_export_offers_every_format_and_writes_the_pdf(
    window: Any, qtbot: Any, tmp_path: Path, save_as: SaveDialog
) -> None:
    from consensus_map.app.exporting import FORMATS

    assert [f.suffix for f in FORMATS] == [".pdf", ".png", ".svg", ".csv", ".json"]
    target = tmp_path / "out" / "review.pdf"
    target.parent.mkdir()
    save_as.append((str(target), FORMATS[0].filter))
    window.export_action.trigger()
    box = finished_export(window, qtbot)
    assert target.read_bytes().startswith(b"%PDF")
    assert box.text().startswith("Exported review.pdf (")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert {b.text() for b in box.buttons()} >= {"&Open", "Show in &folder"}
    box.close()
    # The folder and format are remembered for the next export.
    save_as.append(("", ""))
    window.export_action.trigger()
    start, chosen = save_as.asked[-1]
    assert Path(start).parent == target.parent
    assert chosen == FORMATS[0].filter


def test_export_adds_the_chosen_formats_extension(
    window: Any, qtbot: Any, tmp_path: Path, save_as: SaveDialog
) -> None:
    from consensus_map.app.exporting import FORMATS

    png = next(f for f in FORMATS if f.suffix == ".png")
    save_as.append((str(tmp_path / "map"), png.filter))
    window.export_action.trigger()
    finished_export(window, qtbot).close()
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")


def test_json_export_from_the_app_matches_the_command_line(
    window: Any, qtbot: Any, tmp_path: Path, save_as: SaveDialog
) -> None:
    from consensus_map.app.exporting import FORMATS
    from consensus_map.interchange import dumps

    target = tmp_path / "deal.json"
    save_as.append((str(target), FORMATS[-1].filter))
    window.export_action.trigger()
    finished_export(window, qtbot).close()
    assert target.read_text(encoding="utf-8") == dumps(window.document.deal)
    assert json.loads(target.read_text(encoding="utf-8"))["deal"]["name"].startswith("Northwind")


def test_csv_export_from_the_app_matches_the_command_line(
    window: Any, qtbot: Any, tmp_path: Path, save_as: SaveDialog, capsys: Any
) -> None:
    from consensus_map.app.exporting import FORMATS
    from consensus_map.cli import main

    target = tmp_path / "people.csv"
    csv = next(f for f in FORMATS if f.suffix == ".csv")
    save_as.append((str(target), csv.filter))
    window.export_action.trigger()
    finished_export(window, qtbot).close()
    by_cli = tmp_path / "by-cli.csv"
    assert main(["export", str(window.document.path), str(by_cli)]) == 0
    capsys.readouterr()
    assert target.read_bytes() == by_cli.read_bytes()
    assert target.read_bytes().startswith("\ufeff".encode())


def test_a_refused_export_says_why_in_one_line(
    window: Any, qtbot: Any, tmp_path: Path, save_as: SaveDialog
) -> None:
    from consensus_map.app.exporting import FORMATS

    target = tmp_path / "no such folder" / "review.pdf"
    save_as.append((str(target), FORMATS[0].filter))
    window.export_action.trigger()
    box = finished_export(window, qtbot)
    assert box.windowTitle() == "Cannot export"
    assert "\n" not in box.text() and "no such folder" in box.text()
    assert not target.exists()


def test_the_export_works_on_a_copy_while_the_seller_keeps_editing(window: Any) -> None:
    from consensus_map.app.exporting import snapshot

    deal = window.document.deal
    copy = snapshot(deal)
    window.document.edit_person("alex", name="Alexandra Kim")
    assert copy.stakeholder("alex").name == "Alex Kim"
    assert [p.id for p in copy.stakeholders] == [p.id for p in deal.stakeholders]


# ----------------------------------------------------------------------- print
def test_print_and_preview_give_the_pdfs_pages(window: Any, qtbot: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    from consensus_map.app import printing
    from consensus_map.report.export import ExportOptions, export_deal

    meetings = window.settings.plan_meetings()
    pdf = tmp_path / "export.pdf"
    export_deal(
        window.document.deal,
        pdf,
        window.document.path.name,
        ExportOptions(meetings=meetings),
    )
    printed = tmp_path / "printed.pdf"
    printer = printing.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    count = printing.print_pages(printer, printing.report_of(window.document, meetings))
    exported, on_paper = PdfReader(pdf), PdfReader(printed)
    assert count == len(exported.pages) == len(on_paper.pages)
    squeeze = "".join
    for a, b in zip(exported.pages, on_paper.pages, strict=True):
        assert squeeze(a.extract_text().split()) == squeeze(b.extract_text().split())
    preview = printing.preview_document(window, window.document, meetings)
    widget = preview.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    assert widget.pageCount() == count
    preview.close()


def test_file_menu_offers_export_print_and_preview(window: Any) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Export…" in texts and "&Print…" in texts and "Print pre&view…" in texts
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    view_menu = window.menuBar().actions()[2].menu()
    assert window.review_dock.action in view_menu.actions()


def test_rows_start_riskiest_first_until_a_header_is_clicked(window: Any, qtbot: Any) -> None:
    view = open_review(window, qtbot)
    risks = {r.name: r.veto_risk for r in view.review.attendees}
    shown = [risks[n] for n in attendee_names(view)]
    assert shown == sorted(shown, reverse=True)
    plan = view.plan
    numbers = [plan.proxy.index(r, 0).data() for r in range(plan.proxy.rowCount())]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
