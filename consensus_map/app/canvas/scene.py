"""The map scene: the one place that binds the deal to graphics items.

It builds one item per person and per tie, follows the document's change events item by
item (never a full rebuild for one edit), shows the live analysis, and turns what the user
does on the canvas into document edits: a finished drag is one Move (anyone dropped onto
someone is nudged to the nearest free spot in that same step), a double-click on empty
canvas asks for a new person there (`add_requested`), a right-drag (or Alt-drag, or
connect mode) ties two people, Delete deletes the selection.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QLineF, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPainter,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
)

from consensus_map.app.canvas.halos import HaloSync
from consensus_map.app.canvas.person_item import PersonItem
from consensus_map.app.canvas.tie_grid import TieGrid
from consensus_map.app.canvas.tie_item import TieItem
from consensus_map.app.canvas.tools import ConnectTool
from consensus_map.app.document import Document
from consensus_map.domain import (
    CommitteeRefreshed,
    DealEvent,
    Stakeholder,
    StakeholdersAdded,
    StakeholdersChanged,
    StakeholdersMoved,
    StakeholdersRemoved,
    Tie,
    TieChanged,
    TieKey,
    TieKind,
    TiesAdded,
    TiesRemoved,
)
from consensus_map.layout import NODE_HEIGHT, NODE_WIDTH, free_spot, routing, settle
from consensus_map.render.map import DETOUR_MAX_PEOPLE, pair_bends
from consensus_map.render.style import TIE_STYLE, CanvasColours

# Events after which ties may need to curve around someone (or may run straight again).
_GEOMETRY_EVENTS = (
    StakeholdersAdded,
    StakeholdersRemoved,
    StakeholdersMoved,
    TiesAdded,
    CommitteeRefreshed,
)


BOX_HALF = (NODE_WIDTH / 2, NODE_HEIGHT / 2)
# Qt's BSP index grows one level deeper each time the number of items doubles (15 levels,
# 32,768 leaves, for a 5,000-person map's 20,000 items), and a tie across the map sits in
# every leaf its bounding rectangle covers: moving one person re-filed each of their long
# ties in thousands of leaves, about 10 ms a tie (60 ms a nudge). At 10 levels a move costs
# about 1.5 ms a tie, and a click or a repaint finds its items as fast as before.
INDEX_DEPTH = 10
# How far a tie's paint reaches beyond its line: half its width, its arrow head, and the
# highlight of a selected tie.
TIE_REACH = 20.0


def _round(value: float) -> float:
    # Positions in the file stay short and stable (a drag gives arbitrary floats).
    return round(value, 1)


class DealScene(QGraphicsScene):
    person_activated = Signal(str)  # double-click on a person
    add_requested = Signal(QPointF)  # double-click on empty canvas: a free spot for someone
    people_changed = Signal()  # someone was added or removed (not moved or edited)

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self.colours = CanvasColours.from_palette(QApplication.palette())
        self.person_items: dict[str, PersonItem] = {}
        self.tie_items: dict[TieKey, TieItem] = {}
        self._ties_of: dict[str, set[TieKey]] = {}
        self._detoured: set[TieKey] = set()  # ties curved around someone in their way
        self._filter = (False, False)
        self._dimmed = False  # some item is dimmed by the filter
        self._highlight: frozenset[str] = frozenset()
        self._drag_start: dict[str, QPointF] = {}
        self._connect_mode = False
        self._ties_batched = False  # zoomed out: ties drawn as one batch of hairlines
        self._tie_grid: TieGrid[TieItem] = TieGrid()  # where each tie's line runs
        self._ties_added = 0
        self._ties_restyled: bool | None = None  # while restyling many ties: any changed
        self._selected_ties: set[TieItem] = set()  # as last drawn
        # Selecting all of a big map emits selectionChanged once per item: look once, after.
        self._selection_check = QTimer(self)
        self._selection_check.setSingleShot(True)
        self._selection_check.setInterval(0)
        self._selection_check.timeout.connect(self._repaint_selected_ties)
        self.selectionChanged.connect(self._selection_check.start)
        self.connect_tool = ConnectTool(self)
        # Without an index every paint and click scans all items; with a 2,000-person map
        # the BSP tree keeps hit tests and viewport queries cheap.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBspTreeDepth(INDEX_DEPTH)
        self._add_people(document.deal.stakeholders)
        self._add_ties(document.deal.ties)
        self.route_ties()
        self.halos = HaloSync(self, self._on_halos_done)
        self.halos.refresh()
        document.deal_changed.connect(self._on_deal_changed)
        # Halos and ranks: the new ones (a big map's a turn later), or the last ones greyed.
        document.analysis_changed.connect(self.halos.follow)
        document.analysis_outdated.connect(self.halos.refresh)

    # ------------------------------------------------------------- window API
    def selected_person_ids(self) -> list[str]:
        """Selected people in the deal's order."""
        return [pid for pid, item in self.person_items.items() if item.isSelected()]

    def selected_tie_keys(self) -> list[TieKey]:
        return [key for key, item in self.tie_items.items() if item.isSelected()]

    def select_person(self, person_id: str) -> None:
        item = self.person_items.get(person_id)
        if item is None:
            return
        self.clearSelection()
        item.setSelected(True)
        item.setFocus()

    def set_filter(self, attendees_only: bool = False, sinkers_only: bool = False) -> None:
        """Dim (not hide) everyone but attendees and/or deal-sinkers."""
        self._filter = (attendees_only, sinkers_only)
        self._apply_filter()

    def set_highlight(self, person_ids: Iterable[str]) -> None:
        """Mark people found by a search."""
        self._highlight = frozenset(person_ids)
        for pid, item in self.person_items.items():
            item.set_highlighted(pid in self._highlight)

    def set_connect_mode(self, on: bool) -> None:
        """While on, a left-drag from a person draws a tie instead of moving them."""
        self._connect_mode = on

    def items_bounding_rect(self) -> QRectF:
        """What is drawn (what Fit must show): every box with its halo, and the ties that
        curve (a straight tie runs between two boxes, inside them). Not the items' bounding
        rects, which leave room for a halo everyone may not have."""
        if not self.person_items:
            return QRectF()
        half_w, half_h = BOX_HALF
        left = top = math.inf
        right = bottom = -math.inf
        for item in self.person_items.values():
            at, m = item.pos(), item.halo_margin()
            x, y = at.x(), at.y()
            left, right = min(left, x - half_w - m), max(right, x + half_w + m)
            top, bottom = min(top, y - half_h - m), max(bottom, y + half_h + m)
        rect = QRectF(left, top, right - left, bottom - top)
        for key, tie in self.tie_items.items():
            if tie.bend or key in self._detoured:
                rect = rect.united(tie.boundingRect())  # map coordinates: ties have no pos
        return rect

    def delete_selection(self) -> bool:
        people, ties = self.selected_person_ids(), self.selected_tie_keys()
        gone = set(people)
        ties = [k for k in ties if k[0] not in gone and k[1] not in gone]
        return self.document.delete(people, ties)

    def nudge_selection(self, dx: float, dy: float) -> bool:
        """Move the selected people by (dx, dy) as one undo step (arrow keys)."""
        moved = {
            pid: (_round(item.x() + dx), _round(item.y() + dy))
            for pid, item in self.person_items.items()
            if item.isSelected()
        }
        return bool(moved) and self.document.move(moved, text="Nudge")

    def person_item_at(self, pos: QPointF, exclude: PersonItem | None = None) -> PersonItem | None:
        for item in self.items(pos):
            if isinstance(item, PersonItem) and item is not exclude:
                return item
        return None

    # ----------------------------------------------------- model → items
    def _on_deal_changed(self, event: DealEvent) -> None:
        match event:
            case StakeholdersAdded(people, ties):
                self._add_people(people)
                self._add_ties(ties)
                self.people_changed.emit()
            case StakeholdersRemoved(people, ties):
                self._remove_ties(t.key for t in ties)
                for person in people:
                    item = self.person_items.pop(person.id, None)
                    self._ties_of.pop(person.id, None)
                    if item is not None:
                        self.removeItem(item)
                self.people_changed.emit()
            case StakeholdersChanged(_, news):
                for new in news:
                    self.person_items[new.id].set_person(new)
                self._apply_filter()
            case StakeholdersMoved(_, positions):
                for pid, (x, y) in positions.items():
                    self.person_items[pid].setPos(x, y)
            case TiesAdded(ties):
                self._add_ties(ties)
            case TiesRemoved(ties):
                self._remove_ties(t.key for t in ties)
            case TieChanged(_, new_tie):
                self.tie_items[new_tie.key].set_tie(new_tie)
            case CommitteeRefreshed():
                # The deal's own order: ties out, people out, people in, records, ties in.
                self._remove_ties(t.key for t in event.ties_removed)
                for person in event.removed:
                    item = self.person_items.pop(person.id, None)
                    self._ties_of.pop(person.id, None)
                    if item is not None:
                        self.removeItem(item)
                self._add_people(event.added)
                for new in event.new:
                    self.person_items[new.id].set_person(new)
                self._add_ties(event.ties_added)
                self._apply_filter()
            case _:
                pass  # deal details: the analysis that follows updates the badges
        if isinstance(event, _GEOMETRY_EVENTS):
            self.route_ties()  # the model's change is final: route now, not on a timer

    def _on_halos_done(self) -> None:
        if self._filter[1]:  # only "sinkers only" depends on the analysis
            self._apply_filter()

    def _add_people(self, people: Iterable[Stakeholder]) -> None:
        for person in people:
            item = PersonItem(person)
            self.person_items[person.id] = item
            self._ties_of.setdefault(person.id, set())
            self.addItem(item)
            if person.id in self._highlight:
                item.set_highlighted(True)
        self._apply_filter()

    def _add_ties(self, ties: Iterable[Tie]) -> None:
        pairs: set[frozenset[str]] = set()
        for tie in ties:
            self._ties_added += 1
            item = TieItem(tie, self._ties_added)
            item.setVisible(not self._ties_batched)
            self.tie_items[tie.key] = item
            self._ties_of[tie.source].add(tie.key)
            self._ties_of[tie.target].add(tie.key)
            self.addItem(item)
            pairs.add(frozenset((tie.source, tie.target)))
        self._rebend(pairs)

    def _remove_ties(self, keys: Iterable[TieKey]) -> None:
        pairs: set[frozenset[str]] = set()
        for key in keys:
            item = self.tie_items.pop(key, None)
            if item is None:
                continue
            for end in key[:2]:
                self._ties_of.get(end, set()).discard(key)
            pairs.add(frozenset(key[:2]))
            self._detoured.discard(key)
            self._selected_ties.discard(item)
            self._tie_grid.remove(item)
            self.repaint_ties(item.boundingRect())
            self.removeItem(item)
        self._rebend(pairs)

    def tie_changed(self, item: TieItem, old: QRectF, placed: bool) -> None:
        """Called by a tie whenever it looks different: `placed` (its line moved), restyled,
        dimmed or (un)selected. Ties are drawn by the scene (tie_item's docstring), so Qt
        repaints nothing by itself: the area it covered and the one it covers now."""
        if placed:
            lines, box = item.grid_lines()
            self._tie_grid.place(
                item,
                lines,
                None if box is None else (box.left(), box.top(), box.right(), box.bottom()),
            )
        if self._ties_restyled is not None:
            self._ties_restyled = True  # one repaint after all of them
            return
        now = item.boundingRect()
        if not old.isNull() and old != now:
            self.repaint_ties(old)
        self.repaint_ties(now)

    def repaint_ties(self, area: QRectF | None = None) -> None:
        """Redraw the ties in `area` (map units), or everywhere. Views keep the ties they
        drew in their cached background (DealView), so an edit that only changes people
        repaints no tie: this is how that cache learns that ties changed."""
        if area is None:
            for view in self.views():
                view.resetCachedContent()
            self.update()
        else:
            self.invalidate(area, QGraphicsScene.SceneLayer.BackgroundLayer)

    def _rebend(self, pairs: Iterable[frozenset[str]]) -> None:
        """Spread ties between the same two people so none hides another, then place them."""
        for pair in pairs:
            keys = [k for k in self._ties_of.get(min(pair), ()) if frozenset(k[:2]) == pair]
            for key, bend in pair_bends(keys).items():
                item = self.tie_items[key]
                item.set_bend(bend)
                self._place_tie(item)

    def _place_tie(self, item: TieItem, obstacles: routing.Obstacles | None = None) -> None:
        """Put a tie between its people; with `obstacles`, curve it around anyone in the
        way (without, it goes straight until the next routing pass)."""
        source = self.person_items[item.tie.source]
        target = self.person_items[item.tie.target]
        a, b = source.pos(), target.pos()
        ends = (item.tie.source, item.tie.target)
        detour = 0.0
        corners: tuple[QPointF, ...] = ()
        if item.tie.kind is TieKind.REPORTS_TO:
            # Drawn the org-chart way even while dragging (pure arithmetic); whether it
            # runs under someone is checked with the obstacles.
            route, detour = routing.reports_to_route(
                (a.x(), a.y()), (b.x(), b.y()), ends, obstacles if item.bend == 0.0 else None
            )
            if route is not None:
                corners = tuple(QPointF(x, y) for x, y in route)
        elif obstacles is not None and item.bend == 0.0:
            detour = routing.detour((a.x(), a.y()), (b.x(), b.y()), ends, obstacles)
        if detour:
            self._detoured.add(item.key)
        else:
            self._detoured.discard(item.key)
        item.set_ends(a, b, detour, corners)

    def person_item_moved(self, item: PersonItem) -> None:
        """Called by a person item whenever it moved: its ties follow at once, straight.

        Curving ties around people is one pass after the move is final (the model's move
        event, or a refused drag put back): not on every mouse move of a drag.
        """
        for key in self._ties_of.get(item.person_id, ()):
            tie = self.tie_items.get(key)
            if tie is not None:
                self._place_tie(tie)

    def route_ties(self) -> None:
        """Curve ties around people (one pass over every tie: pure geometry on a grid of
        boxes, so a few milliseconds for a committee)."""
        if len(self.person_items) > DETOUR_MAX_PEOPLE:
            return
        obstacles = routing.Obstacles(
            {pid: (item.x(), item.y()) for pid, item in self.person_items.items()}
        )
        for item in self.tie_items.values():
            self._place_tie(item, obstacles)

    # --------------------------------------------------------- level of detail
    def set_tie_detail(self, detailed: bool) -> None:
        """Zoomed far out, thousands of tie items cost most of a frame: draw them instead
        as a few batched hairlines under the people (views call this as the zoom changes)."""
        if self._ties_batched != detailed:
            return
        self._ties_batched = not detailed
        for tie in self.tie_items.values():
            tie.setVisible(detailed)
        self.repaint_ties()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        # A view's cached background (DealView) keeps what was drawn where ties moved or
        # scrolled away: it is cleared here, not by the viewport as an uncached paint is.
        painter.fillRect(rect, self.colours.background)
        super().drawBackground(painter, rect)
        if not self._ties_batched:
            self._draw_ties(painter, QRectF(rect))
            return
        batches: dict[tuple[TieKind, bool], list[QLineF]] = {}
        for tie in self.tie_items.values():
            batches.setdefault((tie.tie.kind, tie.dimmed), []).extend(tie.lines)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for (kind, dimmed), lines in batches.items():
            colour = QColor(TIE_STYLE[kind].colour)
            if dimmed:
                colour.setAlpha(40)
            painter.setPen(QPen(colour, 0))
            painter.drawLines(lines)

    def _repaint_selected_ties(self) -> None:
        """Ties drawn by the scene are not repainted by Qt when (un)selected: these are."""
        selected = {item for item in self.selectedItems() if isinstance(item, TieItem)}
        changed, self._selected_ties = selected ^ self._selected_ties, selected
        for item in changed:
            if item.scene() is self:
                self.repaint_ties(item.boundingRect())

    def _draw_ties(self, painter: QPainter, exposed: QRectF) -> None:
        """The ties whose lines run through `exposed`, under the people, in the order they
        were added (as Qt stacks items of equal depth)."""
        # A cached background is handed the whole of what was invalidated, which for a
        # long tie reaches far beyond the picture: only what the painter can show counts.
        device = painter.device()
        if device is not None:
            on_device = QRectF(0, 0, device.width(), device.height())
            exposed = exposed.intersected(painter.worldTransform().inverted()[0].mapRect(on_device))
        if painter.hasClipping():
            exposed = exposed.intersected(painter.clipBoundingRect())  # map units, as `exposed`
        if exposed.isEmpty():
            return
        area = exposed.adjusted(-TIE_REACH, -TIE_REACH, TIE_REACH, TIE_REACH)
        found = self._tie_grid.near(area.left(), area.top(), area.right(), area.bottom())
        if not found:
            return
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        highlight = self.colours.highlight
        # A view's cached background is painted without the view's render hints.
        hinted = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for tie in sorted(found, key=_drawing_order):
            tie.draw(painter, lod, exposed, highlight)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, hinted)

    def _apply_filter(self) -> None:
        attendees_only, sinkers_only = self._filter
        if not (attendees_only or sinkers_only or self._dimmed):
            return  # nothing is dimmed and nothing should be: 20,000 items left alone
        dim: set[str] = set()
        for pid, item in self.person_items.items():
            hidden = (attendees_only and not item.person.attends) or (
                sinkers_only and not item.is_sinker
            )
            item.set_dimmed(hidden)
            if hidden:
                dim.add(pid)
        self._ties_restyled = False
        try:
            for key, tie in self.tie_items.items():
                tie.set_dimmed(key[0] in dim or key[1] in dim)
        finally:
            restyled, self._ties_restyled = self._ties_restyled, None
        if restyled:
            self.repaint_ties()
        self._dimmed = bool(dim)

    # ---------------------------------------------------- user → document
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.person_item_at(event.scenePos())
        button = event.button()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        connecting = button == Qt.MouseButton.RightButton or (
            button == Qt.MouseButton.LeftButton and (alt or self._connect_mode)
        )
        if item is not None and connecting:
            self.connect_tool.start(item, event.scenePos())
            event.accept()
            return
        super().mousePressEvent(event)
        if button == Qt.MouseButton.LeftButton:
            self._drag_start = {
                pid: QPointF(it.pos()) for pid, it in self.person_items.items() if it.isSelected()
            }

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connect_tool.active:
            self.connect_tool.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connect_tool.active:
            self.connect_tool.finish(event.scenePos(), event.screenPos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.finish_drag()

    def finish_drag(self) -> bool:
        """Items moved visually during a drag; now write it as ONE Move (one undo step)."""
        start, self._drag_start = self._drag_start, {}
        dropped = {
            pid: (_round(self.person_items[pid].x()), _round(self.person_items[pid].y()))
            for pid, was in start.items()
            if pid in self.person_items and self.person_items[pid].pos() != was
        }
        if not dropped:
            return False
        # Dropped onto someone: nudged aside in the same undo step as the move.
        moved = settle(self.document.deal, dropped)
        text = "Move " + (
            self.document.deal.stakeholder(next(iter(moved))).name
            if len(moved) == 1
            else f"{len(moved)} people"
        )
        done = self.document.move(moved, text=text)
        # Items follow the model: where it was nudged to, or (refused, e.g. the file could
        # not be written) back where it still is.
        for pid in moved:
            person = self.document.deal.stakeholder(pid)
            item = self.person_items[pid]
            if item.pos() != QPointF(person.x, person.y):
                item.setPos(person.x, person.y)
        if not done:
            self.route_ties()
        return done

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        item = self.person_item_at(event.scenePos())
        if item is not None:
            self.person_activated.emit(item.person_id)
            event.accept()
            return
        views = self.views()
        transform = views[0].transform() if views else QTransform()
        if self.itemAt(event.scenePos(), transform) is not None:
            super().mouseDoubleClickEvent(event)  # a tie: nothing to add there
            return
        self.add_requested.emit(self.free_spot_near(event.scenePos()))
        event.accept()

    def free_spot_near(self, pos: QPointF) -> QPointF:
        """Where a new person near `pos` would stand without touching anyone."""
        x, y = free_spot(self.document.deal, (pos.x(), pos.y()))
        return QPointF(x, y)

    def add_person_at(self, spot: QPointF, name: str) -> str:
        """Add `name` at `spot`, or the free spot nearest it if someone took it meanwhile
        (the id is made from the name), and select them; "" if refused."""
        spot = self.free_spot_near(spot)
        new_id = self.document.add_person((_round(spot.x()), _round(spot.y())), name=name)
        if new_id:
            self.select_person(new_id)
        return new_id

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.selected_person_ids() or self.selected_tie_keys()
        ):
            self.delete_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange:
            self.colours = CanvasColours.from_palette(self.palette())
            for item in self.items():
                item.update()
            self.repaint_ties()
        return super().event(event)


def _drawing_order(tie: TieItem) -> int:
    return tie.order
