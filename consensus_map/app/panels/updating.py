"""How a view says quietly that what it shows is about to be replaced.

While a big account map's new analysis runs in the background, the risk panel, the
inspector (and any view that follows the document's analysis) keep the last figures, greyed,
with "updating…" beside them: never half old and half new.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

UPDATING = "updating…"
_GREY_ROLES = (
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.Text,
    QPalette.ColorRole.ButtonText,
)
# How far text moves from its colour toward the background: still readable, clearly muted.
_MUTE = 0.55


def muted(palette: QPalette) -> QColor:
    """Text colour half-way to the background, in light and dark palettes alike."""
    ink = palette.color(QPalette.ColorRole.WindowText)
    ground = palette.color(QPalette.ColorRole.Window)

    def mix(a: int, b: int) -> int:
        return round(a + (b - a) * _MUTE)

    return QColor(
        mix(ink.red(), ground.red()),
        mix(ink.green(), ground.green()),
        mix(ink.blue(), ground.blue()),
    )


def show_outdated(widget: QWidget, outdated: bool) -> None:
    """Grey `widget`'s text (and its children's) while `outdated`; restore it after."""
    if bool(widget.property("outdated")) == outdated:
        return
    widget.setProperty("outdated", outdated)
    if not outdated:
        widget.setPalette(QPalette())  # no roles of its own: the parent's palette again
        return
    parent = widget.parentWidget()
    palette = QPalette(parent.palette() if parent is not None else widget.palette())
    grey = muted(palette)
    for role in _GREY_ROLES:
        palette.setColor(role, grey)
    widget.setPalette(palette)


def is_outdated(widget: QWidget) -> bool:
    return bool(widget.property("outdated"))
