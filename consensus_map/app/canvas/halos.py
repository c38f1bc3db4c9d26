"""The map's halos and rank numbers kept in step with the document's analysis.

On a big account map one edit can change thousands of assessments, and bringing a person's
box up to date costs tens of microseconds (its words and tooltip): all at once, 2,600 people
froze the window for a tenth of a second. So the people in view are brought up to date at
once and the others a few milliseconds' worth per turn of the event loop. Until its turn
comes a person keeps the last halo, greyed, exactly as while the analysis was running: the
map never shows old and new side by side without saying which is which.

When fewer than `AT_ONCE` people differ (a committee, always) all are brought up to date at
once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QTimer

from consensus_map.domain import Readiness
from consensus_map.render.map import TOP_SINKERS, sinker_ranks
from consensus_map.render.person import BOUNDS

if TYPE_CHECKING:
    from consensus_map.analysis.result import Assessment, DealAnalysis
    from consensus_map.app.canvas.person_item import PersonItem
    from consensus_map.app.canvas.scene import DealScene

AT_ONCE = 200  # people brought up to date in one go, wherever they are
SLICE_SECONDS = 0.006  # then, per turn of the event loop, for the people out of view


class HaloSync(QObject):
    """Brings the scene's people in line with the analysis; `done` runs when all are."""

    def __init__(self, scene: DealScene, done: Callable[[], None]) -> None:
        super().__init__(scene)
        self._scene = scene
        self._done = done
        self._queue: list[PersonItem] = []
        self._for: DealAnalysis | None = None
        self._found: dict[str, Assessment] = {}
        self._ranks: dict[str, int] = {}
        self._what_if: frozenset[str] = frozenset()
        self._haloed: list[str] = []  # the ids with a halo or a rank in `_for`
        self._target = Readiness.ALIGNED
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._drain)
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(0)
        self._follow_timer.timeout.connect(self.refresh)

    @property
    def pending(self) -> bool:
        """Some halos are not yet brought up to date (greyed meanwhile)."""
        return bool(self._queue) or self._follow_timer.isActive()

    def follow(self) -> None:
        """After `analysis_changed`. A big map's halos follow on the next turn of the event
        loop: the panels show the new figures first, and the map is repainted on its own
        (each about 30 ms on 5,000 people, together over the 50 ms a keystroke may wait).
        Meanwhile the halos stay greyed: marked as the last ones."""
        if len(self._scene.person_items) <= AT_ONCE:
            self.refresh()
        else:
            self._follow_timer.start()

    def refresh(self) -> None:
        """Everyone who differs from the document's analysis, now (after `analysis_outdated`
        at once, so that nobody shows an old halo unmarked)."""
        self._follow_timer.stop()
        document = self._scene.document
        if document.analysis_pending:
            return  # the map shows first; halos follow the first analysis
        analysis = document.analysis
        outdated = document.analysis_updating
        if analysis is self._for and not self._queue and outdated:
            # An edit's greying (every keystroke on a big map): everyone is up to date with
            # this analysis, so only those with a halo or a rank (and any what-if) change.
            self._index(analysis)
            stale = self._to_grey()
        else:
            self._index(analysis)
            stale = self._differing(outdated)
        if len(stale) <= AT_ONCE:
            self._queue = []
            self._timer.stop()
            for item in stale:
                self._apply(item, outdated)
            self._done()
            return
        later: list[PersonItem] = []
        for item in self._in_view(stale, later):
            self._apply(item, outdated)
        self._queue = later
        self._timer.start()

    # ----------------------------------------------------------------- internals
    def _index(self, analysis: DealAnalysis) -> None:
        self._target = self._scene.document.deal.info.target_readiness
        if analysis is not self._for:
            self._for = analysis
            self._found = {a.id: a for a in analysis.stakeholders}
            self._ranks = sinker_ranks(analysis)
            # The what-if of this analysis, not of the document: while a newer one is on
            # its way the map shows one moment (the person drawn engaged with their halo).
            self._what_if = frozenset(analysis.engaged_by_what_if)
            self._haloed = [a.id for a in analysis.stakeholders if a.sinker] + [
                pid for pid in self._ranks if pid not in self._found or not self._found[pid].sinker
            ]

    def _differing(self, outdated: bool) -> list[PersonItem]:
        """Everyone whose box does not show this analysis as it should (`outdated`: greyed).

        One pass over thousands of people after every analysis: kept to plain lookups. A big
        map's analysis comes back with the very same record for everyone whose assessment
        did not change, so one identity check tells."""
        found, ranks, what_if = self._found, self._ranks, self._what_if
        stale = []
        for person_id, item in self._scene.person_items.items():
            assessment, rank = found.get(person_id), ranks.get(person_id, 0)
            if (
                assessment is not item.assessment
                or rank != item.sinker_rank
                or (item.what_if is not None or person_id in what_if)
            ):
                stale.append(item)
            elif outdated:
                if not item.outdated and (rank or (assessment is not None and assessment.sinker)):
                    stale.append(item)
            elif item.outdated:
                stale.append(item)
        return stale

    def _to_grey(self) -> list[PersonItem]:
        """What `_differing(outdated=True)` finds when every box shows the current analysis
        already: the people with a halo or a rank not yet greyed, and those in a what-if."""
        items = self._scene.person_items
        stale = []
        for person_id in self._haloed:
            item = items.get(person_id)
            if item is not None and not item.outdated and person_id not in self._what_if:
                stale.append(item)
        for person_id in self._what_if:
            item = items.get(person_id)
            if item is not None:
                stale.append(item)
        return stale

    def _apply(self, item: PersonItem, outdated: bool) -> None:
        person_id = item.person_id
        assessment, rank = self._found.get(person_id), self._ranks.get(person_id, 0)
        shown = None
        if person_id in self._what_if:  # treated as engaged (at the target): drawn so
            now = item.person.readiness
            shown = now if now.rank >= self._target.rank else self._target
        if rank != item.sinker_rank:
            # The most dangerous on top, so no neighbour's halo hides their rank badge.
            item.setZValue(1.0 + (TOP_SINKERS + 1 - rank) * 0.1 if rank else 1.0)
        item.set_assessment(assessment, rank, shown)
        item.set_outdated(_greyed(assessment, rank, outdated))

    def _drain(self) -> None:
        document = self._scene.document
        if document.analysis_pending:
            return
        self._index(document.analysis)
        outdated = document.analysis_updating
        deadline = time.perf_counter() + SLICE_SECONDS
        queue = self._queue
        while queue and time.perf_counter() < deadline:
            item = queue.pop()
            if item.scene() is self._scene:  # not deleted meanwhile
                self._apply(item, outdated)
        if queue:
            self._timer.start()
        else:
            self._done()

    def _in_view(self, items: list[PersonItem], later: list[PersonItem]) -> list[PersonItem]:
        """The items in some view, by where the model has them (no call into Qt per
        person), in each view's visible part widened by a box and its halo; the others
        are added to `later`."""
        areas = []
        for view in self._scene.views():
            rect: QRectF = view.mapToScene(view.viewport().rect()).boundingRect()
            areas.append(
                (
                    rect.left() - BOUNDS.right(),
                    rect.top() - BOUNDS.bottom(),
                    rect.right() - BOUNDS.left(),
                    rect.bottom() - BOUNDS.top(),
                )
            )
        shown = []
        if len(areas) == 1:  # the window's one view: a plain loop (thousands of people)
            ((x0, y0, x1, y1),) = areas
            for item in items:
                person = item.person
                if x0 <= person.x <= x1 and y0 <= person.y <= y1:
                    shown.append(item)
                else:
                    later.append(item)
            return shown
        for item in items:
            x, y = item.person.x, item.person.y
            if any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in areas):
                shown.append(item)
            else:
                later.append(item)
        return shown


def _greyed(assessment: Assessment | None, rank: int, outdated: bool) -> bool:
    return outdated and bool(rank or (assessment is not None and assessment.sinker))
