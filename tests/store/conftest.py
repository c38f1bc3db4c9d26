"""Store test setup: this folder's helpers importable as `store_support`; a ready deal file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# pytest runs with --import-mode=importlib, which puts only tests/ on sys.path.
sys.path.insert(0, str(Path(__file__).parent))

from store_support import committee

from consensus_map.store import create_deal_file


@pytest.fixture
def deal_path(tmp_path: Path) -> Path:
    path = tmp_path / "acme.dealmap"
    create_deal_file(path, committee())
    return path
