"""The words every view uses for the same things, so that the map's tooltips, the inspector,
the risk panel and the status bar tell one story.

Counts ("1 person", "3 people"), a person's risk in the risk panel's words ("risk 42%",
"deal-sinker #1"), the lines of a person's story (reasons, "→ action"), and action texts
that show an `&` in a name as typed instead of as a keyboard mnemonic.
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
    """'deal-sinker #1 · risk 42%', 'risk 8%', or 'no veto risk'.

    The rank is the risk panel's order of cards and the number on the map's badge.
    """
    if item.veto_risk <= 0:
        return "no veto risk"
    risk = f"risk {percent(item.veto_risk)}"
    if not item.sinker:
        return risk
    return f"deal-sinker #{rank} · {risk}" if rank else f"deal-sinker · {risk}"


def action_line(item: Assessment) -> str:
    """The risk card's action line: '→ ask Dana Ruiz to …' ('' when nothing is needed)."""
    return f"→ {item.action}" if item.action else ""


def story_lines(item: Assessment, rank: int = 0, reasons: int = 4) -> list[str]:
    """What the engine says of a person, as the risk card says it: risk, reasons, action."""
    lines = [risk_words(item, rank)]
    shown = list(item.reasons[:reasons])
    more = len(item.reasons) - len(shown)
    if more:
        shown.append(f"(+{more} more)")
    lines.extend(shown)
    action = action_line(item)
    if action:
        lines.append(action)
    return lines
