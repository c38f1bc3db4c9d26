"""The analysis process: what crosses the pipe to it and back, and the loop it runs.

No Qt here: the process imports only this module, the domain and the engine. The app sends
it jobs (analyse, or plan K meetings) for numbered versions of the deal and it answers each
in turn. What travels is kept small, because the app's own side of the pipe runs Python
that competes with the interface thread for the interpreter lock:

- The deal goes as a *delta* against what the process already holds: records are frozen,
  so an unchanged person is the very same object as last time and is not sent again (an
  edit sends one record and the version number; a new process is sent the whole deal once).
  Records travel as their constructor's field values, not through dataclass pickling.
- The analysis comes back as one tuple of values per person. `AnalysisDecoder` rebuilds the
  `DealAnalysis` and reuses the previous `Assessment` object wherever a person's values did
  not change, so building it is cheap and the map can skip the people whose look is the same.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from consensus_map.analysis.result import Assessment, DealAnalysis
from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie, TieKey

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

ANALYSIS = "analysis"
PLAN = "plan"
ERROR = "error"


# --------------------------------------------------------------------------- records
def _init_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


_RECORD_FIELDS: dict[type, tuple[str, ...]] = {
    cls: _init_names(cls) for cls in (Stakeholder, Tie, DealInfo)
}
_RECORD_VALUES = {cls: attrgetter(*names) for cls, names in _RECORD_FIELDS.items()}


def _rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    """A record from its field values (validated again by its constructor)."""
    return cls(**dict(zip(_RECORD_FIELDS[cls], values, strict=True)))


def _reduce_record(record: Any) -> tuple[Any, ...]:
    cls = type(record)
    return _rebuild, (cls, _RECORD_VALUES[cls](record))


_DISPATCH = copyreg.dispatch_table.copy()
for _cls in _RECORD_FIELDS:
    _DISPATCH[_cls] = _reduce_record


def dumps(message: object) -> bytes:
    """Pickle a message; domain records go as their field values (several times faster)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(message)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- the deal
@dataclass(frozen=True, slots=True)
class DealSnapshot:
    """The deal as it was at one version: immutable, so another thread may read it."""

    version: int
    info: DealInfo = dataclasses.field(repr=False)
    people: tuple[Stakeholder, ...] = dataclasses.field(repr=False)
    ties: tuple[Tie, ...] = dataclasses.field(repr=False)
    what_if: frozenset[str] = dataclasses.field(repr=False)
    today: date = dataclasses.field(repr=False)

    @property
    def size(self) -> int:
        """What the engine's time grows with: people and ties."""
        return len(self.people) + len(self.ties)

    def deal(self) -> Deal:
        return Deal(self.info, self.people, self.ties)


@dataclass(frozen=True, slots=True)
class DealDelta:
    """What changed since the last snapshot sent; an order is sent only when it changed."""

    info: DealInfo | None
    people: tuple[Stakeholder, ...]
    people_order: tuple[str, ...] | None
    ties: tuple[Tie, ...]
    tie_order: tuple[TieKey, ...] | None


class DealMirror:
    """One side's record of the deal the other side holds, kept equal by deltas.

    The app keeps one to compute what to send (`delta_to`); the process keeps one to apply
    what it receives (`apply`). Both start empty, so the first delta is the whole deal.
    """

    def __init__(self) -> None:
        self.info: DealInfo | None = None
        self.people: dict[str, Stakeholder] = {}
        self.ties: dict[TieKey, Tie] = {}

    def delta_to(
        self, people: Iterable[Stakeholder], ties: Iterable[Tie], info: DealInfo
    ) -> DealDelta:
        """What to send so that a mirror equal to this one becomes that deal; updates self."""
        people, ties = tuple(people), tuple(ties)
        known_people, known_ties = self.people, self.ties
        changed_people = tuple(p for p in people if known_people.get(p.id) is not p)
        order = tuple(p.id for p in people)
        people_order = None if order == tuple(known_people) else order
        keyed = [(t.key, t) for t in ties]
        changed_ties = tuple(t for key, t in keyed if known_ties.get(key) is not t)
        tie_keys = tuple(key for key, _ in keyed)
        tie_order = None if tie_keys == tuple(known_ties) else tie_keys
        delta = DealDelta(
            info if info is not self.info else None,
            changed_people,
            people_order,
            changed_ties,
            tie_order,
        )
        self.apply(delta)
        return delta

    def apply(self, delta: DealDelta) -> None:
        if delta.info is not None:
            self.info = delta.info
        for person in delta.people:
            self.people[person.id] = person
        if delta.people_order is not None:
            people = self.people
            self.people = {person_id: people[person_id] for person_id in delta.people_order}
        for tie in delta.ties:
            self.ties[tie.key] = tie
        if delta.tie_order is not None:
            ties = self.ties
            self.ties = {key: ties[key] for key in delta.tie_order}

    def deal(self) -> Deal:
        if self.info is None:
            raise ValueError("no deal has been sent yet")
        return Deal(self.info, self.people.values(), self.ties.values())


