"""What an import will do to a deal, worked out before anything is written.

One plan for both uses: importing into a new deal is merging into an empty one. Contacts
match people already in the deal by CRM id, then email, then exact name (this app's own
export also by its id); a match gets the CRM's name, title, email and manager and keeps
everything the seller judged (readiness, stance, mode, influence, attends, concern, notes,
ties other than reports-to, position). New people are placed near their manager. People
the file does not mention are listed, never deleted.

The plan is pure data: the command line applies it to the file and the app pushes it as one
undoable edit, both through `ImportPlan.change()` (one `CommitteeRefreshed`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from consensus_map.domain import (
    CommitteeRefreshed,
    Deal,
    DealError,
    Stakeholder,
    Tie,
    TieKind,
)
from consensus_map.interchange.contacts import Contact, ContactList
from consensus_map.interchange.crm_formats import NAME_FIELDS, Field
from consensus_map.interchange.crm_ids import crm_key
from consensus_map.interchange.csv_text import Problem
from consensus_map.layout.newcomers import place_newcomers
from consensus_map.layout.roster import Placeable, Roster

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What one row of the file becomes."""

    line: int
    person: Stakeholder  # as it will be in the deal afterwards
    status: str  # NEW, UPDATED or UNCHANGED
    changed: tuple[str, ...] = ()  # for UPDATED: "title", "manager"…
    matched_by: str = ""  # for a match: "CRM id", "email", "name" or "id"
    manager: str = ""  # the manager's name afterwards, for showing


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import or merge will change, or the problems that stop it."""

    source: str
    rows: tuple[RowOutcome, ...] = ()
    added: tuple[Stakeholder, ...] = ()
    old: tuple[Stakeholder, ...] = ()
    new: tuple[Stakeholder, ...] = ()
    ties_added: tuple[Tie, ...] = ()
    ties_removed: tuple[Tie, ...] = ()
    not_found: tuple[Stakeholder, ...] = ()
    warnings: tuple[Problem, ...] = ()
    errors: tuple[Problem, ...] = ()
    contacts: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def updated(self) -> tuple[RowOutcome, ...]:
        return tuple(r for r in self.rows if r.status == UPDATED)

    @property
    def unchanged(self) -> tuple[RowOutcome, ...]:
        return tuple(r for r in self.rows if r.status == UNCHANGED)

    def change(self) -> CommitteeRefreshed:
        """The whole plan as one edit of the deal."""
        if self.errors:
            raise DealError(str(self.errors[0]))
        return CommitteeRefreshed(
            added=self.added,
            old=self.old,
            new=self.new,
            ties_added=self.ties_added,
            ties_removed=self.ties_removed,
        )


class _Index:
    """People (of the file or of the deal) by each way a manager or a match may name them.

    Each way's map is built the first time it is asked for: a Salesforce export names every
    manager by CRM id, so its people's emails and names need no map at all.
    """

    def __init__(self) -> None:
        self._people: list[tuple[str, Stakeholder, bool]] = []
        self._by_id: dict[str, list[str]] | None = None
        self._by_crm: dict[str, list[str]] | None = None
        self._by_email: dict[str, list[str]] | None = None
        self._by_name: dict[str, list[str]] | None = None

    def add(self, key: str, person: Stakeholder, with_id: bool = True) -> None:
        self._people.append((key, person, with_id))

    @property
    def by_id(self) -> dict[str, list[str]]:
        if self._by_id is None:
            self._by_id = {}
            for key, person, with_id in self._people:
                if with_id:
                    self._by_id.setdefault(person.id, []).append(key)
        return self._by_id

    @property
    def by_crm(self) -> dict[str, list[str]]:
        if self._by_crm is None:
            self._by_crm = {}
            for key, person, _ in self._people:
                if person.crm_id.strip():
                    self._by_crm.setdefault(crm_key(person.crm_id), []).append(key)
        return self._by_crm

    @property
    def by_email(self) -> dict[str, list[str]]:
        if self._by_email is None:
            self._by_email = {}
            for key, person, _ in self._people:
                email = person.email.strip()
                if email:
                    self._by_email.setdefault(email.casefold(), []).append(key)
        return self._by_email

    @property
    def by_name(self) -> dict[str, list[str]]:
        if self._by_name is None:
            self._by_name = {}
            for key, person, _ in self._people:
                self._by_name.setdefault(person.name.strip(), []).append(key)
        return self._by_name

    def lookup(self, ref: str) -> tuple[str, list[str]]:
        """The first way `ref` names anyone (id, CRM id, email, then name) and whom; a way's
        map is built only when the ways before it found no one."""
        found = self.by_id.get(ref)
        if found:
            return "id", found
        found = self.by_crm.get(crm_key(ref))
        if found:
            return "CRM id", found
        found = self.by_email.get(ref.casefold())
        if found:
            return "email", found
        return "name", self.by_name.get(ref, [])


def plan_import(contacts: ContactList, deal: Deal) -> ImportPlan:
    """What importing `contacts` into `deal` changes (into an empty deal: a new import)."""
    rows = contacts.contacts
    label = contacts.source.label
    errors = list(contacts.errors)
    warnings = list(contacts.warnings)
    if errors:
        return ImportPlan(label, warnings=tuple(warnings), errors=tuple(errors),
                          contacts=len(rows))  # fmt: skip

    matched, matched_by = _match(rows, deal, warnings)
    final_ids = _final_ids(rows, matched, deal)
    managers, manager_errors = _resolve_managers(rows, final_ids, deal)
    errors += manager_errors
    errors += _loops(rows, final_ids, managers, deal)
    if errors:
        errors.sort(key=lambda p: p.line)
        return ImportPlan(label, warnings=tuple(warnings), errors=tuple(errors),
                          contacts=len(rows))  # fmt: skip

    old: list[Stakeholder] = []
    new: list[Stakeholder] = []
    added: list[_Newcomer] = []
    ties_added: list[Tie] = []
    ties_removed: list[Tie] = []
    outcomes: list[tuple[Contact, str, tuple[str, ...], str]] = []
    unplaced: list[str] = []
    # deal.manager_of walks every tie: once per contact it would be quadratic.
    deal_boss = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
    for n, contact in enumerate(rows):
        person_id = final_ids[n]
        boss = managers.get(n)
        if n not in matched:
            added.append(_Newcomer(person_id, contact.person))
            if not contact.has_position:
                unplaced.append(person_id)
            if boss is not None:
                ties_added.append(Tie(person_id, boss, TieKind.REPORTS_TO))
            outcomes.append((contact, NEW, (), ""))
            continue
        current = deal.stakeholder(person_id)
        updated, changed = _crm_fields(current, contact)
        previous = deal_boss.get(person_id)
        if boss is not None and previous != boss:
            if previous is not None:
                ties_removed.append(deal.tie((person_id, previous, TieKind.REPORTS_TO)))
            ties_added.append(Tie(person_id, boss, TieKind.REPORTS_TO))
            changed += ("manager",)
        if updated != current:
            old.append(current)
            new.append(updated)
        outcomes.append((contact, UPDATED if changed else UNCHANGED, changed, matched_by[n]))

    try:
        people_added = _placed(deal, added, unplaced, new, ties_added, ties_removed)
    except DealError as error:  # the checks above should have named the line already
        return ImportPlan(label, warnings=tuple(warnings), errors=(Problem(0, str(error)),),
                          contacts=len(rows))  # fmt: skip

    after = {p.id: p for p in (*deal.stakeholders, *people_added)}
    after.update({p.id: p for p in new})
    manager_after = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
    manager_after.update({t.source: t.target for t in ties_added})
    results = []
    for n, (contact, status, changed, how) in enumerate(outcomes):
        person = after[final_ids[n]]
        boss = manager_after.get(person.id)
        boss_name = after[boss].name if boss is not None else ""
        results.append(RowOutcome(contact.line, person, status, changed, how, boss_name))
    seen = {final_ids[n] for n in matched}
    return ImportPlan(
        source=label,
        rows=tuple(results),
        added=tuple(people_added),
        old=tuple(old),
        new=tuple(new),
        ties_added=tuple(ties_added),
        ties_removed=tuple(ties_removed),
        not_found=tuple(p for p in deal.stakeholders if p.id not in seen),
        warnings=tuple(warnings),
        contacts=len(rows),
    )


# ---------------------------------------------------------------------------- matching
def _match(
    rows: Sequence[Contact], deal: Deal, warnings: list[Problem]
) -> tuple[dict[int, str], dict[int, str]]:
    """Row index → id of the deal's person it is, and how it was recognised."""
    if not len(deal):
        return {}, {}
    index = _Index()
    for person in deal.stakeholders:
        index.add(person.id, person)
    matched: dict[int, str] = {}
    how: dict[int, str] = {}
    taken: dict[str, int] = {}  # person id → line that matched them
    for n, contact in enumerate(rows):
        for way, person_id in _candidates(contact, index, deal):
            if person_id in taken:
                name = deal.stakeholder(person_id).name
                warnings.append(
                    Problem(
                        contact.line,
                        f"has the same {way} as {name}, already matched by "
                        f"line {taken[person_id]}: added as a new person",
                    )
                )
                continue
            matched[n], how[n] = person_id, way
            taken[person_id] = contact.line
            break
    return matched, how


