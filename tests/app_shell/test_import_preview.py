"""The import preview in the app: what it shows, the mapping the seller changes, Merge as one
undo step, Cancel changing nothing, and File → Import… and drops that open it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from consensus_map.app import import_preview
from consensus_map.app.import_preview import MERGE_COLUMN, ROW_COLUMNS, ImportPreview
from consensus_map.domain import Readiness, Stance, Tie, TieKind
from consensus_map.interchange.crm_formats import HUBSPOT, SALESFORCE, Field
from consensus_map.interchange.importing import open_source
from consensus_map.store import open_deal_file, read_deal

FIXTURES = Path(__file__).parents[1] / "interchange" / "fixtures"
WEEK2 = FIXTURES / "salesforce_contacts_week2.csv"


@pytest.fixture
def contoso(tmp_path: Path) -> Path:
    """Last week's Salesforce import, and the seller's judgement of Margaret since."""
    from consensus_map.domain import Deal, DealInfo
    from consensus_map.interchange.importing import new_deal
    from consensus_map.store import create_deal_file

    path = tmp_path / "contoso.dealmap"
    plan = open_source(FIXTURES / "salesforce_contacts.csv").plan(Deal(DealInfo("Contoso")))
    create_deal_file(path, new_deal(plan, "Contoso"))
    with open_deal_file(path) as opened:
        deal = opened.deal
        ids = {p.name: p.id for p in deal.stakeholders}
        margaret = deal.stakeholder(ids["Margaret Okonkwo"])
        deal.update_stakeholder(margaret.replace(readiness=Readiness.EXPLORING,
                                                 stance=Stance.SKEPTIC, notes="QBR"))  # fmt: skip
        deal.add_tie(Tie(ids["Margaret Okonkwo"], ids["Daniel Brennan"], TieKind.INFLUENCES, 3))
    return path


@pytest.fixture
def crm_window(qtbot: Any, contoso: Path) -> Any:
    from consensus_map.app.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(contoso)
    win.show()
    yield win
    if win.document is not None:
        win.document.close()
        win.document = None


def table_rows(dialog: ImportPreview) -> list[dict[str, str]]:
    table = dialog.rows
    return [
        {ROW_COLUMNS[c]: table.item(r, c).text() for c in range(table.columnCount())}
        for r in range(table.rowCount())
    ]


def problems(dialog: ImportPreview) -> list[str]:
    return [dialog.problems.item(i).text() for i in range(dialog.problems.count())]


def snapshot(deal: Any) -> tuple[Any, ...]:
    return (deal.stakeholders, sorted(deal.ties, key=lambda t: t.key))


def test_a_merge_preview_shows_source_encoding_rows_and_what_will_change(
    crm_window: Any, qtbot: Any
) -> None:
    dialog = ImportPreview(open_source(WEEK2), crm_window.document, crm_window)
    qtbot.addWidget(dialog)
    assert dialog.detected.text() == "Salesforce CSV, UTF-8, comma-separated, 11 rows"
    assert dialog.detected.textFormat() == Qt.TextFormat.PlainText
    assert dialog.merging and dialog.commit.text() == "Merge" and dialog.commit.isEnabled()
    rows = {r["Name"]: r for r in table_rows(dialog)}
    assert rows["Oscar Lindgren"]["Merge"] == "new"
    assert rows["Oscar Lindgren"]["Role"] == "end user"
    assert rows["Oscar Lindgren"]["Manager"] == "Aisha Bello"
    assert (
        rows["Priya Raman"]["Merge"].startswith("updated: ")
        and "title" in rows["Priya Raman"]["Merge"]
    )
    # Margaret lands as the seller judged her, not as the CRM's role string says.
    assert rows["Margaret Okonkwo"]["Stance"] == "skeptic"
    assert not dialog.rows.isColumnHidden(MERGE_COLUMN)
    outcome = dialog.outcome.text()
    assert "Added: 2 — Nina Patel, Oscar Lindgren." in outcome
    assert "Not in the file (kept): 1 — Rachel Stein." in outcome
    assert problems(dialog) == ["1 contact had a role we don't know: 'Procurement' ×1 → other"]


def test_merge_is_one_undo_step_written_to_the_file(
    crm_window: Any, contoso: Path, qtbot: Any
) -> None:
    document = crm_window.document
    before = snapshot(document.deal)
    steps = document.undo_stack.count()
    dialog = ImportPreview(open_source(WEEK2), document, crm_window)
    qtbot.addWidget(dialog)
    assert import_preview.commit(crm_window, dialog)

    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Merge salesforce_contacts_week2.csv"
    names = {p.name for p in document.deal.stakeholders}
    assert {"Oscar Lindgren", "Nina Patel"} <= names
    assert set(crm_window.scene.person_items) == {p.id for p in document.deal.stakeholders}
    assert snapshot(read_deal(contoso)) == snapshot(document.deal)
    margaret = next(p for p in document.deal.stakeholders if p.name == "Margaret Okonkwo")
    assert (margaret.stance, margaret.notes) == (Stance.SKEPTIC, "QBR")

    crm_window.undo()
    assert snapshot(document.deal) == before
    assert snapshot(read_deal(contoso)) == before
    assert len(crm_window.scene.person_items) == len(before[0])
    crm_window.redo()
    assert "Oscar Lindgren" in {p.name for p in document.deal.stakeholders}


def test_cancel_changes_nothing(
    crm_window: Any, contoso: Path, qtbot: Any, monkeypatch: Any
) -> None:
    before = contoso.read_bytes()
    deal_before = snapshot(crm_window.document.deal)
    monkeypatch.setattr(ImportPreview, "exec", lambda self: ImportPreview.DialogCode.Rejected)
    assert not import_preview.import_into(crm_window, WEEK2)
    assert snapshot(crm_window.document.deal) == deal_before
    assert crm_window.document.undo_stack.count() == 0
    assert contoso.read_bytes() == before


def test_the_seller_can_remap_or_ignore_a_column(crm_window: Any, qtbot: Any) -> None:
    dialog = ImportPreview(open_source(FIXTURES / "hubspot_contacts.csv"), None, crm_window)
    qtbot.addWidget(dialog)
    assert not dialog.merging and dialog.commit.text() == "Import…"
    assert dialog.rows.isColumnHidden(MERGE_COLUMN)
    header = list(dialog.source.table.header)  # type: ignore[union-attr]
    rows = {r["Name"]: r for r in table_rows(dialog)}
    assert (rows["Jamal Carter"]["Role"], rows["Jamal Carter"]["Stance"]) == (
        "decision-shaper", "champion")  # fmt: skip

    dialog.set_column(header.index("Buying Role"), None)  # ignore it
    rows = {r["Name"]: r for r in table_rows(dialog)}
    assert (rows["Jamal Carter"]["Role"], rows["Jamal Carter"]["Stance"]) == ("other", "unknown")
    assert dialog.plan is not None and all(p.role.value == "other" for p in dialog.plan.added)

    dialog.set_column(header.index("Company Name"), Field.TITLE)
    dialog.set_column(header.index("Job Title"), None)
    assert {r["Title"] for r in table_rows(dialog)} == {"Fabrikam Health"}


def test_reading_the_file_as_another_source_remaps_its_columns(crm_window: Any, qtbot: Any) -> None:
    dialog = ImportPreview(open_source(FIXTURES / "hubspot_contacts.csv"), None, crm_window)
    qtbot.addWidget(dialog)
    assert dialog.source.fmt is HUBSPOT
    dialog.source_combo.setCurrentIndex(dialog.source_combo.findData(SALESFORCE.key))
    assert dialog.source.fmt is SALESFORCE
    # Salesforce knows First Name and Email here, not Job Title or Buying Role.
    assert dialog.source.mapping[dialog.source.table.header.index("Job Title")] is None  # type: ignore[union-attr]
    assert {r["Title"] for r in table_rows(dialog)} == {""}


def test_problems_are_listed_by_line_and_nothing_can_be_committed(
    crm_window: Any, qtbot: Any
) -> None:
    dialog = ImportPreview(open_source(FIXTURES / "error_cycle.csv"), crm_window.document)
    qtbot.addWidget(dialog)
    assert not dialog.commit.isEnabled()
    assert problems(dialog) == [
        "Line 4: reports-to loop: Priya Raman → Margaret Okonkwo → Daniel Brennan → Priya Raman"
    ]
    assert "Nothing can be imported" in dialog.outcome.text()
    assert [r["Name"] for r in table_rows(dialog)] == ["Daniel Brennan", "Margaret Okonkwo",
                                                       "Priya Raman"]  # fmt: skip


def test_markup_in_a_name_is_shown_literally(crm_window: Any, qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "markup.csv"
    path.write_text("Name,Title\n<b>Bold</b>,<img src=x>\n", encoding="utf-8")
    dialog = ImportPreview(open_source(path), None, crm_window)
    qtbot.addWidget(dialog)
    row = table_rows(dialog)[0]
    assert (row["Name"], row["Title"]) == ("<b>Bold</b>", "<img src=x>")


def test_a_new_deal_from_the_preview_is_written_and_opened(
    crm_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    target = tmp_path / "Fabrikam.dealmap"
    monkeypatch.setattr(import_preview, "ask_new_deal_path", lambda *_a: target)
    dialog = ImportPreview(open_source(FIXTURES / "hubspot_contacts.csv"), crm_window.document)
    qtbot.addWidget(dialog)
    dialog.as_new.setChecked(True)
    assert dialog.commit.text() == "Import…"
    assert import_preview.commit(crm_window, dialog)
    assert crm_window.document.path == target
    assert len(crm_window.document.deal) == 10
    assert crm_window.document.deal.info.name == "Fabrikam"


def test_file_import_and_a_dropped_csv_open_the_preview(
    crm_window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    assert crm_window.import_action in crm_window.menuBar().actions()[0].menu().actions()
    seen: list[str] = []

    def look(self: ImportPreview) -> int:
        seen.append(self.source.describe())
        return int(ImportPreview.DialogCode.Rejected.value)

    monkeypatch.setattr(ImportPreview, "exec", look)
    monkeypatch.setattr(import_preview, "ask_import_file", lambda *_a: WEEK2)
    crm_window.import_action.trigger()
    assert seen == ["Salesforce CSV, UTF-8, comma-separated, 11 rows"]

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(FIXTURES / "hubspot_contacts.csv"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    crm_window.dropEvent(event)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[1].startswith("HubSpot CSV, UTF-8 with BOM")


def test_an_unreadable_file_is_refused_in_one_line(
    crm_window: Any, tmp_path: Path, messages: list[str]
) -> None:
    bad = tmp_path / "sheet.csv"
    bad.write_bytes(b"PK\x03\x04\x00\x00binary")
    assert not import_preview.import_into(crm_window, bad)
    assert len(messages) == 1 and messages[0].startswith("sheet.csv: line 1: holds a NUL byte")


def test_a_dropped_json_deal_previews_and_imports_with_every_tie(
    crm_window: Any, qtbot: Any, tmp_path: Path, sample_json_path: Path, monkeypatch: Any
) -> None:
    from consensus_map.interchange import load_json_file

    dialog = ImportPreview(open_source(sample_json_path), crm_window.document)
    qtbot.addWidget(dialog)
    assert dialog.detected.text().startswith("Consensus Map JSON, UTF-8, 11 people")
    assert not dialog.source_combo.isEnabled()
    assert len(table_rows(dialog)) == 11
    target = tmp_path / "northwind.dealmap"
    monkeypatch.setattr(import_preview, "ask_new_deal_path", lambda *_a: target)
    dialog.as_new.setChecked(True)
    assert import_preview.commit(crm_window, dialog)
    assert set(read_deal(target).ties) == set(load_json_file(sample_json_path).ties)
