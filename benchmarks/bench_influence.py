""" "Arrange by influence": the pure-Python layout against networkx's spring layout.

    .venv/bin/python benchmarks/bench_influence.py [--sizes 10 50 500 2000]

The baseline is the layout the app used before (networkx `spring_layout`, seeded, with the
same iteration cap, scaled the same way, then the same overlap removal); it runs only
where numpy and scipy are installed (`pip install -e ".[bench]"`). Both lay out the same
generated account maps (benchmarks/account_maps.py: a reports-to tree plus about two
influence, ally or rival ties per person).

Quality, on the positions the user sees (after overlap removal):
- stress: how far distances on the map stray from steps in the network, normalised and
  scale-free (the best uniform scale is applied first); 0 is perfect. This is the measure
  that matches the promise "people who sway each other sit together", and the one force
  layouts are judged by in the literature (Gansner, Koren & North 2004). Sampled from 50
  people on big maps.
- crossings: tie crossings per tie (sampled pairs on big maps), for readability.
- moved: mean distance overlap removal had to move people, in box widths: how cramped
  the force layout left the map.
- tie: median tie length, in box widths: how spread out (long ties mean a sparse map).
Speed: seconds for the whole `influence_layout` (median of a few runs on small maps).
Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections import deque
from collections.abc import Callable

from account_maps import account_map

from consensus_map.domain import Deal
from consensus_map.layout import geometry
from consensus_map.layout.geometry import NODE_WIDTH, Point
from consensus_map.layout.influence import influence_layout

Layout = Callable[[Deal], dict[str, Point]]


def networkx_layout(deal: Deal, seed: int = 0) -> dict[str, Point]:
    """The app's previous "Arrange by influence", verbatim (needs numpy, and scipy ≥ 500)."""
    import networkx as nx

    people = deal.stakeholders
    graph = nx.Graph()
    order = sorted(people, key=lambda p: (p.name.casefold(), p.id))
    graph.add_nodes_from(p.id for p in order)
    for tie in sorted(deal.ties, key=lambda t: (t.source, t.target, t.kind.value)):
        a, b = tie.source, tie.target
        weight = graph[a][b]["weight"] if graph.has_edge(a, b) else 0.0
        graph.add_edge(a, b, weight=weight + tie.strength)
    iterations = max(8, min(50, 50 * 300 // len(people)))
    raw = nx.spring_layout(
        graph, weight="weight", seed=seed, iterations=iterations, scale=1.0, center=(0.0, 0.0)
    )
    half_side = math.sqrt(2 * len(people)) / 2
    sx = half_side * (geometry.NODE_WIDTH + geometry.H_GAP)
    sy = half_side * (geometry.NODE_HEIGHT + geometry.V_GAP)
    scaled = {
        pid: (round(float(x) * sx, 1), round(float(y) * sy, 1)) for pid, (x, y) in raw.items()
    }
    settle = sorted(order, key=lambda p: (-graph.degree(p.id), p.name.casefold(), p.id))
    placed = geometry.spread_apart(scaled, [p.id for p in settle])
    return {p.id: placed[p.id] for p in people}


class MovedBySpread:
    """Wraps spread_apart to record how far it moved people (the cramping of a layout)."""

    def __init__(self) -> None:
        self.moved: list[float] = []
        self._real = geometry.spread_apart

    def __enter__(self) -> MovedBySpread:
        def watched(
            positions: dict[str, Point], order: list[str], gap: float = 0.0
        ) -> dict[str, Point]:
            placed = self._real(positions, order, gap)
            self.moved = [math.dist(positions[p], placed[p]) / NODE_WIDTH for p in placed]
            return placed

        geometry.spread_apart = watched  # type: ignore[assignment]
        import consensus_map.layout.influence as influence

        influence.spread_apart = watched  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        import consensus_map.layout.influence as influence

        geometry.spread_apart = self._real
        influence.spread_apart = self._real  # type: ignore[assignment]


def neighbours(deal: Deal) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {p.id: set() for p in deal.stakeholders}
    for tie in deal.ties:
        found[tie.source].add(tie.target)
        found[tie.target].add(tie.source)
    return found


def stress(deal: Deal, pos: dict[str, Point], sources: int = 50) -> float:
    """Normalised stress over pairs joined by a path, from up to `sources` people."""
    graph = neighbours(deal)
    ids = sorted(graph)
    rng = random.Random(1)
    picked = ids if len(ids) <= sources else rng.sample(ids, sources)
    pairs: list[tuple[float, float]] = []  # (network steps, map distance)
    for source in picked:
        hops = {source: 0}
        queue = deque([source])
        while queue:
            here = queue.popleft()
            for there in graph[here]:
                if there not in hops:
                    hops[there] = hops[here] + 1
                    queue.append(there)
        pairs += [(h, math.dist(pos[source], pos[t])) for t, h in hops.items() if t != source]
    if not pairs:
        return 0.0
    # Weights 1/d²; the scale that minimises stress is Σ(x/d) / Σ(x²/d²).
    scale = sum(x / d for d, x in pairs) / (sum((x / d) ** 2 for d, x in pairs) or 1.0)
    return sum(((scale * x - d) / d) ** 2 for d, x in pairs) / len(pairs)


def _cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    def turn(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    return turn(p, q, r) * turn(p, q, s) < 0 and turn(r, s, p) * turn(r, s, q) < 0


def crossings_per_tie(deal: Deal, pos: dict[str, Point], max_pairs: int = 300_000) -> float:
    edges = sorted({tuple(sorted((t.source, t.target))) for t in deal.ties})
    if len(edges) < 2:
        return 0.0
    total = len(edges) * (len(edges) - 1) // 2
    rng = random.Random(2)
    if total <= max_pairs:
        pairs = [(a, b) for i, a in enumerate(edges) for b in edges[i + 1 :]]
    else:
        pairs = [tuple(rng.sample(edges, 2)) for _ in range(max_pairs)]  # type: ignore[misc]
    crossed = sum(
        1
        for (a, b), (c, d) in pairs
        if len({a, b, c, d}) == 4 and _cross(pos[a], pos[b], pos[c], pos[d])
    )
    return crossed * (total / len(pairs)) / len(edges)


def median_tie(deal: Deal, pos: dict[str, Point]) -> float:
    lengths = [math.dist(pos[t.source], pos[t.target]) / NODE_WIDTH for t in deal.ties]
    return statistics.median(lengths) if lengths else 0.0


def measure(layout: Layout, deal: Deal, rounds: int) -> dict[str, float]:
    times = []
    for _ in range(rounds):
        with MovedBySpread() as spread:
            start = time.perf_counter()
            pos = layout(deal)
            times.append(time.perf_counter() - start)
    return {
        "seconds": statistics.median(times),
        "stress": stress(deal, pos),
        "crossings": crossings_per_tie(deal, pos),
        "moved": statistics.mean(spread.moved),
        "tie": median_tie(deal, pos),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 500, 2000])
    args = parser.parse_args()
    layouts: list[tuple[str, Layout]] = [("pure Python (app)", influence_layout)]
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401

        layouts.append(("networkx spring_layout", networkx_layout))
    except ImportError:
        print("numpy/scipy not installed: no networkx baseline (pip install -e '.[bench]')")
    header = f"{'people':>6}  {'layout':<24} {'seconds':>8} {'stress':>7} {'cross/tie':>9}"
    print(header + f" {'moved':>6} {'tie':>5}")
    for size in args.sizes:
        deal = account_map(size)
        rounds = 5 if size <= 100 else 1
        for name, layout in layouts:
            m = measure(layout, deal, rounds)
            print(
                f"{size:>6}  {name:<24} {m['seconds']:>8.3f} {m['stress']:>7.3f}"
                f" {m['crossings']:>9.2f} {m['moved']:>6.2f} {m['tie']:>5.2f}"
            )


if __name__ == "__main__":
    main()
