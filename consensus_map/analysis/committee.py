"""The committee as the engine sees it: people in a canonical order, who has a say, tie views.

Built once per analysis from a Deal. Every list here is in a canonical order (people by name
then id, ties by key) so that sums, ties and output never depend on the order people were
added to the deal: the same committee gives the same numbers, byte for byte.

The deciding group (SPEC item 1) is fixed here, and every view the risk reads — who sways
whom, the evidence for a lean, who can carry the message — is restricted to it, so that a
person outside the decision can never move the lean or risk of anyone in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

import networkx as nx

from consensus_map.analysis import model
from consensus_map.analysis.recency import Recency, effective_readiness
from consensus_map.domain import Deal, Readiness, Stakeholder, Stance, TieKind

# Read-only by convention: built here as lists and never changed after.
Weighted = Sequence[tuple[str, float]]
# (neighbour, signed weight, how the neighbour is tied to the person): one piece of evidence
# for a lean. The relation words the guess ("Dana Ruiz, your champion, sways them").
Evidence = Sequence[tuple[str, float, str]]
# How u's opinion reaches v, from u's side, most telling first when two ties join them.
SWAYS, MANAGES, REPORTS_TO, ALLY_OF = "sways", "manages", "reports_to", "ally_of"
SWAYS_THEM, THEIR_MANAGER, THEIR_REPORT, THEIR_ALLY, THEIR_RIVAL, SWAYED_BY_THEM = (
    "sways_them",
    "manager",
    "report",
    "ally",
    "rival",
    "swayed_by_them",
)
# The evidence relations in which the neighbour sways the person.
_SWAYED_BY_NEIGHBOUR = frozenset({SWAYS_THEM, THEIR_MANAGER, THEIR_REPORT, THEIR_ALLY})
_tie_key = attrgetter("key")


@dataclass(frozen=True, slots=True)
class Membership:
    """Why a person is in the deciding group."""

    signs: bool  # decision-maker, executive or gatekeeper
    attends: bool
    # For people in only because they sway someone: the chain to a signer or attendee,
    # (swayed,) or (intermediary, swayed); the relation of each link is `Committee.relation`.
    sways_via: tuple[str, ...] = ()

    @property
    def full_voice(self) -> bool:
        return self.signs or self.attends


@dataclass(frozen=True, slots=True)
class Committee:
    """People (what-if applied), who decides, and the views of their ties the model reads."""

    people: dict[str, Stakeholder]  # insertion order = canonical order (name, then id)
    target: Readiness
    today: date
    recency: dict[str, Recency]  # effective readiness and why, for everyone
    group: dict[str, Membership]  # the deciding group, canonical order
    # The deciding group's sway graph: u → v, weight = how strongly u's opinion carries to v
    # (influences, reports_to both ways, ally both ways). Power is read from it.
    sway: nx.DiGraph
    # (u, v) → how u's opinion reaches v (SWAYS, MANAGES, REPORTS_TO, ALLY_OF), for wording.
    relation: dict[tuple[str, str], str]
    # For a person: (neighbour, signed weight, relation) — the evidence their lean is drawn
    # from and passed on through (only neighbours in the group for people in the group).
    lean_evidence: dict[str, Evidence]
    # For a person in the group: the stated stances of people in the group only because they
    # sway someone, over the ties by which they sway this person. Such a voice acts through
    # those it sways and no further (SPEC item 1): it moves their lean but is not passed on.
    # This also keeps a new tie from a champion from lowering anyone's lean by pulling the
    # champion into the group together with their rivalries.
    direct_evidence: dict[str, Evidence]
    # In the group only: (neighbour, strength) of ties a neighbour can carry the message over.
    carriers: dict[str, Weighted]
    # The reverse of `carriers`: whom a person could carry the message to.
    carries_to: dict[str, Sequence[str]]
    # Everyone, rival ties excluded: (neighbour, strength) of influences and ally ties.
    peers: dict[str, Weighted]
    managers: dict[str, str]  # report → manager
    reports: dict[str, Sequence[str]]  # manager → reports, canonical order
    rivals: dict[str, frozenset[str]]  # a person's rivals (both ends of every rival tie)
    what_if: tuple[str, ...]  # ids treated as engaged, canonical order

    def name(self, person_id: str) -> str:
        return self.people[person_id].name

    def effective(self, person_id: str) -> Readiness:
        return self.recency[person_id].effective

    def in_decision(self, person_id: str) -> bool:
        return person_id in self.group

    def are_rivals(self, a: str, b: str) -> bool:
        found = self.rivals.get(a)
        return found is not None and b in found


def engaged_readiness(person: Stakeholder, target: Readiness) -> Readiness:
    """Where a what-if moves a person: the target (never down; never `unengaged`)."""
    rank = max(person.readiness.rank, target.rank, Readiness.AWARE.rank)
    return list(Readiness)[rank]


def is_signer(person: Stakeholder) -> bool:
    return person.role in model.SIGNER_ROLES


def build_committee(deal: Deal, engage: Iterable[str] = (), today: date | None = None) -> Committee:
    """The canonical committee of `deal`, with the people in `engage` treated as engaged."""
    day = today if today is not None else date.today()
    target = deal.info.target_readiness
    chosen = list(dict.fromkeys(engage))
    for person_id in chosen:
        deal.stakeholder(person_id)  # unknown id → DealError, one plain line
    ordered = sorted(deal.stakeholders, key=lambda p: (p.name, p.id))
    wanted = set(chosen)
    people: dict[str, Stakeholder] = {}
    recency: dict[str, Recency] = {}
    for person in ordered:
        if person.id in wanted:
            # Treated as met at the target just now: no recency discount.
            person = person.replace(readiness=engaged_readiness(person, target), last_contact=day)
        people[person.id] = person
        recency[person.id] = effective_readiness(person, day)

    ties = sorted(deal.ties, key=_tie_key)
    managers: dict[str, str] = {}
    reports: dict[str, list[str]] = {}
    rivals: dict[str, set[str]] = {}
    # Each way one person's opinion reaches another: (u, v, weight, tie strength), by kind,
    # most telling kind first so that `relation` keeps the best word for each pair.
    influences: list[tuple[str, str, float, float]] = []
    manages: list[tuple[str, str, float, float]] = []
    reports_to: list[tuple[str, str, float, float]] = []
    allies: list[tuple[str, str, float, float]] = []
    manager_sway, report_sway = model.MANAGER_SWAY, model.REPORT_SWAY
    for tie in ties:
        a, b, w, kind = tie.source, tie.target, tie.strength, tie.kind
        if kind is TieKind.INFLUENCES:
            influences.append((a, b, w, w))
        elif kind is TieKind.REPORTS_TO:  # a reports to b
            managers[a] = b
            reports.setdefault(b, []).append(a)
            manages.append((b, a, manager_sway, w))
            reports_to.append((a, b, report_sway, w))
        elif kind is TieKind.ALLY:
            allies.append((a, b, w, w))
            allies.append((b, a, w, w))
        else:
            rivals.setdefault(a, set()).add(b)
            rivals.setdefault(b, set()).add(a)

    # u → {v: weight}: how strongly u's opinion carries to v (influences, reports_to, ally).
    sway_out: dict[str, dict[str, float]] = {}
    # For the group: v ← u over ties of strength ≥ GROUP_MIN_STRENGTH.
    swayed_by: dict[str, list[str]] = {}
    relation: dict[tuple[str, str], str] = {}
    minimum = model.GROUP_MIN_STRENGTH
    for how, links in ((SWAYS, influences), (MANAGES, manages), (REPORTS_TO, reports_to),
                       (ALLY_OF, allies)):  # fmt: skip
        for u, v, w, strength in links:
            out = sway_out.get(u)
            if out is None:
                sway_out[u] = {v: w}
            else:
                out[v] = out.get(v, 0.0) + w
            if strength >= minimum:
                found = swayed_by.get(v)
                if found is None:
                    swayed_by[v] = [u]
                else:
                    found.append(u)
            relation.setdefault((u, v), how)

    group = _deciding_group(people, swayed_by)
    order = {p: i for i, p in enumerate(people)}
    for listed in reports.values():
        listed.sort(key=order.__getitem__)

    sway = nx.DiGraph()
    sway.add_nodes_from(group)
    sway.add_edges_from(
        (u, v, {"weight": w})
        for u in group  # canonical order
        for v, w in sway_out.get(u, {}).items()
        if v in group
    )

    lean: dict[str, list[tuple[str, float, str]]] = {p: [] for p in people}
    direct: dict[str, list[tuple[str, float, str]]] = {}
    acts_directly = {
        p
        for p, member in group.items()
        if not member.full_voice and people[p].stance is not Stance.UNKNOWN
    }
    carriers: dict[str, list[tuple[str, float]]] = {p: [] for p in group}
    carries_to: dict[str, list[str]] = {p: [] for p in group}
    peers: dict[str, list[tuple[str, float]]] = {p: [] for p in people}
    from_manager, from_report = model.LEAN_FROM_MANAGER, model.LEAN_FROM_REPORT
    from_swayed = model.LEAN_FROM_SWAYED

    # (person, neighbour, weight, relation) for leans; (carrier, to, strength) for backing.
    # Collected first and routed after: this runs for every tie of a 5,000-person map.
    said: list[tuple[str, str, float, str]] = []
    carried: list[tuple[str, str, float]] = []
    manager_sway, report_sway = model.MANAGER_SWAY, model.REPORT_SWAY
    for tie in ties:
        a, b, w, kind = tie.source, tie.target, tie.strength, tie.kind
        if kind is TieKind.INFLUENCES:
            said.append((b, a, w, SWAYS_THEM))
            said.append((a, b, from_swayed * w, SWAYED_BY_THEM))
            carried.append((a, b, w))
            peers[a].append((b, w))
            peers[b].append((a, w))
        elif kind is TieKind.REPORTS_TO:
            said.append((a, b, from_manager, THEIR_MANAGER))
            said.append((b, a, from_report, THEIR_REPORT))
            carried.append((b, a, manager_sway))
            carried.append((a, b, report_sway))
        elif kind is TieKind.ALLY:
            said.append((a, b, w, THEIR_ALLY))
            said.append((b, a, w, THEIR_ALLY))
            carried.append((a, b, w))
            carried.append((b, a, w))
            peers[a].append((b, w))
            peers[b].append((a, w))
        else:  # rival: opinions invert; no message is carried and no introduction made
            said.append((a, b, -w, THEIR_RIVAL))
            said.append((b, a, -w, THEIR_RIVAL))
    for whose, neighbour, weight, how in said:
        if whose not in group:
            lean[whose].append((neighbour, weight, how))
        elif neighbour not in group:
            pass  # people in the decision weigh only the evidence of others in it
        elif neighbour in acts_directly:
            if how in _SWAYED_BY_NEIGHBOUR:
                direct.setdefault(whose, []).append((neighbour, weight, how))
        else:
            lean[whose].append((neighbour, weight, how))
    for carrier, to, strength in carried:
        if carrier in group and to in group:
            carriers[to].append((carrier, strength))
            carries_to[carrier].append(to)
    # Two ties between the same pair (influences and ally) carry the message once.
    for p, reached in carries_to.items():
        if len(reached) > 1:
            carries_to[p] = list(dict.fromkeys(reached))
    return Committee(
        people=people,
        target=target,
        today=day,
        recency=recency,
        group=group,
        sway=sway,
        relation=relation,
        lean_evidence=dict(lean),
        direct_evidence=dict(direct),
        carriers=dict(carriers),
        carries_to=dict(carries_to),
        peers=dict(peers),
        managers=managers,
        reports=dict(reports),
        rivals={p: frozenset(r) for p, r in rivals.items()},
        what_if=tuple(p for p in people if p in wanted),
    )


def _deciding_group(
    people: dict[str, Stakeholder], swayed_by: dict[str, list[str]]
) -> dict[str, Membership]:
    """Signers, attendees, and whoever sways one of them in at most GROUP_HOPS ties."""
    core: dict[str, Membership] = {}
    for p, person in people.items():
        signs, attends = is_signer(person), person.attends
        if signs or attends:
            core[p] = Membership(signs, attends)
    # Breadth first from the core, backwards along sway: the first chain found is the
    # shortest, and the canonical order of people and ties makes it the same every time.
    chain: dict[str, tuple[str, ...]] = {}
    frontier = list(core)
    for _ in range(model.GROUP_HOPS):
        found: list[str] = []
        for v in frontier:
            for u in swayed_by.get(v, ()):
                if u in core or u in chain:
                    continue
                chain[u] = (v, *chain.get(v, ()))
                found.append(u)
        frontier = found
    return {
        p: core[p] if p in core else Membership(False, False, chain[p])
        for p in people
        if p in core or p in chain
    }
