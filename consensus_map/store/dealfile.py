"""A deal bound to its file: create, open (safe open + upgrade), write-through, Save As, read.

There is no save step. `DealFile.deal` has a persister that writes each change event as one
`BEGIN IMMEDIATE … COMMIT`; if that fails the transaction is rolled back and the error raised,
so the domain leaves the deal unchanged and nothing is shown as done that is not on disk.

Two windows (or two programs) may have one file open: SQLite's lock lets one write at a time,
and each handle remembers the file's `data_version` as of its last read. Inside the write
transaction, before anything is written, a file changed by someone else since (or replaced on
disk, as a sync client does) refuses the write with `FileChangedError`: the caller reloads
(`reload`, then `Deal.reload_from`) and makes the edit again against what is in the file now.
So the deal in memory always equals the file it is written to, and no write carries a stale
value over another window's change. See docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from consensus_map.domain import Deal, DealEvent
from consensus_map.store import errors, migrations, schema
from consensus_map.store.codec import load_deal, write_deal
from consensus_map.store.errors import DealFileError, FileChangedError
from consensus_map.store.recovery import has_journal, readable, recover_in_place
from consensus_map.store.safety import check_bounds, check_schema, open_checked, read_header
from consensus_map.store.writes import write_event

if TYPE_CHECKING:
    import sqlite_utils

    from consensus_map.store.sharing import SharedCopy

SUFFIX = ".dealmap"

DiskState = Literal["same", "changed", "replaced", "missing"]
Identity = tuple[int, int]


class DealFile:
    """An open `.dealmap` file and the deal it holds; edits to `deal` are written at once."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, deal: Deal, *, seen_version: int
    ) -> None:
        """`seen_version`: the file's `data_version` when `deal` was read from it."""
        self.path = path
        self.deal = deal
        self._conn = conn
        # sqlite-utils is wrapped around the connection at the first edit: opening a deal
        # to look at it should not pay for importing it (~150 ms of the app's start-up).
        self._db: sqlite_utils.Database | None = None
        self._attached = True
        self._seen_version = seen_version
        self._identity = _identity(path)
        deal.set_persister(self._persist)

    def __enter__(self) -> DealFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def save_as(self, new_path: Path | str) -> DealFile:
        """Copy this file to `new_path` (replacing it) and move the deal's writes there.

        The returned handle holds the same `Deal` object, so an app keeps its undo history;
        from now on edits go to the new file only. The caller closes this handle.
        """
        target = Path(new_path)
        self._refuse_if_changed()  # the copy must hold what `deal` holds
        try:
            _atomic_write(target, lambda conn: self._conn.backup(conn), overwrite=True)
            conn = _connect_for_writing(target)
        except (OSError, sqlite3.Error) as error:
            raise DealFileError(target, f"could not be written ({_why(error)})") from error
        try:
            self._refuse_if_changed()  # written to while it was being copied
            seen = _data_version(conn)
        except BaseException:
            conn.close()
            raise
        self._detach()
        return DealFile(target, conn, self.deal, seen_version=seen)

    def save_shared_copy(
        self, target: Path | str, *, without_notes: bool, without_concerns: bool
    ) -> SharedCopy:
        """A compacted copy of the file for someone else, optionally without notes and
        concerns (see `sharing`); this file and the deal are unchanged."""
        from consensus_map.store.sharing import write_shared_copy  # only when sharing

        return write_shared_copy(
            self._conn,
            self.path,
            target,
            without_notes=without_notes,
            without_concerns=without_concerns,
        )

    # ------------------------------------------------------ other windows
    def disk_state(self) -> DiskState:
        """Whether someone else has written the file since this handle last read or wrote it:
        "changed" (another window or program), "replaced" (another file now has its name, as
        a sync client or another program's Save As leaves it), "missing", or "same"."""
        try:
            identity = _identity(self.path)
        except FileNotFoundError:
            return "missing"
        except OSError:
            return "same"  # cannot tell now; the next write checks again
        if identity != self._identity:
            return "replaced"
        try:
            version = _data_version(self._conn)
        except sqlite3.Error:
            return "same"  # busy: another window is writing; ask again later
        return "changed" if version != self._seen_version else "same"

    def reload(self) -> Deal:
        """The deal as the file holds it now, after the checks of opening it.

        The caller makes its model equal to it (`Deal.reload_from`). A file replaced on disk
        is opened afresh, as `open_deal_file` would (the new file is as untrusted as any).
        """
        state = self.disk_state()
        if state == "missing":
            raise DealFileError(self.path, MOVED)
        if state == "replaced":
            conn, deal, seen = _open(self.path)
            self._conn.close()
            self._conn, self._db = conn, None
            self._identity = _identity(self.path)
            self._seen_version = seen
            return deal
        try:
            deal, seen = _read_current(self.path, self._conn)
        except DealFileError:
            raise
        except (sqlite3.Error, ValueError, TypeError) as error:
            raise DealFileError(self.path, f"{errors.DAMAGED} ({_why(error)})") from error
        self._seen_version = seen
        return deal

    def mark_stale(self) -> None:
        """The deal no longer matches the file as last read: refuse writes until `reload`."""
        self._seen_version = -1

    def _refuse_if_changed(self) -> None:
        state = self.disk_state()
        if state == "missing":
            raise DealFileError(self.path, MOVED)
        if state != "same":
            raise FileChangedError(self.path, f"{CHANGED[state]}; the change was not written")

    def close(self) -> None:
        """Stop writing the deal's changes here and close the file."""
        self._detach()
        self._conn.close()

    def _detach(self) -> None:
        if self._attached:
            self._attached = False
            self.deal.set_persister(None)

    def _persist(self, event: DealEvent) -> None:
        if not self._attached:
            raise DealFileError(self.path, "is closed; the change was not saved")
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Under the write lock, so nobody can write between this check and COMMIT.
                self._refuse_if_changed()
                if self._db is None:
                    self._db = schema.wrap(conn)
                write_event(self._db, event)
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                raise
        except DealFileError:
            raise
        except Exception as error:
            raise DealFileError(self.path, f"could not save the change ({_why(error)})") from error


