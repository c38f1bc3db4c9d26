"""The words every view uses for the same things, so that the map's tooltips, the inspector,
the risk panel and the status bar tell one story.

Counts ("1 person", "3 people"), a person's risk in the risk panel's words ("42% veto risk
— deal-sinker #1"), and action texts that show an `&` in a name as typed instead of as a
keyboard mnemonic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from consensus_map.analysis.wording import percent

if TYPE_CHECKING:
    from consensus_map.analysis.result import Assessment

_PLURALS = {
    "person": "people",
    "tie": "ties",
    "attendee": "attendees",
    "deal-sinker": "deal-sinkers",
}


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 person', '3 people', '0 ties'."""
    word = one if count == 1 else (many or _PLURALS.get(one, one + "s"))
    return f"{count} {word}"


def menu_text(text: str) -> str:
    """`text` for a QAction or menu: `&` shows as `&`, never as a mnemonic underline."""
    return text.replace("&", "&&")


def risk_words(item: Assessment, rank: int = 0) -> str:
    """'42% veto risk — deal-sinker #1', as the risk card and the map's badge say it.

    The rank is the risk panel's order of cards and the number on the map's badge.
    """
    words = f"{percent(item.veto_risk)} veto risk"
    if item.sinker:
        words += f" — deal-sinker #{rank}" if rank else " — deal-sinker"
    return words
