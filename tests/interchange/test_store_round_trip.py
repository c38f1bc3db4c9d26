"""JSON → `.dealmap` → JSON gives back the same text: nothing is lost or reordered on the way."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from strategies import deals

from consensus_map.domain import Deal
from consensus_map.interchange import deal_from_json, deal_to_json, dumps, load_json_file
from consensus_map.store import create_deal_file, open_deal_file, read_deal


@given(deals())
def test_json_to_dealmap_to_json_is_identity(deal: Deal) -> None:
    text = dumps(deal)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deal.dealmap"
        create_deal_file(path, deal_from_json(json.loads(text)))
        assert dumps(read_deal(path)) == text
        opened = open_deal_file(path)
        try:
            assert deal_to_json(opened.deal) == json.loads(text)
        finally:
            opened.close()


def test_sample_survives_the_file(tmp_path: Path, sample_json_path: Path) -> None:
    deal = load_json_file(sample_json_path)
    path = tmp_path / "sample.dealmap"
    create_deal_file(path, deal)
    assert dumps(read_deal(path)) == dumps(deal)
