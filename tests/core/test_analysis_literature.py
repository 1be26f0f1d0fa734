"""The analysis reproduces published network figures when classic data sets are entered as maps.

Each graph from networkx's bundled classic data becomes a Map of undirected
alliances of equal strength, and the figures are read from Stakemap's own
``analyse()`` (or its centrality functions), not from networkx.
"""

from __future__ import annotations

import random
import re

import networkx as nx
import pytest

from stakemap.core.analysis import analyse
from stakemap.core.analysis.centrality import betweenness, pagerank
from stakemap.core.analysis.graph import build_network
from stakemap.core.analysis.influence import network_influence
from stakemap.core.entities import Confidence, Relationship, RelationshipKind, Stakeholder
from stakemap.core.model import Map

KITE_NAMES = ["Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather", "Ike", "Jane"]


def map_of(
    graph: nx.Graph,
    names: dict | None = None,
    constituency: dict | None = None,
    kind: RelationshipKind = RelationshipKind.ALLIES_WITH,
) -> tuple[Map, dict]:
    """A map with one person per node and one undirected tie of strength 3 per edge."""
    ids = {node: f"n{i}" for i, node in enumerate(graph)}
    m = Map()
    m.add_entities(
        [
            Stakeholder(
                str((names or {}).get(node, node)),
                constituency=(constituency or {}).get(node, ""),
                id=ids[node],
            )
            for node in graph
        ],
        "people",
    )
    m.add_entities(
        [Relationship(ids[u], ids[v], kind, directed=False, strength=3) for u, v in graph.edges], "ties"
    )
    return m, ids


def raw_betweenness(report_brokerage: float, connected: int) -> float:
    return report_brokerage * (connected - 1) * (connected - 2) / 2


def test_florentine_families_medici_are_the_top_broker_with_betweenness_47_5() -> None:
    # Padgett & Ansell (1993) marriage ties among 15 Florentine families. The Medici's raw
    # betweenness is 47.5 (normalised .522 = 47.5 / 91), e.g. Jackson, Social and Economic
    # Networks (2008), section 2.2.4; next come Guadagni 23.17 and Albizzi 19.33.
    m, ids = map_of(nx.florentine_families_graph())
    report = analyse(m)
    brokers = report.section("brokers")
    assert brokers.findings[0].stakeholder_id == ids["Medici"]
    assert brokers.findings[0].name == "Medici"
    assert not brokers.approximate
    assert raw_betweenness(report.brokerage[ids["Medici"]], 15) == pytest.approx(47.5)
    raw = betweenness(build_network(m).contact).raw
    assert raw[ids["Medici"]] == pytest.approx(47.5)
    assert raw[ids["Guadagni"]] == pytest.approx(23 + 1 / 6)
    assert raw[ids["Albizzi"]] == pytest.approx(19 + 1 / 3)
    assert [f.name for f in brokers.findings[:3]] == ["Medici", "Guadagni", "Albizzi"]


def test_karate_club_instructor_and_administrator_are_the_top_brokers() -> None:
    # Zachary (1977): the club's instructor (node 0, "Mr. Hi") and administrator (node 33) hold
    # the highest betweenness (normalised about .438 and .304; Girvan & Newman 2002, fig. 4 data).
    graph = nx.karate_club_graph()
    m, ids = map_of(graph)
    report = analyse(m)
    top_two = {f.stakeholder_id for f in report.section("brokers").findings[:2]}
    assert top_two == {ids[0], ids[33]}
    assert report.brokerage[ids[0]] == pytest.approx(0.43763528, abs=1e-6)
    assert report.brokerage[ids[33]] == pytest.approx(0.30407497, abs=1e-6)


def test_karate_club_groups_follow_the_factions_the_club_split_into() -> None:
    # Zachary (1977) recorded which faction each member joined after the split; community
    # detection recovers it closely. Entered as constituencies, the groups should match them.
    graph = nx.karate_club_graph()
    factions = {node: graph.nodes[node]["club"] for node in graph}
    m, ids = map_of(graph, constituency=factions)
    report = analyse(m)
    assert report.groups[ids[0]] != report.groups[ids[33]]
    purity = re.search(r"(\d+)% purity", report.section("groups").summary)
    assert purity is not None
    assert int(purity.group(1)) >= 90  # at most 3 of 34 members grouped with the other faction
    assert set(report.groups) == set(ids.values())


