"""JSON interchange: round trips, defaults, deterministic text, and errors that name the culprit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from strategies import deals

from consensus_map.domain import (
    BuyerMode,
    Deal,
    DealStage,
    Influence,
    Readiness,
    Role,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.interchange import (
    MAX_JSON_BYTES,
    InterchangeError,
    deal_from_json,
    deal_to_json,
    dumps,
    load_json_file,
)
from consensus_map.layout import overlapping

# Analysis v2's person fields as a reader fills them in when a file leaves them out.
V2_DEFAULTS = {"mode": "unknown", "concern": "", "crm_id": ""}


def snapshot(deal: Deal) -> tuple[Any, ...]:
    """Everything a user could see of a deal; ties compared as a set (their order is free)."""
    return (deal.info, deal.stakeholders, sorted(deal.ties, key=lambda t: t.key))


def minimal(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"deal": {"name": "Acme renewal"}}
    data.update(extra)
    return data


def error_for(data: object) -> str:
    with pytest.raises(InterchangeError) as caught:
        deal_from_json(data)
    message = str(caught.value)
    assert "\n" not in message
    return message


# ------------------------------------------------------------------ round trips
@given(deals())
def test_round_trip_keeps_every_field(deal: Deal) -> None:
    assert snapshot(deal_from_json(deal_to_json(deal))) == snapshot(deal)


@given(deals())
def test_text_round_trip_is_byte_identical(deal: Deal) -> None:
    text = dumps(deal)
    assert text.endswith("\n")
    again = deal_from_json(json.loads(text))
    assert dumps(again) == text


def test_tie_order_does_not_depend_on_insertion_order() -> None:
    data = minimal(
        stakeholders=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
        relationships=[
            {"source": "c", "target": "a", "kind": "influences"},
            {"source": "a", "target": "b", "kind": "ally"},
            {"source": "b", "target": "a", "kind": "reports_to"},
        ],
    )
    reversed_data = dict(data, relationships=list(reversed(data["relationships"])))
    assert dumps(deal_from_json(data)) == dumps(deal_from_json(reversed_data))


def test_sample_deal_reads_and_writes_back_the_same_content(sample_json_path: Path) -> None:
    source = json.loads(sample_json_path.read_text(encoding="utf-8"))
    deal = load_json_file(sample_json_path)
    assert len(deal) == 11
    written = deal_to_json(deal)
    assert written["deal"] == source["deal"]
    # The export always writes the v2 fields, whether or not the sample spells them out.
    assert written["stakeholders"] == [V2_DEFAULTS | p for p in source["stakeholders"]]

    def ties(items: list[dict[str, Any]]) -> list[tuple[str, str, str, float]]:
        return sorted((t["source"], t["target"], t["kind"], t.get("strength", 1)) for t in items)

    assert ties(written["relationships"]) == ties(source["relationships"])


def test_export_writes_whole_coordinates_as_integers_and_unicode_as_is() -> None:
    data = minimal(
        stakeholders=[{"id": "zoë", "name": "Zoë Ølsen", "x": 120.0, "y": -7.25}],
    )
    text = dumps(deal_from_json(data))
    assert '"x": 120,' in text
    assert '"y": -7.25' in text
    assert "Zoë Ølsen" in text


# --------------------------------------------------------------------- defaults
def test_only_required_fields_fills_every_default() -> None:
    data = minimal(
        stakeholders=[{"id": "dana", "name": "Dana"}, {"id": "lee", "name": "Lee"}],
        relationships=[{"source": "lee", "target": "dana", "kind": "influences"}],
    )
    deal = deal_from_json(data)
    info = deal.info
    assert (info.account, info.stage, info.presentation_date) == ("", DealStage.PROSPECTING, None)
    assert (info.target_readiness, info.notes) == (Readiness.ALIGNED, "")
    dana = deal.stakeholder("dana")
    assert (dana.title, dana.role, dana.readiness) == ("", Role.OTHER, Readiness.UNENGAGED)
    assert (dana.stance, dana.influence, dana.attends) == (Stance.UNKNOWN, Influence.MEDIUM, False)
    assert (dana.last_contact, dana.email, dana.notes, dana.x, dana.y) == (None, "", "", 0, 0)
    assert (dana.mode, dana.concern, dana.crm_id) == (BuyerMode.UNKNOWN, "", "")
    assert deal.ties == [Tie("lee", "dana", TieKind.INFLUENCES, 1.0)]


def test_people_without_positions_are_laid_out_as_an_org_chart_not_piled_up() -> None:
    names = ["ceo", "cfo", "cto", "dev", "ops", "legal"]
    data = minimal(
        stakeholders=[{"id": n, "name": n.upper()} for n in names],
        relationships=[
            {"source": "cfo", "target": "ceo", "kind": "reports_to"},
            {"source": "cto", "target": "ceo", "kind": "reports_to"},
            {"source": "dev", "target": "cto", "kind": "reports_to"},
            {"source": "ops", "target": "cto", "kind": "reports_to"},
        ],
    )
    deal = deal_from_json(data)
    assert overlapping(deal.stakeholders) == []
    spot = {p.id: (p.x, p.y) for p in deal.stakeholders}
    assert spot["ceo"][1] < spot["cto"][1] < spot["dev"][1], "managers above their reports"
    assert len(set(spot.values())) == len(names)


def test_only_the_people_without_positions_are_placed_and_nobody_overlaps() -> None:
    data = minimal(
        stakeholders=[
            {"id": "dana", "name": "Dana", "x": 0, "y": 0},
            {"id": "lee", "name": "Lee", "x": 240, "y": 0},
            {"id": "kim", "name": "Kim"},
            {"id": "sam", "name": "Sam", "x": 40},
        ]
    )
    deal = deal_from_json(data)
    assert (deal.stakeholder("dana").x, deal.stakeholder("lee").x) == (0, 240)
    assert overlapping(deal.stakeholders) == []


def test_written_json_has_every_field() -> None:
    written = deal_to_json(deal_from_json(minimal(stakeholders=[{"id": "d", "name": "D"}])))
    assert written["format"] == "consensus-map/deal"
    assert written["version"] == 1
    assert set(written["deal"]) == {
        "name", "account", "stage", "presentation_date", "target_readiness", "notes"
    }  # fmt: skip
    assert set(written["stakeholders"][0]) == {
        "id", "name", "title", "role", "readiness", "stance", "influence", "attends",
        "last_contact", "email", "notes", "x", "y", "mode", "concern", "crm_id",
    }  # fmt: skip


def test_mode_concern_and_crm_id_are_read_and_written_back() -> None:
    person = {
        "id": "priya", "name": "Priya Natarajan", "mode": "even_keel",
        "concern": "integration with SAP", "crm_id": "0035e00000AbCdE",
    }  # fmt: skip
    deal = deal_from_json(minimal(stakeholders=[person]))
    priya = deal.stakeholder("priya")
    assert priya.mode is BuyerMode.EVEN_KEEL
    assert (priya.concern, priya.crm_id) == ("integration with SAP", "0035e00000AbCdE")
    written = deal_to_json(deal)["stakeholders"][0]
    assert {k: written[k] for k in person} == person


def test_a_file_without_the_v2_fields_is_still_format_version_1_and_exports_them() -> None:
    # A file written before analysis v2: it imports, and its export says what was assumed.
    old = minimal(version=1, stakeholders=[{"id": "lee", "name": "Lee", "notes": "old"}])
    written = deal_to_json(deal_from_json(old))
    assert written["version"] == 1
    lee = written["stakeholders"][0]
    assert (lee["mode"], lee["concern"], lee["crm_id"], lee["notes"]) == ("unknown", "", "", "old")


def test_unknown_keys_are_ignored_and_dates_parsed() -> None:
    data = minimal(
        exported_by="CRM",
        stakeholders=[{"id": "d", "name": "D", "last_contact": "2026-11-20", "linkedin": "x"}],
    )
    data["deal"]["presentation_date"] = "2026-12-10"
    deal = deal_from_json(data)
    assert deal.info.presentation_date == date(2026, 12, 10)
    assert deal.stakeholder("d").last_contact == date(2026, 11, 20)


# ------------------------------------------------------------- header and shape
def test_newer_version_is_refused_with_a_clear_message() -> None:
    message = error_for(minimal(format="consensus-map/deal", version=2))
    assert "newer" in message and "version 2" in message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([1, 2], "must be an object"),
        ({"format": "other/thing", "deal": {"name": "x"}}, "not a Consensus Map deal"),
        ({"version": "1", "deal": {"name": "x"}}, "version must be a whole number"),
        ({}, '"deal" is required'),
        ({"deal": {}}, "deal: name is required"),
        ({"deal": {"name": 5}}, "deal: name must be a string"),
        ({"deal": {"name": "  "}}, "deal: name must not be empty"),
        ({"deal": {"name": "x", "stage": "won"}}, "deal: stage 'won' is not one of: prospecting"),
        ({"deal": {"name": "x", "presentation_date": "10/12/2026"}}, "presentation_date"),
        ({"deal": {"name": "x"}, "stakeholders": {}}, "stakeholders must be a list"),
    ],
)
def test_bad_header_or_deal_is_explained(data: object, expected: str) -> None:
    assert expected in error_for(data)


# --------------------------------------------------------------- naming culprits
@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ({"name": "Dana"}, "person 1: id is required"),
        ({"id": 7, "name": "Dana"}, "person 1: id must be a non-empty string"),
        ({"id": "dana"}, "person 'dana': name is required"),
        ({"id": "dana", "name": "Dana", "readiness": "ready"},
         "person 'dana': readiness 'ready' is not one of: unengaged, aware"),
        ({"id": "dana", "name": "Dana", "role": 3}, "person 'dana': role must be one of"),
        ({"id": "dana", "name": "Dana", "attends": "yes"}, "person 'dana': attends must be true"),
        ({"id": "dana", "name": "Dana", "attends": 1}, "person 'dana': attends must be true"),
        ({"id": "dana", "name": "Dana", "last_contact": "2026-02-30"},
         "person 'dana': last_contact must be a date YYYY-MM-DD"),
        ({"id": "dana", "name": "Dana", "last_contact": "20261120"}, "person 'dana': last_contact"),
        ({"id": "dana", "name": "Dana", "x": "10"}, "person 'dana': x must be a number"),
        ({"id": "dana", "name": "Dana", "y": True}, "person 'dana': y must be a number"),
        ({"id": "dana", "name": "Dana", "x": 1e300}, "person 'dana': x is out of range"),
        ({"id": "dana", "name": "Dana", "x": 10**400}, "person 'dana': x is out of range"),
        ({"id": "dana", "name": "Dana", "title": None}, "person 'dana': title must be a string"),
        ({"id": "dana", "name": "Dana", "mode": "panicking"},
         "person 'dana': mode 'panicking' is not one of: growth, trouble, even_keel, "
         "overconfident, unknown"),
        ({"id": "dana", "name": "Dana", "mode": "Trouble"}, "person 'dana': mode 'Trouble'"),
        ({"id": "dana", "name": "Dana", "mode": None}, "person 'dana': mode must be one of"),
        ({"id": "dana", "name": "Dana", "concern": ["SAP"]},
         "person 'dana': concern must be a string, not a list"),
        ({"id": "dana", "name": "Dana", "concern": "x" * 501},
         "person 'dana': concern is longer than 500 characters"),
        ({"id": "dana", "name": "Dana", "crm_id": 42}, "person 'dana': crm_id must be a string"),
        ({"id": "dana", "name": "Dana", "crm_id": "x" * 201},
         "person 'dana': CRM id is longer than 200 characters"),
        ("dana", "person 1 must be an object"),
    ],
)  # fmt: skip
def test_bad_person_is_named(person: object, expected: str) -> None:
    assert error_for(minimal(stakeholders=[{"id": "lee", "name": "Lee"}, person])).startswith(
        expected.replace("person 1", "person 2")
    )


def test_duplicate_person_id_is_named() -> None:
    people = [{"id": "dana", "name": "Dana"}, {"id": "dana", "name": "Dana R."}]
    assert error_for(minimal(stakeholders=people)).startswith("person 'dana':")


PEOPLE = [{"id": "dana", "name": "Dana"}, {"id": "lee", "name": "Lee"}, {"id": "kim", "name": "K"}]


@pytest.mark.parametrize(
    ("tie", "expected"),
    [
        ({"source": "lee", "target": "dana"}, "relationship 2 (lee → dana): kind is required"),
        ({"target": "dana", "kind": "ally"}, "relationship 2: source is required"),
        ({"source": "lee", "target": "zed", "kind": "ally"},
         "relationship 2 (lee → zed): no person with id 'zed'"),
        ({"source": "lee", "target": "dana", "kind": "likes"},
         "relationship 2 (lee → dana): kind 'likes' is not one of: reports_to"),
        ({"source": "lee", "target": "dana", "kind": "ally", "strength": 0},
         "relationship 2 (lee → dana): strength must be above 0"),
        ({"source": "lee", "target": "dana", "kind": "ally", "strength": "2"},
         "relationship 2 (lee → dana): strength must be a number"),
        ({"source": "lee", "target": "lee", "kind": "ally"},
         "relationship 2 (lee → lee): a person cannot be tied to themselves"),
        ({"source": "kim", "target": "lee", "kind": "ally"},
         "relationship 2 (kim → lee): the same ally relationship appears twice"),
        ({"source": "lee", "target": "kim", "kind": "reports_to"},
         "relationship 2 (lee → kim): lee already reports to dana"),
        ({"source": "dana", "target": "lee", "kind": "reports_to"},
         "relationship 2 (dana → lee): reports-to ties would form a loop"),
        ({"source": "kim", "target": "dana", "kind": "reports_to", "strength": 2},
         "relationship 2 (kim → dana): reports-to ties have no strength"),
        (["lee", "dana"], "relationship 2 must be an object"),
    ],
)  # fmt: skip
def test_bad_relationship_is_named(tie: object, expected: str) -> None:
    first = (
        {"source": "lee", "target": "kim", "kind": "ally"}
        if isinstance(tie, dict) and tie.get("source") == "kim" and tie.get("kind") == "ally"
        else {"source": "lee", "target": "dana", "kind": "reports_to"}
    )
    assert error_for(minimal(stakeholders=PEOPLE, relationships=[first, tie])).startswith(expected)


# ------------------------------------------------------------------------ files
def write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "deal.json"
    path.write_bytes(content)
    return path


def test_bad_json_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, b'{\n  "deal": {"name": "x",}\n}\n')
    with pytest.raises(InterchangeError, match=r"not valid JSON: .*\(line 2, column 24\)"):
        load_json_file(path)


@pytest.mark.parametrize("content", [b'{"deal": {"name": NaN}}', b'{"deal": {"name": Infinity}}'])
def test_non_standard_json_constants_are_refused(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(InterchangeError, match="not valid JSON"):
        load_json_file(write(tmp_path, content))


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InterchangeError, match="not UTF-8"):
        load_json_file(write(tmp_path, '{"deal": {"name": "Zoë"}}'.encode("latin-1")))


def test_utf8_with_bom_is_read(tmp_path: Path) -> None:
    deal = load_json_file(write(tmp_path, '\ufeff{"deal": {"name": "Zoë"}}'.encode()))
    assert deal.info.name == "Zoë"


def test_deep_nesting_is_refused_not_crashed(tmp_path: Path) -> None:
    with pytest.raises(InterchangeError):
        load_json_file(write(tmp_path, b"[" * 200_000 + b"]" * 200_000))


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_JSON_BYTES + 1)  # sparse: no 50 MB written to disk
    with pytest.raises(InterchangeError, match="larger than 50 MB"):
        load_json_file(path)
