"""Sampled brokers against exact betweenness on two generated 3,000-person graphs: a relaxed caveman
(tight groups) and a scale-free one. Aim: 9 of the top 10 right. Run: python -m benchmarks.bench_brokers"""

from __future__ import annotations

import time

import networkx as nx

from benchmarks.common import result
from stakemap.core.analysis import centrality
from stakemap.core.analysis.centrality import betweenness


def measure(name: str, graph: nx.Graph) -> None:
    nx.set_edge_attributes(graph, 1, "length")
    old = centrality.EXACT_WORK
    centrality.EXACT_WORK = 10**15
    start = time.perf_counter()
    exact = betweenness(graph)
    exact_took = time.perf_counter() - start
    centrality.EXACT_WORK = old
    start = time.perf_counter()
    parts = list(nx.community.louvain_partitions(graph, seed=centrality.SEED))[-1]
    strata = {node: i for i, part in enumerate(parts) for node in part}
    groups_took = time.perf_counter() - start
    start = time.perf_counter()
    sampled = betweenness(graph, strata=strata)
    took = time.perf_counter() - start
    top = set(sorted(sampled.raw, key=lambda n: -sampled.raw[n])[:10])
    true = set(sorted(exact.raw, key=lambda n: -exact.raw[n])[:10])
    result(f"{name} ({graph.number_of_nodes():,} people, {graph.number_of_edges():,} ties): top-10 "
           f"{len(top & true)}/10 with exact; sampled {took:.2f} s ({sampled.sources} sources, {sampled.rounds} rounds, "
           f"{sampled.agreement}/10 held in the last) vs exact {exact_took:.1f} s = {took / exact_took:.2f}x; "
           f"groups {groups_took:.2f} s")  # fmt: skip


def main() -> None:
    measure("relaxed caveman", nx.relaxed_caveman_graph(150, 20, 0.05, seed=7))
    measure("scale-free", nx.barabasi_albert_graph(3000, 3, seed=7))


if __name__ == "__main__":
    main()
