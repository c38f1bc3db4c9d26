"""The deal aggregate: its details, its people and their ties, and the rules they keep.

Every change, whatever made it, is one event that goes through `_commit`: the rules of
`rules.py` are checked first, then the persister writes it (the store, in one transaction; if
that fails the deal is left unchanged), then it is applied in memory, then the observers are
told (canvas, panels, analysis). So nothing is shown as done that is not in the file, and no
path (edit, undo, redo, a reload of the file) can skip a rule.

Edits made from values the caller saw earlier (`was=`) change only the fields the caller
changed, on top of the current records, and refuse with `EditConflict` a field that someone
else has changed since: with two windows on one file, nothing is silently overwritten.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from consensus_map.domain.enums import TieKind
from consensus_map.domain.errors import DealError, EditConflict
from consensus_map.domain.events import (
    CommitteeRefreshed,
    DealEvent,
    DealInfoChanged,
    Position,
    StakeholdersAdded,
    StakeholdersChanged,
    StakeholdersMoved,
    StakeholdersRemoved,
    TieChanged,
    TiesAdded,
    TiesRemoved,
)
from consensus_map.domain.records import DealInfo, Stakeholder, Tie, TieKey, id_change_refused
from consensus_map.domain.rules import MAX_STAKEHOLDERS, MAX_TIES, check_additions, check_change

__all__ = ["MAX_STAKEHOLDERS", "MAX_TIES", "Deal", "Listener"]

Listener = Callable[[DealEvent], None]
R = TypeVar("R", Stakeholder, Tie, DealInfo)


class Deal:
    """A buying committee: deal details, stakeholders by id, ties by key."""

    def __init__(
        self,
        info: DealInfo,
        stakeholders: Iterable[Stakeholder] = (),
        ties: Iterable[Tie] = (),
    ) -> None:
        self._info = info
        self._people: dict[str, Stakeholder] = {}
        self._ties: dict[TieKey, Tie] = {}
        self._persister: Listener | None = None
        self._observers: list[Listener] = []
        people = list(stakeholders)
        links = list(ties)
        # A file loading is held to the same rules as people and ties added by an edit.
        check_additions(self._people, self._ties, people, links)
        for person in people:
            self._people[person.id] = person
        for tie in links:
            self._ties[tie.key] = tie

    # ----------------------------------------------------------------- reading
    @property
    def info(self) -> DealInfo:
        return self._info

    @property
    def stakeholders(self) -> list[Stakeholder]:
        """People in insertion order."""
        return list(self._people.values())

    @property
    def ties(self) -> list[Tie]:
        return list(self._ties.values())

    def __len__(self) -> int:
        return len(self._people)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._people

    def __iter__(self) -> Iterator[Stakeholder]:
        return iter(list(self._people.values()))

    def stakeholder(self, person_id: str) -> Stakeholder:
        try:
            return self._people[person_id]
        except KeyError:
            raise DealError(f"no person with id {person_id!r}") from None

    def get(self, person_id: str) -> Stakeholder | None:
        return self._people.get(person_id)

    def tie(self, key: TieKey) -> Tie:
        try:
            return self._ties[key]
        except KeyError:
            raise DealError(f"no tie {key[0]} {key[2]} {key[1]}") from None

    def find_tie(self, source: str, target: str, kind: TieKind) -> Tie | None:
        return self._ties.get(Tie(source, target, kind).key)

    def ties_of(self, person_id: str) -> list[Tie]:
        return [t for t in self._ties.values() if t.involves(person_id)]

    def manager_of(self, person_id: str) -> str | None:
        for tie in self._ties.values():
            if tie.kind is TieKind.REPORTS_TO and tie.source == person_id:
                return tie.target
        return None

    def new_id(self, name: str) -> str:
        """A fresh id derived from a name: `dana-ruiz`, then `dana-ruiz-2`…"""
        base = "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())
        base = (base or "person")[:60]
        candidate, n = base, 1
        while candidate in self._people:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # --------------------------------------------------------------- listening
    def set_persister(self, persister: Listener | None) -> None:
        """The one listener that must succeed before an edit is applied (the file)."""
        self._persister = persister

    def subscribe(self, observer: Listener) -> Callable[[], None]:
        """Call `observer` after every applied edit; returns a function that unsubscribes."""
        self._observers.append(observer)

        def unsubscribe() -> None:
            if observer in self._observers:
                self._observers.remove(observer)

        return unsubscribe

    # ---------------------------------------------------------------- editing
    def add_stakeholders(self, people: Iterable[Stakeholder], ties: Iterable[Tie] = ()) -> None:
        """Add people and ties at once (a new person, a paste, or undoing a delete)."""
        added, links = tuple(people), tuple(ties)
        if added or links:
            self._commit(StakeholdersAdded(added, links))

    def add_stakeholder(self, person: Stakeholder) -> None:
        self.add_stakeholders([person])

    def remove_stakeholders(
        self,
        person_ids: Iterable[str],
        tie_keys: Iterable[TieKey] = (),
        *,
        was: Iterable[Stakeholder | Tie] | None = None,
    ) -> StakeholdersRemoved:
        """Remove people, every tie touching them and the ties `tie_keys`, as one edit.

        `was`: the records the caller saw when it chose them; if any has changed since, the
        edit is refused (`EditConflict`) rather than deleting what the caller never saw.
        Returns what went, so that undo can put it back with `add_stakeholders`.
        """
        ids = list(dict.fromkeys(person_ids))
        keys = list(dict.fromkeys(tie_keys))
        if was is not None:
            self._check_unchanged(was)
        people = tuple(self.stakeholder(i) for i in ids)
        extra = {self.tie(k).key for k in keys}
        gone = set(ids)
        links = tuple(
            t for t in self._ties.values() if t.source in gone or t.target in gone or t.key in extra
        )
        event = StakeholdersRemoved(people, links)
        if people or links:
            self._commit(event)
        return event

    def update_stakeholder(
        self, new: Stakeholder, *, was: Stakeholder | None = None
    ) -> Stakeholder:
        """Replace a person's record (same id); returns the old record."""
        return self.update_stakeholders([new], was=None if was is None else [was])[0]

    def update_stakeholders(
        self, records: Iterable[Stakeholder], *, was: Iterable[Stakeholder] | None = None
    ) -> tuple[Stakeholder, ...]:
        """Replace several people's records (same ids) as one change; returns the old ones.

        With `was` (the records the edit was made from, in the same order as `records`), only
        the fields that differ between the two are set, on the current records; an id never
        changes (DealError) and a field changed elsewhere since is an `EditConflict`.
        """
        news = list(records)
        if was is None:
            by_id = {new.id: new for new in news}
            pairs = [(self.stakeholder(pid), new) for pid, new in by_id.items()]
        else:
            befores = list(was)
            if len(befores) != len(news):
                raise DealError("an edit must give each person it changes one new record")
            pairs = []
            for before, after in zip(befores, news, strict=True):
                if after.id != before.id:
                    raise id_change_refused(before.id)
                current = self._people.get(before.id)
                if current is None:
                    raise EditConflict(f"{before.name} was deleted elsewhere")
                pairs.append((current, _rebased(current, before, after, before.name)))
        changed = [(old, new) for old, new in pairs if old != new]
        if changed:
            self._commit(
                StakeholdersChanged(tuple(o for o, _ in changed), tuple(n for _, n in changed))
            )
        return tuple(old for old, _ in pairs)

    def move_stakeholders(
        self, positions: Mapping[str, Position], *, was: Mapping[str, Position] | None = None
    ) -> dict[str, Position]:
        """Set canvas positions; returns the previous positions, for undo.

        With `was` (where the caller saw them), a person moved elsewhere since is an
        `EditConflict`.
        """
        old: dict[str, Position] = {}
        new: dict[str, Position] = {}
        for person_id, (x, y) in positions.items():
            person = self.stakeholder(person_id)
            here = (person.x, person.y)
            if here == (x, y):
                continue
            if was is not None and person_id in was and tuple(was[person_id]) != here:
                raise EditConflict(f"{person.name} was moved elsewhere")
            old[person_id] = here
            new[person_id] = (x, y)
        if new:
            self._commit(StakeholdersMoved(old, new))
        return old

    def add_ties(self, ties: Iterable[Tie]) -> None:
        links = tuple(ties)
        if links:
            self._commit(TiesAdded(links))

    def add_tie(self, tie: Tie) -> None:
        self.add_ties([tie])

    def remove_ties(
        self, keys: Iterable[TieKey], *, was: Iterable[Tie] | None = None
    ) -> tuple[Tie, ...]:
        """Remove ties; with `was`, a tie changed elsewhere since is an `EditConflict`."""
        if was is not None:
            self._check_unchanged(was)
        links = tuple(self.tie(k) for k in dict.fromkeys(keys))
        if links:
            self._commit(TiesRemoved(links))
        return links

    def update_tie(self, new: Tie, *, was: Tie | None = None) -> Tie:
        """Replace a tie with the same ends and kind (a strength change); returns the old.

        With `was`, a strength changed elsewhere since is an `EditConflict`.
        """
        if was is None:
            old = self.tie(new.key)
            target = new
        else:
            if new.key != was.key:
                raise DealError(f"{was.describe()}: {Tie.FIXED_MESSAGE}")
            current = self._ties.get(was.key)
            if current is None:
                raise EditConflict(f"{was.describe()} was deleted elsewhere")
            old = current
            target = _rebased(current, was, new, was.describe())
        if old != target:
            self._commit(TieChanged(old, target))
        return old

    def update_info(self, new: DealInfo, *, was: DealInfo | None = None) -> DealInfo:
        """Replace the deal's details; with `was`, only the fields changed since it are set."""
        old = self._info
        target = new if was is None else _rebased(old, was, new, "the deal")
        if old != target:
            self._commit(DealInfoChanged(old, target))
        return old

    def refresh_committee(self, change: CommitteeRefreshed) -> None:
        """Apply people added, changed and removed and ties replaced as one edit (a CRM merge,
        or its undo with `change.inverse()`).

        Refused unless the records it replaces are the deal's current ones and the deal after
        it keeps every rule (one manager each, no reporting loop, no tie to nobody).
        """
        if change:
            self._commit(change)

    def reload_from(self, other: Deal) -> list[DealEvent]:
        """Become `other`: the deal as its file holds it after another window or computer
        changed it. The changes go through the rules and are told to observers like edits,
        but are not written (they are already in the file). Returns them, in order.
        """
        mine, theirs = self._people, other._people
        gone_ties = tuple(t for k, t in self._ties.items() if other._ties.get(k) != t)
        new_ties = tuple(t for k, t in other._ties.items() if self._ties.get(k) != t)
        gone = tuple(p for pid, p in mine.items() if pid not in theirs)
        added = tuple(p for pid, p in theirs.items() if pid not in mine)
        changed = [
            (p, theirs[pid]) for pid, p in mine.items() if pid in theirs and theirs[pid] != p
        ]
        events: list[DealEvent] = []
        if gone or gone_ties:
            events.append(StakeholdersRemoved(gone, gone_ties))
        if added or new_ties:
            events.append(StakeholdersAdded(added, new_ties))
        if changed:
            events.append(
                StakeholdersChanged(tuple(o for o, _ in changed), tuple(n for _, n in changed))
            )
        if other._info != self._info:
            events.append(DealInfoChanged(self._info, other._info))
        for event in events:
            self._commit(event, persist=False)
        # The file's order (people are listed, and exported, in it) without telling anyone.
        self._people = {pid: self._people[pid] for pid in theirs}
        self._ties = {key: self._ties[key] for key in other._ties}
        return events

    # ------------------------------------------------------------- internals
    def _check_unchanged(self, records: Iterable[Stakeholder | Tie]) -> None:
        for record in records:
            if isinstance(record, Stakeholder):
                current: Stakeholder | Tie | None = self._people.get(record.id)
                name = record.name
            else:
                current, name = self._ties.get(record.key), record.describe()
            if current is None:
                raise EditConflict(f"{name} was deleted elsewhere")
            if current != record:
                raise EditConflict(f"{name}: {_difference(record, current)}")

    def _commit(self, event: DealEvent, *, persist: bool = True) -> None:
        if not check_change(self._people, self._ties, self._info, event):
            self._check_by_rebuilding(event)
        if persist and self._persister is not None:
            self._persister(event)  # raises → nothing applied
        self._apply(event)
        for observer in list(self._observers):
            observer(event)

    def _check_by_rebuilding(self, event: DealEvent) -> None:
        """A kind of change `rules.check_change` does not know yet: apply it to a copy and
        check the whole result as a file loading is checked."""
        trial = Deal(self._info)
        trial._people, trial._ties = dict(self._people), dict(self._ties)
        trial._apply(event)
        check_additions({}, {}, trial._people.values(), trial._ties.values())

    def _apply(self, event: DealEvent) -> None:
        match event:
            case StakeholdersAdded(people, links):
                for person in people:
                    self._people[person.id] = person
                for tie in links:
                    self._ties[tie.key] = tie
            case StakeholdersRemoved(people, links):
                for tie in links:
                    del self._ties[tie.key]
                for person in people:
                    del self._people[person.id]
            case StakeholdersChanged(_, news):
                for new in news:
                    self._people[new.id] = new
            case StakeholdersMoved(_, positions):
                for person_id, (x, y) in positions.items():
                    self._people[person_id] = self._people[person_id].replace(x=x, y=y)
            case TiesAdded(links):
                for tie in links:
                    self._ties[tie.key] = tie
            case TiesRemoved(links):
                for tie in links:
                    del self._ties[tie.key]
            case TieChanged(_, new_tie):
                self._ties[new_tie.key] = new_tie
            case DealInfoChanged(_, info):
                self._info = info
            case CommitteeRefreshed():
                for tie in event.ties_removed:
                    del self._ties[tie.key]
                for person in event.removed:
                    del self._people[person.id]
                for person in (*event.added, *event.new):
                    self._people[person.id] = person
                for tie in event.ties_added:
                    self._ties[tie.key] = tie


