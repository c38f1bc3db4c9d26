"""The `.dealmap` file: schema, versions, upgrades, safe open, write-through of each change.

The only package that imports sqlite-utils. Everything a caller needs is here:
`create_deal_file`, `open_deal_file` (→ `DealFile`), `read_deal`, `check_deal_file`
(→ `CheckReport`), `DealFileError`, `FileChangedError` (another window wrote the file: reload
and try again) and `SUFFIX`.
"""

from typing import TYPE_CHECKING

from consensus_map.store.dealfile import (
    SUFFIX,
    DealFile,
    create_deal_file,
    open_deal_file,
    read_deal,
)
from consensus_map.store.errors import DealFileError, FileChangedError
from consensus_map.store.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from consensus_map.store.check import CheckReport, check_deal_file


def __getattr__(name: str) -> object:
    # `check` is the CLI's; the app opens files without it, so it is loaded on first use.
    if name in ("CheckReport", "check_deal_file"):
        from consensus_map.store import check

        return getattr(check, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "SUFFIX",
    "CheckReport",
    "DealFile",
    "DealFileError",
    "FileChangedError",
    "check_deal_file",
    "create_deal_file",
    "open_deal_file",
    "read_deal",
]
