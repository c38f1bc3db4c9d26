"""A CRM refresh is one edit: people added, records changed, reports-to ties replaced, all
or nothing, and its inverse puts the deal back exactly."""

from __future__ import annotations

import pytest

from consensus_map.domain import (
    CommitteeRefreshed,
    Deal,
    DealError,
    DealEvent,
    DealInfo,
    Readiness,
    Stakeholder,
    Tie,
    TieKind,
)


def committee() -> Deal:
    people = [
        Stakeholder("dana", "Dana Ruiz", title="VP Ops", readiness=Readiness.ALIGNED),
        Stakeholder("lee", "Lee Okafor", title="Analyst"),
        Stakeholder("chris", "Chris Park", title="CFO"),
    ]
    ties = [
        Tie("lee", "dana", TieKind.REPORTS_TO),
        Tie("dana", "chris", TieKind.INFLUENCES, 2),
    ]
    return Deal(DealInfo("Acme renewal"), people, ties)


def state(deal: Deal) -> tuple[object, ...]:
    return (deal.stakeholders, sorted(deal.ties, key=lambda t: t.key))


def refresh(deal: Deal) -> CommitteeRefreshed:
    """Kim joins under Chris; Lee now reports to Chris and has a new title."""
    lee = deal.stakeholder("lee")
    return CommitteeRefreshed(
        added=(Stakeholder("kim", "Kim Lee", x=300, y=200),),
        old=(lee,),
        new=(lee.replace(title="Senior Analyst"),),
        ties_added=(
            Tie("kim", "chris", TieKind.REPORTS_TO),
            Tie("lee", "chris", TieKind.REPORTS_TO),
        ),
        ties_removed=(deal.tie(("lee", "dana", TieKind.REPORTS_TO)),),
    )


def test_a_refresh_applies_as_one_event_and_its_inverse_restores_the_deal() -> None:
    deal = committee()
    before = state(deal)
    events: list[DealEvent] = []
    deal.subscribe(events.append)
    change = refresh(deal)

    deal.refresh_committee(change)

    assert events == [change]
    assert deal.stakeholder("lee").title == "Senior Analyst"
    assert deal.manager_of("lee") == "chris"
    assert deal.manager_of("kim") == "chris"
    assert deal.find_tie("dana", "chris", TieKind.INFLUENCES) is not None
    deal.refresh_committee(change.inverse())
    assert state(deal) == before
    assert len(events) == 2


def test_a_refresh_that_would_break_a_rule_changes_nothing() -> None:
    deal = committee()
    before = state(deal)
    events: list[DealEvent] = []
    deal.subscribe(events.append)
    # Dana would report to Lee, who reports to Dana: a loop.
    loop = CommitteeRefreshed(ties_added=(Tie("dana", "lee", TieKind.REPORTS_TO),))
    with pytest.raises(DealError, match="loop"):
        deal.refresh_committee(loop)
    # A second manager for Lee without removing the first.
    with pytest.raises(DealError, match="one manager"):
        deal.refresh_committee(
            CommitteeRefreshed(ties_added=(Tie("lee", "chris", TieKind.REPORTS_TO),))
        )
    # Removing someone who still has a tie.
    with pytest.raises(DealError, match="without a person"):
        deal.refresh_committee(CommitteeRefreshed(removed=(deal.stakeholder("chris"),)))
    assert state(deal) == before
    assert events == []


def test_a_refresh_planned_on_an_older_deal_is_refused() -> None:
    deal = committee()
    change = refresh(deal)
    deal.update_stakeholder(deal.stakeholder("lee").replace(notes="met at the fair"))
    with pytest.raises(DealError, match="changed since"):
        deal.refresh_committee(change)
    assert deal.stakeholder("lee").notes == "met at the fair"
    assert deal.get("kim") is None


def test_a_failed_write_leaves_the_deal_unchanged() -> None:
    deal = committee()
    before = state(deal)

    def refuse(_event: DealEvent) -> None:
        raise OSError("disk full")

    deal.set_persister(refuse)
    with pytest.raises(OSError):
        deal.refresh_committee(refresh(deal))
    assert state(deal) == before


def test_an_empty_refresh_is_no_edit() -> None:
    deal = committee()
    events: list[DealEvent] = []
    deal.subscribe(events.append)
    deal.refresh_committee(CommitteeRefreshed())
    assert events == []
