"""Fixtures for the consensus engine tests: the bundled sample deal and a deal builder."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from consensus_map.domain import Deal
from consensus_map.interchange import load_json_file

# `import analysis_builders` from the tests here (tests/ itself is already on sys.path).
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The sample deal's presentation is on 10 Dec 2026; "today" is fixed so tests never drift.
TODAY = date(2026, 12, 1)


@pytest.fixture
def sample_deal(sample_json_path: Path) -> Deal:
    return load_json_file(sample_json_path)


@pytest.fixture
def today() -> date:
    return TODAY
