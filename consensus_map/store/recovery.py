"""After a crash: a `-journal` left beside a file holds the last, unfinished transaction.

SQLite rolls it back on the next read, but a read-only connection cannot, so it refuses the
file. The writer recovers in place (it would write anyway); read-only users recover a copy
in a temporary folder, so they still never write the user's file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from consensus_map.store.errors import DealFileError


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def has_journal(path: Path) -> bool:
    journal = journal_of(path)
    return journal.is_file() and journal.stat().st_size > 0


def recover_in_place(path: Path) -> None:
    """Roll back an unfinished transaction left by a crash (only on a file that is ours)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        # Any read takes the lock that makes SQLite roll the journal back.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        raise DealFileError(path, f"is damaged ({error})") from None
    except UnicodeDecodeError:  # SQLite's message quoted damaged bytes
        raise DealFileError(
            path, "is damaged (its structure holds bytes that are not text)"
        ) from None
    finally:
        conn.close()


@contextlib.contextmanager
def readable(path: Path) -> Iterator[Path]:
    """The path to read: `path` itself, or a recovered copy while the block runs.

    Refusals about the copy are re-raised naming the user's file.
    """
    if not has_journal(path):
        yield path
        return
    # Only after a crash: opening a healthy file (the app's start-up) never loads these.
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="consensus-map-") as folder:
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(journal_of(path), journal_of(copy))
        except OSError as error:
            raise DealFileError(path, f"cannot be read ({error.strerror})") from None
        try:
            recover_in_place(copy)
            yield copy
        except DealFileError as error:
            raise DealFileError(path, error.reason) from None
