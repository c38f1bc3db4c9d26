"""Power: role, the seller's influence rating, and where a person's opinion reaches.

The network term is a personalized walk on the reversed sway graph of the deciding group,
truncated at two steps: start at each signer and presentation attendee (the targets), step
back to whoever sways them in proportion to tie weight (each target keeps OWN_MIND), and
count how much of the targets' opinion a person holds, directly or through one intermediary.
Unlike a full PageRank it is not normalized over the whole map (adding a stranger elsewhere
changes no one's power), it never counts a person's echo of themselves, and every part of
it can be named in a reason ("sways Chris Park (CFO)"). People outside the deciding group
reach no target within two ties by definition: their network term is 0. Power does not
depend on readiness, so the plan computes it once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from consensus_map.analysis import model
from consensus_map.analysis.committee import Committee


@dataclass(frozen=True, slots=True)
class Power:
    """One person's power and the parts it is made of, for the reasons."""

    value: float  # in [0, 1]
    network: float  # in [0, 1)
    reach: float  # targets' opinion held, directly plus SECOND_HOP through others
    sways: tuple[str, ...]  # targets swayed directly, biggest share first
    # Further targets reached through one intermediary: the first NAMES_LISTED of them in
    # canonical order (what a reason names), and how many there are in all.
    reaches: tuple[str, ...]
    reach_count: int = 0


def compute_power(committee: Committee) -> dict[str, Power]:
    people = committee.people
    group = committee.group
    # Targets: signers and attendees (the full voices of the deciding group).
    target = {p: 1.0 if p in group and group[p].full_voice else 0.0 for p in people}
    # share[u][v]: the part of v's opinion that u holds, among the deciding group only. The
    # reversed view's adjacency hands over each person's sway sources with their edge data in
    # one pass (much faster than `sway.pred[v]` per person), in the same order every time.
    share: dict[str, dict[str, float]] = {}
    for v, sources in committee.sway.reverse(copy=False).adjacency():
        if not sources:
            continue
        total = sum(d["weight"] for d in sources.values()) + model.OWN_MIND
        for u, d in sources.items():
            if u in share:
                share[u][v] = d["weight"] / total
            else:
                share[u] = {v: d["weight"] / total}
    no_shares: dict[str, float] = {}
    second_hop, scale = model.SECOND_HOP, model.REACH_SCALE
    # through[v]: what holding all of v is worth: v itself if a target, plus SECOND_HOP of
    # the targets' opinion v holds in one step. holds[v]: those targets, for the reasons.
    through: dict[str, float] = {}
    holds: dict[str, list[str]] = {}
    for v in people:
        shares = share.get(v)
        if shares is None:
            through[v] = target[v]
            continue
        held = [w for w in shares if target[w]]
        through[v] = target[v] + second_hop * sum(shares[w] for w in held)
        if held:
            holds[v] = held
    empty: list[str] = []

    role_part = {r: model.POWER_ROLE * w for r, w in model.ROLE_WEIGHT.items()}
    influence_part = {i: model.POWER_INFLUENCE * w for i, w in model.INFLUENCE_WEIGHT.items()}
    power_network = model.POWER_NETWORK
    # Canonical order as integers: sorting a few dozen ints beats a keyed selection.
    ids = list(people)
    rank = {p: i for i, p in enumerate(ids)}.__getitem__
    listed = model.NAMES_LISTED
    result: dict[str, Power] = {}
    for x, person in people.items():
        reach = 0.0
        swayed: list[tuple[float, str, str]] = []
        target_x = target[x]
        shares_x = share.get(x, no_shares)
        # Everyone reached through one intermediary, in one call (no update per step).
        further: set[str] = set().union(*[holds.get(v, empty) for v in shares_x])
        for v, s in shares_x.items():
            # Through v, minus anything that comes back to x itself (only a target's echo
            # counts: for anyone else there is nothing to take away).
            if target_x:
                reach += s * (through[v] - second_hop * share.get(v, no_shares).get(x, 0.0))
            else:
                reach += s * through[v]
            if target[v]:
                swayed.append((-s, people[v].name, v))
        if len(swayed) > 1:
            swayed.sort()
        # Lists, not generators, for the tuples: this runs for every person of the map.
        sways = tuple([item[2] for item in swayed]) if swayed else ()
        if further:
            further.discard(x)
            if sways:
                further.difference_update(sways)
        network = 1.0 - math.exp(-reach / scale)
        value = role_part[person.role] + influence_part[person.influence] + power_network * network
        result[x] = Power(
            value=min(1.0, value),
            network=network,
            reach=reach,
            sways=sways,
            reaches=tuple([ids[i] for i in sorted(map(rank, further))[:listed]]) if further else (),
            reach_count=len(further),
        )
    return result
