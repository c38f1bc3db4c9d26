"""Safe open: every check a file from a colleague must pass before anything reads it as a deal.

All checks run on a read-only connection (`mode=ro`), so a refused file is never written, not
even a journal beside it. Nothing in the file can run: views and triggers are refused by the
schema allow-list before any query touches the tables, and `trusted_schema` is off.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from consensus_map.domain.deal import MAX_STAKEHOLDERS, MAX_TIES
from consensus_map.store import errors, schema
from consensus_map.store.codec import count_rows
from consensus_map.store.errors import DealFileError

_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100


@dataclass(frozen=True)
class Header:
    """What the 100-byte SQLite header says, read before SQLite itself touches the file."""

    version: int
    size_bytes: int


def read_header(path: Path) -> Header:
    """Refuse anything that is not a dealmap of a version we can read, from its header alone."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DealFileError(path, "does not exist") from None
    except OSError as error:
        raise DealFileError(path, f"cannot be read ({error.strerror})") from None
    if not path.is_file():
        raise DealFileError(path, "is not a file")
    if stat.st_size == 0:
        raise DealFileError(path, errors.EMPTY)
    if stat.st_size > schema.MAX_FILE_BYTES:
        raise DealFileError(path, errors.TOO_LARGE)
    try:
        with path.open("rb") as stream:
            header = stream.read(_HEADER_BYTES)
    except OSError as error:
        raise DealFileError(path, f"cannot be read ({error.strerror})") from None
    if len(header) < _HEADER_BYTES or not header.startswith(_MAGIC):
        raise DealFileError(path, errors.NOT_A_DEALMAP)
    if int.from_bytes(header[68:72], "big") != schema.APPLICATION_ID:
        raise DealFileError(path, errors.NOT_A_DEALMAP)
    version = int.from_bytes(header[60:64], "big", signed=True)
    if version > schema.SCHEMA_VERSION:
        raise DealFileError(path, errors.NEWER)
    if version < schema.OLDEST_VERSION:
        raise DealFileError(path, f"{errors.DAMAGED} (unknown format version {version})")
    # We only ever write rollback-journal files; WAL would need files beside it.
    if header[18] != 1 or header[19] != 1:
        raise DealFileError(path, f"{errors.DAMAGED} (unexpected journal mode)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is trustworthy when the change counter matches "version valid for".
    counted = pages != 0 and header[24:28] == header[92:96]
    if page_size < 512 or (counted and stat.st_size < pages * page_size):
        raise DealFileError(path, f"{errors.DAMAGED} (the file is cut short)")
    return Header(version=version, size_bytes=stat.st_size)


def connect_read_only(path: Path) -> sqlite3.Connection:
    # A URI keeps SQLite from creating, writing or recovering anything.
    uri = path.absolute().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA recursive_triggers=OFF")
    return conn


def check_schema(path: Path, conn: sqlite3.Connection, version: int) -> None:
    """Refuse unless the file holds exactly the tables and indexes of `version`."""
    found = schema.schema_objects(conn)
    expected = schema.expected_objects(version)
    if found - expected:
        raise DealFileError(path, errors.FOREIGN_OBJECTS)
    if expected - found:
        raise DealFileError(path, f"{errors.DAMAGED} (tables are missing)")


def check_bounds(path: Path, conn: sqlite3.Connection) -> None:
    counts = count_rows(conn, ("deal", "stakeholders", "ties"))
    if counts["stakeholders"] > MAX_STAKEHOLDERS:
        raise DealFileError(path, f"{errors.TOO_LARGE} (more than {MAX_STAKEHOLDERS} people)")
    if counts["ties"] > MAX_TIES:
        raise DealFileError(path, f"{errors.TOO_LARGE} (more than {MAX_TIES} ties)")
    if counts["deal"] != 1:
        raise DealFileError(path, f"{errors.DAMAGED} (the deal's details are missing)")


def first_problem(problems: list[str]) -> str:
    """The first thing SQLite found, without its "*** in database main ***" heading."""
    lines = [line for p in problems for line in str(p).splitlines() if not line.startswith("***")]
    return lines[0] if lines else "integrity check failed"


def open_checked(path: Path, *, integrity: bool = True) -> tuple[sqlite3.Connection, Header]:
    """A read-only connection on a file that passed every check, with what its header said.

    `integrity=False` skips `quick_check`, for `check_deal_file`, which runs the full check
    itself and reports what it finds.
    """
    header = read_header(path)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as error:
        raise DealFileError(path, f"cannot be opened ({error})") from None
    try:
        versions = (
            conn.execute("PRAGMA application_id").fetchone()[0],
            conn.execute("PRAGMA user_version").fetchone()[0],
        )
        if versions != (schema.APPLICATION_ID, header.version):
            raise DealFileError(path, f"{errors.DAMAGED} (its header changed while reading)")
        check_schema(path, conn, header.version)
        if integrity:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise DealFileError(path, f"{errors.DAMAGED} ({first_problem(problems)})")
        check_bounds(path, conn)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DealFileError(path, f"{errors.DAMAGED} ({error})") from None
    except UnicodeDecodeError:
        # SQLite's own message quoted the damaged bytes, and they are not text (fuzzing).
        conn.close()
        raise DealFileError(path, f"{errors.DAMAGED} ({errors.UNREADABLE})") from None
    except BaseException:
        conn.close()
        raise
    return conn, header
