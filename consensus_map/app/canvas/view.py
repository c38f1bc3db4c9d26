"""The map view: zoom, pan, fit, rubber-band selection and keyboard use of the canvas.

Zoom is Ctrl+wheel (a plain wheel scrolls, as in most document apps) or the zoom slots the
window binds to Ctrl++ / Ctrl+− / Ctrl+0. Pan with the middle button or Space+drag. Until
the user zooms, pans or scrolls, the map stays fitted as the view changes size (the window
is maximised, a dock is opened), so it reads at whatever size it opens. A new person is
named first, in a field on the map where they will stand (`ask_name`).
Keyboard: arrows nudge the selection (Shift: further), Tab / Shift+Tab step through people
in reading order (Ctrl+Tab leaves the canvas), Enter activates the selected person.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QLabel, QWidget

from consensus_map.app.canvas.name_prompt import NamePrompt
from consensus_map.app.canvas.scene import DealScene
from consensus_map.layout import NODE_HEIGHT, NODE_WIDTH
from consensus_map.render.style import DETAIL_LOD

EMPTY_HINT = (
    "Nobody on the map yet.\n\n"
    "Double-click here or press Ins to add a person,\n"
    "or type or paste a list in the People table (Ctrl+Shift+L)."
)
MIN_SCALE, MAX_SCALE = 0.03, 4.0
FIT_MAX_SCALE = 1.25  # Fit zooms in on a small map, but no further than this
ZOOM_STEP = 1.25
NUDGE, BIG_NUDGE = 10.0, 50.0
FIT_MARGIN = 40.0


class DealView(QGraphicsView):
    activated = Signal(str)  # Enter (or double-click) on a person: open them for editing
    person_added = Signal(str)  # a person named in the prompt was added (their id)

    def __init__(self, scene: DealScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        # A viewport made in Python: every item's paint() is handed the viewport, and for a
        # widget Qt made, PySide6 would first resolve its Python type by setting up every
        # QtWidgets class (~15 ms, on the first frame at start-up). This one it knows.
        self.setViewport(QWidget())
        self.deal_scene = scene
        self.setAccessibleName("Deal map")
        self.setAccessibleDescription(
            "Stakeholders and their ties. Tab moves between people, arrows move them, "
            "Enter opens the selected person."
        )
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # Repaint the bounding rect of what changed: cheap for drags on a big map.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        # The scene draws the ties as the background (tie_item's docstring): kept as a
        # picture of the view, redrawn only where ties changed or scrolled into view, an
        # edit to a person repaints their box over it. On a 5,000-person map at 100%
        # drawing the ties across a view is 20–40 ms; copying the picture about 1 ms.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPoint | None = None
        self._space_held = False
        # Fitted until the user takes over the zoom or the scroll position (module doc).
        self.auto_fit = True
        self._fitting = False
        self._fitted_scale = 1.0
        # Widgets over the map are made when first needed: a line edit or a label on the
        # first frame would set up Qt's style machinery before the map is painted.
        self._name_prompt: NamePrompt | None = None
        self._empty_hint: QLabel | None = None
        scene.person_activated.connect(self.activated)
        scene.add_requested.connect(self.ask_name)
        scene.people_changed.connect(self._on_people_changed)
        # The scene's own rect grows as people are added far out; keep them reachable.
        scene.sceneRectChanged.connect(self._grow_scene_rect)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._user_scrolled)
        if not scene.person_items:
            self.empty_hint.show()

    # ------------------------------------------------------------------ zoom
    def scale_factor(self) -> float:
        return float(self.transform().m11())

    def zoom_by(self, factor: float) -> None:
        if not self._fitting:
            self.auto_fit = False  # the user chose a zoom: keep it
        new = self.scale_factor() * factor
        if new < MIN_SCALE:
            factor = MIN_SCALE / self.scale_factor()
        elif new > MAX_SCALE:
            factor = MAX_SCALE / self.scale_factor()
        self.scale(factor, factor)

    def zoom_in(self) -> None:
        self._zoom_about_centre(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_about_centre(1 / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self._zoom_about_centre(1 / self.scale_factor())

    def _zoom_about_centre(self, factor: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(factor)
        self.setTransformationAnchor(anchor)

    def fit(self) -> None:
        """Show every person, zooming in on a small map up to FIT_MAX_SCALE; from now on
        the map stays fitted when the view changes size, until the user zooms or pans."""
        self.auto_fit = True
        self._fitting = True
        try:
            self._fit()
        finally:
            self._fitting = False
        self._fitted_scale = self.scale_factor()

    def _fit(self) -> None:
        rect = self.deal_scene.items_bounding_rect()
        if rect.isEmpty():
            self.resetTransform()
            return
        rect = rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        self._grow_scene_rect()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.scale_factor() > FIT_MAX_SCALE:
            self.zoom_by(FIT_MAX_SCALE / self.scale_factor())
        elif self.scale_factor() < MIN_SCALE:
            self.zoom_by(MIN_SCALE / self.scale_factor())
        self._grow_scene_rect()
        self.centerOn(rect.center())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Maximised, restored, a dock opened: the map fills the new room, unless the zoom
        # was changed since the last fit, by the user or by code.
        if self.auto_fit and self.scale_factor() == self._fitted_scale:
            self.fit()
        self._place_overlays()

    def _user_scrolled(self, _action: int) -> None:
        self.auto_fit = False

    # ------------------------------------------------------------- new people
    @property
    def name_prompt(self) -> NamePrompt:
        """The field a new person's name is typed into, on the map (made on first use)."""
        if self._name_prompt is None:
            self._name_prompt = NamePrompt(self.viewport())
            self._name_prompt.named.connect(self._add_named)
        return self._name_prompt

    @property
    def empty_hint(self) -> QLabel:
        """What an empty map says to do first (made on first use)."""
        if self._empty_hint is None:
            self._empty_hint = hint = QLabel(EMPTY_HINT, self.viewport())
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            hint.setEnabled(False)  # drawn in the palette's quieter, disabled text
            hint.resize(self.viewport().size())
            hint.hide()
        return self._empty_hint

    def ask_name(self, spot: QPointF) -> None:
        """Open the name field where a new person will stand (`spot`, scene coordinates)."""
        box = QRectF(spot.x() - NODE_WIDTH / 2, spot.y() - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)
        self.ensureVisible(box, 20, 20)
        at = self.mapFromScene(spot)
        self.name_prompt.ask(spot, (at.x(), at.y()))

    def _add_named(self, spot: QPointF, name: str) -> None:
        new_id = self.deal_scene.add_person_at(spot, name)
        if new_id:
            self.person_added.emit(new_id)
        else:
            self.setFocus()

    def _on_people_changed(self) -> None:
        if self._empty_hint is not None or not self.deal_scene.person_items:
            self.empty_hint.setVisible(not self.deal_scene.person_items)
        self._place_overlays()
        # Still fitted (the user has not zoomed or panned): keep everyone in sight as people
        # are added, zooming out only when someone new would be off the edge.
        if self.auto_fit and self.scale_factor() == self._fitted_scale:
            visible = self.mapToScene(self.viewport().rect()).boundingRect()
            if not visible.contains(self.deal_scene.items_bounding_rect()):
                self.fit()

    def _place_overlays(self) -> None:
        if self._empty_hint is not None:
            self._empty_hint.resize(self.viewport().size())

    def center_on_person(self, person_id: str) -> None:
        item = self.deal_scene.person_items.get(person_id)
        if item is None:
            return
        self.deal_scene.select_person(person_id)
        self.auto_fit = False  # keep them in the middle, whatever the window does next
        self._grow_scene_rect()
        self.centerOn(item)

    def _grow_scene_rect(self) -> None:
        """Room around the map, so a person at the edge can still be centred or panned to."""
        rect = self.deal_scene.items_bounding_rect()
        scale = max(self.scale_factor(), MIN_SCALE)
        pad_x = self.viewport().width() / scale
        pad_y = self.viewport().height() / scale
        self.setSceneRect(rect.adjusted(-pad_x, -pad_y, pad_x, pad_y))

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.auto_fit = False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Decided here, so every way the zoom changes (slots, wheel, fitInView) is covered.
        self.deal_scene.set_tie_detail(self.scale_factor() >= DETAIL_LOD)
        super().paintEvent(event)

    # ------------------------------------------------------------------- pan
    def mousePressEvent(self, event: QMouseEvent) -> None:
        middle = event.button() == Qt.MouseButton.MiddleButton
        if middle or (self._space_held and event.button() == Qt.MouseButton.LeftButton):
            self.auto_fit = False
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # -------------------------------------------------------------- keyboard
    def event(self, event: QEvent) -> bool:
        # Tab would move focus out of the view before keyPressEvent sees it.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            if plain and tab and self.deal_scene.person_items:
                self.cycle_selection(backwards=event.key() == Qt.Key.Key_Backtab)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = BIG_NUDGE if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE
        arrows: dict[int, tuple[float, float]] = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        if key in arrows and self.deal_scene.selected_person_ids():
            self.deal_scene.nudge_selection(*arrows[key])
            self._ensure_selection_visible()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            selected = self.deal_scene.selected_person_ids()
            if len(selected) == 1:
                self.activated.emit(selected[0])
                event.accept()
                return
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = True
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
        super().keyReleaseEvent(event)

    def cycle_selection(self, backwards: bool = False) -> str | None:
        """Select the next (or previous) person in reading order: top to bottom, left to right."""
        items = sorted(
            self.deal_scene.person_items.values(),
            key=lambda it: (round(it.y()), it.x(), it.person.name, it.person_id),
        )
        if not items:
            return None
        selected = self.deal_scene.selected_person_ids()
        order = [it.person_id for it in items]
        if len(selected) >= 1 and selected[0] in order:
            index = order.index(selected[-1 if not backwards else 0])
            index = (index + (-1 if backwards else 1)) % len(order)
        else:
            index = len(order) - 1 if backwards else 0
        self.deal_scene.select_person(order[index])
        self._ensure_selection_visible()
        return order[index]

    def _ensure_selection_visible(self) -> None:
        for pid in self.deal_scene.selected_person_ids()[:1]:
            self.reveal(pid)

    def reveal(self, person_id: str) -> None:
        """Scroll `person_id` into view, with room around them, only if their box and halo
        are not all in view already: choosing someone who can be seen moves no map."""
        item = self.deal_scene.person_items.get(person_id)
        if item is None:
            return
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        if not shown.contains(item.drawn_rect()):
            self.ensureVisible(item, 40, 40)

    def map_scene_to_global(self, pos: QPointF) -> QPoint:
        return self.viewport().mapToGlobal(self.mapFromScene(pos))
