"""The consensus engine: veto risk, power, inferred stance, sinkers, warnings, plan.

Pure functions over the domain model (networkx; no Qt). See docs/analysis.md for the model.
"""

from consensus_map.analysis.engine import analyze
from consensus_map.analysis.plan import engagement_plan
from consensus_map.analysis.result import Assessment, DealAnalysis, DealWarning, PlanStep

__all__ = [
    "Assessment",
    "DealAnalysis",
    "DealWarning",
    "PlanStep",
    "analyze",
    "engagement_plan",
]
