"""A big map's halos follow a new analysis in slices, and never show old and new unmarked.

Checked at every turn of the event loop while they catch up: each person whose box shows a
halo or a rank number shows the current one, or the last one greyed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from big_maps import account, analyse_in_background
from PySide6.QtCore import QTimer

from consensus_map.app.canvas import halos
from consensus_map.app.canvas.scene import DealScene
from consensus_map.app.canvas.view import DealView
from consensus_map.app.document import Document
from consensus_map.domain import Readiness, Stance

pytestmark = pytest.mark.qt
WAIT = 30_000


@pytest.fixture
def scene(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[DealScene]:
    analyse_in_background(monkeypatch)
    # A map of a few hundred brought up to date as 5,000 people would be: in slices.
    monkeypatch.setattr(halos, "AT_ONCE", 20)
    monkeypatch.setattr(halos, "SLICE_SECONDS", 0.0005)
    document = Document(account(300))
    scene = DealScene(document)
    qtbot.waitUntil(lambda: not document.analysis_pending, timeout=WAIT)
    qtbot.waitUntil(lambda: not scene.halos.pending, timeout=WAIT)
    yield scene
    document.close()


def unmarked_old(scene: DealScene, view: DealView) -> list[str]:
    """People in view showing a halo or rank that is neither the current one nor greyed."""
    document = scene.document
    current = {a.id: a for a in document.analysis.stakeholders}
    ranks = {pid: n for n, pid in enumerate(document.analysis.sinkers[:3], start=1)}
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    wrong = []
    for person_id, item in scene.person_items.items():
        if not shown.intersects(item.sceneBoundingRect()):
            continue
        up_to_date = (
            item.assessment is current.get(person_id)
            and item.sinker_rank == ranks.get(person_id, 0)
            and not document.analysis_updating
        )
        if (item.sinker_rank or item.is_sinker) and not up_to_date and not item.outdated:
            wrong.append(person_id)
    return wrong


def test_halos_in_view_are_current_or_greyed_and_the_rest_follow_in_slices(
    qtbot: Any, scene: DealScene
) -> None:
    document = scene.document
    view = DealView(scene)
    view.resize(1200, 800)
    view.show()
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    view.centerOn(scene.person_items["p150"])
    turns: list[tuple[bool, bool, list[str]]] = []  # updating, slicing, wrong in view

    def look() -> None:
        turns.append((document.analysis_updating, scene.halos.pending, unmarked_old(scene, view)))

    watch = QTimer()
    watch.setInterval(0)
    watch.timeout.connect(look)
    watch.start()
    # Right as the analysis arrives and right after the edit too.
    document.analysis_changed.connect(look)
    document.analysis_outdated.connect(look)

    top = document.analysis.sinkers[0]
    document.edit_person(top, readiness=Readiness.COMMITTED, stance=Stance.CHAMPION)
    look()
    qtbot.waitUntil(lambda: not document.analysis_updating, timeout=WAIT)
    qtbot.waitUntil(lambda: not scene.halos.pending, timeout=WAIT)
    watch.stop()

    assert all(wrong == [] for _, _, wrong in turns)
    assert any(updating for updating, _, _ in turns)
    # The new halos came in over several turns (in view first, then the rest).
    assert sum(1 for updating, slicing, _ in turns if not updating and slicing) > 1
    current = {a.id: a for a in document.analysis.stakeholders}
    for person_id, item in scene.person_items.items():
        assert item.assessment is current[person_id]
        assert not item.outdated


def test_while_edits_wait_for_their_analysis_every_old_halo_is_greyed(
    qtbot: Any, scene: DealScene, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In view at once, out of view in slices, and still after a second edit: the map never
    shows an old halo as if it were current (the analysis is held back meanwhile)."""
    from consensus_map.app.analysis_runner import AnalysisRunner

    document = scene.document
    view = DealView(scene)
    view.resize(1200, 800)
    view.show()
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    view.centerOn(scene.person_items["p150"])
    held: list[tuple[AnalysisRunner, int, Any]] = []
    apply = AnalysisRunner._apply_analysis
    monkeypatch.setattr(
        AnalysisRunner, "_apply_analysis", lambda runner, *args: held.append((runner, *args))
    )
    haloed = [pid for pid, item in scene.person_items.items() if item.sinker_rank or item.is_sinker]
    assert len(haloed) > halos.AT_ONCE  # some are greyed later, in slices

    def greyed() -> list[str]:
        return [pid for pid in haloed if scene.person_items[pid].outdated]

    def unmarked_in_view() -> list[str]:
        return unmarked_old(scene, view)

    edited = document.analysis.sinkers[-1]
    for readiness in (Readiness.AWARE, Readiness.EXPLORING):
        document.edit_person(edited, readiness=readiness)
        assert document.analysis_updating
        assert unmarked_in_view() == []
        qtbot.waitUntil(lambda: not scene.halos.pending, timeout=WAIT)
        assert greyed() == haloed
    runner = document.analysis_runner
    qtbot.waitUntil(lambda: any(v == runner.version for _, v, _ in held), timeout=WAIT)

    monkeypatch.setattr(AnalysisRunner, "_apply_analysis", apply)
    runner._apply_analysis(*next((v, a) for _, v, a in held if v == runner.version))
    qtbot.waitUntil(lambda: not scene.halos.pending, timeout=WAIT)
    assert not document.analysis_updating
    assert [pid for pid, item in scene.person_items.items() if item.outdated] == []
