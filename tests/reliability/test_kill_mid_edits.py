"""Crash safety in the app: a process making edits through the app's commands is killed.

The file must pass `check` and hold every edit the process reported done (and, at most, the
one in flight). fuzz/run_fuzz.py kills many more streams at many more moments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from edit_stream import kill_mid_stream, replay, start_deal

from consensus_map.domain import Deal
from consensus_map.store import check_deal_file, create_deal_file, open_deal_file, read_deal

pytestmark = pytest.mark.qt


def state(deal: Deal) -> tuple[object, ...]:
    return (deal.info, deal.stakeholders, deal.ties)


@pytest.mark.parametrize(("seed", "after", "delay_ms"), [(1, 12, 0.0), (2, 20, 3.0)])
def test_a_kill_mid_stream_loses_no_edit_reported_done(
    tmp_path: Path, qapp: Any, seed: int, after: int, delay_ms: float
) -> None:
    path = tmp_path / "kill.dealmap"
    create_deal_file(path, start_deal())  # type: ignore[arg-type]
    reported = kill_mid_stream(path, seed, after, delay_ms)
    assert reported >= after
    assert check_deal_file(path).ok
    on_file = state(read_deal(path))
    done, in_flight = state(replay(seed, reported)), state(replay(seed, reported + 1))  # type: ignore[arg-type]
    assert on_file in (done, in_flight)
    # The app opens it (rolling back a half-written edit) and goes on editing.
    with open_deal_file(path) as opened:
        assert state(opened.deal) == on_file
        opened.deal.update_info(opened.deal.info.edit(name="After the crash"))
    assert read_deal(path).info.name == "After the crash"
