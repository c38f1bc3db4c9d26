"""Cells a spreadsheet would run as a formula, made inert on export and restored on import.

A cell beginning with `=`, `+`, `-`, `@`, tab or carriage return is a formula to Excel,
LibreOffice and Google Sheets (OWASP "CSV injection"): `=HYPERLINK(...)` in a name would run
on the manager's laptop. Such a cell is written with a leading `'`, which spreadsheets show
as text. Plain numbers ("-12.5") are left alone: they are not formulas and stay numbers.

The escape is reversible, so this app reads its own export back exactly: a cell that
already begins with `'` before something that would need the escape gets one more `'`.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def needs_escape(cell: str) -> bool:
    # Leading quotes are looked through: "'=x" must become "''=x" to read back as itself.
    rest = cell.lstrip("'")
    return rest.startswith(TRIGGERS) and _PLAIN_NUMBER.fullmatch(rest) is None


def escape_cell(cell: str) -> str:
    """The cell as written to a CSV file: inert in any spreadsheet."""
    return "'" + cell if needs_escape(cell) else cell


def unescape_cell(cell: str) -> str:
    """The inverse of `escape_cell`: unescape_cell(escape_cell(x)) == x for every x."""
    if cell.startswith("'") and needs_escape(cell[1:]):
        return cell[1:]
    return cell
