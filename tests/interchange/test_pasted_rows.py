"""Rows pasted from a spreadsheet: with or without headers; a bad cell names its row."""

from __future__ import annotations

from datetime import date

import pytest

from consensus_map.domain import BuyerMode, Influence, Readiness, Role, Stance
from consensus_map.interchange.pasted_rows import PasteError, parse_rows


def test_rows_without_headers_follow_the_people_tables_columns() -> None:
    text = (
        "Dana Ruiz\tVP Operations\tDecision-shaper\tAligned\tChampion\tHigh\tTrouble\tyes"
        "\t2026-11-20\tdana@acme.test\ton-time delivery\n"
        "Chris Park\tCFO\tdecision_maker\tunengaged\n"
    )
    dana, chris = parse_rows(text)
    assert dana == {
        "name": "Dana Ruiz",
        "title": "VP Operations",
        "role": Role.DECISION_SHAPER,
        "readiness": Readiness.ALIGNED,
        "stance": Stance.CHAMPION,
        "influence": Influence.HIGH,
        "mode": BuyerMode.TROUBLE,
        "attends": True,
        "last_contact": date(2026, 11, 20),
        "email": "dana@acme.test",
        "concern": "on-time delivery",
    }
    assert chris == {
        "name": "Chris Park",
        "title": "CFO",
        "role": Role.DECISION_MAKER,
        "readiness": Readiness.UNENGAGED,
    }


def test_a_header_row_maps_columns_by_name_in_any_order_and_skips_unknown_ones() -> None:
    text = "Job Title\tName\tPhone\tBuying Role\r\nCFO\tChris Park\t555-0100\tEconomic Buyer\r\n"
    (chris,) = parse_rows(text)
    assert chris == {"title": "CFO", "name": "Chris Park", "role": Role.DECISION_MAKER}


def test_the_apps_own_list_texts_paste_back() -> None:
    (row,) = parse_rows("Lee\t\tEnd user\tAligned — agrees on the change\t\t\tGrowth — wants more")
    assert row["role"] is Role.END_USER
    assert row["readiness"] is Readiness.ALIGNED
    assert row["mode"] is BuyerMode.GROWTH


def test_a_plain_list_of_names_adds_those_people() -> None:
    assert parse_rows("Ann\n\nBo\n") == [{"name": "Ann"}, {"name": "Bo"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann\nBo\tCTO\tboss", "row 2 (Bo): role 'boss' is not one of: decision-maker"),
        ("Ann\t\t\tmaybe", "row 1 (Ann): readiness 'maybe' is not one of: unengaged"),
        ("Ann\t\t\t\t\t\t\tperhaps", "row 1 (Ann): attends 'perhaps' is not yes or no"),
        ("Ann\t\t\t\t\t\t\t\t20/11/2026", "row 1 (Ann): last contact '20/11/2026' is not a date"),
        ("Name\tTitle\nAnn\tCEO\n\tCFO", "row 2: a name is needed"),
        ("Ann" + "\tx" * 11, "row 1 (Ann): 1 cell more than the People table has columns"),
        ("\n \n", "nothing to paste"),
    ],
)
def test_a_bad_cell_is_named_by_its_row(text: str, expected: str) -> None:
    with pytest.raises(PasteError) as caught:
        parse_rows(text)
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)
