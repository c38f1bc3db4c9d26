"""Import and export of deals: the JSON interchange format here; CSV in its own modules,
loaded only by what needs them: `importing` (CSV and JSON import, CRM merge, through the
mapping tables of `crm_formats`) and `csv_export` (the people as CSV)."""

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