def _candidates(contact: Contact, index: _Index, deal: Deal) -> Iterable[tuple[str, str]]:
    person = contact.person
    if contact.given_id and person.id in deal:
        yield "id", person.id
    if contact.crm_key:
        found = index.by_crm.get(contact.crm_key, [])
        if len(found) == 1:
            yield "CRM id", found[0]
    for way, found in (
        ("email", index.by_email.get(person.email.strip().casefold(), [])),
        ("name", index.by_name.get(person.name.strip(), [])),
    ):
        if way == "email" and not person.email.strip():
            continue
        if len(found) == 1 and _same_record(contact, deal.stakeholder(found[0])):
            yield way, found[0]


def _same_record(contact: Contact, person: Stakeholder) -> bool:
    """An email or name match counts unless both carry CRM ids that differ."""
    theirs = crm_key(person.crm_id)
    return not contact.crm_key or not theirs or theirs == contact.crm_key


def _final_ids(rows: Sequence[Contact], matched: Mapping[int, str], deal: Deal) -> list[str]:
    taken = {p.id for p in deal.stakeholders}
    ids: list[str] = []
    for n, contact in enumerate(rows):
        if n in matched:
            ids.append(matched[n])
            continue
        wanted = contact.person.id if contact.given_id else ""
        person_id = (
            wanted if wanted and wanted not in taken else _fresh_id(contact.person.name, taken)
        )
        taken.add(person_id)
        ids.append(person_id)
    return ids


