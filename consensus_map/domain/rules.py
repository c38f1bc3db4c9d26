"""The deal's rules, and the one function that checks any change against them.

`check_change(people, ties, event)` raises `DealError` unless applying `event` to a deal holding
`people` and `ties` keeps every rule. Every way a deal changes goes through it: a file loading
(all its people and ties added to an empty deal), people and ties added, every edit, move and
delete, a reload of the file, and the undo and redo of each. So an edit cannot leave the deal
in a state a file could not be loaded back from.

The rules:
- records are valid (each record checks its own fields when it is made);
- ids are unique, and an edit never changes one: a person's id, a tie's ends and kind;
- an edit replaces or removes the deal's current records, not ones it remembers from before
  (that is how an edit prepared against an older state of the file is caught);
- every tie joins two people of the deal, and a person leaves with every tie touching them;
- one tie per pair and kind (ally and rival either way round);
- reports-to ties carry no strength, each person has at most one manager, no loops;
- a deal holds at most `MAX_STAKEHOLDERS` people and `MAX_TIES` ties.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
from consensus_map.domain.records import (
    DealInfo,
    Stakeholder,
    Tie,
    TieKey,
    check_position,
    id_change_refused,
)

# A committee map is tens of people; an account map a few thousand. The bound stops a
# hostile file from exhausting memory.
MAX_STAKEHOLDERS = 20_000
MAX_TIES = 200_000

People = Mapping[str, Stakeholder]
Ties = Mapping[TieKey, Tie]


def check_change(people: People, ties: Ties, info: DealInfo | None, event: DealEvent) -> bool:
    """Raise `DealError` unless `event` keeps every rule; False for an event of unknown kind.

    `info` is the deal's current details (None while a deal is being built).
    """
    match event:
        case StakeholdersAdded(added, links):
            check_additions(people, ties, added, links)
        case TiesAdded(links):
            check_additions(people, ties, (), links)
        case StakeholdersRemoved(removed, links):
            _check_current_people(people, removed)
            _check_current_ties(ties, links)
            _check_no_tie_left_behind(ties, removed, links)
        case TiesRemoved(links):
            _check_current_ties(ties, links)
        case StakeholdersChanged(old, new):
            _check_changed_people(people, old, new)
        case StakeholdersMoved(old, new):
            _check_moves(people, old, new)
        case TieChanged(old, new):
            _check_current_ties(ties, (old,))
            if not isinstance(new, Tie):
                raise DealError("not a tie")
            if new.key != old.key:
                raise DealError(f"{old.describe()}: {Tie.FIXED_MESSAGE}")
            _check_tie_of_its_kind(new)
        case DealInfoChanged(old, new):
            if not isinstance(new, DealInfo):
                raise DealError("not the deal's details")
            if info is not None and old != info:
                raise EditConflict("the deal's details were changed since this edit was prepared")
        case CommitteeRefreshed():
            _check_refresh(people, ties, event)
        case _:
            return False
    return True


def check_additions(
    people: People, ties: Ties, added: Iterable[Stakeholder], links: Iterable[Tie]
) -> None:
    """Raise unless adding `added` then `links` keeps every rule (also: a whole file loading)."""
    added = list(added)
    links = list(links)
    new_ids: set[str] = set()
    for person in added:
        if not isinstance(person, Stakeholder):
            raise DealError("not a stakeholder")
        if person.id in people or person.id in new_ids:
            raise DealError(f"two people share the id {person.id!r}")
        new_ids.add(person.id)
    if len(people) + len(new_ids) > MAX_STAKEHOLDERS:
        raise DealError(f"a deal holds at most {MAX_STAKEHOLDERS} people")
    if len(ties) + len(links) > MAX_TIES:
        raise DealError(f"a deal holds at most {MAX_TIES} ties")

    keys: set[TieKey] = set()
    new_reports: list[Tie] = []
    managers: dict[str, str] = {}
    if links:
        for tie in ties.values():
            if tie.kind is TieKind.REPORTS_TO:
                managers[tie.source] = tie.target
    reports_to = TieKind.REPORTS_TO
    for tie in links:
        if not isinstance(tie, Tie):
            raise DealError("not a tie")
        for end in (tie.source, tie.target):
            if end not in new_ids and end not in people:
                raise DealError(f"{tie.describe()}: no person with id {end!r}")
        key = tie.key
        if key in keys or key in ties:
            raise DealError(f"{tie.describe()}: that tie already exists")
        keys.add(key)
        if tie.kind is reports_to:
            _check_tie_of_its_kind(tie)
            if tie.source in managers:
                raise DealError(
                    f"{tie.describe()}: {tie.source} already reports to "
                    f"{managers[tie.source]} (one manager each)"
                )
            managers[tie.source] = tie.target
            new_reports.append(tie)
    _check_no_loops(managers, new_reports)


def _check_tie_of_its_kind(tie: Tie) -> None:
    if tie.kind is TieKind.REPORTS_TO and tie.strength != 1.0:
        raise DealError(f"{tie.describe()}: reports-to ties have no strength")


def _check_current_people(people: People, records: Iterable[Stakeholder]) -> None:
    seen: set[str] = set()
    for record in records:
        if not isinstance(record, Stakeholder):
            raise DealError("not a stakeholder")
        current = people.get(record.id)
        if current is None:
            raise DealError(f"no person with id {record.id!r}")
        if current != record:
            raise EditConflict(f"{current.name} was changed since this edit was prepared")
        if record.id in seen:
            raise DealError(f"person {record.id!r} appears twice in one edit")
        seen.add(record.id)


def _check_current_ties(ties: Ties, records: Iterable[Tie]) -> None:
    seen: set[TieKey] = set()
    for record in records:
        if not isinstance(record, Tie):
            raise DealError("not a tie")
        current = ties.get(record.key)
        if current is None:
            raise DealError(f"no {record.describe()}")
        if current != record:
            raise EditConflict(f"{record.describe()}: changed since this edit was prepared")
        if record.key in seen:
            raise DealError(f"{record.describe()} appears twice in one edit")
        seen.add(record.key)


def _check_no_tie_left_behind(
    ties: Ties, removed: Iterable[Stakeholder], links: Iterable[Tie]
) -> None:
    gone = {p.id for p in removed}
    if not gone:
        return
    going = {t.key for t in links}
    for tie in ties.values():
        if (tie.source in gone or tie.target in gone) and tie.key not in going:
            raise DealError(f"{tie.describe()}: would be left without a person")


def _check_changed_people(
    people: People, old: tuple[Stakeholder, ...], new: tuple[Stakeholder, ...]
) -> None:
    if len(old) != len(new):
        raise DealError("an edit must give each person it changes one new record")
    _check_current_people(people, old)
    for before, after in zip(old, new, strict=True):
        if not isinstance(after, Stakeholder):
            raise DealError("not a stakeholder")
        if after.id != before.id:
            raise id_change_refused(before.id)


def _check_refresh(people: People, ties: Ties, change: CommitteeRefreshed) -> None:
    """A CRM merge (or its undo): the records it replaces are the current ones, no one is
    changed and removed at once, and the deal afterwards, checked whole as a file loading
    is, keeps every rule."""
    _check_changed_people(people, change.old, change.new)  # current records, same ids
    _check_current_people(people, change.removed)
    _check_current_ties(ties, change.ties_removed)
    gone = {p.id for p in change.removed}
    if any(p.id in gone for p in change.new):
        raise DealError("a person cannot be changed and removed in one edit")
    after_people = dict(people)
    after_ties = dict(ties)
    for tie in change.ties_removed:
        del after_ties[tie.key]
    for person in change.removed:
        del after_people[person.id]
    for tie in after_ties.values():
        if tie.source in gone or tie.target in gone:
            raise DealError(f"{tie.describe()}: would be left without a person")
    for person in change.added:
        if person.id in after_people:
            raise DealError(f"two people share the id {person.id!r}")
        after_people[person.id] = person
    for person in change.new:
        after_people[person.id] = person
    check_additions({}, {}, after_people.values(), [*after_ties.values(), *change.ties_added])


def _check_moves(people: People, old: Mapping[str, Position], new: Mapping[str, Position]) -> None:
    if set(old) != set(new):
        raise DealError("a move must say where each person it moves was")
    for person_id, (x, y) in new.items():
        person = people.get(person_id)
        if person is None:
            raise DealError(f"no person with id {person_id!r}")
        if old[person_id] != (person.x, person.y):
            raise EditConflict(f"{person.name} was moved since this move was prepared")
        check_position(f"person {person_id!r}", x, y)


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
