"""What the consensus engine answers: plain, frozen, JSON-ready records.

These are the contract between the engine, the CLI (`risks --json`, `plan --json`) and the
app's risk panel and canvas. Field names follow SPEC.md's JSON keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from consensus_map.domain import BuyerMode, Readiness, Role, Stance


@dataclass(frozen=True, slots=True)
class Assessment:
    """The engine's view of one person.

    The fields after `introducer` came with analysis version 2; they have defaults only so
    that records built by hand in tests stay short.
    """

    id: str
    name: str
    role: Role
    readiness: Readiness
    stance: Stance
    inferred_stance: Stance  # the stated stance, or for `unknown` a label from the lean
    lean: float  # in [-1, 1]; positive = toward the change
    attends: bool
    engaged: bool  # readiness above unengaged (or treated so by a what-if)
    gap: int  # ladder steps below the deal's target readiness
    power: float  # in [0, 1]
    veto_risk: float  # in [0, 1]
    sinker: bool
    reasons: tuple[str, ...]  # plain language, most important first
    action: str  # one action for the seller ("" when nothing is needed)
    introducer: str | None  # id of whom to ask for an introduction, or None (meet directly)
    mode: BuyerMode = BuyerMode.UNKNOWN
    in_decision: bool = True  # in the deciding group (signs, attends, or sways one who does)
    full_voice: bool = True  # signs or attends (else in the group only by swaying someone)
    effective_readiness: Readiness = Readiness.UNENGAGED  # after recency; the gap is from it
    guess: bool = False  # inferred_stance is a guess (supporter or skeptic from colleagues)
    title: str = ""
    concern: str = ""


@dataclass(frozen=True, slots=True)
class DealWarning:
    """A red flag; `code` is one of SPEC's warning codes."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class DealAnalysis:
    """The whole answer for a deal at one moment."""

    consensus_probability: float  # in [0, 1]
    sinkers: tuple[str, ...]  # ids, by veto risk, highest first
    warnings: tuple[DealWarning, ...]
    stakeholders: tuple[Assessment, ...]  # in a stable order (name, then id)
    engaged_by_what_if: tuple[str, ...] = ()  # ids treated as engaged without editing
    # The honest headline: the band of the probability, and the 10th–90th percentile range
    # of a sensitivity run over the model's documented weight ranges (contains the figure).
    consensus_band: str = "strong"  # very_low, low, fair, good, strong
    consensus_range: tuple[float, float] = (1.0, 1.0)

    @property
    def in_decision_count(self) -> int:
        """How many people are in the deciding group (0: nothing has been weighed)."""
        return sum(1 for item in self.stakeholders if item.in_decision)

    def assessment(self, person_id: str) -> Assessment | None:
        for item in self.stakeholders:
            if item.id == person_id:
                return item
        return None


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One meeting in the engagement plan and the consensus probability after it."""

    id: str
    name: str
    introducer: str | None
    consensus_probability: float
    probability_before: float = 0.0  # the consensus probability before this meeting
    via: str | None = None  # kept for v1 readers: always None (introductions are direct)
    readiness_after: Readiness = Readiness.AWARE  # one step up from their effective readiness
    action: str = ""  # what to do in this meeting, in the risk card's words
