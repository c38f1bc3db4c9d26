"""Save a copy for sharing: a compacted copy of the deal that can leave out private text.

Notes (each person's and the deal's) and concerns are where a seller writes what the account
should never read. The copy is made with `VACUUM INTO`, so it holds no free pages and no
remnant of deleted or overwritten text; when text is left out it is blanked in a first copy
and that copy compacted again. The result is checked as any file we open, then moved into
place. The open file is only read.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from consensus_map.store import schema
from consensus_map.store.codec import load_deal
from consensus_map.store.dealfile import sync_directory
from consensus_map.store.errors import DealFileError
from consensus_map.store.safety import open_checked


@dataclass(frozen=True)
class SharedCopy:
    """Where the copy went and what it leaves out, each item in words ("the notes of 3
    people"); nothing is listed for an option that found nothing to leave out."""

    path: Path
    left_out: tuple[str, ...]
    asked: tuple[str, ...]  # what the user chose to leave out: "notes", "concerns"

    def summary(self) -> str:
        """One line for the user: what the copy leaves out."""
        if self.left_out:
            items = list(self.left_out)
            listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
            return f"Left out: {listed}."
        if self.asked:
            return f"There were no {' or '.join(self.asked)} to leave out."
        return "Nothing was left out: the copy holds the whole deal."


def write_shared_copy(
    conn: sqlite3.Connection,
    source: Path,
    target: Path | str,
    *,
    without_notes: bool,
    without_concerns: bool,
) -> SharedCopy:
    """Write a compacted copy of the database on `conn` (the file `source`) to `target`."""
    target = Path(target)
    if target.exists() and source.exists() and os.path.samefile(target, source):
        raise DealFileError(target, "is the deal you have open; choose another name for the copy")
    directory = target.parent if str(target.parent) else Path(".")
    asked = tuple(
        what
        for what, chosen in (("notes", without_notes), ("concerns", without_concerns))
        if chosen
    )
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=directory))
    except OSError as error:
        raise DealFileError(target, f"could not be written ({error.strerror})") from error
    try:
        copy = work / "copy.dealmap"
        conn.execute("VACUUM INTO ?", (str(copy),))
        left_out: tuple[str, ...] = ()
        if asked:
            left_out = _blank(copy, without_notes, without_concerns)
            compacted = work / "shared.dealmap"
            _vacuum_into(copy, compacted)
            copy = compacted
        _verify(copy)
        _fsync(copy)
        os.replace(copy, target)
        sync_directory(directory)
    except (OSError, sqlite3.Error) as error:
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DealFileError(target, f"could not be written ({why})") from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return SharedCopy(target, left_out, asked)


def _blank(path: Path, notes: bool, concerns: bool) -> tuple[str, ...]:
    """Empty the chosen text in the copy at `path`; what was left out, in words."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        schema.harden(conn)
        conn.execute("BEGIN IMMEDIATE")
        left_out: list[str] = []
        if notes:
            people = _count(conn, "SELECT count(*) FROM stakeholders WHERE notes != ''")
            deal = _count(conn, "SELECT count(*) FROM deal WHERE notes != ''")
            if people:
                left_out.append(f"the notes of {_people(people)}")
            if deal:
                left_out.append("the deal's notes")
            conn.execute("UPDATE stakeholders SET notes = '' WHERE notes != ''")
            conn.execute("UPDATE deal SET notes = '' WHERE notes != ''")
        if concerns:
            people = _count(conn, "SELECT count(*) FROM stakeholders WHERE concern != ''")
            if people:
                left_out.append(f"the concerns of {_people(people)}")
            conn.execute("UPDATE stakeholders SET concern = '' WHERE concern != ''")
        conn.execute("COMMIT")
        return tuple(left_out)
    finally:
        conn.close()


def _vacuum_into(source: Path, target: Path) -> None:
    conn = sqlite3.connect(str(source), isolation_level=None)
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    finally:
        conn.close()


def _verify(path: Path) -> None:
    """The copy must open as any deal file does: we never hand over a file we cannot read."""
    conn, _header = open_checked(path)
    try:
        load_deal(conn)
    except (ValueError, TypeError) as error:
        raise DealFileError(path, f"could not be verified ({error})") from error
    finally:
        conn.close()


def _count(conn: sqlite3.Connection, query: str) -> int:
    return int(conn.execute(query).fetchone()[0])


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _fsync(path: Path) -> None:
    # VACUUM INTO does not sync what it writes; a copy shown as saved must be on disk.
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())
