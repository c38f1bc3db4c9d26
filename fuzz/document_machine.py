"""A hypothesis state machine over `Document`, the API every user edit goes through.

Each step is one thing a seller can do: add someone, paste people with their ties, delete,
edit a person, several people, a tie or the deal (valid and invalid values alike, an id
change and unknown fields included), connect two people, move, merge from the CRM, arrange
as an org chart, Save As, undo and redo. After every step the file, reopened, equals the
model, and passes `check`; at the end, undoing everything gives back the deal it started from.

`TwoWindowsMachine` runs two documents on one file, interleaving their edits, undos, redos
and looks at the file: every change a window makes must apply, through the deal's rules, to
a reference deal that follows the file (so a change made from a stale view, which would
overwrite the other window's edit, fails), and the file must equal the reference.

The test suite runs a few examples (tests/reliability); `fuzz/run_fuzz.py` runs many.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
)

from consensus_map.app.document import Document
from consensus_map.domain import (
    BuyerMode,
    CommitteeRefreshed,
    Deal,
    DealInfo,
    DealStage,
    Influence,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.layout import org_chart
from consensus_map.store import check_deal_file, create_deal_file, open_deal_file, read_deal

NAMES = ["Dana Ruiz", "Chris Park", "Lee Wong", "Sam Ode", "Ana Lima", "Kim Lee", "  ", ""]

# Field → values a user (or a bug upstream) might send, valid and not.
PERSON_VALUES: dict[str, list[Any]] = {
    "name": ["Dana R.", "Ana", "", "   ", "x" * 501],
    "title": ["CFO", "", "VP\nOps"],
    "role": [*Role, "wizard"],
    "readiness": [*Readiness, "ready"],
    "stance": [*Stance, 3],
    "influence": [*Influence],
    "mode": [*BuyerMode, None],
    "attends": [True, False, "yes"],
    "last_contact": [None, date(2026, 11, 20), "2026-11-20"],
    "email": ["d@acme.test", ""],
    "notes": ["Owns the budget", "", "n" * 2000],
    "concern": ["price", ""],
    "crm_id": ["003Dn", ""],
    "x": [0.0, 120.5, math.nan, 1e12],
    "id": ["p0", "p1", "someone-else"],
    "salary": [1],
}
DEAL_VALUES: dict[str, list[Any]] = {
    "name": ["Acme renewal", "", "Acme 2027"],
    "account": ["Acme", ""],
    "stage": [*DealStage, "closing"],
    "presentation_date": [None, date(2026, 12, 10), "soon"],
    "target_readiness": [*Readiness],
    "notes": ["Board on the 12th", ""],
    "owner": ["me"],
}
EDIT_KINDS = [
    *("add", "paste", "delete", "person", "people", "tie", "deal", "connect", "move"),
    "merge",
]
STRENGTHS = [1.0, 2.0, 3.0, 0.5, 0.0, -1.0, math.nan, 1000.0]
POSITIONS = st.tuples(
    st.sampled_from([0.0, 50.0, -300.25, 1e6, math.nan, math.inf]),
    st.sampled_from([0.0, 80.0, 410.5]),
)


def start_deal() -> Deal:
    people = [
        Stakeholder("p0", "Dana Ruiz", role=Role.DECISION_MAKER, attends=True),
        Stakeholder("p1", "Chris Park", readiness=Readiness.ALIGNED, stance=Stance.CHAMPION),
        Stakeholder("p2", "Lee Wong", notes="Met at the summit", x=200, y=100),
    ]
    ties = [Tie("p1", "p0", TieKind.REPORTS_TO), Tie("p2", "p0", TieKind.INFLUENCES, 2)]
    return Deal(DealInfo("Acme renewal", account="Acme"), people, ties)


def content(deal: Deal) -> tuple[object, ...]:
    """What a seller would call the deal: order aside (undoing a delete puts people last)."""
    return (deal.info, frozenset(deal.stakeholders), frozenset(deal.ties))


def exact(deal: Deal) -> tuple[object, ...]:
    return (deal.info, deal.stakeholders, deal.ties)


class _Base(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="consensus-map-machine-"))
        self.path = self.folder / "deal.dealmap"
        create_deal_file(self.path, start_deal())
        self.documents: list[Document] = []
        self.refused: list[str] = []

    def open_window(self) -> Document:
        file = open_deal_file(self.path)
        document = Document(file.deal, file, defer_analysis=True)
        document._watch.stop()  # no event loop here: each look is a step of its own
        document.edit_refused.connect(self.refused.append)
        self.documents.append(document)
        return document

    def teardown(self) -> None:
        for document in self.documents:
            document.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _edits(data: st.DataObject, deal: Deal) -> tuple[str, dict[str, Any]]:
    """One edit a user might try on `deal`: the document method and its arguments."""
    ids = [p.id for p in deal.stakeholders] or ["nobody"]
    keys = [t.key for t in deal.ties] or [("p0", "p1", TieKind.ALLY)]
    kind = data.draw(st.sampled_from(EDIT_KINDS))
    if kind == "add":
        fields = data.draw(st.sampled_from([{}, {"role": Role.GATEKEEPER}, {"stance": "x"}]))
        position = data.draw(POSITIONS)
        name = data.draw(st.sampled_from(NAMES))
        return "add_person", {"position": position, "name": name, **fields}
    if kind == "paste":
        count = data.draw(st.integers(1, 3))
        people = [
            Stakeholder(deal.new_id(f"pasted {i}"), data.draw(st.sampled_from(NAMES[:6])))
            for i in range(count)
        ]
        if data.draw(st.booleans()) and deal.stakeholders:
            people[0] = people[0].replace(id=deal.stakeholders[0].id)  # a clash: refused
        ties = []
        if count > 1 and people[1].id != people[0].id:
            ties.append(Tie(people[1].id, people[0].id, TieKind.REPORTS_TO))
        other = data.draw(st.sampled_from(ids))
        if other != people[0].id:
            ties.append(Tie(people[0].id, other, TieKind.ALLY, 2))
        return "add_people", {"people": people, "ties": ties, "text": "Paste"}
    if kind == "delete":
        people = data.draw(st.lists(st.sampled_from(ids), max_size=2))
        ties = data.draw(st.lists(st.sampled_from(keys), max_size=2))
        return "delete", {"person_ids": people, "tie_keys": ties}
    if kind in ("person", "people"):
        fields = data.draw(st.lists(st.sampled_from(list(PERSON_VALUES)), min_size=1, max_size=3))
        changes = {f: data.draw(st.sampled_from(PERSON_VALUES[f])) for f in fields}
        if kind == "person":
            return "edit_person", {"person_id": data.draw(st.sampled_from(ids)), **changes}
        chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3))
        return "edit_people", {"person_ids": chosen, **changes}
    if kind == "merge":
        # A CRM merge: a new contact reporting to someone, one title changed (one undo step).
        person = deal.stakeholders[0] if deal.stakeholders else None
        newcomer = Stakeholder(f"{deal.new_id('crm')}-x", "From the CRM", crm_id="003X")
        change = CommitteeRefreshed(
            added=(newcomer,),
            old=(person,) if person else (),
            new=(person.replace(title=data.draw(st.sampled_from(["CFO", "COO"]))),)
            if person
            else (),
            ties_added=(Tie(newcomer.id, person.id, TieKind.REPORTS_TO),) if person else (),
        )
        return "refresh_committee", {"change": change, "text": "Merge contacts.csv"}
    if kind == "tie":
        return "edit_tie", {
            "key": data.draw(st.sampled_from(keys)),
            "strength": data.draw(st.sampled_from(STRENGTHS)),
        }
    if kind == "deal":
        fields = data.draw(st.lists(st.sampled_from(list(DEAL_VALUES)), min_size=1, max_size=2))
        return "edit_deal", {f: data.draw(st.sampled_from(DEAL_VALUES[f])) for f in fields}
    if kind == "connect":
        return "add_tie", {
            "source": data.draw(st.sampled_from(ids)),
            "target": data.draw(st.sampled_from(ids)),
            "kind": data.draw(st.sampled_from(list(TieKind))),
            "strength": data.draw(st.sampled_from(STRENGTHS)),
        }
    moved = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
    return "move", {"positions": {pid: data.draw(POSITIONS) for pid in moved}}


def _call(document: Document, method: str, arguments: dict[str, Any]) -> object:
    arguments = dict(arguments)
    if method == "edit_person":
        return document.edit_person(arguments.pop("person_id"), **arguments)
    if method == "edit_people":
        return document.edit_people(arguments.pop("person_ids"), **arguments)
    if method == "edit_tie":
        return document.edit_tie(arguments["key"], arguments["strength"])
    return getattr(document, method)(**arguments)


class DocumentMachine(_Base):
    """One window: every step keeps the file equal to the model; undo-all gives the start."""

    def __init__(self) -> None:
        super().__init__()
        self.document = self.open_window()
        self.start = content(self.document.deal)
        self.copies = 0

    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        method, arguments = _edits(data, self.document.deal)
        before = exact(self.document.deal)
        stack = self.document.undo_stack.count()
        told = len(self.refused)
        accepted = _call(self.document, method, arguments)
        if not accepted:
            # Refused: nothing changed, nothing joined the history, the user was told
            # (a delete of nothing has nothing to say).
            assert exact(self.document.deal) == before
            assert self.document.undo_stack.count() == stack
            nothing = method == "delete" and not any(arguments.values())
            assert nothing or len(self.refused) == told + 1
            assert all("\n" not in reason for reason in self.refused)

    @rule()
    def arrange(self) -> None:
        self.document.move(dict(org_chart(self.document.deal)), text="Arrange as org chart")

    @rule()
    def save_as(self) -> None:
        self.copies += 1
        self.document.save_as(self.folder / f"copy-{self.copies}.dealmap")
        assert self.document.path == self.folder / f"copy-{self.copies}.dealmap"

    @precondition(lambda self: self.document.undo_stack.canUndo())
    @rule()
    def undo(self) -> None:
        self.document.undo_stack.undo()

    @precondition(lambda self: self.document.undo_stack.canRedo())
    @rule()
    def redo(self) -> None:
        self.document.undo_stack.redo()

    @invariant()
    def the_file_reopens_equal_to_the_model(self) -> None:
        path = self.document.path
        assert path is not None
        assert exact(read_deal(path)) == exact(self.document.deal)
        assert check_deal_file(path).ok

    def teardown(self) -> None:
        try:
            stack = self.document.undo_stack
            while stack.canUndo():
                stack.undo()
            assert content(self.document.deal) == self.start, "undoing everything"
            path = self.document.path
            assert path is not None and exact(read_deal(path)) == exact(self.document.deal)
        finally:
            super().teardown()


class TwoWindowsMachine(_Base):
    """Two windows on one file: every write is made against the file as it is.

    A reference deal follows the file: each change a window makes itself (an edit, undo or
    redo; not a reload) is applied to it, through the deal's rules, which refuse a change
    built from records the file no longer holds. So a change made from a stale view, which
    would overwrite another window's edit, fails here; and the file must equal the reference
    after every step.
    """

    def __init__(self) -> None:
        super().__init__()
        self.reference = start_deal()
        self.windows = [self.open_window(), self.open_window()]
        self.own: list[Any] = []
        for document in self.windows:
            document.deal_changed.connect(
                lambda event, d=document: None if d._reloading else self.own.append(event)
            )

    def _follow(self) -> None:
        for event in self.own:
            self.reference._commit(event, persist=False)
        self.own.clear()

    @rule(data=st.data(), which=st.sampled_from([0, 1]))
    def edit(self, data: st.DataObject, which: int) -> None:
        document = self.windows[which]
        method, arguments = _edits(data, document.deal)
        if _call(document, method, arguments) and self.own:
            # It reloaded first if it had to, then wrote: it holds the file.
            assert exact(read_deal(self.path)) == exact(document.deal)
        self._follow()

    @rule(which=st.sampled_from([0, 1]))
    def look(self, which: int) -> None:
        document = self.windows[which]
        document.check_file()
        assert exact(read_deal(self.path)) == exact(document.deal)

    @precondition(lambda self: any(w.undo_stack.canUndo() for w in self.windows))
    @rule(which=st.sampled_from([0, 1]))
    def undo(self, which: int) -> None:
        self.windows[which].undo_stack.undo()
        self._follow()

    @precondition(lambda self: any(w.undo_stack.canRedo() for w in self.windows))
    @rule(which=st.sampled_from([0, 1]))
    def redo(self, which: int) -> None:
        self.windows[which].undo_stack.redo()
        self._follow()

    @invariant()
    def the_file_holds_every_change_made(self) -> None:
        assert content(read_deal(self.path)) == content(self.reference)
        assert check_deal_file(self.path).ok
