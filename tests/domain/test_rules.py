"""One set of rules for every path: loading, adding, every edit, undo, redo and reloading.

The bugs this guards against were found from outside: a reports-to tie given a strength was
accepted and then refused on the next load, and an edit that changed a person's id replaced
someone else's record.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import deals

from consensus_map.domain import (
    Deal,
    DealError,
    DealInfo,
    Readiness,
    Stakeholder,
    StakeholdersRemoved,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.domain.errors import EditConflict
from consensus_map.domain.rules import check_change


def person(pid: str, **fields: object) -> Stakeholder:
    return Stakeholder(id=pid, name=pid.title(), **fields)  # type: ignore[arg-type]


def committee() -> Deal:
    return Deal(
        DealInfo("Acme renewal"),
        [person("dana"), person("lee"), person("chris")],
        [Tie("lee", "dana", TieKind.REPORTS_TO), Tie("dana", "chris", TieKind.INFLUENCES, 2)],
    )


def reloads(deal: Deal) -> Deal:
    """The deal as a file holding it would load: the constructor checks every rule."""
    return Deal(deal.info, deal.stakeholders, deal.ties)


def test_a_reports_to_tie_cannot_be_given_a_strength_by_an_edit() -> None:
    deal = committee()
    tie = deal.tie(("lee", "dana", TieKind.REPORTS_TO))
    with pytest.raises(DealError, match="reports-to ties have no strength"):
        deal.update_tie(tie.replace(strength=2.0))
    with pytest.raises(DealError, match="reports-to ties have no strength"):
        deal.update_tie(tie.replace(strength=2.0), was=tie)
    assert deal.tie(tie.key).strength == 1.0
    reloads(deal)


def test_an_id_cannot_change_through_an_edit() -> None:
    deal = committee()
    dana, chris = deal.stakeholder("dana"), deal.stakeholder("chris")
    with pytest.raises(DealError, match="person 'dana': the id cannot be changed"):
        dana.edit(id="chris")
    with pytest.raises(DealError, match="person 'dana': the id cannot be changed"):
        deal.update_stakeholders([dana.replace(id="chris")], was=[dana])
    assert deal.stakeholder("chris") == chris and deal.stakeholder("dana") == dana
    assert dana.edit(id="dana", title="VP") == dana.replace(title="VP")  # unchanged id is fine


def test_fields_that_cannot_change_say_so() -> None:
    tie = Tie("dana", "chris", TieKind.INFLUENCES, 2)
    for field, value in (("kind", TieKind.ALLY), ("source", "lee"), ("target", "lee")):
        with pytest.raises(DealError, match="its ends and kind cannot be changed"):
            tie.edit(**{field: value})
    with pytest.raises(DealError, match="person 'dana': there is no field 'salary'"):
        person("dana").edit(salary=3)
    with pytest.raises(DealError, match="deal: there is no field 'owner'"):
        DealInfo("D").edit(owner="me")
    with pytest.raises(DealError, match="there is no field '_key'"):
        tie.edit(_key=("a", "b", TieKind.ALLY))
    assert tie.edit(strength=3).strength == 3.0


def test_an_edit_made_from_old_records_changes_only_its_own_fields() -> None:
    deal = committee()
    seen = deal.stakeholder("dana")
    # Another window's change arrives first (a reload): notes.
    deal.update_stakeholder(seen.replace(notes="Met at the summit"))
    deal.update_stakeholders([seen.replace(title="VP Operations")], was=[seen])
    assert deal.stakeholder("dana").notes == "Met at the summit"
    assert deal.stakeholder("dana").title == "VP Operations"


def test_an_edit_of_a_field_changed_since_is_a_conflict_and_changes_nothing() -> None:
    deal = committee()
    seen = deal.stakeholder("dana")
    deal.update_stakeholder(seen.replace(title="SVP"))
    before = deal.stakeholders
    with pytest.raises(EditConflict, match="Dana: title was changed elsewhere to 'SVP'"):
        deal.update_stakeholders([seen.replace(title="VP")], was=[seen])
    assert deal.stakeholders == before
    # The same value from both sides is no conflict.
    deal.update_stakeholders([seen.replace(title="SVP")], was=[seen])


def test_the_deal_details_and_tie_strengths_merge_the_same_way() -> None:
    deal = committee()
    info = deal.info
    deal.update_info(info.replace(account="Acme"))
    deal.update_info(info.replace(notes="Team presentation"), was=info)
    assert (deal.info.account, deal.info.notes) == ("Acme", "Team presentation")
    with pytest.raises(EditConflict, match="the deal: account was changed elsewhere"):
        deal.update_info(info.replace(account="Acme Corp"), was=info)
    tie = deal.tie(("dana", "chris", TieKind.INFLUENCES))
    deal.update_tie(tie.replace(strength=3))
    with pytest.raises(EditConflict, match=r"strength was changed elsewhere to '3\.0'"):
        deal.update_tie(tie.replace(strength=1), was=tie)


def test_editing_or_deleting_someone_deleted_or_changed_since_is_a_conflict() -> None:
    deal = committee()
    lee = deal.stakeholder("lee")
    deal.update_stakeholder(lee.replace(title="Analyst"))
    with pytest.raises(EditConflict, match="Lee: title was changed elsewhere"):
        deal.remove_stakeholders(["lee"], was=[lee])
    assert "lee" in deal
    deal.remove_stakeholders(["lee"])
    with pytest.raises(EditConflict, match="Lee was deleted elsewhere"):
        deal.update_stakeholders([lee.replace(notes="x")], was=[lee])
    with pytest.raises(EditConflict, match="was moved elsewhere"):
        dana = deal.stakeholder("dana")
        deal.move_stakeholders({"dana": (5, 5)})
        deal.move_stakeholders({"dana": (9, 9)}, was={"dana": (dana.x, dana.y)})


def test_changes_built_from_stale_records_are_refused_by_the_one_checker() -> None:
    deal = committee()
    people = {p.id: p for p in deal.stakeholders}
    ties = {t.key: t for t in deal.ties}
    stale = deal.stakeholder("dana").replace(title="old")
    with pytest.raises(DealError, match="changed since this edit was prepared"):
        check_change(people, ties, deal.info, StakeholdersRemoved((stale,), ()))
    # Removing a person must take every tie touching them.
    with pytest.raises(DealError, match="would be left without a person"):
        check_change(people, ties, deal.info, StakeholdersRemoved((deal.stakeholder("lee"),), ()))


def test_reloading_makes_the_deal_equal_to_the_file_with_ordinary_events() -> None:
    deal = committee()
    heard: list[object] = []
    deal.subscribe(heard.append)
    other = committee()
    other.remove_stakeholders(["lee"])
    other.add_stakeholder(person("sam", stance=Stance.SKEPTIC))
    other.add_tie(Tie("sam", "chris", TieKind.REPORTS_TO))
    other.update_stakeholder(other.stakeholder("dana").replace(readiness=Readiness.ALIGNED))
    other.update_tie(Tie("dana", "chris", TieKind.INFLUENCES, 3))
    other.update_info(other.info.replace(name="Acme renewal 2027"))
    events = deal.reload_from(other)
    assert heard == events and len(events) == 4
    assert deal.info == other.info
    assert deal.stakeholders == other.stakeholders
    assert deal.ties == other.ties
    assert deal.reload_from(other) == []


@st.composite
def edits(draw: st.DrawFn, deal: Deal) -> tuple[str, tuple[object, ...]]:
    ids = [p.id for p in deal.stakeholders] or ["nobody"]
    keys = [t.key for t in deal.ties] or [("a", "b", TieKind.ALLY)]
    pid = draw(st.sampled_from(ids))
    kind = draw(st.sampled_from(list(TieKind)))
    strength = draw(st.sampled_from([1.0, 2.0, 0.5]))
    return draw(
        st.sampled_from(
            [
                ("add_tie", (pid, draw(st.sampled_from(ids)), kind, strength)),
                ("update_tie", (draw(st.sampled_from(keys)), strength)),
                ("remove", (pid,)),
                ("retitle", (pid, draw(st.sampled_from(["", "CFO", "VP"])))),
                ("rekey", (pid, draw(st.sampled_from(ids)))),
                ("add", (draw(st.sampled_from(["new", *ids])),)),
            ]
        )
    )


@given(deals(min_people=2, max_people=8), st.data())
def test_after_any_accepted_edit_the_deal_loads_back_the_same(
    deal: Deal, data: st.DataObject
) -> None:
    for _ in range(12):
        name, args = data.draw(edits(deal))
        try:
            if name == "add_tie":
                deal.add_tie(Tie(*args))  # type: ignore[arg-type]
            elif name == "update_tie":
                key, strength = args
                deal.update_tie(deal.tie(key).edit(strength=strength))  # type: ignore[arg-type]
            elif name == "remove":
                deal.remove_stakeholders([args[0]])  # type: ignore[list-item]
            elif name == "retitle":
                pid, title = args
                old = deal.stakeholder(pid)  # type: ignore[arg-type]
                deal.update_stakeholders([old.edit(title=title)], was=[old])
            elif name == "rekey":
                pid, other = args
                old = deal.stakeholder(pid)  # type: ignore[arg-type]
                deal.update_stakeholders([old.replace(id=other)], was=[old])
            else:
                deal.add_stakeholder(person(str(args[0])))
        except DealError:
            pass
        again = reloads(deal)
        assert (again.info, again.stakeholders, again.ties) == (
            deal.info,
            deal.stakeholders,
            deal.ties,
        )
