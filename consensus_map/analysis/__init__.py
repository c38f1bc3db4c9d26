"""The consensus engine: veto risk, power, inferred stance, sinkers, warnings, plan.

Pure functions over the domain model (networkx; no Qt). See docs/analysis.md for the model.
"""

from typing import TYPE_CHECKING

from consensus_map.analysis.result import Assessment, DealAnalysis, DealWarning, PlanStep

if TYPE_CHECKING:
    from consensus_map.analysis.engine import analyze
    from consensus_map.analysis.plan import engagement_plan


def __getattr__(name: str) -> object:
    # The engine needs networkx (~200 ms to import). The app's window, which only needs the
    # result records to start, shows the map first and loads the engine just after.
    if name == "analyze":
        from consensus_map.analysis.engine import analyze

        return analyze
    if name == "engagement_plan":
        from consensus_map.analysis.plan import engagement_plan

        return engagement_plan
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Assessment",
    "DealAnalysis",
    "DealWarning",
    "PlanStep",
    "analyze",
    "engagement_plan",
]
