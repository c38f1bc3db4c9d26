"""Writing an export safely: to a temporary file beside the target, then one rename.

A reader (or a sync client) never sees half a PDF, and a failed export leaves whatever was
at the target untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


class ExportError(Exception):
    """An export that cannot be written; the message is one line naming the file."""


def reason(error: OSError) -> str:
    """`[Errno 13] Permission denied: 'x'` → `permission denied`."""
    text = (error.strerror or str(error)).rstrip(".")
    return text[:1].lower() + text[1:]


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary path in `path`'s folder to write to; renamed over `path` on success.

    The temporary file is created first, so a folder that cannot be written is refused
    before any work is done.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: cannot be written (no folder {folder})")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportError(f"{path}: cannot be written ({reason(error)})") from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        if not temp.is_file() or temp.stat().st_size == 0:
            raise ExportError(f"{path}: cannot be written (nothing was produced)")
        with temp.open("rb") as stream:
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); an export is an ordinary document.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except OSError as error:
        raise ExportError(f"{path}: cannot be written ({reason(error)})") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
