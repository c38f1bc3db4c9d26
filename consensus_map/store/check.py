"""`consensus-map check`: what a file is, whether it is sound, and what it holds; never writes.

Files that are refused (not a dealmap, newer, foreign objects, too large) raise `DealFileError`;
a file with our schema but damaged pages or values is reported, not raised, so the user sees
every problem SQLite found.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from consensus_map.domain import TieKind
from consensus_map.store import errors, schema
from consensus_map.store.codec import count_rows
from consensus_map.store.dealfile import load_checked
from consensus_map.store.errors import DealFileError
from consensus_map.store.recovery import readable
from consensus_map.store.safety import open_checked

# integrity_check stops after this many problems; the first few say enough.
_MAX_PROBLEMS = 20


@dataclass(frozen=True)
class CheckReport:
    """The result of checking one file. `integrity` is "ok" or the problems, one per line."""

    path: Path
    version: int
    current_version: int
    integrity: str
    people: int
    ties: int
    ties_by_kind: dict[str, int] = field(default_factory=dict)
    attendees: int = 0
    size_bytes: int = 0

    @property
    def ok(self) -> bool:
        return self.integrity == "ok"


def check_deal_file(path: Path | str) -> CheckReport:
    target = Path(path)
    with readable(target) as source:
        return _check(target, source)


def _check(target: Path, source: Path) -> CheckReport:
    conn, header = open_checked(source, integrity=False)
    try:
        try:
            query = f"PRAGMA integrity_check({_MAX_PROBLEMS})"
            problems = [str(r[0]) for r in conn.execute(query)]
        except sqlite3.DatabaseError as error:
            # Some damage stops integrity_check itself ("disk image is malformed").
            problems = [str(error)]
        except UnicodeDecodeError:
            problems = [errors.UNREADABLE]
        people = ties = attendees = 0
        by_kind: dict[str, int] = {}
        if problems == ["ok"]:
            try:
                deal = load_checked(source, conn, header.version)
            except DealFileError as error:
                problems = [error.reason]
            else:
                people, ties = len(deal), len(deal.ties)
                attendees = sum(1 for p in deal.stakeholders if p.attends)
                kinds = Counter(str(t.kind) for t in deal.ties)
                by_kind = {str(k): kinds.get(str(k), 0) for k in TieKind}
        if problems != ["ok"]:
            # Damaged: count what can still be counted.
            # A damaged file may refuse even a count.
            with contextlib.suppress(sqlite3.Error, UnicodeDecodeError):
                counts = count_rows(conn, ("stakeholders", "ties"))
                people, ties = counts["stakeholders"], counts["ties"]
    finally:
        conn.close()
    return CheckReport(
        path=target,
        version=header.version,
        current_version=schema.SCHEMA_VERSION,
        integrity="\n".join(problems),
        people=people,
        ties=ties,
        ties_by_kind=by_kind,
        attendees=attendees,
        size_bytes=header.size_bytes,
    )
