"""The sales vocabulary of SPEC.md as enums: role, readiness, stance, influence, buyer mode,
tie kind, stage.

Values are exactly the strings the SPEC, the file and the JSON use.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A person's formal part in the decision."""

    DECISION_MAKER = "decision_maker"
    EXECUTIVE = "executive"
    DECISION_SHAPER = "decision_shaper"
    GATEKEEPER = "gatekeeper"
    END_USER = "end_user"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.DECISION_MAKER: "decision-maker",
    Role.EXECUTIVE: "executive",
    Role.DECISION_SHAPER: "decision-shaper",
    Role.GATEKEEPER: "gatekeeper",
    Role.END_USER: "end user",
    Role.OTHER: "other",
}


class Readiness(StrEnum):
    """Where a person is in the buying conversation; declaration order is the ladder."""

    UNENGAGED = "unengaged"
    AWARE = "aware"
    EXPLORING = "exploring"
    ALIGNED = "aligned"
    COMMITTED = "committed"

    @property
    def rank(self) -> int:
        """0 for `unengaged` up to 4 for `committed`."""
        return _READINESS_ORDER.index(self)

    @property
    def engaged(self) -> bool:
        return self is not Readiness.UNENGAGED

    def gap_to(self, target: Readiness) -> int:
        """Ladder steps from here up to `target`; 0 when at or above it."""
        return max(0, target.rank - self.rank)

    @property
    def label(self) -> str:
        return self.value


_READINESS_ORDER: list[Readiness] = list(Readiness)


class Stance(StrEnum):
    """What a person thinks of the change, as far as the seller knows."""

    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    BLOCKER = "blocker"
    UNKNOWN = "unknown"

    @property
    def lean(self) -> float:
        """Stated stance as a lean in [-1, 1]; `unknown` is 0 (no evidence)."""
        return _STANCE_LEAN[self]

    @property
    def label(self) -> str:
        return self.value


_STANCE_LEAN = {
    Stance.CHAMPION: 1.0,
    Stance.SUPPORTER: 0.5,
    Stance.NEUTRAL: 0.0,
    Stance.SKEPTIC: -0.5,
    Stance.BLOCKER: -1.0,
    Stance.UNKNOWN: 0.0,
}


class Influence(StrEnum):
    """The seller's rating of a person's informal clout."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class BuyerMode(StrEnum):
    """Does this person see a reason to change (Blue Sheet's response modes)."""

    GROWTH = "growth"  # sees a gap between today and a better result: receptive
    TROUBLE = "trouble"  # something is going wrong now and must be fixed: most receptive
    EVEN_KEEL = "even_keel"  # sees no gap, content with today: resists change
    OVERCONFIDENT = "overconfident"  # thinks things are better than they are: resists most
    UNKNOWN = "unknown"  # not yet learned

    @property
    def label(self) -> str:
        return _MODE_LABELS[self]


_MODE_LABELS = {
    BuyerMode.GROWTH: "growth",
    BuyerMode.TROUBLE: "trouble",
    BuyerMode.EVEN_KEEL: "even keel",
    BuyerMode.OVERCONFIDENT: "overconfident",
    BuyerMode.UNKNOWN: "mode unknown",
}


class TieKind(StrEnum):
    """How two people relate. `ally` and `rival` are symmetric."""

    REPORTS_TO = "reports_to"
    INFLUENCES = "influences"
    ALLY = "ally"
    RIVAL = "rival"

    @property
    def symmetric(self) -> bool:
        return self is TieKind.ALLY or self is TieKind.RIVAL

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class DealStage(StrEnum):
    """Where the deal is in the sales process; declaration order is the process."""

    PROSPECTING = "prospecting"
    DISCOVERY = "discovery"
    CONSENSUS = "consensus"
    PRESENTATION = "presentation"
    DECISION = "decision"

    @property
    def rank(self) -> int:
        return list(DealStage).index(self)
