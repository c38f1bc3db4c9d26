"""The import preview: what a CRM export (or a JSON deal) will become, before anything changes.

File → Import… and dropping a CSV or JSON file on the window open it. It shows the detected
source and encoding, each column and the field it fills (the seller may change any,
including to "ignore"), the first rows as they will land (role, stance, manager, and for a
merge whether each is new, updated or unchanged), the problems and warnings by line, and
for a merge what will be added, updated and kept. Import (a new deal file) or Merge (one
undoable edit of the open deal) commits; Cancel changes nothing. People's text is shown as
plain text only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consensus_map.app.busy import busy
from consensus_map.app.panels.widgets import plain_label
from consensus_map.domain import Deal, DealInfo
from consensus_map.interchange.contacts import Contact
from consensus_map.interchange.crm_formats import FORMATS, Field
from consensus_map.interchange.import_plan import NEW, UPDATED, ImportPlan
from consensus_map.interchange.importing import IMPORT_SUFFIXES, ImportSource, summary_lines

if TYPE_CHECKING:
    from consensus_map.app.document import Document
    from consensus_map.app.window_files import DealFilesWindow

# Rows shown in the preview table; the plan itself always covers the whole file.
PREVIEW_ROWS = 50
IGNORE = "— ignore —"
FIELD_CHOICES: tuple[Field, ...] = tuple(Field)
ROW_COLUMNS = ("Line", "Merge", "Name", "Title", "Role", "Stance", "Email", "Manager")
MERGE_COLUMN = 1


class ImportPreview(QDialog):
    """Preview an import; on accept, `plan` and `merging` say what to commit."""

    def __init__(
        self, source: ImportSource, document: Document | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {source.path.name}")
        self.setMinimumSize(900, 640)
        self.resize(1180, 800)
        self.source = source
        self.document = document
        self.plan: ImportPlan | None = None
        self._combos: list[QComboBox] = []

        layout = QVBoxLayout(self)
        self.detected = plain_label(wrap=True, name="Detected source", selectable=True)
        header = QFormLayout()
        header.addRow("File:", plain_label(str(source.path), selectable=True))
        header.addRow("Detected:", self.detected)
        self.source_combo = QComboBox()
        self.source_combo.setAccessibleName("Read as")
        for fmt in FORMATS:
            self.source_combo.addItem(fmt.label, fmt.key)
        self.source_combo.setCurrentIndex(self.source_combo.findData(source.fmt.key))
        self.source_combo.setEnabled(source.table is not None)
        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        header.addRow("Read as:", self.source_combo)
        layout.addLayout(header)

        self.merge_into = QRadioButton()
        self.as_new = QRadioButton("Create a new deal file from it")
        if document is not None:
            self.merge_into.setText(f"Merge into the open deal, {document.deal.info.name}")
            self.merge_into.setChecked(True)
            modes = QHBoxLayout()
            modes.addWidget(self.merge_into)
            modes.addWidget(self.as_new)
            modes.addStretch(1)
            layout.addLayout(modes)
            self.merge_into.toggled.connect(lambda _on: self._refresh())
        else:
            self.as_new.setChecked(True)

        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(["Column in the file", "First value", "Reads as"])
        self.columns.setAccessibleName("Column mapping")
        self.columns.verticalHeader().setVisible(False)
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        columns_box = QGroupBox("Columns")
        QVBoxLayout(columns_box).addWidget(self.columns)
        columns_box.setVisible(source.table is not None)

        self.rows = QTableWidget(0, len(ROW_COLUMNS))
        self.rows.setHorizontalHeaderLabels(list(ROW_COLUMNS))
        self.rows.setAccessibleName("Rows as they will land")
        self.rows.verticalHeader().setVisible(False)
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.rows_box = QGroupBox("First rows as they will land")
        QVBoxLayout(self.rows_box).addWidget(self.rows)

        self.outcome = plain_label(wrap=True, name="What will happen")
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems and warnings")
        problems_box = QGroupBox("Problems and warnings")
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.addWidget(self.outcome)
        problems_layout.addWidget(self.problems)

        top = QHBoxLayout()
        top.addWidget(columns_box, 2)
        top.addWidget(problems_box, 3)
        layout.addLayout(top, 2)
        layout.addWidget(self.rows_box, 3)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.commit = QPushButton("Import")
        self.commit.setDefault(True)
        self.buttons.addButton(self.commit, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._fill_columns()
        self._refresh()

    # ------------------------------------------------------------------ state
    @property
    def merging(self) -> bool:
        return self.document is not None and self.merge_into.isChecked()

    def set_column(self, column: int, target: Field | None) -> None:
        """Map a column of the file to a field (None: ignore it), as the combo does."""
        combo = self._combos[column]
        combo.setCurrentIndex(0 if target is None else FIELD_CHOICES.index(target) + 1)

    # -------------------------------------------------------------- building
    def _fill_columns(self) -> None:
        table = self.source.table
        self._combos = []
        self.columns.setRowCount(0)
        if table is None:
            return
        self.columns.setRowCount(len(table.header))
        for n, (name, target) in enumerate(zip(table.header, self.source.mapping, strict=True)):
            # The first value the column has: an empty first cell says nothing about it.
            example = next((r.cells[n] for r in table.rows[:200] if r.cells[n].strip()), "")
            self.columns.setItem(n, 0, _cell(name or f"(column {n + 1}, no name)"))
            self.columns.setItem(n, 1, _cell(" ".join(example.split())[:60]))
            combo = QComboBox()
            combo.setAccessibleName(f"Column {name} reads as")
            combo.addItem(IGNORE, None)
            for choice in FIELD_CHOICES:
                combo.addItem(choice.label, choice.value)
            combo.setCurrentIndex(0 if target is None else FIELD_CHOICES.index(target) + 1)
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self.columns.setCellWidget(n, 2, combo)
            self._combos.append(combo)

    def _on_source_changed(self, _index: int) -> None:
        key = self.source_combo.currentData()
        fmt = next(f for f in FORMATS if f.key == key)
        self.source = self.source.with_format(fmt)
        self._fill_columns()
        self._refresh()

    def _on_mapping_changed(self, _index: int) -> None:
        mapping = [
            None if combo.currentData() is None else Field(combo.currentData())
            for combo in self._combos
        ]
        self.source = self.source.with_mapping(mapping)
        self._refresh()

    def _refresh(self) -> None:
        """Re-plan the whole file with the current mapping and mode, and show it."""
        self.detected.setText(self.source.describe())
        into = self.document.deal if self.merging and self.document is not None else None
        with busy(self.isVisible()):  # a 5,000-contact export takes a moment to re-plan
            contacts = self.source.contacts()
            plan = self.source.plan(Deal(DealInfo("Preview")) if into is None else into, contacts)
        self.plan = plan
        merging = into is not None
        self.commit.setText("Merge" if merging else "Import…")
        self.commit.setEnabled(plan.ok)
        self.rows.setColumnHidden(MERGE_COLUMN, not (merging and plan.ok))
        self._show_rows(plan, contacts.contacts)
        self._show_problems(plan)
        self._show_outcome(plan, merging)

    def _show_rows(self, plan: ImportPlan, read: Sequence[Contact]) -> None:
        shown: list[tuple[str, ...]] = []
        if plan.ok:
            for row in plan.rows[:PREVIEW_ROWS]:
                p = row.person
                status = {NEW: "new", UPDATED: "updated: " + ", ".join(row.changed)}.get(
                    row.status, "no change"
                )
                shown.append((str(row.line or ""), status, p.name, p.title, p.role.label,
                              p.stance.label, p.email, row.manager))  # fmt: skip
        else:  # show what was read, so the seller can see what the problems refer to
            for contact in read[:PREVIEW_ROWS]:
                p = contact.person
                shown.append((str(contact.line or ""), "", p.name, p.title, p.role.label,
                              p.stance.label, p.email, contact.manager))  # fmt: skip
        self.rows.setRowCount(len(shown))
        for r, values in enumerate(shown):
            for c, value in enumerate(values):
                self.rows.setItem(r, c, _cell(" ".join(value.split())))
        self.rows.resizeColumnsToContents()
        total = plan.contacts
        more = f" (first {PREVIEW_ROWS} of {total})" if total > PREVIEW_ROWS else ""
        self.rows_box.setTitle(f"First rows as they will land{more}")

    def _show_problems(self, plan: ImportPlan) -> None:
        self.problems.clear()
        style = self.style()
        error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for problem in plan.errors:
            self.problems.addItem(QListWidgetItem(error_icon, _sentence(str(problem))))
        for problem in plan.warnings:
            self.problems.addItem(QListWidgetItem(warning_icon, _sentence(str(problem))))
        if not plan.errors and not plan.warnings:
            self.problems.addItem("No problems found.")

    def _show_outcome(self, plan: ImportPlan, merging: bool) -> None:
        if not plan.ok:
            count = len(plan.errors)
            which = "this problem is" if count == 1 else f"these {count} problems are"
            text = (f"Nothing can be imported until {which} fixed in the file (or a column "
                    "is mapped differently).")  # fmt: skip
        elif merging:
            lists = [line.strip() for line in summary_lines(plan, merge=True)[:4]]
            text = "\n".join(
                [f"{_sentence(line)}." for line in lists]
                + ["What you judged (readiness, stance, mode, notes, ties, positions) is kept; "
                   "one undo reverses the merge."]
            )  # fmt: skip
        else:
            text = (f"Creates a deal of {len(plan.added)} people and {len(plan.ties_added)} "
                    "reporting lines, laid out as an org chart.")  # fmt: skip
        self.outcome.setText(text)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text)
    return item


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------ the window's part
def dropped_import(event: QDropEvent) -> Path | None:
    """The first local CSV or JSON file in a drag, if any."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(IMPORT_SUFFIXES):
            return Path(url.toLocalFile())
    return None


