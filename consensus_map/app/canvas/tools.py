"""Interactions that span several mouse events: drawing a new tie from one person to another.

A tool is an object the scene hands events to while it is active, instead of a mode flag
inside the scene's mouse handlers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPoint, QPointF, Qt
from PySide6.QtGui import QCursor, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QMenu, QWidget

from consensus_map.app.story import menu_text
from consensus_map.domain import TieKind

if TYPE_CHECKING:
    from consensus_map.app.canvas.person_item import PersonItem
    from consensus_map.app.canvas.scene import DealScene

TIE_KIND_CHOICES: tuple[tuple[str, TieKind], ...] = (
    ("Reports to", TieKind.REPORTS_TO),
    ("Influences", TieKind.INFLUENCES),
    ("Ally", TieKind.ALLY),
    ("Rival", TieKind.RIVAL),
)

KindChooser = Callable[[QPoint, str, str], TieKind | None]


def choose_kind_with_menu(screen_pos: QPoint, source: str, target: str) -> TieKind | None:
    """A small popup menu at the drop point: which kind of tie to draw."""
    parent: QWidget | None = None
    menu = QMenu(parent)
    title = menu.addAction(menu_text(f"{source} … {target}"))
    title.setEnabled(False)
    menu.addSeparator()
    actions = {menu.addAction(label): kind for label, kind in TIE_KIND_CHOICES}
    chosen = menu.exec(screen_pos)
    return actions.get(chosen) if chosen is not None else None


class ConnectTool:
    """Drag from a person to another person, then pick the kind of tie."""

    def __init__(self, scene: DealScene) -> None:
        self._scene = scene
        self._source: PersonItem | None = None
        self._line: QGraphicsLineItem | None = None
        # Replaceable (tests, or a window that wants its own chooser).
        self.choose_kind: KindChooser = choose_kind_with_menu

    @property
    def active(self) -> bool:
        return self._source is not None

    def start(self, source: PersonItem, scene_pos: QPointF) -> None:
        self._source = source
        line = QGraphicsLineItem(QLineF(source.pos(), scene_pos))
        pen = QPen(self._scene.colours.highlight, 2.5, Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setZValue(10)
        self._scene.addItem(line)
        self._line = line

    def move(self, scene_pos: QPointF) -> None:
        if self._line is not None and self._source is not None:
            self._line.setLine(QLineF(self._source.pos(), scene_pos))

    def finish(self, scene_pos: QPointF, screen_pos: QPoint | None = None) -> bool:
        """Drop at `scene_pos`: on another person, ask the kind and connect. True if tied."""
        source = self._source
        self.cancel()
        if source is None:
            return False
        target = self._scene.person_item_at(scene_pos, exclude=source)
        if target is None:
            return False
        where = screen_pos if screen_pos is not None else QCursor.pos()
        kind = self.choose_kind(where, source.person.name, target.person.name)
        if kind is None:
            return False
        return self._scene.document.add_tie(source.person_id, target.person_id, kind)

    def cancel(self) -> None:
        if self._line is not None:
            self._scene.removeItem(self._line)
        self._line = None
        self._source = None
