"""Guards the PySide6 pin: void Qt calls must not leak references to None.

PySide6 6.12.0 on CPython 3.11 leaks one reference to None per void call (QPoint.setX,
QGraphicsItem.setPos, ...) and the process aborts with "none_dealloc" after ~100k calls —
a canvas drag or a layout of a big map makes that many. pyproject pins below 6.12 on 3.11.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QGraphicsRectItem

CALLS = 200_000
SLACK = 100  # unrelated allocations may take or drop a few references meanwhile


def test_void_qt_calls_do_not_leak_none(qapp: Any) -> None:
    point = QPoint()
    item = QGraphicsRectItem(0, 0, 10, 10)
    before = sys.getrefcount(None)
    for n in range(CALLS // 2):
        point.setX(n)
        item.setPos(n, 0)
    after = sys.getrefcount(None)
    assert abs(after - before) < SLACK, f"None leaked {after - before} references"