# ------------------------------------------------------------------------- the analysis
_ASSESSMENT_FIELDS = _init_names(Assessment)
_ASSESSMENT_VALUES = attrgetter(*_ASSESSMENT_FIELDS)
_ID = _ASSESSMENT_FIELDS.index("id")
_ANALYSIS_FIELDS = _init_names(DealAnalysis)
# Positional arguments build a record several times faster than keywords, and the engine's
# records take their fields in order (the keyword form is kept should that ever change).
_POSITIONAL = not any(f.kw_only for f in dataclasses.fields(Assessment))


def _assessment(row: tuple[Any, ...]) -> Assessment:
    if _POSITIONAL:
        return Assessment(*row)
    return Assessment(**dict(zip(_ASSESSMENT_FIELDS, row, strict=True)))


def encode_analysis(analysis: DealAnalysis) -> dict[str, Any]:
    """The analysis as plain values: one tuple per person."""
    values = {name: getattr(analysis, name) for name in _ANALYSIS_FIELDS}
    values["stakeholders"] = tuple(map(_ASSESSMENT_VALUES, analysis.stakeholders))
    return values


class AnalysisDecoder:
    """Rebuilds analyses, reusing the last one's `Assessment` for every unchanged person."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[tuple[Any, ...], Assessment]] = {}

    def decode(self, values: dict[str, Any]) -> DealAnalysis:
        last = self._last
        kept: dict[str, tuple[tuple[Any, ...], Assessment]] = {}
        people = []
        for row in values["stakeholders"]:
            seen = last.get(row[_ID])
            item = seen[1] if seen is not None and seen[0] == row else _assessment(row)
            kept[row[_ID]] = (row, item)
            people.append(item)
        self._last = kept
        return DealAnalysis(**{**values, "stakeholders": tuple(people)})


# ---------------------------------------------------------------------------- the jobs
@dataclass(frozen=True, slots=True)
class Job:
    """Analyse (`meetings` None) or plan `meetings` meetings for one version of the deal."""

    snapshot: DealSnapshot
    meetings: int | None = None

    @property
    def kind(self) -> str:
        return ANALYSIS if self.meetings is None else PLAN

    @property
    def version(self) -> int:
        return self.snapshot.version


def run_job(deal: Deal, job_kind: str, what_if: frozenset[str], today: date, meetings: int) -> Any:
    """The work itself, the same in the process and on the interface thread."""
    if job_kind == ANALYSIS:
        from consensus_map.analysis import analyze

        return analyze(deal, what_if, today=today)
    from consensus_map.analysis.plan import plan_summary

    return plan_summary(deal, meetings, what_if, today)


def job_message(job: Job, delta: DealDelta | None) -> tuple[Any, ...]:
    snap = job.snapshot
    return (job.kind, snap.version, delta, tuple(sorted(snap.what_if)), snap.today, job.meetings)


def share_preparation() -> Callable[[], None]:
    """Let the analysis and then the plans of one version share the engine's `prepare`.

    What does not depend on readiness (who decides, power, leans: `engine.prepare`) is
    about 60% of the analysis and nearly all of a plan. The engine computes it afresh per
    call; here the last result is kept for the same deal object, what-if and day (nothing
    downstream writes to it). For the process only: returns the undo, for tests.
    """
    from consensus_map.analysis import engine, plan

    original = engine.prepare
    last: list[Any] = []  # [deal, engage, today, prepared]

    def prepare(deal: Deal, engage: Iterable[str] = (), today: date | None = None) -> Any:
        engage = frozenset(engage)
        if last and last[0] is deal and last[1] == engage and last[2] == today:
            return last[3]
        prepared = original(deal, engage, today)
        last[:] = [deal, engage, today, prepared]
        return prepared

    # plan.py binds the name at import: both places are pointed at the shared one.
    engine.prepare = prepare
    setattr(plan, "prepare", prepare)  # noqa: B010

    def undo() -> None:
        engine.prepare = original
        setattr(plan, "prepare", original)  # noqa: B010

    return undo


def serve(conn: Connection) -> None:
    """The process's loop: one message in, one answer out, until the pipe closes."""
    import signal

    # Ctrl+C in the terminal that started the app is for the app, which stops this process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    share_preparation()  # also imports the engine while the app is still building its map
    mirror = DealMirror()
    deal: Deal | None = None
    while True:
        try:
            message = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return  # the app is gone or closed the pipe
        if message is None:
            return
        kind, version, delta, what_if, today, meetings = message
        try:
            if delta is not None:
                mirror.apply(delta)
                deal = None
            if deal is None:
                deal = mirror.deal()
            result = run_job(deal, kind, frozenset(what_if), today, meetings or 0)
            answer: tuple[Any, ...] = (
                (ANALYSIS, version, encode_analysis(result))
                if kind == ANALYSIS
                else (PLAN, version, meetings, result)
            )
        except Exception:  # the app falls back to its own thread and reports it there
            mirror, deal = DealMirror(), None  # a delta may have half applied: start over
            answer = (ERROR, version, traceback.format_exc())
        try:
            conn.send_bytes(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
        except OSError:
            return
