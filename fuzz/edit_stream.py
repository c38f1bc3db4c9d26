"""A stream of edits made through the app's commands, to be killed at any moment.

`python fuzz/edit_stream.py FILE SEED` opens FILE in a `Document` and makes edit after edit,
printing `done N` after each one the document has accepted or refused (edit N is the same for
a given seed and deal). It never stops by itself: `kill_mid_stream` kills it with SIGKILL, a
power cut as far as the file can tell. `replay(SEED, N)` makes the first N edits on a deal in
memory: the file must pass `check` and equal the replay of every edit reported done, or of
one more (the edit in flight may have committed before its line was printed).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

START_PEOPLE = 6
ACTIONS = [
    *("add", "add", "title", "notes", "people", "move", "move", "tie", "deal", "delete"),
    *("undo", "redo"),
]


def start_deal() -> object:
    from consensus_map.domain import Deal, DealInfo, Stakeholder, Tie, TieKind

    people = [Stakeholder(f"p{i}", f"Person {i}", x=i * 150.0) for i in range(START_PEOPLE)]
    ties = [Tie(f"p{i}", "p0", TieKind.REPORTS_TO) for i in range(1, START_PEOPLE)]
    return Deal(DealInfo("Kill test", notes="start"), people, ties)


def make_edit(document: object, seed: int, number: int) -> None:
    """Edit `number` of the stream: one user action through the document's commands."""
    from consensus_map.app.document import Document
    from consensus_map.domain import Readiness, TieKind

    assert isinstance(document, Document)
    rng = random.Random(f"{seed}-{number}")
    ids = [p.id for p in document.deal.stakeholders]
    action = rng.choice(ACTIONS)
    pid = rng.choice(ids) if ids else ""
    if action == "add" or not ids:
        document.add_person((rng.uniform(-900, 900), rng.uniform(-600, 600)), f"New {number}")
    elif action == "title":
        document.edit_person(pid, title=f"Title {number}")
    elif action == "notes":
        # Long enough to spill onto overflow pages: a write of several pages to interrupt.
        document.edit_person(pid, notes=f"Note {number}. " * rng.choice([1, 400, 3000]))
    elif action == "people":
        chosen = rng.sample(ids, min(len(ids), 3))
        document.edit_people(chosen, readiness=rng.choice(list(Readiness)))
    elif action == "move":
        chosen = rng.sample(ids, min(len(ids), rng.choice([1, 5, 50])))
        document.move({p: (rng.uniform(-900, 900), rng.uniform(-600, 600)) for p in chosen})
    elif action == "tie":
        other = rng.choice(ids)
        document.add_tie(pid, other, rng.choice([TieKind.INFLUENCES, TieKind.ALLY]), 2.0)
    elif action == "deal":
        document.edit_deal(notes=f"Deal note {number}")
    elif action == "delete":
        document.delete([pid])
    elif action == "undo":
        document.undo_stack.undo()
    else:
        document.undo_stack.redo()


def replay(seed: int, count: int) -> object:
    """The deal after the first `count` edits of the stream, made on a deal in memory."""
    from consensus_map.app.document import Document
    from consensus_map.domain import Deal

    deal = start_deal()
    assert isinstance(deal, Deal)
    document = Document(deal, defer_analysis=True)
    for number in range(count):
        make_edit(document, seed, number)
    result = document.deal
    document.close()
    return result


def kill_mid_stream(path: Path, seed: int, after: int, delay_ms: float = 0.0) -> int:
    """Run the stream on `path` and kill it once it has reported `after` edits (then wait
    `delay_ms`, to land elsewhere in the next edit). Returns how many it reported done."""
    stream = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), str(path), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert stream.stdout is not None
    reported = 0
    try:
        for line in stream.stdout:
            if line.startswith("done "):
                reported = int(line.split()[1]) + 1
                if reported >= after:
                    break
        if delay_ms:
            import time

            time.sleep(delay_ms / 1000)  # not an assertion: only where the kill lands
        stream.send_signal(signal.SIGKILL)
        # Lines already printed before the kill still count as reported.
        rest, errors = stream.communicate(timeout=60)
        for line in rest.splitlines():
            if line.startswith("done "):
                reported = int(line.split()[1]) + 1
    finally:
        if stream.poll() is None:
            stream.kill()
    if stream.returncode != -signal.SIGKILL:
        raise AssertionError(f"the edit stream stopped by itself: {errors}")
    return reported


def main(argv: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from consensus_map.app.document import Document
    from consensus_map.store import open_deal_file

    app = QGuiApplication([])  # noqa: F841 (Qt needs it alive)
    path, seed = Path(argv[0]), int(argv[1])
    file = open_deal_file(path)
    document = Document(file.deal, file, defer_analysis=True)
    number = 0
    while True:
        make_edit(document, seed, number)
        print(f"done {number}", flush=True)
        number += 1


if __name__ == "__main__":
    main(sys.argv[1:])
