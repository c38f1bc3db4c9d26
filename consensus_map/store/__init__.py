"""The `.dealmap` file: schema, versions, upgrades, safe open, write-through of each change.

The only package that imports sqlite-utils. Everything a caller needs is here:
`create_deal_file`, `open_deal_file` (→ `DealFile`), `read_deal`, `check_deal_file`
(→ `CheckReport`), `DealFileError` and `SUFFIX`.
"""

from consensus_map.store.check import CheckReport, check_deal_file
from consensus_map.store.dealfile import (
    SUFFIX,
    DealFile,
    create_deal_file,
    open_deal_file,
    read_deal,
)
from consensus_map.store.errors import DealFileError
from consensus_map.store.schema import APPLICATION_ID, SCHEMA_VERSION

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "SUFFIX",
    "CheckReport",
    "DealFile",
    "DealFileError",
    "check_deal_file",
    "create_deal_file",
    "open_deal_file",
    "read_deal",
]
