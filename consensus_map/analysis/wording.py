"""How the engine's numbers are written for a seller, the same in the terminal and the app.

The number never stands alone: the band comes first, in words, then the figure and its range
("Very low — about 5.2% (2.1–15%) if the team met today"). Kept apart from the engine so that
the app can word numbers without importing networkx.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the app words numbers without loading the engine
    from consensus_map.analysis.result import DealAnalysis

# Lower edge (inclusive) and name of each band, highest first (SPEC item 5).
BANDS: tuple[tuple[float, str], ...] = (
    (0.85, "strong"),
    (0.60, "good"),
    (0.30, "fair"),
    (0.10, "low"),
    (0.0, "very_low"),
)
BAND_LABELS = {
    "strong": "Strong",
    "good": "Good",
    "fair": "Fair",
    "low": "Low",
    "very_low": "Very low",
}


def band_of(probability: float) -> str:
    """The band a probability falls in; each band includes its lower edge."""
    for edge, name in BANDS:
        if probability >= edge:
            return name
    return "very_low"


def percent(probability: float) -> str:
    """'42%', '5.5%', or 'under 0.1%': precision where a seller would read it."""
    value = probability * 100
    if value >= 10:
        return f"{value:.0f}%"
    if value >= 0.1:
        return f"{value:.1f}%"
    return "0%" if value == 0 else "under 0.1%"


def headline(probability: float, band: str, low_high: Sequence[float]) -> str:
    """'Very low — about 5.2% (2.1–15%) if the team met today': the figure as `percent`
    writes it everywhere else, so the headline and the plan never disagree."""
    figure = percent(probability)
    about = figure if figure.startswith("under") else f"about {figure}"
    low, high = percent(low_high[0]), percent(low_high[1])
    if low == high:
        spread = ""
    elif low.startswith("under"):
        spread = f" ({low}–{high})"  # "under 0.1%–0.2%"
    else:
        spread = f" ({low.removesuffix('%')}–{high})"  # "2.1–15%"
    return f"{BAND_LABELS[band]} — {about}{spread} if the team met today"


# A product over nobody is 1: with no one who signs, attends or sways them, "Strong — about
# 100%" would be a certainty built on nothing. Every headline says this instead.
NO_ONE_IN_DECISION = (
    "No one on the map is in the decision yet: mark who signs off (a decision-maker, "
    "executive or gatekeeper) and who attends the presentation"
)


def deal_headline(analysis: DealAnalysis) -> str:
    """`headline` of an analysis, or NO_ONE_IN_DECISION when its deciding group is empty."""
    if analysis.in_decision_count == 0:
        return NO_ONE_IN_DECISION
    return headline(
        analysis.consensus_probability, analysis.consensus_band, analysis.consensus_range
    )


def gain(start: float, end: float, meetings: int) -> str:
    """'from 5.5% to 46% (×8) after 5 meetings': the plan's gain, relative and absolute."""
    text = f"from {percent(start)} to {percent(end)}"
    if start > 0 and end > start:
        ratio = end / start
        times = f"{ratio:.0f}" if ratio >= 2 else f"{ratio:.1f}"
        text += f" (×{times})"
    noun = "meeting" if meetings == 1 else "meetings"
    return f"{text} after {meetings} {noun}"
