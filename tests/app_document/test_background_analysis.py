"""A big map's analysis runs in a separate process; the document shows only current results.

The maps here are a few hundred people and the runner's threshold is lowered to 0
(`big_maps.analyse_in_background`), so they take the path a 5,000-person map takes. Waits
are `qtbot.waitUntil` on what the document says, never sleeps. An edit made before the
event loop turns is always made while the job before it is in flight: its answer can only
be applied by the event loop.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from typing import Any

import pytest
from big_maps import account, analyse_in_background

from consensus_map.analysis import analyze
from consensus_map.analysis.plan import plan_summary
from consensus_map.app.document import Document
from consensus_map.domain import Readiness, Stance

pytestmark = pytest.mark.qt
WAIT = 30_000  # ms: a spawned process imports the engine first, on a shared machine


def fresh(document: Document) -> Any:
    return analyze(document.deal, document.what_if, today=document.today)


@pytest.fixture
def document(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Document]:
    analyse_in_background(monkeypatch)
    doc = Document(account(300))
    qtbot.waitUntil(lambda: not doc.analysis_pending, timeout=WAIT)
    yield doc
    doc.close()


def in_flight(qtbot: Any, document: Document) -> None:
    qtbot.waitUntil(lambda: document.analysis_runner.running is not None, timeout=WAIT)


def settled(qtbot: Any, document: Document) -> None:
    runner = document.analysis_runner
    qtbot.waitUntil(lambda: not document.analysis_updating and runner.running is None, timeout=WAIT)


def engage_top_sinker(document: Document) -> str:
    person_id = document.analysis.sinkers[0]
    document.edit_person(person_id, readiness=Readiness.COMMITTED, stance=Stance.CHAMPION)
    return person_id


def test_a_committee_is_analysed_at_once_on_the_interface_thread(qapp: Any) -> None:
    document = Document(account(60))
    try:
        engage_top_sinker(document)
        assert not document.analysis_updating
        assert document.analysis == fresh(document)
        assert document.analysis_runner.process is None  # no process for a committee
    finally:
        document.close()


def test_a_big_maps_edit_is_analysed_in_another_process_and_then_shown(
    qtbot: Any, document: Document
) -> None:
    runner = document.analysis_runner
    assert runner.process is not None and runner.process.pid != os.getpid()
    before = document.analysis
    assert before == fresh(document)
    outdated: list[bool] = []
    document.analysis_outdated.connect(lambda: outdated.append(True))
    engage_top_sinker(document)
    # The edit returns at once: the last analysis stays, marked as being updated.
    assert document.analysis_updating and outdated == [True]
    assert document.analysis is before
    settled(qtbot, document)
    assert document.analysis == fresh(document) != before


def test_a_burst_of_edits_is_one_more_run_and_stale_results_are_dropped(
    qtbot: Any, document: Document
) -> None:
    runner = document.analysis_runner
    shown: list[bool] = []  # at each analysis shown: is it the deal's as it is then?
    document.analysis_changed.connect(lambda: shown.append(document.analysis == fresh(document)))
    runs = runner.jobs_sent["analysis"]
    engage_top_sinker(document)
    in_flight(qtbot, document)
    for n in range(5):  # typing on: each commit is an edit while the first run is out
        document.edit_person("p7", title=f"Director {n}")
    engage_top_sinker(document)
    settled(qtbot, document)
    # The run in flight went on (and its result was dropped); one more run for the latest.
    assert runner.jobs_sent["analysis"] == runs + 2
    assert shown == [True]
    assert document.analysis == fresh(document)


def test_undo_redo_and_what_if_during_a_run_end_with_the_deal_as_it_is(
    qtbot: Any, document: Document
) -> None:
    shown: list[bool] = []
    document.analysis_changed.connect(lambda: shown.append(document.analysis == fresh(document)))
    original = document.deal.stakeholder(document.analysis.sinkers[0])
    engaged = engage_top_sinker(document)
    in_flight(qtbot, document)
    document.undo_stack.undo()
    document.undo_stack.redo()
    document.undo_stack.undo()
    other = next(p for p in document.analysis.sinkers if p != engaged)
    document.set_what_if({other})
    settled(qtbot, document)
    assert document.deal.stakeholder(engaged) == original
    assert document.analysis == fresh(document)
    assert other in document.analysis.engaged_by_what_if
    assert shown and all(shown)


def test_a_plan_is_computed_only_while_someone_watches_it(qtbot: Any, document: Document) -> None:
    runner = document.analysis_runner
    engage_top_sinker(document)
    settled(qtbot, document)
    assert runner.jobs_sent["plan"] == 0  # nobody looked: no plan was made

    watcher = object()
    document.watch_plan(watcher, 4)
    qtbot.waitUntil(lambda: runner.plan_current(4), timeout=WAIT)
    plan = document.plan_for(4)
    assert plan is not None
    assert plan.steps == plan_summary(document.deal, 4, document.what_if, document.today).steps
    # An edit makes the plan out of date; the new one follows the analysis.
    document.edit_person(plan.steps[0].id, readiness=Readiness.ALIGNED)
    assert document.plan_updating(4)
    qtbot.waitUntil(lambda: runner.plan_current(4), timeout=WAIT)
    expected = plan_summary(document.deal, 4, document.what_if, document.today)
    assert document.plan_for(4) == expected

    document.unwatch_plan(watcher)
    plans = runner.jobs_sent["plan"]
    engage_top_sinker(document)
    settled(qtbot, document)
    assert runner.jobs_sent["plan"] == plans


def test_closing_during_a_run_ends_the_process_and_its_thread(
    qtbot: Any, document: Document
) -> None:
    runner = document.analysis_runner
    process, thread = runner.process, runner.link_thread
    changed: list[bool] = []
    document.analysis_changed.connect(lambda: changed.append(True))
    engage_top_sinker(document)
    in_flight(qtbot, document)
    document.close()
    assert not process.is_alive()
    assert not thread.is_alive()
    assert process not in multiprocessing.active_children()
    qtbot.wait(50)  # let the event loop deliver anything that was still queued: nothing is
    assert changed == []


def test_a_process_that_dies_is_replaced(qtbot: Any, document: Document) -> None:
    runner = document.analysis_runner
    first = runner.process
    first.kill()
    first.join(timeout=10)
    engage_top_sinker(document)
    settled(qtbot, document)
    assert document.analysis == fresh(document)
    assert runner.process is not None and runner.process is not first
    assert runner.process.is_alive()