def create_deal_file(path: Path | str, deal: Deal) -> None:
    """Write a whole deal to a new file atomically; refuse if `path` exists."""
    target = Path(path)
    if target.exists():
        raise DealFileError(target, "already exists; choose another name")

    def fill(conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        schema.create_schema(conn)
        write_deal(conn, deal)
        conn.execute("COMMIT")

    try:
        _atomic_write(target, fill, overwrite=False)
    except (OSError, sqlite3.Error) as error:
        raise DealFileError(target, f"could not be written ({_why(error)})") from error


def open_deal_file(path: Path | str) -> DealFile:
    """Check a file, upgrade it if older (after a backup beside it), and attach write-through."""
    target = Path(path)
    conn, deal, seen = _open(target)
    return DealFile(target, conn, deal, seen_version=seen)


def _open(target: Path) -> tuple[sqlite3.Connection, Deal, int]:
    """Every check of opening, the upgrade, then a connection for writing and the deal."""
    if has_journal(target):
        read_header(target)  # recover only a file that says it is ours
        recover_in_place(target)
    checked, header = open_checked(target)
    try:
        if header.version < schema.SCHEMA_VERSION:
            _backup_before_upgrade(target, checked, header.version)
    finally:
        checked.close()
    try:
        conn = _connect_for_writing(target)
    except sqlite3.Error as error:
        raise DealFileError(target, f"cannot be opened for writing ({error})") from error
    try:
        # The file may have changed between the read-only checks and now: check again.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version != header.version:
            raise DealFileError(target, f"{errors.DAMAGED} (it changed while opening)")
        check_schema(target, conn, version)
        if version < schema.SCHEMA_VERSION:
            _upgrade(target, conn, version)
        deal, seen = _read_current(target, conn)
    except DealFileError:
        conn.close()
        raise
    except (sqlite3.Error, ValueError, TypeError) as error:
        conn.close()
        raise DealFileError(target, f"{errors.DAMAGED} ({_why(error)})") from error
    return conn, deal, seen


def _read_current(path: Path, conn: sqlite3.Connection) -> tuple[Deal, int]:
    """The deal and the `data_version` it was read at, in one read transaction (a consistent
    snapshot however others write), after checking the file is still a current-version file
    of ours: another program may have changed it underneath, and its objects must never run
    on our writes."""
    conn.execute("BEGIN")
    try:
        versions = (
            conn.execute("PRAGMA application_id").fetchone()[0],
            conn.execute("PRAGMA user_version").fetchone()[0],
        )
        if versions[0] != schema.APPLICATION_ID:
            raise DealFileError(path, errors.NOT_A_DEALMAP)
        if versions[1] > schema.SCHEMA_VERSION:
            raise DealFileError(path, errors.NEWER)
        if versions[1] != schema.SCHEMA_VERSION:
            raise DealFileError(path, f"{errors.DAMAGED} (unknown format version {versions[1]})")
        check_schema(path, conn, schema.SCHEMA_VERSION)
        check_bounds(path, conn)
        deal = load_deal(conn)
        seen = _data_version(conn)
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("COMMIT")
    return deal, seen


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def _identity(path: Path) -> Identity:
    stat = path.stat()
    return (stat.st_dev, stat.st_ino)


def read_deal(path: Path | str) -> Deal:
    """The deal in a file, after the same checks as opening; never writes the file."""
    target = Path(path)
    with readable(target) as source:
        conn, header = open_checked(source)
        try:
            return load_checked(source, conn, header.version)
        finally:
            conn.close()


def load_checked(path: Path, conn: sqlite3.Connection, version: int) -> Deal:
    """Load from a checked read-only connection; an older file is upgraded in a memory copy."""
    try:
        if version < schema.SCHEMA_VERSION:
            memory = sqlite3.connect(":memory:", isolation_level=None)
            try:
                conn.backup(memory)
                migrations.migrate(memory, version)
                return load_deal(memory)
            finally:
                memory.close()
        return load_deal(conn)
    except (sqlite3.Error, ValueError, TypeError) as error:
        raise DealFileError(path, f"{errors.DAMAGED} ({_why(error)})") from error


def _backup_before_upgrade(path: Path, source: sqlite3.Connection, version: int) -> None:
    backup = migrations.backup_path(path, version)
    try:
        _atomic_write(backup, lambda conn: source.backup(conn), overwrite=True)
    except (OSError, sqlite3.Error) as error:
        reason = f"could not be upgraded: the backup {backup.name} failed ({_why(error)})"
        raise DealFileError(path, reason) from error


def _upgrade(path: Path, conn: sqlite3.Connection, version: int) -> None:
    try:
        migrations.migrate(conn, version)
    except sqlite3.Error as error:
        raise DealFileError(path, f"could not be upgraded ({_why(error)})") from error


def _connect_for_writing(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN IMMEDIATE/COMMIT ourselves; sqlite-utils nests
    # its own work as savepoints inside them.
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        schema.harden(conn)
        conn.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        conn.close()
        raise
    return conn


def _atomic_write(
    target: Path, fill: Callable[[sqlite3.Connection], object], *, overwrite: bool
) -> None:
    """Build a SQLite file beside `target` with `fill(conn)`, then move it into place."""
    directory = target.parent if str(target.parent) else Path(".")
    temp_name = _new_temp_file(directory, f".{target.name}.", ".tmp")
    # mkstemp makes the file private (0600); a deal file is an ordinary user document.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp_name, 0o666 & ~umask)
    temp = Path(temp_name)
    try:
        conn = sqlite3.connect(temp_name, isolation_level=None)
        try:
            schema.harden(conn)
            conn.execute("PRAGMA journal_mode=DELETE")
            fill(conn)
        finally:
            conn.close()
        if overwrite:
            os.replace(temp, target)
        else:
            _move_no_clobber(temp, target)
        sync_directory(directory)
    except FileExistsError:
        raise DealFileError(target, "already exists; choose another name") from None
    finally:
        temp.unlink(missing_ok=True)
        Path(temp_name + "-journal").unlink(missing_ok=True)


def _new_temp_file(directory: Path, prefix: str, suffix: str) -> str:
    """Create an empty private file with a fresh name in `directory`, as tempfile.mkstemp
    does (O_EXCL, mode 0600), without importing tempfile: it brings shutil, random and the
    archive modules, ~5 ms of every `import` command's start."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = os.path.abspath(os.path.join(directory, f"{prefix}{os.urandom(6).hex()}{suffix}"))
        try:
            fd = os.open(name, flags, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return name
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(directory))


def _move_no_clobber(temp: Path, target: Path) -> None:
    # A hard link never replaces an existing file, so a race cannot clobber one.
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(temp, target)
    else:
        temp.unlink()


def sync_directory(directory: Path) -> None:
    # Make the rename itself survive a power cut (POSIX; Windows has no directory handles).
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


MOVED = "was moved or deleted since it was opened; use Save As to keep the deal"
CHANGED = {
    "changed": "was changed in another window or program",
    "replaced": "was replaced by another file of the same name",
}


def _why(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