_NOT_ALNUM = re.compile(r"[\W_]+")


def _fresh_id(name: str, taken: set[str]) -> str:
    """As `Deal.new_id`: `dana-ruiz`, then `dana-ruiz-2`…"""
    base = _NOT_ALNUM.sub("-", name.lower()).strip("-")
    base = (base or "person")[:60]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# ---------------------------------------------------------------------------- managers
def _resolve_managers(
    rows: Sequence[Contact], final_ids: Sequence[str], deal: Deal
) -> tuple[dict[int, str], list[Problem]]:
    """Row index → the final id of the manager the row names."""
    in_file = _Index()
    for n, contact in enumerate(rows):
        in_file.add(str(n), contact.person, with_id=contact.given_id)
    in_deal = _Index()
    for person in deal.stakeholders:
        in_deal.add(person.id, person)
    resolved: dict[int, str] = {}
    problems: list[Problem] = []
    # A manager is named once per report: look each reference up once.
    found: dict[str, tuple[str | None, str | None]] = {}
    for n, contact in enumerate(rows):
        ref = contact.manager
        if not ref:
            continue
        answer = found.get(ref)
        if answer is None:
            answer = _find(ref, in_file, rows, final_ids)
            if answer == (None, None) and len(deal):
                answer = _find(ref, in_deal, None, None)
            found[ref] = answer
        target, problem = answer
        if problem is not None:
            problems.append(Problem(contact.line, problem))
        elif target is None:
            where = "the file or the deal" if len(deal) else "the file"
            problems.append(
                Problem(contact.line, f"manager {ref!r} is not in {where} (a dangling reference)")
            )
        elif target == final_ids[n]:
            problems.append(Problem(contact.line, f"{contact.person.name} reports to themselves"))
        else:
            resolved[n] = target
    return resolved, problems


