"""Every number of the consensus model (version 2), named and explained in one place.

docs/analysis.md walks through them with the reason for each and a worked example; change a
number here and the document with it. Nothing in this module computes: it is the model's
calibration. The weights a seller's judgement could reasonably set differently are gathered
in `RiskWeights`, each with a documented range in `WEIGHT_RANGES`: the sensitivity run
(`sensitivity.py`) varies them together to give the consensus range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from consensus_map.domain import BuyerMode, DealStage, Influence, Readiness, Role, Stance

MODEL_VERSION = 2

# ------------------------------------------------------------------ deciding group
# Who signs (SPEC item 1): a formal sign-off is in effect a veto (CEB: 5.4 sign-offs).
SIGNER_ROLES = frozenset({Role.DECISION_MAKER, Role.EXECUTIVE, Role.GATEKEEPER})
# A tie must be at least this strong to bring someone into the decision.
GROUP_MIN_STRENGTH = 1.0
# Someone in the group only because they sway a signer or an attendee is at most this many
# ties away from one.
GROUP_HOPS = 2

# --------------------------------------------------------------------------- power
# Formal weight of a role. The decision-maker signs and owns the budget.
ROLE_WEIGHT: dict[Role, float] = {
    Role.DECISION_MAKER: 1.0,
    Role.EXECUTIVE: 0.8,
    Role.GATEKEEPER: 0.6,  # can stop it without choosing it: legal, security, procurement
    Role.DECISION_SHAPER: 0.5,
    Role.END_USER: 0.3,
    Role.OTHER: 0.2,
}

# The seller's rating of informal clout (Blue Sheet "degree of influence").
INFLUENCE_WEIGHT: dict[Influence, float] = {
    Influence.LOW: 0.0,
    Influence.MEDIUM: 0.5,
    Influence.HIGH: 1.0,
}

# Power = POWER_ROLE * role + POWER_INFLUENCE * rating + POWER_NETWORK * network.
# The network share is the largest so that "a person who sways three attendees outweighs a
# title with no ties" (SPEC).
POWER_ROLE = 0.40
POWER_INFLUENCE = 0.15
POWER_NETWORK = 0.45

# How strongly a tie carries opinion, for the network term (u sways v).
MANAGER_SWAY = 2.0  # a manager sways their report like a normal-strength tie
REPORT_SWAY = 1.0  # a report is heard by their manager like a weak tie
# A person's own mind, as a tie weight: one normal tie (2) controls half of a person.
OWN_MIND = 2.0
# Influence that reaches a target through one intermediary counts half.
SECOND_HOP = 0.5
# network = 1 - exp(-reach / REACH_SCALE): one fully swayed target ≈ 0.63.
REACH_SCALE = 1.0

# ------------------------------------------------------------------------- stance
# Evidence weights for a lean, by how a neighbour is tied to the person (rival inverts).
LEAN_FROM_MANAGER = 2.0  # people echo their manager's view
LEAN_FROM_REPORT = 1.0
LEAN_FROM_SWAYED = 0.5  # the people one sways say a little about one's own view
# A neighbour's inferred lean is half as reliable as a stated stance.
INFERRED_EVIDENCE = 0.5
# Weight of "no opinion yet" in every average: one weak tie is not certainty.
LEAN_PRIOR = 1.0
# An inferred lean reads as `supporter` or `skeptic` beyond these; never champion or
# blocker (only the seller can record those).
INFER_SUPPORTER = 0.25
INFER_SKEPTIC = -0.25
# Propagation stops when no lean moves by more than this (or after LEAN_ROUNDS rounds).
LEAN_TOLERANCE = 1e-12
LEAN_ROUNDS = 200

# ------------------------------------------------------------------------ recency
# An engaged person not met for a full STALE_AFTER counts one readiness step lower per full
# period (never below `aware`): relationships cool.
STALE_AFTER = timedelta(days=30)

# --------------------------------------------------------------------------- risk
# risk = 1 - (1 - readiness risk) * (1 - opinion risk), times the voice.
#
# Readiness risk: strangers at a presentation cannot agree to what they hear first there.
#   hazard = GAP_HAZARD[gap] * gap_scale * stance factor * power factor * attends * mode
#            * (1 - backing_relief * backing);  readiness risk = 1 - exp(-hazard)
GAP_HAZARD: tuple[float, ...] = (0.0, 0.15, 0.30, 0.45, 0.60)
# stance factor for a stated stance: 1 - stance_spread * lean (champion 0.5 … blocker 1.5).
# For an unknown stance: UNKNOWN_FACTOR * (1 - INFERRED_SHARE * stance_spread * lean): a
# stranger is a little riskier than a known neutral, and a guess moves it by a quarter at
# most either way ("unknown is not safe").
UNKNOWN_FACTOR = 1.1
INFERRED_SHARE = 0.5
# power factor = POWER_FLOOR + power_slope * power: the floor keeps anyone below the target
# at risk whatever their role.
POWER_FLOOR = 0.1
# Buyer mode (Blue Sheet): factor = 1 + mode_spread * effect. Trouble is the most receptive,
# overconfident resists most.
MODE_EFFECT: dict[BuyerMode, float] = {
    BuyerMode.TROUBLE: -0.3,
    BuyerMode.GROWTH: -0.15,
    BuyerMode.UNKNOWN: 0.0,
    BuyerMode.EVEN_KEEL: 0.3,
    BuyerMode.OVERCONFIDENT: 0.5,
}
# Backing: engaged champions (1.0) and supporters (0.6) tied to a person carry the message;
# one tie's part is weight * strength / (strength + BACKING_HALF).
CARRIER_WEIGHT: dict[Stance, float] = {Stance.CHAMPION: 1.0, Stance.SUPPORTER: 0.6}
BACKING_HALF = 3.0  # a strong tie (3) from a champion gives half of full backing
#
# Opinion risk: what the person thinks of the change, whatever their readiness. Recorded
# stance is the strongest evidence the seller has.
#   blocker   blocker_risk + OPINION_POWER[blocker] * power   (≥ 0.75 always: SPEC)
#   skeptic   skeptic_risk + OPINION_POWER[skeptic] * power   (≥ 0.2 always: SPEC)
#   neutral   (NEUTRAL_RISK + OPINION_POWER[neutral] * power) * mode
#   unknown   unknown_risk * (1 - UNKNOWN_LEAN_SHARE * lean) * mode
#   supporter SUPPORTER_RISK + OPINION_POWER[supporter] * power
#   champion  CHAMPION_RISK + OPINION_POWER[champion] * power   (a few percent at most)
OPINION_POWER: dict[Stance, float] = {
    Stance.BLOCKER: 0.10,
    Stance.SKEPTIC: 0.15,
    Stance.NEUTRAL: 0.02,
    Stance.SUPPORTER: 0.02,
    Stance.CHAMPION: 0.01,
    Stance.UNKNOWN: 0.0,
}
NEUTRAL_RISK = 0.02
SUPPORTER_RISK = 0.01
CHAMPION_RISK = 0.005
UNKNOWN_LEAN_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class RiskWeights:
    """The hand-set weights of the veto risk that the sensitivity run varies together."""

    gap_scale: float = 1.0  # how steeply the readiness gap drives risk
    power_slope: float = 1.5  # how much power multiplies the readiness risk
    attends: float = 1.3  # the room where strangers hear it first
    stance_spread: float = 0.5  # how far stance moves the readiness risk
    mode_spread: float = 1.0  # how far buyer mode moves it
    backing_relief: float = 0.4  # the most that backing takes off (never all of it)
    unknown_risk: float = 0.035  # an unknown stance at the target
    skeptic_risk: float = 0.25  # a recorded skeptic, whatever their readiness
    blocker_risk: float = 0.8  # a recorded blocker, whatever their readiness
    swayer_voice: float = 0.35  # the own voice of someone in the group only by swaying


NOMINAL = RiskWeights()

# Each weight's documented range (docs/analysis.md says why). The floors the SPEC demands
# (blocker ≥ 0.75, skeptic ≥ 0.2 for full voices) hold at every point of these ranges.
WEIGHT_RANGES: dict[str, tuple[float, float]] = {
    "gap_scale": (0.75, 1.25),
    "power_slope": (1.1, 1.9),
    "attends": (1.1, 1.5),
    "stance_spread": (0.35, 0.65),
    "mode_spread": (0.6, 1.4),
    "backing_relief": (0.25, 0.55),
    "unknown_risk": (0.02, 0.05),
    "skeptic_risk": (0.2, 0.32),
    "blocker_risk": (0.75, 0.85),
    "swayer_voice": (0.2, 0.5),
}
# The sensitivity run: this many weight settings (a Halton sequence, so the same every time)
# and the percentiles reported as the range.
SENSITIVITY_SAMPLES = 32
RANGE_PERCENTILES = (0.10, 0.90)

# A deal-sinker: in the deciding group with at least this veto risk, whatever their readiness.
MATERIAL_RISK = 0.10

# --------------------------------------------------------------------- introducers
REPORTS_TO_CLOSENESS_STRENGTH = 2.0  # a manager or a report is a normal-strength tie

# ------------------------------------------------------------------------ warnings
# Where each person should be by each deal stage (seller_ahead fires at 2+ steps behind).
STAGE_EXPECTS: dict[DealStage, Readiness] = {
    DealStage.PROSPECTING: Readiness.AWARE,
    DealStage.DISCOVERY: Readiness.EXPLORING,
    DealStage.CONSENSUS: Readiness.ALIGNED,
    DealStage.PRESENTATION: Readiness.ALIGNED,
    DealStage.DECISION: Readiness.COMMITTED,
}
SELLER_AHEAD_STEPS = 2
# Names listed in one warning or reason before "and N others" (enough for any committee).
NAMES_LISTED = 8
