"""Undoable edits. Each command's redo and undo call exactly one method of the deal.

The canvas and panels never hear from a command: they follow the deal's change events,
so an edit looks the same whether it was made, undone or redone.

Each command passes the deal what it expects to find (`was=`): after the file was reloaded
with another window's changes, an undo or redo changes only its own fields, and refuses
(`EditConflict`) rather than overwrite a value the other window wrote since.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QUndoCommand

from consensus_map.domain import (
    CommitteeRefreshed,
    Deal,
    DealInfo,
    Position,
    Stakeholder,
    Tie,
    TieKey,
)

Step = Callable[[], None]


class DealCommand(QUndoCommand):
    """Base: `apply` is the first redo, run by the document before the push."""

    def __init__(self, deal: Deal, text: str) -> None:
        super().__init__(text)
        self.deal = deal
        self._applied_once = False
        # Set by the document: told when a later undo/redo could not be written.
        self.on_failure: Callable[[BaseException], None] | None = None
        # Set by the document: runs each step, reloading the file and trying again if
        # another window wrote it since.
        self.runner: Callable[[Step], None] | None = None

    def apply(self) -> None:
        """Do the edit now; raises (and changes nothing) when the edit is refused."""
        self.do()
        self._applied_once = True

    def redo(self) -> None:
        # QUndoStack.push calls redo; the document already applied the edit (so that a
        # refused edit never reaches the stack), so the first redo has nothing to do.
        if self._applied_once:
            self._applied_once = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        # An exception must not escape into Qt's C++ call; the model is unchanged when a
        # write fails, so the document reports it and drops the now-misleading history.
        try:
            if self.runner is not None:
                self.runner(step)
            else:
                step()
        except Exception as error:
            if self.on_failure is None:
                raise
            self.on_failure(error)

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def after_reload(self) -> None:
        """Before trying the first application again on a reloaded deal (see subclasses)."""


class AddStakeholdersCommand(DealCommand):
    def __init__(self, deal: Deal, people: list[Stakeholder], ties: list[Tie], text: str) -> None:
        super().__init__(deal, text)
        self.people = tuple(people)
        self.ties = tuple(ties)
        self._free_ids = {p.id for p in people if p.id not in deal}

    def do(self) -> None:
        self.deal.add_stakeholders(self.people, self.ties)

    def revert(self) -> None:
        ids = [p.id for p in self.people]
        others = [t for t in self.ties if t.source not in ids and t.target not in ids]
        self.deal.remove_stakeholders(ids, [t.key for t in others], was=[*self.people, *others])

    def after_reload(self) -> None:
        """Another window added someone with the same id meanwhile: both are kept, so the
        new people get fresh ids (their ties follow)."""
        taken = {p.id for p in self.deal.stakeholders}
        clashing = [p for p in self.people if p.id in taken and p.id in self._free_ids]
        if not clashing:
            return
        taken |= {p.id for p in self.people}
        renamed: dict[str, str] = {}
        for person in clashing:
            base = fresh = self.deal.new_id(person.name)
            n = 1
            while fresh in taken:
                n += 1
                fresh = f"{base}-{n}"
            renamed[person.id] = fresh
            taken.add(fresh)
        self.people = tuple(p.replace(id=renamed.get(p.id, p.id)) for p in self.people)
        self.ties = tuple(
            t.replace(
                source=renamed.get(t.source, t.source), target=renamed.get(t.target, t.target)
            )
            for t in self.ties
        )


class DeleteCommand(DealCommand):
    """Delete people (their ties go with them) and other selected ties, as one edit."""

    def __init__(
        self,
        deal: Deal,
        person_ids: list[str],
        tie_keys: list[TieKey],
        text: str,
        seen: list[Stakeholder | Tie] | None = None,
    ):
        """`seen`: the records as the user saw them when choosing to delete them."""
        super().__init__(deal, text)
        self.person_ids = person_ids
        self.tie_keys = tie_keys
        self.seen = seen
        self.removed_people: tuple[Stakeholder, ...] = ()
        self.removed_ties: tuple[Tie, ...] = ()

    def do(self) -> None:
        removed = self.deal.remove_stakeholders(self.person_ids, self.tie_keys, was=self.seen)
        self.removed_people, self.removed_ties = removed.stakeholders, removed.ties

    def revert(self) -> None:
        self.deal.add_stakeholders(self.removed_people, self.removed_ties)


class ChangeStakeholdersCommand(DealCommand):
    """Fields of one person, or of several selected people, as one edit."""

    def __init__(
        self, deal: Deal, old: list[Stakeholder], new: list[Stakeholder], text: str
    ) -> None:
        super().__init__(deal, text)
        self.old, self.new = tuple(old), tuple(new)

    def do(self) -> None:
        self.deal.update_stakeholders(self.new, was=self.old)

    def revert(self) -> None:
        self.deal.update_stakeholders(self.old, was=self.new)


class MoveCommand(DealCommand):
    """A drag of a selection, or a whole layout: one step of undo either way."""

    def __init__(
        self,
        deal: Deal,
        old: Mapping[str, Position],
        new: Mapping[str, Position],
        text: str,
    ) -> None:
        super().__init__(deal, text)
        self.old, self.new = dict(old), dict(new)

    def do(self) -> None:
        self.deal.move_stakeholders(self.new, was=self.old)

    def revert(self) -> None:
        self.deal.move_stakeholders(self.old, was=self.new)


class ChangeTieCommand(DealCommand):
    def __init__(self, deal: Deal, old: Tie, new: Tie, text: str) -> None:
        super().__init__(deal, text)
        self.old, self.new = old, new

    def do(self) -> None:
        self.deal.update_tie(self.new, was=self.old)

    def revert(self) -> None:
        self.deal.update_tie(self.old, was=self.new)


class ChangeDealInfoCommand(DealCommand):
    def __init__(self, deal: Deal, old: DealInfo, new: DealInfo, text: str) -> None:
        super().__init__(deal, text)
        self.old, self.new = old, new

    def do(self) -> None:
        self.deal.update_info(self.new, was=self.old)

    def revert(self) -> None:
        self.deal.update_info(self.old, was=self.new)


class RefreshCommitteeCommand(DealCommand):
    """A merge from the CRM: people added, records and reporting lines changed, one edit."""

    def __init__(self, deal: Deal, change: CommitteeRefreshed, text: str) -> None:
        super().__init__(deal, text)
        self.change = change

    def do(self) -> None:
        self.deal.refresh_committee(self.change)

    def revert(self) -> None:
        self.deal.refresh_committee(self.change.inverse())
