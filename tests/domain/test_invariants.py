"""The deal's rules: what a seller cannot do to the map, with a plain one-line reason."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from strategies import deals

from consensus_map.domain import (
    Deal,
    DealError,
    DealInfo,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)


def person(pid: str, **fields: object) -> Stakeholder:
    return Stakeholder(id=pid, name=pid.title(), **fields)  # type: ignore[arg-type]


def committee() -> Deal:
    return Deal(
        DealInfo("Acme renewal"),
        [person("dana"), person("lee"), person("chris")],
        [Tie("lee", "dana", TieKind.REPORTS_TO), Tie("dana", "chris", TieKind.INFLUENCES, 2)],
    )


def test_defaults_follow_the_spec() -> None:
    someone = Stakeholder(id="x", name="X")
    assert someone.role is Role.OTHER
    assert someone.readiness is Readiness.UNENGAGED
    assert someone.stance is Stance.UNKNOWN
    assert someone.attends is False and not someone.engaged
    assert DealInfo("D").target_readiness is Readiness.ALIGNED
    assert Tie("a", "b", TieKind.INFLUENCES).strength == 1.0


def test_enum_strings_are_accepted_and_unknown_values_are_refused_by_name() -> None:
    assert Stakeholder(id="x", name="X", role="decision_maker").role is Role.DECISION_MAKER  # type: ignore[arg-type]
    with pytest.raises(DealError, match="readiness 'ready' is not one of"):
        Stakeholder(id="x", name="X", readiness="ready")  # type: ignore[arg-type]


def test_gap_counts_ladder_steps_to_the_target() -> None:
    assert Readiness.UNENGAGED.gap_to(Readiness.ALIGNED) == 3
    assert Readiness.EXPLORING.gap_to(Readiness.ALIGNED) == 1
    assert Readiness.COMMITTED.gap_to(Readiness.ALIGNED) == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "  "}, "name must not be empty"),
        ({"name": "x" * 501}, "longer than 500"),
        ({"x": float("nan")}, "x is out of range"),
        ({"attends": "yes"}, "attends must be true or false"),
        ({"last_contact": "2026-01-01"}, "last contact must be a date"),
        # Found by fuzzing the JSON import: "\ud800" makes a str SQLite cannot store.
        ({"notes": "ok \ud800"}, "notes holds a character that is not text"),
    ],
)
def test_bad_person_fields_are_refused(fields: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"id": "dana", "name": "Dana"}
    with pytest.raises(DealError, match=message):
        Stakeholder(**{**base, **fields})  # type: ignore[arg-type]


def test_ids_are_unique() -> None:
    deal = committee()
    with pytest.raises(DealError, match="share the id 'dana'"):
        deal.add_stakeholder(person("dana"))
    with pytest.raises(DealError, match="share the id"):
        Deal(DealInfo("D"), [person("a"), person("a")])


def test_ties_need_existing_people_and_no_self_ties() -> None:
    deal = committee()
    with pytest.raises(DealError, match="no person with id 'ghost'"):
        deal.add_tie(Tie("dana", "ghost", TieKind.ALLY))
    with pytest.raises(DealError, match="cannot be tied to themselves"):
        Tie("dana", "dana", TieKind.ALLY)


def test_strength_must_be_positive() -> None:
    for bad in (0, -1, float("nan")):
        with pytest.raises(DealError, match="strength must be above 0"):
            Tie("a", "b", TieKind.INFLUENCES, bad)


def test_one_manager_each_and_no_reporting_loops() -> None:
    deal = committee()
    with pytest.raises(DealError, match="already reports to dana"):
        deal.add_tie(Tie("lee", "chris", TieKind.REPORTS_TO))
    deal.add_tie(Tie("dana", "chris", TieKind.REPORTS_TO))
    with pytest.raises(DealError, match="loop"):
        deal.add_tie(Tie("chris", "lee", TieKind.REPORTS_TO))


def test_symmetric_ties_are_one_tie_whichever_way_round() -> None:
    deal = committee()
    deal.add_tie(Tie("dana", "chris", TieKind.ALLY))
    with pytest.raises(DealError, match="already exists"):
        deal.add_tie(Tie("chris", "dana", TieKind.ALLY))
    # A directed influence the other way is a different tie.
    deal.add_tie(Tie("chris", "dana", TieKind.INFLUENCES))


def test_a_refused_edit_changes_nothing_and_tells_no_one() -> None:
    deal = committee()
    heard: list[object] = []
    deal.subscribe(heard.append)
    before = (deal.stakeholders, deal.ties)
    with pytest.raises(DealError):
        deal.add_ties([Tie("chris", "lee", TieKind.ALLY), Tie("lee", "chris", TieKind.REPORTS_TO)])
    assert (deal.stakeholders, deal.ties) == before
    assert heard == []


def test_a_failing_persister_leaves_the_model_unchanged() -> None:
    deal = committee()

    def disk_full(event: object) -> None:
        raise OSError("disk full")

    deal.set_persister(disk_full)
    with pytest.raises(OSError):
        deal.update_stakeholder(deal.stakeholder("dana").replace(readiness=Readiness.ALIGNED))
    assert deal.stakeholder("dana").readiness is Readiness.UNENGAGED


def test_several_people_change_in_one_event_or_not_at_all() -> None:
    deal = committee()
    heard: list[object] = []
    deal.subscribe(heard.append)
    dana, chris = deal.stakeholder("dana"), deal.stakeholder("chris")
    old = deal.update_stakeholders(
        [dana.replace(readiness=Readiness.AWARE), chris.replace(readiness=Readiness.AWARE)]
    )
    assert old == (dana, chris)
    assert len(heard) == 1, "one edit, one event"
    assert [deal.stakeholder(i).readiness for i in ("dana", "chris")] == [Readiness.AWARE] * 2
    assert [p.id for p in deal.stakeholders] == ["dana", "lee", "chris"], "order kept"

    def disk_full(event: object) -> None:
        raise OSError("disk full")

    deal.set_persister(disk_full)
    with pytest.raises(OSError):
        deal.update_stakeholders(
            [deal.stakeholder(i).replace(readiness=Readiness.ALIGNED) for i in ("dana", "chris")]
        )
    assert [deal.stakeholder(i).readiness for i in ("dana", "chris")] == [Readiness.AWARE] * 2
    with pytest.raises(DealError):
        deal.update_stakeholders([dana, person("nobody")])
    assert len(heard) == 1


def test_deleting_a_person_takes_their_ties_and_undo_puts_everything_back() -> None:
    deal = committee()
    removed = deal.remove_stakeholders(["dana"])
    assert "dana" not in deal
    assert deal.ties == []
    deal.add_stakeholders(removed.stakeholders, removed.ties)
    assert {t.key for t in deal.ties} == {t.key for t in committee().ties}


def test_moves_report_old_positions_for_undo() -> None:
    deal = committee()
    old = deal.move_stakeholders({"dana": (10.0, 20.0), "lee": (0.0, 0.0)})
    assert old == {"dana": (0.0, 0.0)}  # lee did not move, so no change is recorded
    assert (deal.stakeholder("dana").x, deal.stakeholder("dana").y) == (10.0, 20.0)


def test_new_ids_come_from_names_and_never_collide() -> None:
    deal = committee()
    deal.add_stakeholder(Stakeholder(id=deal.new_id("Dana Ruiz"), name="Dana Ruiz"))
    assert deal.new_id("Dana Ruiz") == "dana-ruiz-2"
    assert deal.new_id("<>") == "person"


@given(deals(min_people=1))
def test_every_generated_deal_keeps_one_manager_each(deal: Deal) -> None:
    managers: dict[str, str] = {}
    for tie in deal.ties:
        if tie.kind is TieKind.REPORTS_TO:
            assert tie.source not in managers
            managers[tie.source] = tie.target
    assert all(deal.manager_of(pid) == boss for pid, boss in managers.items())


def test_deal_info_dates() -> None:
    info = DealInfo("D", presentation_date=date(2026, 12, 10))
    assert info.replace(name="E").presentation_date == date(2026, 12, 10)
    with pytest.raises(DealError):
        info.replace(name="")


def test_a_new_position_or_id_is_checked_like_a_new_record() -> None:
    someone = Stakeholder(id="x", name="X", title="CFO", notes="n", x=1, y=2)
    moved = someone.replace(x=10, y=-20.5)
    assert moved == Stakeholder(id="x", name="X", title="CFO", notes="n", x=10.0, y=-20.5)
    assert someone.replace(id="y").id == "y" and someone.id == "x"
    for bad in ({"x": float("nan")}, {"y": 1e9}, {"x": "3"}, {"y": True}, {"id": " y"}):
        with pytest.raises(DealError):
            someone.replace(**bad)