def ask_import_file(parent: QWidget, start_dir: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        "Import contacts or a deal",
        start_dir,
        "CRM exports and deals (*.csv *.json *.txt *.tsv);;CSV (*.csv);;JSON (*.json)",
    )
    return Path(name) if name else None


def open_for_import(parent: QWidget, path: Path) -> ImportSource | None:
    """Read the file, or say in one line why it cannot be read (nothing changes)."""
    from consensus_map.interchange import InterchangeError
    from consensus_map.interchange.importing import open_source

    try:
        return open_source(path)
    except InterchangeError as error:
        QMessageBox.warning(parent, "Cannot import", f"{path.name}: {error}")
    except OSError as error:
        QMessageBox.warning(parent, "Cannot import", f"{path}: {error.strerror or error}")
    return None


def ask_new_deal_path(parent: QWidget, source: ImportSource) -> Path | None:
    from consensus_map.app.file_dialogs import FILE_FILTER, with_deal_suffix

    suggested = str(source.path.with_suffix(".dealmap"))
    target, _ = QFileDialog.getSaveFileName(parent, "New deal file", suggested, FILE_FILTER)
    return with_deal_suffix(target) if target else None


def import_into(window: DealFilesWindow, path: Path | None = None) -> bool:
    """Preview `path` (asked for when None) and commit what the seller chose; True if done."""
    if path is None:
        current = window.document.path if window.document is not None else None
        path = ask_import_file(window, str(current.parent) if current is not None else "")
        if path is None:
            return False
    source = open_for_import(window, path)
    if source is None:
        return False
    dialog = ImportPreview(source, window.document, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return commit(window, dialog)


def commit(window: DealFilesWindow, dialog: ImportPreview) -> bool:
    """Merge into the open deal as one undoable edit, or write a new deal file and open it."""
    plan, source = dialog.plan, dialog.source
    if plan is None or not plan.ok:
        return False
    if dialog.merging and window.document is not None:
        return window.document.refresh_committee(plan.change(), f"Merge {source.path.name}")
    target = ask_new_deal_path(window, source)
    if target is None:
        return False
    from consensus_map.interchange.importing import json_deal_laid_out, new_deal
    from consensus_map.store import DealFileError, create_deal_file

    name = target.stem.strip() or source.path.stem
    deal = json_deal_laid_out(source) if source.json_deal is not None else new_deal(plan, name)
    try:
        create_deal_file(target, deal)
    except DealFileError as error:
        QMessageBox.warning(window, "Cannot create the deal", str(error))
        return False
    return window.open_path(target)
