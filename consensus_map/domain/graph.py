"""A networkx view of a deal for the analysis (read-only; rebuilt after edits)."""

from __future__ import annotations

import networkx as nx

from consensus_map.domain.deal import Deal


def deal_graph(deal: Deal) -> nx.MultiDiGraph:
    """People as nodes (attribute `person`), ties as keyed edges.

    Edge key is the tie kind; attributes `kind`, `strength` and `tie`. Symmetric ties
    (ally, rival) appear in both directions with `mirrored=True` on the added one, so that
    a walk along out-edges sees them from either end.
    """
    graph = nx.MultiDiGraph()
    for person in deal.stakeholders:
        graph.add_node(person.id, person=person)
    for tie in deal.ties:
        attrs = {"kind": tie.kind, "strength": tie.strength, "tie": tie}
        graph.add_edge(tie.source, tie.target, key=tie.kind, mirrored=False, **attrs)
        if tie.kind.symmetric:
            graph.add_edge(tie.target, tie.source, key=tie.kind, mirrored=True, **attrs)
    return graph
