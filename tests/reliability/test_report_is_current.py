"""docs/reliability.md is generated (fuzz/report.py): the build fails when it is out of date.

Rendering runs the hostile files, bad inputs and concurrent writers for real, so a changed
message or a new case shows up here until the document is regenerated.
"""

from __future__ import annotations

from typing import Any

import pytest
import report

pytestmark = pytest.mark.qt


def test_the_reliability_document_is_current(qapp: Any) -> None:
    current = report.DOC.read_text(encoding="utf-8")
    stale = report.differences(current, report.render())
    assert not stale, (
        "docs/reliability.md is out of date: run .venv/bin/python fuzz/report.py\n"
        + ("\n".join(stale[:10]))
    )