def _rebased(current: R, was: R, new: R, who: str) -> R:
    """`current` with the fields that differ between `was` and `new` set as in `new`.

    A field that is neither as the caller saw it nor as it wants it was changed by someone
    else since: `EditConflict`, and nothing is changed.
    """
    changes: dict[str, Any] = {}
    for spec in dataclasses.fields(new):
        name = spec.name
        if name.startswith("_") or not spec.init:
            continue
        before, after = getattr(was, name), getattr(new, name)
        if before == after:
            continue
        now = getattr(current, name)
        if now not in (before, after):
            raise EditConflict(f"{who}: {_label(name)} was changed elsewhere to {_shown(now)}")
        changes[name] = after
    return current.replace(**changes) if changes else current


def _difference(was: object, now: object) -> str:
    for spec in dataclasses.fields(now):  # type: ignore[arg-type]
        value = getattr(now, spec.name)
        if spec.init and getattr(was, spec.name) != value:
            return f"{_label(spec.name)} was changed elsewhere to {_shown(value)}"
    return "was changed elsewhere"


def _label(field_name: str) -> str:
    return {"x": "position", "y": "position", "crm_id": "CRM id"}.get(
        field_name, field_name.replace("_", " ")
    )


def _shown(value: object) -> str:
    text = "nothing" if value in (None, "") else repr(str(value))
    return text if len(text) <= 42 else text[:40] + "…'"
