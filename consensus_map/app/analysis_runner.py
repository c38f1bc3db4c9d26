"""When and where the live analysis and the engagement plans of one open deal run, and
which of their results count.

Every change to the deal (but a move) or to the what-if makes a new *version*. A committee
— up to `SYNC_MAX_SIZE` people and ties, about a frame of engine time — is analysed at once
on the interface thread, as it always was: nothing is pending and nothing is greyed. A
bigger account map is analysed in a separate process (`analysis_worker`), one job at a
time: a burst of edits while a job runs coalesces into one job for the latest version, and
a result for an older version is dropped. Until the current result arrives the views show
the last one greyed (`updating`), never half old and half new.

Why a process and not a thread: the engine is pure Python, so a worker thread holds the
interpreter lock for most of its run, and every Python call the interface makes meanwhile
(each item the map paints, each timer) waits for it. On the 5,000-person map
(benchmarks/bench_app.py, a shared 2-core machine at load 1-2), the longest interface block
per edit was 80–115 ms with the process, 250–620 ms with a thread and about 1,050 ms with
everything on the interface thread; what is left with the process is mostly the map's own
repaint. The interface side of the pipe stays small (see `analysis_worker`): the delta and
the decoding run on a helper thread, in milliseconds.

Plans are computed only for the meeting counts a visible view watches (`watch_plan`): a
hidden dock asks for nothing, so nothing is computed for it.
"""

from __future__ import annotations

import gc
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

if TYPE_CHECKING:
    from consensus_map.analysis.plan import Plan
    from consensus_map.analysis.result import DealAnalysis
    from consensus_map.app.analysis_worker import DealSnapshot, Job
    from consensus_map.domain import Deal

# The window is built before anything is analysed and start-up is benchmarked: the worker
# module (and pickle behind it) is imported when the first analysis runs, after first paint.

# People plus ties up to which the analysis runs on the interface thread. The engine takes
# about 12 ms for 100 people and 300 ties and grows linearly (25 ms at 200 + 600, 300 ms at
# 1,000 + 3,000; benchmarks/bench_app.py): below this it fits in a frame, costs less than
# a round trip to the process, and a committee stays exactly as instant as before.
SYNC_MAX_SIZE = 400
# After this many analysis processes died, this document analyses on the interface thread.
MAX_LOST_PROCESSES = 3
LOST = "lost"


class LiveDeal(Protocol):
    """What the runner analyses: the document's deal, what-if and day, as they are now."""

    @property
    def deal(self) -> Deal: ...

    @property
    def what_if(self) -> frozenset[str]: ...

    @property
    def today(self) -> date: ...


