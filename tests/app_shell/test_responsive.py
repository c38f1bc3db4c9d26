"""Big account maps in the window: edits return at once, the panels say quietly that they
are updating (the last figures greyed, never half new), a hidden risk panel plans nothing,
and opening or closing mid-run leaves the window showing the right deal and no process.

Maps of a few hundred people go to the analysis process as a 5,000-person map would
(`big_maps.analyse_in_background`).
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from big_maps import account, analyse_in_background
from PySide6.QtWidgets import QApplication

from consensus_map.analysis import analyze
from consensus_map.analysis.plan import plan_summary
from consensus_map.analysis.wording import headline
from consensus_map.domain import Readiness, Stance
from consensus_map.store import create_deal_file

WAIT = 30_000


def headline_of(analysis: Any) -> str:
    return headline(
        analysis.consensus_probability, analysis.consensus_band, analysis.consensus_range
    )


def panel_figures(panel: Any) -> tuple[object, ...]:
    """Everything the risk panel says about the analysis, as a reader would copy it."""
    return (
        panel.probability.text(),
        panel.caption.text(),
        panel.costly.text(),
        tuple(row.person_id for row in panel.sinker_rows),
        tuple(row.reasons.text() for row in panel.sinker_rows),
        tuple(label.text() for label in panel.warning_labels),
    )


def red_pixels(window: Any, person_id: str) -> int:
    """How much alarm red the map shows on screen around a person (halo, rank, badge)."""
    view, item = window.view, window.scene.person_items[person_id]
    view.reset_zoom()  # as someone working on these people sees them
    view.centerOn(item)
    image = view.viewport().grab(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
    image = image.toImage()
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if colour.red() > 150 and colour.green() < 110 and colour.blue() < 110:
                count += 1
    return count


@pytest.fixture
def big_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    analyse_in_background(monkeypatch)
    path = tmp_path / "globex.dealmap"
    create_deal_file(path, account(150))  # all halos at once (halos.AT_ONCE)
    return path


@pytest.fixture
def big_window(qtbot: Any, window: Any, big_path: Path) -> Any:
    assert window.open_path(big_path)
    document = window.document
    qtbot.waitUntil(lambda: not document.analysis_pending, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.risk_panel.plan_pending(), timeout=WAIT)
    return window


def engage_top_sinker(document: Any) -> str:
    person_id: str = document.analysis.sinkers[0]
    document.edit_person(person_id, readiness=Readiness.COMMITTED, stance=Stance.CHAMPION)
    return person_id


def settled(qtbot: Any, window: Any) -> None:
    document = window.document
    qtbot.waitUntil(
        lambda: not document.analysis_updating and not window.risk_panel.plan_pending(),
        timeout=WAIT,
    )


def test_panels_and_halos_show_the_last_figures_greyed_until_the_new_ones_arrive(
    qtbot: Any, big_window: Any
) -> None:
    window, document = big_window, big_window.document
    panel, scene = window.risk_panel, window.scene
    before = panel_figures(panel)
    top = document.analysis.sinkers[0]
    window.scene.select_person(top)
    assert red_pixels(window, top) > 0
    assert panel.updating.text() == ""

    engage_top_sinker(document)
    # The edit is done and on the map; the risks are being worked out (the answer can
    # only arrive through the event loop, so everything below is seen before it).
    assert scene.person_items[top].person.stance is Stance.CHAMPION
    assert document.analysis_updating
    assert panel_figures(panel) == before  # the last figures, all of them, untouched
    assert panel.updating.text() == "updating…"
    assert panel.figures.property("outdated")
    assert "updating…" in window.inspector.person_page.assessment.text()
    assert "(updating…)" in window.counts.text()
    assert scene.person_items[top].outdated
    assert red_pixels(window, top) == 0  # the halo and rank are grey meanwhile

    settled(qtbot, window)
    fresh = analyze(document.deal, document.what_if, today=document.today)
    assert document.analysis == fresh
    assert panel.probability.text() + " — " + panel.caption.text() == headline_of(fresh)
    assert top not in [row.person_id for row in panel.sinker_rows]
    assert panel_figures(panel) != before
    assert panel.updating.text() == ""
    assert not panel.figures.property("outdated")
    assert "updating…" not in window.inspector.person_page.assessment.text()
    assert "(updating…)" not in window.counts.text()
    assert not any(item.outdated for item in scene.person_items.values())
    assert red_pixels(window, top) == 0  # engaged and a champion now: no halo at all
    second = document.analysis.sinkers[0]
    assert red_pixels(window, second) > 0


def test_a_hidden_risk_panel_plans_nothing_and_catches_up_when_shown(
    qtbot: Any, big_window: Any
) -> None:
    window, document = big_window, big_window.document
    runner = document.analysis_runner
    window.risk_dock.hide()
    plans = runner.jobs_sent["plan"]
    engage_top_sinker(document)
    qtbot.waitUntil(lambda: not document.analysis_updating, timeout=WAIT)
    qtbot.waitUntil(lambda: runner.running is None, timeout=WAIT)
    assert runner.jobs_sent["plan"] == plans
    assert not runner.plan_current(window.risk_panel.meetings.value())

    window.risk_dock.show()
    settled(qtbot, window)
    assert runner.jobs_sent["plan"] == plans + 1
    plan = document.plan_for(window.risk_panel.meetings.value())
    assert plan is not None and plan.steps
    shown = window.risk_panel.plan.text()
    assert all(step.name in shown for step in plan.steps)


def test_opening_another_deal_mid_run_shows_that_deal_and_ends_the_old_process(
    qtbot: Any, big_window: Any, deal_path: Path
) -> None:
    window, document = big_window, big_window.document
    runner = document.analysis_runner
    process, thread = runner.process, runner.link_thread
    engage_top_sinker(document)
    qtbot.waitUntil(lambda: runner.running is not None, timeout=WAIT)
    assert window.open_path(deal_path)  # the sample committee
    assert not process.is_alive() and not thread.is_alive()
    sample = window.document
    settled(qtbot, window)
    assert sample.deal.info.name.startswith("Northwind")
    fresh = analyze(sample.deal, today=sample.today)
    assert sample.analysis == fresh
    panel = window.risk_panel
    assert panel.probability.text() + " — " + panel.caption.text() == headline_of(fresh)
    assert [row.person_id for row in panel.sinker_rows] == list(fresh.sinkers)


def test_closing_the_window_mid_run_leaves_no_process_or_thread(
    qtbot: Any, big_window: Any
) -> None:
    window, document = big_window, big_window.document
    runner = document.analysis_runner
    process, thread = runner.process, runner.link_thread
    engage_top_sinker(document)
    qtbot.waitUntil(lambda: runner.running is not None, timeout=WAIT)
    window.close()
    QApplication.processEvents()
    assert window.document is None
    assert not process.is_alive()
    assert not thread.is_alive()
    assert multiprocessing.active_children() == []


def test_a_committee_in_the_window_never_starts_a_process(qtbot: Any, window: Any) -> None:
    document = window.document
    engage_top_sinker(document)
    assert not document.analysis_updating
    assert window.risk_panel.updating.text() == ""
    assert document.analysis_runner.process is None


def test_the_review_plans_only_while_shown_and_shows_one_moment(
    qtbot: Any, big_window: Any
) -> None:
    window, document = big_window, big_window.document
    runner = document.analysis_runner
    window.risk_dock.hide()  # only the review watches a plan here
    window.review_dock.action.trigger()
    view = window.review_dock.view
    view.meetings.setValue(5)
    qtbot.waitUntil(lambda: view.review is not None and not view.refresh_pending(), timeout=WAIT)
    expected = plan_summary(document.deal, 5, document.what_if, document.today)
    assert [row.id for row in view.review.plan] == [step.id for step in expected.steps]

    shown = view.review
    engage_top_sinker(document)
    # The last review stays, all of it, greyed and saying so, until the new one is whole.
    assert view.review is shown
    assert view.updating.text() == "updating…"
    assert view.widget().property("outdated")
    qtbot.waitUntil(lambda: view.review is not shown and not view.refresh_pending(), timeout=WAIT)
    expected = plan_summary(document.deal, 5, document.what_if, document.today)
    assert [row.id for row in view.review.plan] == [step.id for step in expected.steps]
    assert view.review.headline == headline_of(document.analysis)
    assert view.updating.text() == ""
    assert not view.widget().property("outdated")

    window.review_dock.action.trigger()  # hidden: the plan for 5 is no longer kept current
    plans = runner.jobs_sent["plan"]
    engage_top_sinker(document)
    settled_analysis = lambda: not document.analysis_updating and runner.running is None  # noqa: E731
    qtbot.waitUntil(settled_analysis, timeout=WAIT)
    assert runner.jobs_sent["plan"] == plans
    assert not runner.plan_current(5)


def test_the_updating_notes_have_room_for_their_whole_word(window: Any) -> None:
    # They are of fixed size so that saying "updating…" moves nothing; the plan's note has
    # a margin to sit on the heading's baseline, which must not eat into the word.
    panel = window.risk_panel
    for label in (panel.updating, panel.plan_updating):
        room = label.contentsRect()
        metrics = label.fontMetrics()
        assert room.width() >= metrics.horizontalAdvance("updating…"), label.accessibleName()
        assert room.height() >= metrics.height(), label.accessibleName()
