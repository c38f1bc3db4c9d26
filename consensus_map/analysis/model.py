"""Every number of the consensus model, named and explained in one place.

docs/analysis.md walks through them with a worked example; change a number here and the
document's example with it. Nothing in this module computes: it is the model's calibration.
"""

from __future__ import annotations

from datetime import timedelta

from consensus_map.domain import DealStage, Influence, Readiness, Role, Stance

# --------------------------------------------------------------------------- power
# Formal weight of a role. Every sign-off is in effect a veto (CEB), so even `other`
# keeps some; the decision-maker signs and owns the budget.
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
# title with no ties" (SPEC): 0.45 * 0.78 + small role beats 0.4 * 1.0 + 0.075.
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
# Thresholds that turn an inferred lean into a stance label.
INFER_CHAMPION = 0.75
INFER_SUPPORTER = 0.25
INFER_SKEPTIC = -0.25
INFER_BLOCKER = -0.75
# Propagation stops when no lean moves by more than this (or after LEAN_ROUNDS rounds).
LEAN_TOLERANCE = 1e-12
LEAN_ROUNDS = 200

# --------------------------------------------------------------------------- risk
# Exposure by gap (ladder steps below the target): strangers at a presentation cannot
# agree to what they hear for the first time, so exposure climbs steeply with the gap.
GAP_EXPOSURE: tuple[float, ...] = (0.0, 0.15, 0.3, 0.45, 0.6)
# Exposure from opposition (times -lean) when larger than the gap's: a blocker stays a risk
# even at the target (it does not add to the gap's, which the stance factor already scales).
OPPOSITION_EXPOSURE = 0.2
# stance factor = 1 - STANCE_WEIGHT * lean: champion 0.5, neutral 1, blocker 1.5.
STANCE_WEIGHT = 0.5
# power factor = POWER_FLOOR + POWER_SLOPE * power: 0.1 (no title, no ties) to 1.6; the
# floor keeps anyone below the target at risk whatever their role.
POWER_FLOOR = 0.1
POWER_SLOPE = 1.5
# Attending the presentation: the one place a stranger can sink it in front of everyone.
ATTENDS_FACTOR = 1.3
# Coverage: an engaged champion/supporter tied to the person can carry the message.
CARRIER_WEIGHT: dict[Stance, float] = {Stance.CHAMPION: 1.0, Stance.SUPPORTER: 0.6}
COVER_HALF = 3.0  # a strong tie (3) from a champion covers half
COVERAGE_RELIEF = 0.4  # full coverage takes 40% off the hazard, never all of it
# risk = 1 - exp(-hazard); hazard = exposure * stance * power * attends * (1 - relief).

# A deal-sinker: below the target with at least this veto risk.
MATERIAL_RISK = 0.10

# --------------------------------------------------------------------- introducers
# An introduction runs over at most this many ties (direct, or through one person).
MAX_INTRO_HOPS = 2
# closeness of one tie = strength / (strength + INTRO_HALF); a path multiplies them.
INTRO_HALF = 1.0
REPORTS_TO_CLOSENESS_STRENGTH = 2.0  # a manager or a report is a normal-strength tie
# An introduction through someone (who must be engaged too) counts half a direct one:
# the shorter path wins unless the direct tie is much weaker.
SECOND_HOP_INTRO = 0.5

# ------------------------------------------------------------------------ warnings
STALE_AFTER = timedelta(days=30)
# Where each person should be by each deal stage (seller_ahead fires at 2+ steps behind).
STAGE_EXPECTS: dict[DealStage, Readiness] = {
    DealStage.PROSPECTING: Readiness.AWARE,
    DealStage.DISCOVERY: Readiness.EXPLORING,
    DealStage.CONSENSUS: Readiness.ALIGNED,
    DealStage.PRESENTATION: Readiness.ALIGNED,
    DealStage.DECISION: Readiness.COMMITTED,
}
SELLER_AHEAD_STEPS = 2
# Names listed in one warning before "and N more".
WARNING_NAMES = 4
# Reasons: how many swayed people are named.
SWAYED_NAMES = 3