def _find(
    ref: str,
    index: _Index,
    rows: Sequence[Contact] | None,
    final_ids: Sequence[str] | None,
) -> tuple[str | None, str | None]:
    """The one person `ref` names (first by id, CRM id, email, then name), or why not."""
    way, found = index.lookup(ref)
    if not found:
        return None, None
    unique = found if len(found) == 1 else list(dict.fromkeys(found))
    if len(unique) == 1:
        key = unique[0]
        if rows is None or final_ids is None:
            return key, None
        return final_ids[int(key)], None
    if rows is not None:
        lines = ", ".join(str(rows[int(k)].line) for k in unique[:5])
        return None, f"manager {ref!r} has the same {way} as lines {lines}: use an id or email"
    return None, f"manager {ref!r} has the same {way} as {len(unique)} people in the deal"


def _loops(
    rows: Sequence[Contact],
    final_ids: Sequence[str],
    managers: Mapping[int, str],
    deal: Deal,
) -> list[Problem]:
    """Reports-to loops the file would make (with the deal's own reporting lines)."""
    deal_boss = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
    boss_of = dict(deal_boss)
    line_of: dict[str, int] = {}
    for n, target in managers.items():
        boss_of[final_ids[n]] = target
        line_of[final_ids[n]] = rows[n].line
    names = {p.id: p.name for p in deal.stakeholders}
    names.update({final_ids[n]: c.person.name for n, c in enumerate(rows)})
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1 on the current walk, 2 known clear
    for start in sorted(line_of, key=lambda pid: line_of[pid]):
        path: list[str] = []
        person: str | None = start
        while person is not None and person not in state:
            state[person] = 1
            path.append(person)
            person = boss_of.get(person)
        if person is not None and state[person] == 1:
            loop = path[path.index(person) :]
            # Blame a row that changes a reporting line (in a merge the others only repeat
            # the deal), the last read of those: the one that closed the loop.
            culprit = max(
                (p for p in loop if p in line_of),
                key=lambda p: (deal_boss.get(p) != boss_of[p], line_of[p]),
            )
            at = loop.index(culprit)
            ring = loop[at:] + loop[:at] + [culprit]
            chain = " → ".join(names[p] for p in ring)
            problems.append(Problem(line_of[culprit], f"reports-to loop: {chain}"))
        for walked in path:
            state[walked] = 2
    return problems


# ------------------------------------------------------------------------ changes
def _crm_fields(current: Stakeholder, contact: Contact) -> tuple[Stakeholder, tuple[str, ...]]:
    """`current` with the CRM-owned fields this row gives; the names of those that changed.

    An empty cell says nothing (CRMs leave fields blank that a seller filled in): it never
    erases.
    """
    said = contact.said
    incoming = contact.person
    changes: dict[str, str] = {}
    for targets, name in (
        (NAME_FIELDS, "name"),
        ({Field.TITLE}, "title"),
        ({Field.EMAIL}, "email"),
    ):
        value = getattr(incoming, name)
        if targets & said and value != getattr(current, name):
            changes[name] = value
    if contact.crm_key and crm_key(current.crm_id) != contact.crm_key:
        changes["crm_id"] = incoming.crm_id
    if not changes:
        return current, ()
    labels = tuple("CRM id" if k == "crm_id" else k for k in changes)
    return current.replace(**changes), labels


class _Newcomer(NamedTuple):
    """A person the import adds, as the layout reads them: their final id, the row's name
    and position. Their record is built once, with the id and the place they land in."""

    id: str
    person: Stakeholder  # as the row reads (a placeholder id when the file gives none)

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def x(self) -> float:
        return self.person.x

    @property
    def y(self) -> float:
        return self.person.y

    def landed(self, spot: tuple[float, float] | None) -> Stakeholder:
        person = self.person
        if spot is not None:
            return person.replace(id=self.id, x=spot[0], y=spot[1])
        return person if person.id == self.id else person.replace(id=self.id)


def _placed(
    deal: Deal,
    added: list[_Newcomer],
    unplaced: list[str],
    new: list[Stakeholder],
    ties_added: list[Tie],
    ties_removed: list[Tie],
) -> list[Stakeholder]:
    """The new people with positions: theirs from the file, else near their manager."""
    if not unplaced:
        return [newcomer.landed(None) for newcomer in added]
    changed = {p.id: p for p in new}
    people: list[Placeable] = [changed.get(p.id, p) for p in deal.stakeholders]
    people += added
    removed = {t.key for t in ties_removed}
    ties = [t for t in deal.ties if t.key not in removed] + ties_added
    spots = place_newcomers(Roster(people, ties), unplaced)
    return [newcomer.landed(spots.get(newcomer.id)) for newcomer in added]
