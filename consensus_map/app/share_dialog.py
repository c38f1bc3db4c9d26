"""File → "Save a copy for sharing…": what to leave out, where to save, and what was left out.

A seller sends a deal to a manager or a colleague; their notes and the stakeholders'
concerns are often not for other eyes. The copy is compacted, so deleted text is not in it
either. The open deal is unchanged and stays open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from consensus_map.app.document import Document
from consensus_map.app.file_dialogs import FILE_FILTER, with_deal_suffix
from consensus_map.app.panels.widgets import plain_label
from consensus_map.store import DealFileError


class ShareDialog(QDialog):
    """The two choices, both on: private text stays home unless the seller says otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save a copy for sharing")
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "Saves a compact copy of this deal to send to someone. Text you deleted is "
                "not in it. The deal you have open stays as it is.",
                wrap=True,
            )
        )
        self.without_notes = QCheckBox("Leave out notes (each person's and the deal's)")
        self.without_concerns = QCheckBox("Leave out concerns")
        for box in (self.without_notes, self.without_concerns):
            box.setChecked(True)
            layout.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_where(parent: QWidget, current: Path) -> Path | None:
    suggested = str(current.with_suffix("")) + " (shared)" + current.suffix
    target, _ = QFileDialog.getSaveFileName(
        parent, "Save a copy for sharing", suggested, FILE_FILTER
    )
    return with_deal_suffix(target) if target else None


def save_copy_for_sharing(parent: QWidget, document: Document) -> Path | None:
    """Ask, save, and tell the user what the copy leaves out; the path written, or None."""
    if document.path is None:
        return None
    dialog = ShareDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    target = ask_where(parent, document.path)
    if target is None:
        return None
    try:
        shared = document.save_shared_copy(
            target,
            without_notes=dialog.without_notes.isChecked(),
            without_concerns=dialog.without_concerns.isChecked(),
        )
    except (DealFileError, OSError) as error:
        QMessageBox.warning(parent, "Cannot save the copy", str(error))
        return None
    QMessageBox.information(
        parent, "Copy saved for sharing", f"Saved {shared.path.name}. {shared.summary()}"
    )
    return shared.path
