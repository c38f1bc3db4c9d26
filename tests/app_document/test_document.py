"""The document: every edit is one undo step, refused edits change nothing, views follow events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from consensus_map.app.document import Document
from consensus_map.domain import (
    Deal,
    DealInfo,
    Readiness,
    Role,
    Stakeholder,
    StakeholdersMoved,
    Stance,
    Tie,
    TieKind,
)

pytestmark = pytest.mark.qt


def committee() -> Deal:
    people = [
        Stakeholder(
            "dana",
            "Dana Ruiz",
            role=Role.DECISION_SHAPER,
            readiness=Readiness.ALIGNED,
            stance=Stance.CHAMPION,
            attends=True,
        ),
        Stakeholder("chris", "Chris Park", title="CFO", role=Role.DECISION_MAKER, attends=True),
        Stakeholder("lee", "Lee Okafor", readiness=Readiness.EXPLORING, x=100, y=100),
    ]
    ties = [
        Tie("lee", "dana", TieKind.REPORTS_TO),
        Tie("dana", "chris", TieKind.INFLUENCES, 2),
    ]
    return Deal(DealInfo("Acme renewal"), people, ties)


@pytest.fixture
def document(qapp: object) -> Iterator[Document]:
    doc = Document(committee())
    yield doc
    doc.close()


def snapshot(deal: Deal) -> tuple[object, ...]:
    # Undoing a delete puts people back at the end of the list: order is not part of the map.
    return (deal.info, frozenset(deal.stakeholders), frozenset(deal.ties))


def test_adding_a_person_is_one_undo_step(document: Document) -> None:
    before = snapshot(document.deal)
    new_id = document.add_person((300.0, 40.0), name="Sam Whitfield", role=Role.GATEKEEPER)
    assert document.deal.stakeholder(new_id).role is Role.GATEKEEPER
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Add Sam Whitfield"
    document.undo_stack.undo()
    assert snapshot(document.deal) == before
    document.undo_stack.redo()
    assert document.deal.stakeholder(new_id).name == "Sam Whitfield"


def test_a_refused_edit_changes_nothing_and_says_why(document: Document) -> None:
    reasons: list[str] = []
    document.edit_refused.connect(reasons.append)
    before = snapshot(document.deal)
    assert not document.add_tie("dana", "lee", TieKind.REPORTS_TO)  # lee reports to dana
    assert not document.edit_person("dana", name="   ")
    assert snapshot(document.deal) == before
    assert document.undo_stack.count() == 0
    assert len(reasons) == 2 and "loop" in reasons[0] and "name" in reasons[1]


def test_deleting_a_person_takes_their_ties_and_undo_restores_them(document: Document) -> None:
    before = snapshot(document.deal)
    assert document.delete(["dana"])
    assert "dana" not in document.deal and document.deal.ties == []
    document.undo_stack.undo()
    assert snapshot(document.deal) == before


def test_deleting_people_and_a_tie_together_is_one_step(document: Document) -> None:
    tie = document.deal.find_tie("dana", "chris", TieKind.INFLUENCES)
    assert tie is not None
    document.delete(["lee"], [tie.key])
    assert document.deal.ties == [] and document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert len(document.deal.ties) == 2


def test_a_move_of_many_people_is_one_step_and_one_event(document: Document) -> None:
    events: list[object] = []
    document.deal_changed.connect(events.append)
    document.move({"dana": (10.0, 10.0), "chris": (20.0, 20.0)}, text="Arrange as org chart")
    assert len(events) == 1 and isinstance(events[0], StakeholdersMoved)
    assert document.undo_stack.undoText() == "Arrange as org chart"
    document.undo_stack.undo()
    assert (document.deal.stakeholder("dana").x, document.deal.stakeholder("chris").x) == (0, 0)


def test_the_analysis_follows_every_edit_and_undo(document: Document) -> None:
    start = document.analysis.consensus_probability
    document.edit_person("chris", readiness=Readiness.ALIGNED, stance=Stance.SUPPORTER)
    assert document.analysis.consensus_probability > start
    assert "chris" not in document.analysis.sinkers
    document.undo_stack.undo()
    assert document.analysis.consensus_probability == start


def test_what_if_changes_the_analysis_but_not_the_deal(document: Document) -> None:
    before = snapshot(document.deal)
    start = document.analysis.consensus_probability
    document.set_what_if(["chris"])
    assert document.analysis.consensus_probability > start
    assert snapshot(document.deal) == before
    assert document.undo_stack.count() == 0
    document.delete(["chris"])
    assert document.what_if == frozenset()


def test_a_write_failure_refuses_the_edit(document: Document) -> None:
    def disk_full(event: object) -> None:
        raise OSError("disk full")

    reasons: list[str] = []
    document.edit_refused.connect(reasons.append)
    document.deal.set_persister(disk_full)
    assert not document.edit_person("chris", title="Chief Financial Officer")
    assert document.deal.stakeholder("chris").title == "CFO"
    assert reasons == ["disk full"] and document.undo_stack.count() == 0


def test_a_failed_undo_reports_and_keeps_the_model(document: Document, qtbot: object) -> None:
    document.edit_person("chris", title="Chief Financial Officer")
    reasons: list[str] = []
    document.edit_refused.connect(reasons.append)

    def disk_full(event: object) -> None:
        raise OSError("disk full")

    document.deal.set_persister(disk_full)
    document.undo_stack.undo()
    assert document.deal.stakeholder("chris").title == "Chief Financial Officer"
    assert reasons and reasons[0].startswith("disk full")
    qtbot.waitUntil(lambda: document.undo_stack.count() == 0)  # type: ignore[attr-defined]


def test_a_reports_to_tie_refuses_a_strength(document: Document) -> None:
    reasons: list[str] = []
    document.edit_refused.connect(reasons.append)
    assert not document.edit_tie(("lee", "dana", TieKind.REPORTS_TO), 2.0)
    assert reasons == ["Lee Okafor reports to Dana Ruiz: reports-to ties have no strength"]
    assert document.undo_stack.count() == 0


def test_an_edit_cannot_change_an_id(document: Document) -> None:
    reasons: list[str] = []
    document.edit_refused.connect(reasons.append)
    before = snapshot(document.deal)
    assert not document.edit_person("dana", id="chris")
    assert not document.edit_people(["dana", "lee"], id="chris")
    assert reasons[0].startswith("Dana Ruiz: the id cannot be changed")
    assert not document.edit_person("dana", salary=1)
    assert reasons[-1] == "Dana Ruiz: there is no field 'salary'"
    assert snapshot(document.deal) == before and document.undo_stack.count() == 0
