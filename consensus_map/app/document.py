"""The open deal in the app: the model, its file, one undo stack and the live analysis.

Every user edit goes through one of the edit methods here, becomes one undoable command and
is written to the file by the deal's persister before it shows. Views follow `deal_changed`
and `analysis_changed`; they never hear from commands.

Another window or program may write the same file. The document looks every second (and
before every write, under the file's lock) and, when the file changed, makes the model equal
to it with ordinary change events, so the map keeps its zoom, scroll and selection. An edit
refused because the file changed is made again on the reloaded model; if another window
changed the very field it changes, it is refused and the user is told (`edit_refused`).

The analysis and the plans are run by an `AnalysisRunner` (on this thread for a committee,
in a separate process for a big account map); the document is where views subscribe:
`analysis_changed`, `analysis_outdated` (grey what you show, "updating…"), and for a plan,
`watch_plan` while visible, then `plan_for` on `plan_changed`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack

from consensus_map.app.analysis_runner import AnalysisRunner
from consensus_map.app.commands import (
    AddStakeholdersCommand,
    ChangeDealInfoCommand,
    ChangeStakeholdersCommand,
    ChangeTieCommand,
    DealCommand,
    DeleteCommand,
    MoveCommand,
    RefreshCommitteeCommand,
)
from consensus_map.domain import (
    CommitteeRefreshed,
    Deal,
    DealError,
    DealEvent,
    DealInfo,
    Position,
    Stakeholder,
    StakeholdersMoved,
    StakeholdersRemoved,
    Tie,
    TieKey,
    TieKind,
)
from consensus_map.domain.errors import EditConflict
from consensus_map.store import DealFileError, FileChangedError
from consensus_map.store.dealfile import MOVED

if TYPE_CHECKING:
    from consensus_map.analysis.plan import Plan
    from consensus_map.analysis.result import DealAnalysis, PlanStep
    from consensus_map.store import DealFile
    from consensus_map.store.sharing import SharedCopy

R = TypeVar("R", Stakeholder, DealInfo)
T = TypeVar("T")

# Said after a reload; the window shows a refusal that contains it as a warning, not a hint.
RELOADED = "The deal was changed in another window or program: the map now shows the file."
WATCH_INTERVAL_MS = 1000
# Each try reloads first; a file rewritten faster than that is not being edited by a person.
_TRIES = 4

# How the model names people and ties in its messages (domain/records.py, domain/deal.py).
_PERSON_REF = re.compile(r"person '([^']*)'")
_TIE_REF = re.compile(r"\btie (\S+) (reports_to|influences|ally|rival) ([^\s:]+)")


class Document(QObject):
    """One open deal. Edit methods return False (and emit `edit_refused`) when refused."""

    deal_changed = Signal(object)  # a consensus_map.domain DealEvent
    analysis_changed = Signal()  # `analysis` (and what-if) were recomputed
    # A big map's new analysis runs in the background: the analysis and plans shown are the
    # last ones, to be greyed with "updating…" until `analysis_changed` / `plan_changed`.
    analysis_outdated = Signal()
    plan_changed = Signal(int)  # `plan_for(meetings)` is new
    edit_refused = Signal(str)  # one line for the user; nothing was changed
    file_reloaded = Signal(str)  # another window changed the file; the model follows it

    def __init__(
        self,
        deal: Deal,
        file: DealFile | None = None,
        parent: QObject | None = None,
        *,
        defer_analysis: bool = False,
    ) -> None:
        """`defer_analysis`: leave the first analysis to `ensure_analysis` (see there)."""
        super().__init__(parent)
        self.deal = deal
        self.file = file
        self.undo_stack = QUndoStack(self)
        self._what_if: frozenset[str] = frozenset()
        self._today = date.today()
        self._reloading = False
        self._missed_analysis = False
        self._file_problem = ""
        self._runner = AnalysisRunner(self, self)
        self._runner.analysis_changed.connect(self.analysis_changed)
        self._runner.analysis_outdated.connect(self.analysis_outdated)
        self._runner.plan_changed.connect(self.plan_changed)
        if not defer_analysis:
            self._runner.start()
        self._unsubscribe = deal.subscribe(self._on_deal_event)
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self._on_watch)
        if file is not None:
            self._watch.start()

    # ----------------------------------------------------------------- state
    @property
    def path(self) -> Path | None:
        return self.file.path if self.file is not None else None

    @property
    def what_if(self) -> frozenset[str]:
        return self._what_if

    @property
    def today(self) -> date:
        """The day recency and deadlines are counted from (the day the deal was opened)."""
        return self._today

    @property
    def analysis(self) -> DealAnalysis:
        """The latest analysis (while `analysis_updating`, of the deal a moment ago).

        When there is none yet it is computed on the spot (on this thread).
        """
        analysis = self._runner.analysis
        return analysis if analysis is not None else self._runner.analyse_here()

    @property
    def analysis_pending(self) -> bool:
        """True until the first analysis has arrived: views show "analysing…"."""
        return self._runner.analysis is None

    @property
    def analysis_updating(self) -> bool:
        """True while `analysis` is of an earlier version and a new one is on its way."""
        return self._runner.updating

    def ensure_analysis(self) -> None:
        """Run a deferred first analysis now and tell the views.

        At start-up the window shows the map first and analyses just after its first paint:
        the engine needs networkx, whose import is most of the time to a first window.
        """
        self._runner.start()

    def plan(self, meetings: int) -> tuple[PlanStep, ...]:
        """The plan for `meetings`, computed now on this thread (views use `watch_plan`)."""
        from consensus_map.analysis import engagement_plan

        return engagement_plan(self.deal, meetings, self._what_if, today=self._today)

    def watch_plan(self, watcher: object, meetings: int) -> None:
        """Keep the plan for `meetings` current while `watcher` is visible; `plan_changed`
        says when `plan_for(meetings)` is new. A hidden view unwatches: nothing is planned
        for it."""
        self._runner.watch_plan(watcher, meetings)

    def unwatch_plan(self, watcher: object) -> None:
        self._runner.unwatch_plan(watcher)

    def plan_for(self, meetings: int) -> Plan | None:
        """The latest plan for `meetings` (None before the first; see `plan_updating`)."""
        return self._runner.plan(meetings)

    def plan_updating(self, meetings: int) -> bool:
        """True while `plan_for(meetings)` is out of date and a new one is on its way."""
        return self._runner.plan_updating(meetings)

    @property
    def analysis_runner(self) -> AnalysisRunner:
        return self._runner

    def close(self) -> None:
        self._watch.stop()
        self._runner.close()
        self._unsubscribe()
        self.undo_stack.clear()
        if self.file is not None:
            self.file.close()

    # ------------------------------------------------------ other windows
    def check_file(self) -> bool:
        """Reload if another window or program changed the file; True if the model changed.

        A file that cannot be reloaded (moved away, replaced by something that is not a
        deal) is reported once through `edit_refused`; the model stays as it was.
        """
        if self.file is None:
            return False
        state = self.file.disk_state()
        if state == "same":
            return False
        if state == "missing":
            self._report_file_problem(f"{self.file.path}: {MOVED}")
            return False
        try:
            return self.reload_from_file()
        except (DealFileError, DealError) as error:
            self._report_file_problem(_one_line(error))
            return False

    def reload_from_file(self) -> bool:
        """Make the model equal to the file as it is now; True if that changed anything.

        The changes reach the views as ordinary change events (the map keeps its zoom,
        scroll and selection); the analysis runs once at the end.
        """
        if self.file is None:
            return False
        fresh = self.file.reload()
        self._file_problem = ""
        self._reloading, self._missed_analysis = True, False
        try:
            events = self.deal.reload_from(fresh)
        except BaseException:
            self.file.mark_stale()  # half followed: the next write must reload again
            raise
        finally:
            self._reloading = False
        if self._missed_analysis:
            self._reanalyse()
        if events:
            self.file_reloaded.emit(RELOADED)
        return bool(events)

    def save_as(self, path: Path | str) -> None:
        """Copy the file to `path` and go on editing there (raises DealFileError)."""
        if self.file is None:
            raise DealFileError(path, "there is no open file to copy")
        file = self.file
        self.replace_file(self._synced(lambda: file.save_as(path)))

    def save_shared_copy(
        self, path: Path | str, *, without_notes: bool, without_concerns: bool
    ) -> SharedCopy:
        """A compacted copy of the file for someone else (raises DealFileError)."""
        if self.file is None:
            raise DealFileError(path, "there is no open file to copy")
        return self.file.save_shared_copy(
            path, without_notes=without_notes, without_concerns=without_concerns
        )

    def _on_watch(self) -> None:
        # Not while a drag or a rubber band is under way: the reload waits for the drop.
        if QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self.check_file()

    def _report_file_problem(self, message: str) -> None:
        if message != self._file_problem:
            self._file_problem = message
            self.edit_refused.emit(message)

    def _synced(self, step: Callable[[], T], on_reload: Callable[[], None] | None = None) -> T:
        """Run `step` (an edit, an undo, a redo, Save As). When the file changed underneath,
        it wrote nothing: reload, then run it again against the file as it is now."""
        reloaded = False
        for attempt in range(_TRIES):
            try:
                return step()
            except FileChangedError:
                if attempt == _TRIES - 1:
                    raise
                self.reload_from_file()
                reloaded = True
                if on_reload is not None:
                    on_reload()
            except DealError as error:
                if reloaded:
                    raise EditConflict(f"{_one_line(error)}. {RELOADED}") from error
                raise
        raise AssertionError("unreachable")

    def replace_file(self, file: DealFile) -> None:
        """After Save As: keep editing, now written to `file`.

        Save As hands over the same `Deal` object, so the undo history stays valid.
        """
        old = self.file
        if file.deal is not self.deal:
            self._unsubscribe()
            self.deal = file.deal
            self._unsubscribe = self.deal.subscribe(self._on_deal_event)
            self.undo_stack.clear()
            self._reanalyse()
        self.file = file
        if old is not None and old is not file:
            old.close()
        self._watch.start()

    # ------------------------------------------------------------------ edits
    def add_person(self, position: Position, name: str = "New person", **fields: Any) -> str:
        """Add someone at `position`; returns the new id ("" when refused)."""
        try:
            person = Stakeholder(
                id=self.deal.new_id(name), name=name, x=position[0], y=position[1], **fields
            )
        except (DealError, TypeError) as error:
            self.edit_refused.emit(str(error))
            return ""
        command = AddStakeholdersCommand(self.deal, [person], [], f"Add {name}")
        # Another window may have taken the id meanwhile: the command then picks another.
        return command.people[0].id if self._push(command) else ""

    def add_people(self, people: list[Stakeholder], ties: list[Tie], text: str) -> bool:
        return self._push(AddStakeholdersCommand(self.deal, people, ties, text))

    def add_new_people(
        self, records: Sequence[Mapping[str, Any]], near: Position | None = None, text: str = ""
    ) -> list[str]:
        """Add people (each a dict of Stakeholder fields with at least a name) as one undo
        step, in free spots so that nobody lands on anybody: around `near`, or with None in
        rows after the last person, in the order of `records` (as typed in a list).

        Ids are made from the names. Returns the new ids ([] when refused: nobody added).
        """
        from consensus_map.layout import free_spots, next_in_rows

        if not records:
            return []
        if near is None:
            spots = next_in_rows(self.deal, len(records))
        else:
            spots = free_spots(self.deal, len(records), near)
        ids = self._fresh_ids([str(r.get("name", "")) for r in records])
        try:
            people = [
                Stakeholder(**{**record, "id": pid, "x": x, "y": y})
                for record, pid, (x, y) in zip(records, ids, spots, strict=True)
            ]
        except (DealError, TypeError) as error:
            self.edit_refused.emit(self._named(str(error)))
            return []
        if not text:
            text = f"Add {people[0].name}" if len(people) == 1 else f"Add {len(people)} people"
        return ids if self.add_people(people, [], text) else []

    def _fresh_ids(self, names: Sequence[str]) -> list[str]:
        """Ids made from names ("dana-ruiz", then "dana-ruiz-2"), unique in the deal and
        among themselves."""
        taken: set[str] = set()
        ids = []
        for name in names:
            candidate = base = self.deal.new_id(name)
            n = 1
            while candidate in taken or candidate in self.deal:
                n += 1
                candidate = f"{base}-{n}"
            taken.add(candidate)
            ids.append(candidate)
        return ids

    def add_tie(self, source: str, target: str, kind: TieKind, strength: float = 1.0) -> bool:
        from consensus_map.app.tie_words import refusal

        try:
            tie = Tie(source, target, kind, strength)
        except DealError as error:
            self.edit_refused.emit(self._named(str(error)))
            return False
        if source in self.deal and target in self.deal:
            reason = refusal(self.deal, source, target, kind)
            if reason is not None:
                self.edit_refused.emit(reason)
                return False
        names = self._name(source), self._name(target)
        text = f"Connect {names[0]} {kind.label} {names[1]}"
        return self._push(AddStakeholdersCommand(self.deal, [], [tie], text))

    def delete(self, person_ids: Iterable[str] = (), tie_keys: Iterable[TieKey] = ()) -> bool:
        people, ties = list(person_ids), list(tie_keys)
        if not people and not ties:
            return False
        if len(people) == 1:
            text = f"Delete {self._name(people[0])}"
        elif people:
            text = f"Delete {len(people)} people"
        else:
            text = "Delete tie" if len(ties) == 1 else f"Delete {len(ties)} ties"
        try:
            # As the user sees them: changed by another window meanwhile, they are not deleted.
            seen: list[Stakeholder | Tie] = [self.deal.stakeholder(pid) for pid in people]
            seen += [self.deal.tie(key) for key in ties]
        except DealError as error:
            self.edit_refused.emit(self._named(str(error)))
            return False
        return self._push(DeleteCommand(self.deal, people, ties, text, seen))

    def edit_person(self, person_id: str, **changes: Any) -> bool:
        """Change fields of one person (one undo step)."""
        return self.edit_people([person_id], **changes)

    def edit_people(self, person_ids: Iterable[str], **changes: Any) -> bool:
        """Give several people the same field values, as one undo step."""
        olds: list[Stakeholder] = []
        for person_id in dict.fromkeys(person_ids):
            old = self.deal.get(person_id)
            if old is None:
                self.edit_refused.emit("that person is no longer on the map")
                return False
            olds.append(old)
        news: list[Stakeholder] = []
        for old in olds:
            new = self._replaced(old, changes)
            if new is None:
                return False  # refused for one: nobody is changed
            news.append(new)
        changed = [(old, new) for old, new in zip(olds, news, strict=True) if old != new]
        if not changed:
            return True
        who = changed[0][0].name if len(changed) == 1 else f"{len(changed)} people"
        text = f"Edit {who}: {_field_names(changes)}"
        return self._push(
            ChangeStakeholdersCommand(
                self.deal, [o for o, _ in changed], [n for _, n in changed], text
            )
        )

    def move(self, positions: Mapping[str, Position], text: str = "Move") -> bool:
        """Positions for many people as one undo step (a drag or a layout)."""
        try:
            old = {
                pid: (self.deal.stakeholder(pid).x, self.deal.stakeholder(pid).y)
                for pid in positions
            }
        except DealError:
            self.edit_refused.emit("someone moved is no longer on the map")
            return False
        changed = {pid: pos for pid, pos in positions.items() if old[pid] != tuple(pos)}
        if not changed:
            return True
        old = {pid: old[pid] for pid in changed}
        return self._push(MoveCommand(self.deal, old, changed, text))

    def edit_tie(self, key: TieKey, strength: float) -> bool:
        try:
            old = self.deal.tie(key)
            new = old.edit(strength=strength)
        except DealError as error:
            self.edit_refused.emit(self._named(str(error)))
            return False
        if new == old:
            return True
        text = f"Edit tie {self._name(old.source)} {old.kind.label} {self._name(old.target)}"
        return self._push(ChangeTieCommand(self.deal, old, new, text))

    def edit_deal(self, **changes: Any) -> bool:
        old = self.deal.info
        new = self._replaced(old, changes)
        if new is None or new == old:
            return new is not None
        text = f"Edit deal: {_field_names(changes)}"
        return self._push(ChangeDealInfoCommand(self.deal, old, new, text))

    def refresh_committee(self, change: CommitteeRefreshed, text: str) -> bool:
        """A merge from the CRM (people added, fields and managers updated) as one undo step."""
        if not change:
            return True
        return self._push(RefreshCommitteeCommand(self.deal, change, text))

    def _replaced(self, record: R, changes: dict[str, Any]) -> R | None:
        """`record` with `changes`, or None (and the reason told) when they are invalid."""
        try:
            return record.edit(**changes)
        except (DealError, TypeError) as error:
            self.edit_refused.emit(self._named(str(error)))
            return None

    def set_what_if(self, person_ids: Iterable[str]) -> None:
        """Treat these people as engaged in the analysis only; the file is not touched."""
        ids = frozenset(i for i in person_ids if i in self.deal)
        if ids != self._what_if:
            self._what_if = ids
            self._reanalyse()

    # -------------------------------------------------------------- internals
    def _push(self, command: DealCommand) -> bool:
        try:
            self._synced(command.apply, on_reload=command.after_reload)
        except Exception as error:  # DealError from the model, DealFileError/OSError from disk
            self.edit_refused.emit(self._named(_one_line(error)))
            return False
        command.on_failure = self._on_history_failure
        command.runner = self._synced
        self.undo_stack.push(command)
        return True

    def _on_history_failure(self, error: BaseException) -> None:
        # Clearing the stack from inside its own undo() is not allowed: do it next.
        QTimer.singleShot(0, self.undo_stack.clear)
        self.edit_refused.emit(f"{_one_line(error)} (undo history cleared)")

    def _name(self, person_id: str) -> str:
        person = self.deal.get(person_id)
        return person.name if person is not None else person_id

    def _named(self, message: str) -> str:
        """A model message with people's ids replaced by their names: the seller never
        sees an internal id ("person 'new-person-4': …", "tie a reports_to b: …")."""

        def person(match: re.Match[str]) -> str:
            found = self.deal.get(match.group(1))
            return found.name if found is not None else "a person no longer on the map"

        def tie(match: re.Match[str]) -> str:
            kind = TieKind(match.group(2))
            return f"{self._name(match.group(1))} {kind.label} {self._name(match.group(3))}"

        message = _PERSON_REF.sub(person, message)
        message = _TIE_REF.sub(tie, message)
        return message.replace("person id ", "id ")

    def _on_deal_event(self, event: DealEvent) -> None:
        if isinstance(event, StakeholdersRemoved) and self._what_if:
            self._what_if = self._what_if - {p.id for p in event.stakeholders}
        if isinstance(event, CommitteeRefreshed) and self._what_if:  # undoing a merge
            self._what_if = self._what_if - {p.id for p in event.removed}
        self.deal_changed.emit(event)
        # Where people stand on the canvas is not part of the analysis: a drag or a layout
        # on a big account map would otherwise re-run the engine (and the plan) for nothing.
        if isinstance(event, StakeholdersMoved):
            return
        if self._reloading:
            self._missed_analysis = True  # once, after the whole reload
        else:
            self._reanalyse()

    def _reanalyse(self) -> None:
        """The deal or the what-if changed: analyse it as it is now (results follow)."""
        self._runner.invalidate()


def needs_attention(message: str) -> bool:
    """A refusal the user must not miss (a dialog, not the status bar): something they did
    or are about to do is not in the file."""
    return any(
        part in message for part in ("could not save", "undo history cleared", RELOADED, MOVED)
    )


def _field_names(changes: dict[str, Any]) -> str:
    return ", ".join(k.replace("_", " ") for k in changes)


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
