"""The wait cursor while the window works on something a user can wait for.

Opening a big account map, Save As, or arranging 2,000 people by influence takes from a
fraction of a second to seconds; the cursor says the app is working, not stuck.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@contextmanager
def busy(showing: bool = True) -> Iterator[None]:
    """The wait cursor for the duration of the block; nothing when `showing` is False."""
    if not showing:
        yield
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
