"""Import and export of deals: the JSON interchange format (CSV import comes later)."""

from consensus_map.interchange.json_format import (
    FORMAT,
    MAX_JSON_BYTES,
    VERSION,
    InterchangeError,
    deal_from_json,
    deal_to_json,
    dumps,
    load_json_file,
    loads,
)

__all__ = [
    "FORMAT",
    "MAX_JSON_BYTES",
    "VERSION",
    "InterchangeError",
    "deal_from_json",
    "deal_to_json",
    "dumps",
    "load_json_file",
    "loads",
]
