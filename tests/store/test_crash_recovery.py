"""A crash mid-write leaves a journal; the file still opens with every committed change."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from store_support import snapshot

from consensus_map.store import check_deal_file, open_deal_file, read_deal

CRASH_MID_WRITE = textwrap.dedent(
    """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size=1")  # spill changed pages into the file before commit
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE deal SET name = 'half-written', notes = ?", ("x" * 300_000,))
    os._exit(9)  # power cut: no commit, no rollback
    """
)


def crash_while_writing(path: Path) -> None:
    before = path.read_bytes()
    done = subprocess.run([sys.executable, "-c", CRASH_MID_WRITE, str(path)], check=False)
    assert done.returncode == 9
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0 and path.read_bytes() != before


def test_readers_recover_a_copy_and_leave_the_crash_as_it_was(deal_path: Path) -> None:
    crash_while_writing(deal_path)
    left = snapshot(deal_path.parent)
    assert read_deal(deal_path).info.name == "Acme renewal"
    assert check_deal_file(deal_path).integrity == "ok"
    assert snapshot(deal_path.parent) == left


def test_opening_rolls_back_the_unfinished_change(deal_path: Path) -> None:
    crash_while_writing(deal_path)
    with open_deal_file(deal_path) as opened:
        assert opened.deal.info.name == "Acme renewal"
        opened.deal.update_info(opened.deal.info.replace(name="After the crash"))
    assert read_deal(deal_path).info.name == "After the crash"
    assert [p.name for p in deal_path.parent.iterdir()] == ["acme.dealmap"]
