"""The map canvas: the scene binding the deal to items, the items, the view, the tools."""

from consensus_map.app.canvas.person_item import PersonItem
from consensus_map.app.canvas.scene import DealScene
from consensus_map.app.canvas.tie_item import TieItem
from consensus_map.app.canvas.view import DealView

__all__ = ["DealScene", "DealView", "PersonItem", "TieItem"]
