"""Reading one cell of a table a person typed or a CRM wrote: yes/no and dates.

Shared by the CSV import and the people table's paste, so that a spreadsheet's "✓" or
"never" means the same wherever it is pasted or imported. Each reader raises ValueError with
a message naming the cell's text; the caller adds the row and the column.
"""

from __future__ import annotations

import re
from datetime import date

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
YES = frozenset({"true", "yes", "y", "1", "x", "✓", "attends"})
NO = frozenset({"false", "no", "n", "0", "", "-", "–"})
NO_DATE = frozenset({"", "none", "never"})


def yes_no(text: str) -> bool:
    word = text.strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(f"{text!r} is not yes or no")


def day(text: str) -> date | None:
    """An ISO date (YYYY-MM-DD), or None for an empty cell, "none" or "never"."""
    value = text.strip()
    if value.casefold() in NO_DATE:
        return None
    if _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date YYYY-MM-DD")
