"""Sampled brokerage on a map of tight groups: stratified, adaptive rounds find the true brokers."""

from __future__ import annotations

import networkx as nx
import pytest

from stakemap.core.analysis import centrality
from stakemap.core.analysis.centrality import betweenness


def _caves() -> tuple[nx.Graph, dict[int, int]]:
    graph = nx.relaxed_caveman_graph(40, 10, 0.05, seed=3)
    nx.set_edge_attributes(graph, 1, "length")
    parts = list(nx.community.louvain_partitions(graph, seed=centrality.SEED))[-1]
    return graph, {node: i for i, part in enumerate(parts) for node in part}


def _top(values: dict, count: int = 10) -> set:
    return set(sorted(values, key=lambda n: (-values[n], n))[:count])


def test_stratified_rounds_agree_with_exact_on_caves(monkeypatch: pytest.MonkeyPatch) -> None:
    graph, strata = _caves()
    exact = betweenness(graph)
    assert exact.exact
    monkeypatch.setattr(centrality, "EXACT_WORK", 0)
    monkeypatch.setattr(centrality, "SAMPLE_SOURCES", 40)  # one source per cave per round
    sampled = betweenness(graph, strata=strata)
    assert not sampled.exact
    assert sampled.rounds >= 2
    assert sampled.sources < graph.number_of_nodes()
    assert len(_top(sampled.raw) & _top(exact.raw)) >= 8
    assert betweenness(graph, strata=strata) == sampled  # seeded: the same map gives the same answer


def test_the_estimate_is_unbiased_over_all_people(monkeypatch: pytest.MonkeyPatch) -> None:
    graph, strata = _caves()
    exact = betweenness(graph)
    monkeypatch.setattr(centrality, "EXACT_WORK", 0)
    sampled = betweenness(graph, strata=strata)
    assert sum(sampled.raw.values()) == pytest.approx(sum(exact.raw.values()), rel=0.1)
