"""Ties as the seller sees them: drawn where people stand, after every change.

The scene draws ties into the view's cached background (tie_item's docstring), so a view
shows old ties unless each change tells the cache. These tests look at the pixels the view
shows after each change, and at the same view drawn afresh with its cache thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from consensus_map.app.canvas import DealScene, DealView
from consensus_map.app.document import Document
from consensus_map.app.main import dark_palette
from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie, TieKey, TieKind
from consensus_map.render.style import TIE_STYLE, tie_width

pytestmark = pytest.mark.qt

INFLUENCE: TieKey = ("ana", "ben", TieKind.INFLUENCES)
ALLY: TieKey = ("cy", "dee", TieKind.ALLY)
RIVAL: TieKey = ("ben", "dee", TieKind.RIVAL)
# A channel further apart than this is another colour, not antialiasing drawn in pieces.
SAME = 40


def four_corners() -> Deal:
    """Four people at the corners of a rectangle, ties along three sides, open middle."""
    people = [
        Stakeholder("ana", "Ana Silva", x=0, y=0),
        Stakeholder("ben", "Ben Oduya", x=800, y=0),
        Stakeholder("cy", "Cy Moreau", x=0, y=500),
        Stakeholder("dee", "Dee Lang", x=800, y=500),
    ]
    ties = [
        Tie("ana", "ben", TieKind.INFLUENCES, 3),
        Tie("cy", "dee", TieKind.ALLY),
        Tie("ben", "dee", TieKind.RIVAL),
    ]
    return Deal(DealInfo(name="Four corners"), people, ties)


@pytest.fixture
def view(qtbot: Any) -> DealView:
    scene = DealScene(Document(four_corners()))
    view = DealView(scene)
    qtbot.addWidget(view)
    view.resize(700, 560)
    view.show()
    qtbot.waitExposed(view)
    view.fit()
    shown(view)
    return view


def shown(view: DealView) -> QImage:
    """What the view shows once pending repaints are done (as the seller would see it)."""
    for _ in range(3):
        QApplication.processEvents()
    return view.viewport().grab().toImage()


def drawn_afresh(view: DealView) -> QImage:
    view.resetCachedContent()
    return view.viewport().grab().toImage()


def far_apart(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) > SAME


def stale_pixels(view: DealView) -> int:
    """Pixels where the view shows something other than the map drawn afresh."""
    seen, fresh = (
        image.convertToFormat(QImage.Format.Format_RGB32)
        for image in (shown(view), drawn_afresh(view))
    )
    assert seen.size() == fresh.size()
    stride = seen.bytesPerLine()
    a, b = bytes(seen.constBits()), bytes(fresh.constBits())  # type: ignore[call-overload]
    stale = 0
    for row in range(seen.height()):
        start = row * stride
        if a[start : start + stride] == b[start : start + stride]:
            continue
        for x in range(seen.width()):
            at = start + 4 * x
            if any(abs(a[at + c] - b[at + c]) > SAME for c in range(3)):
                stale += 1
    return stale


def colour_at(view: DealView, at: QPointF) -> QColor:
    spot = view.mapFromScene(at)
    return shown(view).pixelColor(spot.x(), spot.y())


def scene_of(view: DealView) -> DealScene:
    return view.deal_scene


def test_a_moved_persons_tie_is_drawn_where_they_now_stand(view: DealView) -> None:
    scene = scene_of(view)
    purple = TIE_STYLE[TieKind.INFLUENCES].colour
    assert not far_apart(colour_at(view, QPointF(400, 0)), purple)

    scene.document.move({"ben": (800.0, 250.0)})

    # The line from Ana to Ben now runs from (0, 0) to (800, 250): through (400, 125).
    assert not far_apart(colour_at(view, QPointF(400, 125)), purple)
    assert not far_apart(colour_at(view, QPointF(400, 0)), scene.colours.background)


def test_while_a_person_is_dragged_their_ties_follow(view: DealView) -> None:
    scene = scene_of(view)
    purple = TIE_STYLE[TieKind.INFLUENCES].colour
    scene.person_items["ben"].setPos(800, 250)  # what a drag does on each mouse move

    assert not far_apart(colour_at(view, QPointF(400, 125)), purple)
    assert not far_apart(colour_at(view, QPointF(400, 0)), scene.colours.background)


def test_a_deleted_tie_is_gone_and_undo_draws_it_again(view: DealView) -> None:
    scene = scene_of(view)
    purple = TIE_STYLE[TieKind.INFLUENCES].colour

    scene.document.delete(tie_keys=[INFLUENCE])
    assert not far_apart(colour_at(view, QPointF(400, 0)), scene.colours.background)

    scene.document.undo_stack.undo()
    assert not far_apart(colour_at(view, QPointF(400, 0)), purple)


def test_a_selected_tie_is_highlighted_until_it_is_deselected(view: DealView) -> None:
    scene = scene_of(view)
    # Beside the line, inside the highlight drawn around a selected tie.
    beside = QPointF(400, tie_width(TieKind.INFLUENCES, 3) / 2 + 2)
    assert not far_apart(colour_at(view, beside), scene.colours.background)

    scene.tie_items[INFLUENCE].setSelected(True)
    assert not far_apart(colour_at(view, beside), scene.colours.highlight)

    scene.clearSelection()
    assert not far_apart(colour_at(view, beside), scene.colours.background)


def test_a_dark_palette_redraws_the_map_dark_with_its_ties(view: DealView) -> None:
    scene = scene_of(view)
    scene.setPalette(dark_palette())  # the scene's own: other tests keep the light one

    assert scene.colours.background.lightness() < 64
    assert not far_apart(colour_at(view, QPointF(400, 250)), scene.colours.background)
    assert not far_apart(colour_at(view, QPointF(400, 0)), TIE_STYLE[TieKind.INFLUENCES].colour)


def _move(view: DealView) -> None:
    view.deal_scene.document.move({"ben": (700.0, 150.0), "cy": (100.0, 350.0)})


def _drag(view: DealView) -> None:
    view.deal_scene.person_items["dee"].setPos(600, 400)


def _delete_tie(view: DealView) -> None:
    view.deal_scene.document.delete(tie_keys=[RIVAL])


def _add_tie(view: DealView) -> None:
    view.deal_scene.document.add_tie("ana", "dee", TieKind.INFLUENCES, 2)


def _strengthen_tie(view: DealView) -> None:
    view.deal_scene.document.edit_tie(INFLUENCE, 5)


def _delete_person(view: DealView) -> None:
    view.deal_scene.document.delete(person_ids=["dee"])


def _undo_a_move(view: DealView) -> None:
    _move(view)
    shown(view)
    view.deal_scene.document.undo_stack.undo()


def _select_then_deselect(view: DealView) -> None:
    view.deal_scene.tie_items[ALLY].setSelected(True)
    shown(view)
    view.deal_scene.tie_items[INFLUENCE].setSelected(True)
    view.deal_scene.tie_items[ALLY].setSelected(False)


def _filter(view: DealView) -> None:
    view.deal_scene.set_filter(attendees_only=True)


def _filter_off(view: DealView) -> None:
    _filter(view)
    shown(view)
    view.deal_scene.set_filter()


def _zoom_in(view: DealView) -> None:
    view.zoom_in()


def _zoom_far_out_and_move(view: DealView) -> None:
    for _ in range(8):
        view.zoom_out()  # past the level where ties are batched hairlines
    shown(view)
    _move(view)


def _scroll_and_move(view: DealView) -> None:
    view.zoom_in()
    view.zoom_in()
    shown(view)
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 300)
    _move(view)


@pytest.mark.parametrize(
    "change",
    [
        _move,
        _drag,
        _delete_tie,
        _add_tie,
        _strengthen_tie,
        _delete_person,
        _undo_a_move,
        _select_then_deselect,
        _filter,
        _filter_off,
        _zoom_in,
        _zoom_far_out_and_move,
        _scroll_and_move,
    ],
)
def test_after_each_change_the_view_shows_the_map_as_it_is(
    view: DealView, change: Callable[[DealView], None]
) -> None:
    change(view)
    assert stale_pixels(view) == 0
