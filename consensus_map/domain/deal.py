"""The deal aggregate: its details, its people and their ties, and the rules they keep.

Every mutation validates first, then hands its event to the persister (the store writes it
in one transaction; if that fails the deal is left unchanged), then applies it in memory,
then tells the observers (canvas, panels, analysis). So nothing is shown as done that is
not in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from consensus_map.domain.enums import TieKind
from consensus_map.domain.errors import DealError
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
from consensus_map.domain.records import DealInfo, Stakeholder, Tie, TieKey

Listener = Callable[[DealEvent], None]

# A committee map is tens of people; an account map a few thousand. The bound stops a
# hostile file from exhausting memory.
MAX_STAKEHOLDERS = 20_000
MAX_TIES = 200_000


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
        self._check_new(people, links)
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
        if not added and not links:
            return
        self._check_new(added, links)
        self._commit(StakeholdersAdded(added, links))

    def add_stakeholder(self, person: Stakeholder) -> None:
        self.add_stakeholders([person])

    def remove_stakeholders(
        self, person_ids: Iterable[str], tie_keys: Iterable[TieKey] = ()
    ) -> StakeholdersRemoved:
        """Remove people, every tie touching them and the ties `tie_keys`, as one edit.

        Returns what went, so that undo can put it back with `add_stakeholders`.
        """
        ids = list(dict.fromkeys(person_ids))
        people = tuple(self.stakeholder(i) for i in ids)
        extra = {self.tie(k).key for k in tie_keys}
        gone = set(ids)
        links = tuple(
            t for t in self._ties.values() if t.source in gone or t.target in gone or t.key in extra
        )
        event = StakeholdersRemoved(people, links)
        if people or links:
            self._commit(event)
        return event

    def update_stakeholder(self, new: Stakeholder) -> Stakeholder:
        """Replace a person's record (same id); returns the old record."""
        return self.update_stakeholders([new])[0]

    def update_stakeholders(self, records: Iterable[Stakeholder]) -> tuple[Stakeholder, ...]:
        """Replace several people's records (same ids) as one change; returns the old ones."""
        news = {new.id: new for new in records}
        olds = tuple(self.stakeholder(person_id) for person_id in news)
        changed = [(old, news[old.id]) for old in olds if old != news[old.id]]
        if changed:
            self._commit(
                StakeholdersChanged(tuple(o for o, _ in changed), tuple(n for _, n in changed))
            )
        return olds

    def move_stakeholders(self, positions: Mapping[str, Position]) -> dict[str, Position]:
        """Set canvas positions; returns the previous positions, for undo."""
        old: dict[str, Position] = {}
        new: dict[str, Position] = {}
        for person_id, (x, y) in positions.items():
            person = self.stakeholder(person_id)
            moved = person.replace(x=x, y=y)  # validates the coordinates
            if (moved.x, moved.y) != (person.x, person.y):
                old[person_id] = (person.x, person.y)
                new[person_id] = (moved.x, moved.y)
        if new:
            self._commit(StakeholdersMoved(old, new))
        return old

    def add_ties(self, ties: Iterable[Tie]) -> None:
        links = tuple(ties)
        if links:
            self._check_new((), links)
            self._commit(TiesAdded(links))

    def add_tie(self, tie: Tie) -> None:
        self.add_ties([tie])

    def remove_ties(self, keys: Iterable[TieKey]) -> tuple[Tie, ...]:
        links = tuple(self.tie(k) for k in dict.fromkeys(keys))
        if links:
            self._commit(TiesRemoved(links))
        return links

    def update_tie(self, new: Tie) -> Tie:
        """Replace a tie with the same ends and kind (a strength change); returns the old."""
        old = self.tie(new.key)
        if old != new:
            self._commit(TieChanged(old, new))
        return old

    def update_info(self, new: DealInfo) -> DealInfo:
        old = self._info
        if old != new:
            self._commit(DealInfoChanged(old, new))
        return old

    def refresh_committee(self, change: CommitteeRefreshed) -> None:
        """Apply people added, changed and removed and ties replaced as one edit (a CRM merge,
        or its undo with `change.inverse()`).

        Refused unless the records it replaces are the deal's current ones and the deal after
        it keeps every rule (one manager each, no reporting loop, no tie to nobody).
        """
        if not change:
            return
        self._check_refresh(change)
        self._commit(change)

    # ------------------------------------------------------------- internals
    def _check_refresh(self, change: CommitteeRefreshed) -> None:
        stale = "the deal changed since this edit was prepared"
        for record in (*change.removed, *change.old):
            if self._people.get(record.id) != record:
                raise DealError(f"{stale} ({record.name})")
        if [o.id for o in change.old] != [n.id for n in change.new]:
            raise DealError("a changed person must keep their id")
        for tie in change.ties_removed:
            if self._ties.get(tie.key) != tie:
                raise DealError(f"{tie.describe()}: {stale}")
        # The deal as it would be afterwards must keep every rule: check it as a whole.
        people = dict(self._people)
        ties = dict(self._ties)
        for tie in change.ties_removed:
            if ties.pop(tie.key, None) is None:
                raise DealError(f"{tie.describe()}: removed twice")
        for person in change.removed:
            if people.pop(person.id, None) is None:
                raise DealError(f"{person.name} removed twice")
        gone = {p.id for p in change.removed}
        if any(p.id in gone for p in change.new):
            raise DealError("a person cannot be changed and removed in one edit")
        for tie in ties.values():
            if tie.source in gone or tie.target in gone:
                raise DealError(f"{tie.describe()}: would be left without a person")
        for person in change.added:
            if person.id in people:
                raise DealError(f"two people share the id {person.id!r}")
            people[person.id] = person
        for person in change.new:
            people[person.id] = person
        Deal(self._info, people.values(), [*ties.values(), *change.ties_added])

    def _commit(self, event: DealEvent) -> None:
        if self._persister is not None:
            self._persister(event)  # raises → nothing applied
        self._apply(event)
        for observer in list(self._observers):
            observer(event)

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

    def _check_new(self, people: Iterable[Stakeholder], ties: Iterable[Tie]) -> None:
        """Raise DealError unless adding `people` then `ties` keeps every invariant."""
        people = list(people)
        ties = list(ties)
        new_ids: set[str] = set()
        for person in people:
            if not isinstance(person, Stakeholder):
                raise DealError("not a stakeholder")
            if person.id in self._people or person.id in new_ids:
                raise DealError(f"two people share the id {person.id!r}")
            new_ids.add(person.id)
        if len(self._people) + len(new_ids) > MAX_STAKEHOLDERS:
            raise DealError(f"a deal holds at most {MAX_STAKEHOLDERS} people")
        if len(self._ties) + len(ties) > MAX_TIES:
            raise DealError(f"a deal holds at most {MAX_TIES} ties")

        def exists(person_id: str) -> bool:
            return person_id in self._people or person_id in new_ids

        keys: set[TieKey] = set()
        new_reports: list[Tie] = []
        managers: dict[str, str] = {}
        for tie in self._ties.values():
            if tie.kind is TieKind.REPORTS_TO:
                managers[tie.source] = tie.target
        for tie in ties:
            if not isinstance(tie, Tie):
                raise DealError("not a tie")
            for end in (tie.source, tie.target):
                if not exists(end):
                    raise DealError(f"{tie.describe()}: no person with id {end!r}")
            if tie.key in self._ties or tie.key in keys:
                raise DealError(f"{tie.describe()}: that tie already exists")
            keys.add(tie.key)
            if tie.kind is TieKind.REPORTS_TO:
                if tie.source in managers:
                    raise DealError(
                        f"{tie.describe()}: {tie.source} already reports to "
                        f"{managers[tie.source]} (one manager each)"
                    )
                if tie.strength != 1.0:
                    raise DealError(f"{tie.describe()}: reports-to ties have no strength")
                managers[tie.source] = tie.target
                new_reports.append(tie)
        self._check_no_loops(managers, new_reports)

    @staticmethod
    def _check_no_loops(managers: dict[str, str], new_reports: list[Tie]) -> None:
        """Raise if the new reports-to ties close a loop in the org chart.

        Each person is walked at most once (a loading file adds thousands of ties at once,
        and walking to the top from each would be quadratic on deep org charts).
        """
        on_path, clear = 1, 2
        state: dict[str, int] = {}
        for tie in new_reports:
            path: list[str] = []
            person: str | None = tie.source
            while person is not None and person not in state:
                state[person] = on_path
                path.append(person)
                person = managers.get(person)
            if person is not None and state[person] == on_path:
                loop = set(path[path.index(person) :])
                # Blame the tie that closed the loop: the last one added among them.
                culprit = next(t for t in reversed(new_reports) if t.source in loop)
                raise DealError(f"{culprit.describe()}: reports-to ties would form a loop")
            for walked in path:
                state[walked] = clear
