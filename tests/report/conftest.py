"""Report tests: this folder's helpers importable as `report_support`; the sample deal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from consensus_map.domain import Deal
from consensus_map.interchange import load_json_file

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_support import hostile_copy


@pytest.fixture(autouse=True)
def gui(qapp: object) -> object:
    """Painting text needs a Qt application (offscreen in tests)."""
    return qapp


@pytest.fixture
def sample(sample_json_path: Path) -> Deal:
    return load_json_file(sample_json_path)


@pytest.fixture
def hostile(sample: Deal) -> Deal:
    return hostile_copy(sample)
