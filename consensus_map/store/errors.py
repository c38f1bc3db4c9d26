"""The one exception the store raises: a file refused, or a change that could not be written."""

from __future__ import annotations

from pathlib import Path

MAX_REASON = 200


class DealFileError(Exception):
    """A problem with a `.dealmap` file; `str(error)` is one plain line for the user."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        # One line, whatever SQLite said, and short enough to read in a message box.
        reason = " ".join(reason.split())
        if len(reason) > MAX_REASON:
            reason = (
                reason[: MAX_REASON - 2].rstrip() + "…)" if "(" in reason else reason[:MAX_REASON]
            )
        self.reason = reason
        super().__init__(f"{self.path}: {self.reason}")


class FileChangedError(DealFileError):
    """Another window or program wrote the file (or replaced it) since this handle last read
    it: nothing was written. Reload, then make the edit again against the file as it is."""


# The plain reasons, shared by the refusals and the tests that expect them.
NOT_A_DEALMAP = "is not a Consensus Map deal file"
EMPTY = "is empty, not a Consensus Map deal file"
DAMAGED = "is damaged"
NEWER = "was made by a newer version of Consensus Map"
FOREIGN_OBJECTS = "contains objects Consensus Map did not create"
TOO_LARGE = "is too large to be a Consensus Map deal file"
UNREADABLE = "its structure holds bytes that are not text"
