"""Benchmark: the full relationship analysis on big generated maps, against bare networkx.

Run: ``.venv/bin/python -m benchmarks.bench_analysis [--accuracy] [--check]``

For 2,000 people / 10,000 ties and 5,000 / 20,000 it prints the time of a full
``analyse()`` (best of three), as a ratio to the bare networkx calls it stands
on, measured on the same graphs in the same run: PageRank (``nx.pagerank``, or
networkx's pure-Python PageRank when numpy is absent), betweenness with the same
number of sampled sources, and Louvain. Also the peak memory of each (tracemalloc)
and the time of one interactive ``paths_to`` query. Budgets: 1 s and 3 s.

``--accuracy`` also computes exact brokerage on the sampled maps (slow: about a
minute for the bigger one) and prints how many of the sampled top-10 brokers are
in the exact top 10 and top 25.
``--check`` exits non-zero if a budget is exceeded.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import networkx as nx

from stakemap.core.analysis import PathFinder, analyse, centrality
from stakemap.core.analysis.centrality import SEED, betweenness
from stakemap.core.analysis.graph import build_network
from stakemap.core.entities import Confidence, MapInfo, Relationship, RelationshipKind, Stakeholder, Trust
from stakemap.core.model import Map

CASES = [(2_000, 10_000, 1.0), (5_000, 20_000, 3.0)]
BOUNDARY = (1_000, 4_000)  # near the largest map whose brokerage is still exact: shown, no budget
KINDS = [
    (RelationshipKind.REPORTS_TO, 0.25),
    (RelationshipKind.ADVISES, 0.30),
    (RelationshipKind.ALLIES_WITH, 0.20),
    (RelationshipKind.INFORMAL, 0.15),
    (RelationshipKind.CONFLICTS_WITH, 0.10),
]


def generate(people: int, links: int, seed: int = 1) -> Map:
    """An organisation-like map: constituencies of ~40 people, 70% of ties inside one."""
    rnd = random.Random(seed)
    groups = max(2, people // 40)
    persons = {}
    for i in range(people):
        sid = f"p{i:05d}"
        persons[sid] = Stakeholder(
            f"Person {i}",
            constituency=f"Unit {i % groups}",
            rank=rnd.choice([None, 1, 2, 3, 4, 5, 6, 7, 8]),
            influence=rnd.uniform(0, 100),
            interest=rnd.uniform(0, 100),
            trust=rnd.choice(list(Trust)),
            id=sid,
        )
    members: list[list[str]] = [[] for _ in range(groups)]
    for i, sid in enumerate(persons):
        members[i % groups].append(sid)
    ids = list(persons)
    kinds, weights = zip(*KINDS, strict=True)
    ties: dict[str, Relationship] = {}
    seen: set[tuple[str, str, RelationshipKind]] = set()
    while len(ties) < links:
        if rnd.random() < 0.7:
            a, b = rnd.sample(members[rnd.randrange(groups)], 2)
        else:
            a, b = rnd.sample(ids, 2)
        kind = rnd.choices(kinds, weights)[0]
        if (a, b, kind) in seen or (b, a, kind) in seen:
            continue
        seen.add((a, b, kind))
        tie = Relationship(
            a,
            b,
            kind,
            directed=kind not in (RelationshipKind.ALLIES_WITH, RelationshipKind.INFORMAL)
            or rnd.random() < 0.3,
            strength=rnd.randint(1, 5),
            confidence=Confidence.ASSUMED if rnd.random() < 0.2 else Confidence.OBSERVED,
            id=f"r{len(ties):06d}",
        )
        ties[tie.id] = tie
    # Built directly: Map's per-edit duplicate check is quadratic, and these ties are unique.
    return Map(info=MapInfo(title="Benchmark", me_id=ids[0]), stakeholders=persons, relationships=ties)


def best_of(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def nx_pagerank() -> tuple[str, Callable[..., dict]]:
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401

        return "nx.pagerank", nx.pagerank
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return "nx pure-Python pagerank (no numpy)", _pagerank_python


def bench(people: int, links: int, budget: float | None, accuracy: bool) -> bool:
    m = generate(people, links)
    net = build_network(m)
    influence, contact = net.influence, net.contact  # the very graphs analyse() works on
    bc = betweenness(net.contact)
    k = None if bc.exact else bc.sources
    pr_name, nx_pr = nx_pagerank()

    def baseline() -> None:
        nx_pr(influence, weight="weight")
        nx.betweenness_centrality(contact, k=k, seed=SEED, normalized=False)
        nx.community.louvain_communities(contact, weight="weight", seed=SEED)

    ours, report = best_of(lambda: analyse(m))
    base, _ = best_of(baseline)
    steps = {
        "pagerank": (
            best_of(lambda: centrality.pagerank(influence))[0],
            best_of(lambda: nx_pr(influence, weight="weight"))[0],
        ),
        "betweenness": (
            best_of(lambda: betweenness(net.contact))[0],
            best_of(lambda: nx.betweenness_centrality(contact, k=k, seed=SEED, normalized=False))[0],
        ),
    }
    build_time, _ = best_of(lambda: build_network(m))
    finder = PathFinder(m, net)
    rnd = random.Random(7)
    pairs = [tuple(rnd.sample(net.connected_ids, 2)) for _ in range(10)]
    query_times = []
    for a, b in pairs:
        start = time.perf_counter()
        finder.paths(a, b, k=3)
        query_times.append(time.perf_counter() - start)
    one_off, _ = best_of(lambda: PathFinder(m).paths(*pairs[0], k=3), repeat=1)
    ours_mb, base_mb = peak_mb(lambda: analyse(m)), peak_mb(baseline)

    ok = budget is None or ours <= budget
    verdict = "no budget" if budget is None else f"budget {budget:.0f} s  {'OK' if ok else 'OVER BUDGET'}"
    print(f"\n{people:,} people, {links:,} ties ({net.contact.number_of_edges():,} usable pairs)")
    print(f"  analyse():                 {ours:6.3f} s  {verdict}")
    print(f"  bare networkx baseline:    {base:6.3f} s  ratio {ours / base:4.2f}x")
    print(f"    ({pr_name} + betweenness k={k or 'all'} + louvain)")
    for name, (mine, theirs) in steps.items():
        print(f"    {name:<12} ours {mine:6.3f} s  networkx {theirs:6.3f} s  ratio {mine / theirs:4.2f}x")
    print(f"    building graphs {build_time:6.3f} s")
    print(f"  peak memory:               ours {ours_mb:6.1f} MB  baseline {base_mb:6.1f} MB")
    print(
        f"  paths_to (k=3), graph built once: median {statistics.median(query_times) * 1000:5.0f} ms, "
        f"max {max(query_times) * 1000:5.0f} ms; one-off call with graph build {one_off * 1000:5.0f} ms"
    )
    print(f"  brokerage exact: {bc.exact} (sources traced: {bc.sources:,} of {bc.people:,})")
    if accuracy and not bc.exact:
        old = centrality.EXACT_WORK
        centrality.EXACT_WORK = 10**15
        try:
            start = time.perf_counter()
            exact = betweenness(net.contact)
            spent = time.perf_counter() - start
        finally:
            centrality.EXACT_WORK = old
        top = {f.stakeholder_id for f in report.section("brokers").findings[:10]}
        ranked = sorted(exact.raw, key=lambda n: (-exact.raw[n], n))
        print(
            f"  sampled top-10 brokers: {len(top & set(ranked[:10]))}/10 in the exact top 10, "
            f"{len(top & set(ranked[:25]))}/10 in the exact top 25 (exact took {spent:.1f} s)"
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accuracy", action="store_true", help="compare sampled brokers with exact ones")
    parser.add_argument("--check", action="store_true", help="exit 1 if a budget is exceeded")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, networkx {nx.__version__}")
    bench(*BOUNDARY, None, accuracy=False)
    results = [bench(people, links, budget, args.accuracy) for people, links, budget in CASES]
    return 1 if args.check and not all(results) else 0


if __name__ == "__main__":
    sys.exit(main())