class AnalysisRunner(QObject):
    """Runs the analysis and the watched plans of one deal; see the module docstring."""

    analysis_changed = Signal()  # `analysis` is new (and current)
    # The deal changed and the new analysis runs in the background: what the views show is
    # out of date until `analysis_changed` (and `plan_changed` for a plan).
    analysis_outdated = Signal()
    plan_changed = Signal(int)  # the plan for that many meetings is new (and current)
    _answered = Signal(object)  # from the link's thread

    def __init__(
        self, source: LiveDeal, parent: QObject | None = None, *, sync_max_size: int | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self.sync_max_size = SYNC_MAX_SIZE if sync_max_size is None else sync_max_size
        self.version = 0
        self._started = False
        self._closed = False
        self._snapshot: DealSnapshot | None = None  # of `version`, taken when first needed
        self._analysis: DealAnalysis | None = None
        self._analysis_version = -1
        self._in_background = False  # the current version runs in the process
        self._plans: dict[int, tuple[int, Plan]] = {}  # meetings → (version, plan)
        self._watchers: dict[int, tuple[object, int]] = {}  # id(watcher) → (watcher, meetings)
        self._link: ProcessLink | None = None
        self._running: Job | None = None
        self.jobs_sent: Counter[str] = Counter()  # by kind: what the process was asked to do
        self._lost = 0
        self._froze = False
        self._dispatch_timer = self._zero_timer(self._dispatch)
        self._plan_timer = self._zero_timer(self._plan_here)
        self._answered.connect(self._on_answer, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def _zero_timer(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(slot)
        return timer

    # ----------------------------------------------------------------- reading
    @property
    def analysis(self) -> DealAnalysis | None:
        """The latest analysis applied (while `updating`, of an earlier version)."""
        return self._analysis

    @property
    def updating(self) -> bool:
        """There is an analysis, and a newer one is being computed in the background."""
        return (
            self._in_background
            and self._analysis is not None
            and self._analysis_version != self.version
        )

    def plan(self, meetings: int) -> Plan | None:
        """The latest plan computed for `meetings` (see `plan_updating`), or None."""
        found = self._plans.get(meetings)
        return found[1] if found is not None else None

    def plan_updating(self, meetings: int) -> bool:
        """The plan for `meetings` is out of date and a newer one runs in the background."""
        found = self._plans.get(meetings)
        current = found is not None and found[0] == self.version
        return self._in_background and not current

    def watched_meetings(self) -> set[int]:
        return {meetings for _, meetings in self._watchers.values()}

    @property
    def running(self) -> Job | None:
        """The job the process is working on, if any."""
        return self._running

    @property
    def process(self) -> Any:
        """The analysis process (a multiprocessing Process), or None; for tests."""
        return self._link.process if self._link is not None else None

    @property
    def link_thread(self) -> Any:
        return self._link.thread if self._link is not None else None

    # ----------------------------------------------------------------- asking
    def start(self) -> None:
        """Run the first analysis (a document may leave it until after the first paint)."""
        if not self._started and not self._closed:
            self._started = True
            if self._analysis_version != self.version:  # not already asked for on the spot
                self._run_version(was_updating=False)

    def invalidate(self) -> None:
        """The deal or the what-if changed: analyse (and re-plan) the deal as it is now."""
        was_updating = self.updating
        self.version += 1
        self._snapshot = None
        if self._started and not self._closed:
            self._run_version(was_updating)

    def analyse_here(self) -> DealAnalysis:
        """The analysis of the current version, computed now on this thread if need be."""
        if self._analysis is None or self._analysis_version != self.version:
            self._apply_analysis(self.version, self._compute_here(None))
        assert self._analysis is not None
        return self._analysis

    def watch_plan(self, watcher: object, meetings: int) -> None:
        """Keep the plan for `meetings` current while `watcher` (a visible view) shows it."""
        self._watchers[id(watcher)] = (watcher, meetings)
        if self._started and not self._closed and not self.plan_current(meetings):
            self._schedule_plans()

    def unwatch_plan(self, watcher: object) -> None:
        self._watchers.pop(id(watcher), None)

    def close(self) -> None:
        """Stop: the process is ended and its thread joined; nothing is delivered after."""
        if self._closed:
            return
        self._closed = True
        self._dispatch_timer.stop()
        self._plan_timer.stop()
        self._watchers.clear()
        link, self._link = self._link, None
        if link is not None:
            link.close()
        if self._froze:
            gc.unfreeze()  # what this map left behind is the collector's again

    # ----------------------------------------------------------------- running
    def _run_version(self, was_updating: bool) -> None:
        if self._runs_here():
            # A job still running in the process is for an older version: dropped on arrival.
            self._in_background = False
            self._apply_analysis(self.version, self._compute_here(None))
            if self.watched_meetings():
                self._plan_timer.start()
            return
        self._in_background = True
        if not was_updating:  # once per wait, however many edits come meanwhile
            self.analysis_outdated.emit()
        self._dispatch_timer.start()

    def _runs_here(self) -> bool:
        return self._lost >= MAX_LOST_PROCESSES or self._size() <= self.sync_max_size

    def _size(self) -> int:
        deal = self._source.deal
        return len(deal) + len(deal.ties)

    def _snapshot_now(self) -> DealSnapshot:
        from consensus_map.app.analysis_worker import DealSnapshot

        if self._snapshot is None or self._snapshot.version != self.version:
            deal = self._source.deal
            self._snapshot = DealSnapshot(
                self.version,
                deal.info,
                tuple(deal.stakeholders),
                tuple(deal.ties),
                self._source.what_if,
                self._source.today,
            )
        return self._snapshot

    def _compute_here(self, meetings: int | None) -> Any:
        from consensus_map.app.analysis_worker import ANALYSIS, PLAN, run_job

        source = self._source
        kind = ANALYSIS if meetings is None else PLAN
        return run_job(source.deal, kind, source.what_if, source.today, meetings or 0)

    def plan_current(self, meetings: int) -> bool:
        """The plan for `meetings` is of the deal as it is now."""
        found = self._plans.get(meetings)
        return found is not None and found[0] == self.version

    def _schedule_plans(self) -> None:
        if self._in_background:
            self._dispatch_timer.start()
        else:
            self._plan_timer.start()

    def _plan_here(self) -> None:
        """Committees: the watched plans on this thread, just after the analysis."""
        if self._closed or self._in_background:
            return
        for meetings in sorted(self.watched_meetings()):
            if not self.plan_current(meetings):
                self._apply_plan(self.version, meetings, self._compute_here(meetings))

    def _next_job(self) -> Job | None:
        from consensus_map.app.analysis_worker import Job

        if self._analysis_version != self.version:
            return Job(self._snapshot_now())
        for meetings in sorted(self.watched_meetings()):
            if not self.plan_current(meetings):
                return Job(self._snapshot_now(), meetings)
        return None

    def _dispatch(self) -> None:
        if self._closed or not self._in_background or self._running is not None:
            return
        job = self._next_job()
        if job is None:
            return
        if self._link is None:
            self._link = ProcessLink(self._answered.emit, self._is_current)
        self._running = job
        self.jobs_sent[job.kind] += 1
        self._link.submit(job)

    def _is_current(self, version: int) -> bool:
        return version == self.version  # read from the link's thread: an int, atomically

    def _on_answer(self, answer: tuple[Any, ...]) -> None:
        from consensus_map.app.analysis_worker import ANALYSIS, ERROR

        if self._closed:
            return
        job, self._running = self._running, None
        kind, version = answer[0], answer[1]
        if kind == LOST:
            self._lost += 1
            link, self._link = self._link, None
            if link is not None:
                link.close()
            print(f"Consensus Map: the analysis process stopped ({answer[2]})", file=sys.stderr)
            if self._runs_here():
                self._run_version(self.updating)  # given up on processes: here, as a committee
        elif kind == ERROR:
            # The same failure here raises where it always did; a working engine answers.
            print(answer[2], file=sys.stderr)
            if job is not None and version == self.version:
                result = self._compute_here(job.meetings)
                if job.meetings is None:
                    self._apply_analysis(version, result)
                else:
                    self._apply_plan(version, job.meetings, result)
        elif version == self.version:
            if kind == ANALYSIS:
                self._apply_analysis(version, answer[2])
                self._freeze_the_map()
            else:
                self._apply_plan(version, answer[2], answer[3])
        self._dispatch()

    def _freeze_the_map(self) -> None:
        """Keep the cyclic collector off a big map's objects, after each analysis shown.

        Its records, items and analysis live as long as the map is open, and a full sweep of
        the collector over them took 0.3–0.4 s on 5,000 people (and still 35 ms over just
        the last analysis's thousands of values): a freeze of the window at a moment no one
        chose. Frozen, they are still freed by reference counting; only what is newer is
        swept. Undone when the map closes, so that nothing frozen is kept for good.
        """
        self._froze = True
        gc.freeze()

    def _apply_analysis(self, version: int, analysis: DealAnalysis) -> None:
        self._analysis = analysis
        self._analysis_version = version
        self.analysis_changed.emit()

    def _apply_plan(self, version: int, meetings: int, plan: Plan) -> None:
        self._plans[meetings] = (version, plan)
        self.plan_changed.emit(meetings)


class ProcessLink:
    """One analysis process and the thread that sends it jobs and reads its answers.

    The runner sends one job at a time and waits for its answer. This thread works out the
    deal's delta, pickles it, and unpickles and decodes the answer (skipping the decoding
    of an analysis already out of date), so the interface thread does none of it. Every
    job gets exactly one answer: the result, an error, or `LOST` if the process is gone.
    """

    def __init__(
        self, deliver: Callable[[tuple[Any, ...]], None], is_current: Callable[[int], bool]
    ) -> None:
        import multiprocessing
        import queue
        import threading

        from consensus_map.app import analysis_worker

        self._deliver = deliver
        self._is_current = is_current
        # Spawn, not fork: a forked copy of a Qt application is not safe to run, and a fresh
        # interpreter imports only the engine.
        context = multiprocessing.get_context("spawn")
        self._conn, self._child_conn = context.Pipe()
        self.process = context.Process(
            target=analysis_worker.serve,
            args=(self._child_conn,),
            name="Consensus Map analysis",
            daemon=True,
        )
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closing = False
        self._started = False
        self.thread = threading.Thread(
            target=self._run, name="Consensus Map analysis link", daemon=True
        )
        self.thread.start()

    def submit(self, job: Job) -> None:
        self._jobs.put(job)

    def close(self) -> None:
        """End the process (mid-job if need be) and join the thread."""
        with self._lock:
            self._closing = True
            if self._started:
                self.process.terminate()  # a job in progress is abandoned: its pipe closes
        self._jobs.put(None)
        self.thread.join(timeout=10)
        if self._started:
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(timeout=5)
        self._conn.close()
        self._child_conn.close()

    def _report(self, answer: tuple[Any, ...]) -> None:
        if not self._closing:
            self._deliver(answer)

    def _run(self) -> None:
        import pickle

        from consensus_map.app.analysis_worker import (
            ANALYSIS,
            ERROR,
            AnalysisDecoder,
            DealMirror,
            dumps,
            job_message,
        )
        from consensus_map.gc_pause import no_gc_pauses

        try:
            with self._lock:
                if self._closing:
                    return
                self.process.start()
                self._started = True
            self._child_conn.close()  # the process has its own copy
        except Exception as error:  # no process (a locked-down system): the runner copes
            self._report((LOST, -1, f"it could not start: {error}"))
            return
        mirror, decoder = DealMirror(), AnalysisDecoder()
        sent: object = None  # the snapshot the process holds
        while True:
            job = self._jobs.get()
            if job is None:
                return
            snap = job.snapshot
            delta = None
            if snap is not sent:
                with no_gc_pauses():
                    delta = mirror.delta_to(snap.people, snap.ties, snap.info)
            sent = snap
            try:
                self._conn.send_bytes(dumps(job_message(job, delta)))
                answer = pickle.loads(self._conn.recv_bytes())
            except (EOFError, OSError, pickle.UnpicklingError) as error:
                self._report((LOST, job.version, str(error) or type(error).__name__))
                return
            if answer[0] == ERROR:
                # The process starts over with an empty deal: so do we.
                mirror, decoder, sent = DealMirror(), AnalysisDecoder(), None
            elif answer[0] == ANALYSIS:
                decoded = None
                if self._is_current(answer[1]):
                    with no_gc_pauses():  # thousands of short-lived tuples: nothing to find
                        decoded = decoder.decode(answer[2])
                answer = (ANALYSIS, answer[1], decoded)
            self._report(answer)
