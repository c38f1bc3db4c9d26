"""How the engine's numbers are written for a seller, the same in the terminal and the app.

Kept apart from the engine so that the app can word numbers without importing networkx.
"""

from __future__ import annotations


def percent(probability: float) -> str:
    """'42%', '5.5%', or 'under 0.1%': precision where a seller would read it."""
    value = probability * 100
    if value >= 10:
        return f"{value:.0f}%"
    if value >= 0.1:
        return f"{value:.1f}%"
    return "0%" if value == 0 else "under 0.1%"
