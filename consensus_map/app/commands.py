"""Undoable edits. Each command's redo and undo call exactly one method of the deal.

The canvas and panels never hear from a command: they follow the deal's change events,
so an edit looks the same whether it was made, undone or redone.
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


class DealCommand(QUndoCommand):
    """Base: `apply` is the first redo, run by the document before the push."""

    def __init__(self, deal: Deal, text: str) -> None:
        super().__init__(text)
        self.deal = deal
        self._applied_once = False
        # Set by the document: told when a later undo/redo could not be written.
        self.on_failure: Callable[[BaseException], None] | None = None

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
            step()
        except Exception as error:
            if self.on_failure is None:
                raise
            self.on_failure(error)

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class AddStakeholdersCommand(DealCommand):
    def __init__(self, deal: Deal, people: list[Stakeholder], ties: list[Tie], text: str) -> None:
        super().__init__(deal, text)
        self.people = tuple(people)
        self.ties = tuple(ties)

    def do(self) -> None:
        self.deal.add_stakeholders(self.people, self.ties)

    def revert(self) -> None:
        if self.people:
            self.deal.remove_stakeholders([p.id for p in self.people])
        else:
            self.deal.remove_ties([t.key for t in self.ties])


class DeleteCommand(DealCommand):
    """Delete people (their ties go with them) and other selected ties, as one edit."""

    def __init__(self, deal: Deal, person_ids: list[str], tie_keys: list[TieKey], text: str):
        super().__init__(deal, text)
        self.person_ids = person_ids
        self.tie_keys = tie_keys
        self.removed_people: tuple[Stakeholder, ...] = ()
        self.removed_ties: tuple[Tie, ...] = ()

    def do(self) -> None:
        removed = self.deal.remove_stakeholders(self.person_ids, self.tie_keys)
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
        self.deal.update_stakeholders(self.new)

    def revert(self) -> None:
        self.deal.update_stakeholders(self.old)


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
        self.deal.move_stakeholders(self.new)

    def revert(self) -> None:
        self.deal.move_stakeholders(self.old)


class ChangeTieCommand(DealCommand):
    def __init__(self, deal: Deal, old: Tie, new: Tie, text: str) -> None:
        super().__init__(deal, text)
        self.old, self.new = old, new

    def do(self) -> None:
        self.deal.update_tie(self.new)

    def revert(self) -> None:
        self.deal.update_tie(self.old)


class ChangeDealInfoCommand(DealCommand):
    def __init__(self, deal: Deal, old: DealInfo, new: DealInfo, text: str) -> None:
        super().__init__(deal, text)
        self.old, self.new = old, new

    def do(self) -> None:
        self.deal.update_info(self.new)

    def revert(self) -> None:
        self.deal.update_info(self.old)


class RefreshCommitteeCommand(DealCommand):
    """A merge from the CRM: people added, records and reporting lines changed, one edit."""

    def __init__(self, deal: Deal, change: CommitteeRefreshed, text: str) -> None:
        super().__init__(deal, text)
        self.change = change

    def do(self) -> None:
        self.deal.refresh_committee(self.change)

    def revert(self) -> None:
        self.deal.refresh_committee(self.change.inverse())