def test_krackhardt_kite_diane_most_connected_heather_top_broker() -> None:
    # Krackhardt (1990), "Assessing the political landscape", Administrative Science Quarterly
    # 35: in the kite, Diane has the most ties (6) and Heather the highest betweenness (14).
    graph = nx.krackhardt_kite_graph()
    m, ids = map_of(graph, names=dict(enumerate(KITE_NAMES)))
    report = analyse(m)
    connected = report.section("connected").findings
    assert connected[0].name == "Diane"
    assert report.connections[ids[3]] == 6
    assert "Diane is tied to 6 people" in connected[0].explanation
    assert report.section("brokers").findings[0].name == "Heather"
    assert raw_betweenness(report.brokerage[ids[7]], 10) == pytest.approx(14.0)


def test_pagerank_matches_the_published_wikipedia_example() -> None:
    # The 11-page example in Wikipedia's "PageRank" article (damping 0.85) gives, in percent:
    # A 3.3, B 38.4, C 34.3, D 3.9, E 8.1, F 3.9, G-K 1.6 each. A link X -> Y is entered as
    # "X reports to Y": X listens to Y, so Y gains.
    links = "BC CB DA DB EB ED EF FB FE GB GE HB HE IB IE JE KE"
    m = Map()
    m.add_entities([Stakeholder(c, id=c) for c in "ABCDEFGHIJK"], "people")
    m.add_entities([Relationship(s, t, RelationshipKind.REPORTS_TO) for s, t in links.split()], "ties")
    raw = network_influence(m, build_network(m)).pagerank
    expected = {"A": 3.3, "B": 38.4, "C": 34.3, "D": 3.9, "E": 8.1, "F": 3.9}
    expected.update(dict.fromkeys("GHIJK", 1.6))
    assert {k: round(v * 100, 1) for k, v in raw.items()} == expected
    report = analyse(m)
    assert [f.name for f in report.section("influence").findings[:3]] == ["B", "C", "E"]
    assert report.network_influence["B"] == 1.0
    assert report.network_influence["G"] == 0.0


def test_own_pagerank_equals_networkx_reference_on_a_weighted_digraph() -> None:
    # networkx's pure-Python PageRank is the reference definition (nx.pagerank itself needs numpy).
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    graph = nx.gnm_random_graph(300, 1200, seed=3, directed=True)
    rnd = random.Random(3)
    for u, v in graph.edges:
        graph[u][v]["weight"] = rnd.randint(1, 5) * rnd.choice([1.0, 0.5])
    graph.add_node(999)  # an isolated, dangling person
    ours = pagerank(graph, tol=1e-10)
    reference = _pagerank_python(graph, weight="weight", tol=1e-10)
    assert ours == pytest.approx(reference, abs=1e-9)


def test_own_betweenness_equals_networkx_with_assumed_ties_twice_as_long() -> None:
    graph = nx.gnm_random_graph(120, 300, seed=5)
    m, _ids = map_of(graph)
    rnd = random.Random(5)
    for tie_id in list(m.relationships):
        if rnd.random() < 0.3:
            m.update_relationship(tie_id, confidence=Confidence.ASSUMED)
    net = build_network(m)
    ours = betweenness(net.contact).raw
    reference = nx.betweenness_centrality(net.contact, weight="length", normalized=False)
    assert ours == pytest.approx(reference, abs=1e-9)
    assert any(d == 2 for _, _, d in net.contact.edges(data="length"))


def test_linear_scaling_estimator_is_exact_when_every_source_is_traced() -> None:
    # Geisberger, Sanders & Schultes (2008): the linearly scaled dependencies of all sources add
    # up to exact betweenness; the sampled estimate is this sum over a sample, scaled by n/k.
    from stakemap.core.analysis.centrality import _brandes, _brandes_linear

    graph = nx.gnm_random_graph(80, 200, seed=9)
    adj = [list(graph[v]) for v in range(80)]
    exact = [b * 0.5 for b in _brandes(adj, 80, list(range(80)), None)]
    linear = _brandes_linear(adj, 80, list(range(80)), None)
    reference = nx.betweenness_centrality(graph, normalized=False)
    assert linear == pytest.approx(exact, abs=1e-9)
    assert linear == pytest.approx([reference[v] for v in range(80)], abs=1e-9)
