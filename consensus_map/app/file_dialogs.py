"""Asking the user for files: open, new, save as, and `.dealmap` files dropped on the
window (exports ask in app/exporting.py). Each function returns what the user chose (or
None) and reports its own problems in a message box; the window decides what to do.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from consensus_map.domain import Deal, DealInfo
from consensus_map.store import SUFFIX

FILE_FILTER = f"Deal maps (*{SUFFIX})"


def with_deal_suffix(name: str) -> Path:
    path = Path(name)
    return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)


def ask_open(parent: QWidget, start_dir: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open a deal", start_dir, FILE_FILTER)
    return Path(name) if name else None


def ask_new_deal(parent: QWidget) -> tuple[Path, Deal] | None:
    """The new deal's name, then where to keep it."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("New deal")
    dialog.setLabelText("Deal name (e.g. Acme renewal):")
    dialog.setMinimumWidth(380)  # room for a deal's name, and the title not cut off
    ok = bool(dialog.exec())  # 1: accepted
    name = dialog.textValue().strip()
    dialog.deleteLater()
    if not ok or not name:
        return None
    try:
        deal = Deal(DealInfo(name=name))
    except ValueError as error:
        QMessageBox.warning(parent, "Cannot create the deal", str(error))
        return None
    suggested = name.replace("/", "-") + SUFFIX
    target, _ = QFileDialog.getSaveFileName(parent, "New deal file", suggested, FILE_FILTER)
    return (with_deal_suffix(target), deal) if target else None


def ask_save_as(parent: QWidget, current: Path) -> Path | None:
    suggested = str(current.with_suffix("")) + " copy" + SUFFIX
    target, _ = QFileDialog.getSaveFileName(parent, "Save the deal as", suggested, FILE_FILTER)
    return with_deal_suffix(target) if target else None


def dropped_deal(event: QDropEvent) -> Path | None:
    """The first local `.dealmap` in a drag, if any."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().endswith(SUFFIX):
            return Path(url.toLocalFile())
    return None
