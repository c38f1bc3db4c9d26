"""Words the map, the legend, the panels and the exports share (plain Python, no Qt)."""

from __future__ import annotations

# Short glosses so the readiness ladder reads as the SPEC means it, not as bare words.
GLOSSES: dict[str, str] = {
    "unengaged": "never met us",
    "aware": "agreed to explore",
    "exploring": "in discovery",
    "aligned": "agrees on the change",
    "committed": "will speak for it",
}
