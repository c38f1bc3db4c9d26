"""Reliability tests run slices of the fuzzers in fuzz/ (the scripts there run many more)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "fuzz"))
