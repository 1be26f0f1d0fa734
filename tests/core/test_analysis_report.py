"""The whole report: small maps, cancellation, big-map sampling, text, JSON, groups and bridges."""

from __future__ import annotations

import json
from itertools import combinations

import networkx as nx
import pytest

from stakemap.core.analysis import AnalysisCancelled, analyse, centrality
from stakemap.core.entities import MapInfo, Relationship, RelationshipKind, Stakeholder
from stakemap.core.model import Map

ALLIES = RelationshipKind.ALLIES_WITH
SECTION_KEYS = [
    "influence",
    "beyond_position",
    "below_position",
    "connected",
    "brokers",
    "bridges",
    "groups",
    "paths",
    "advice_trust",
    "trust_gap",
]


def build(people: list[Stakeholder], ties: list[Relationship], title: str = "Report") -> Map:
    m = Map(info=MapInfo(title=title))
    m.add_entities(people, "people")
    if ties:
        m.add_entities(ties, "ties")
    return m


def p(name: str, **fields: object) -> Stakeholder:
    return Stakeholder(name, id=name.lower(), **fields)  # type: ignore[arg-type]


def t(a: str, b: str, kind: RelationshipKind = ALLIES, **fields: object) -> Relationship:
    return Relationship(a.lower(), b.lower(), kind, **fields)  # type: ignore[arg-type]


def two_teams() -> Map:
    """Finance and IT mixed in one tight team; the Library in another, joined through Ben."""
    people = [p(n, constituency="Finance") for n in ("Ana", "Ben", "Cy")]
    people += [p(n, constituency="IT") for n in ("Dee", "Eli", "Fay")]
    people += [p(n, constituency="Library") for n in ("Gus", "Hal", "Ivy", "Jo")]
    team = ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay"]
    library = ["Gus", "Hal", "Ivy", "Jo"]
    ties = [t(a, b, strength=4) for a, b in combinations(team, 2)]
    ties += [t(a, b, strength=4) for a, b in combinations(library, 2)]
    ties.append(t("Ben", "Gus", strength=2))
    return build(people, ties)


def scrape(report_text: str) -> list[str]:
    return [line for line in report_text.splitlines() if line.startswith("Not shown:")]


@pytest.mark.parametrize(
    "m",
    [
        build([], []),
        build([p("Solo")], []),
        build([p("Ana"), p("Ben"), p("Cy")], []),
        build([p("Ana"), p("Ben")], [t("Ana", "Ben", RelationshipKind.CONFLICTS_WITH)]),
    ],
    ids=["empty", "one person", "no ties", "only a conflict"],
)
def test_maps_without_usable_ties_say_what_is_missing(m: Map) -> None:
    report = analyse(m)
    assert [s.key for s in report.sections] == SECTION_KEYS
    for section in report.sections:
        assert section.omitted, section.key
        assert section.findings == ()
        assert section.omitted_reason
    assert len(scrape(report.as_text())) == len(SECTION_KEYS)
    assert report.insight_sections() == []
    assert json.loads(json.dumps(report.as_dict()))["people"] == len(m.stakeholders)
    assert report.groups == {}
    assert all(v == 0.0 for v in report.network_influence.values())


def test_two_people_get_connections_but_no_groups() -> None:
    report = analyse(build([p("Ana"), p("Ben")], [t("Ana", "Ben")]))
    assert [f.name for f in report.section("connected").findings] == ["Ana", "Ben"]
    assert report.section("groups").omitted
    assert report.section("brokers").omitted


def test_cancelling_stops_the_analysis_at_any_point() -> None:
    graph = nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=1)
    m = build([p(f"P{n}") for n in graph], [t(f"P{u}", f"P{v}") for u, v in graph.edges])
    polls = 0

    def counting() -> bool:
        nonlocal polls
        polls += 1
        return False

    analyse(m, cancelled=counting)
    assert polls > 20  # polled inside the long steps, not only between them
    for stop_at in (1, polls // 3, polls // 2, polls):
        calls = 0

        def stop(stop_at: int = stop_at) -> bool:
            nonlocal calls
            calls += 1
            return calls >= stop_at

        with pytest.raises(AnalysisCancelled):
            analyse(m, cancelled=stop)
        assert calls == stop_at


def test_big_maps_sample_brokerage_and_say_it_is_approximate(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two cliques joined only through Bridget; force sampling on this small map.
    left = [f"L{i}" for i in range(10)]
    right = [f"R{i}" for i in range(10)]
    people = [p(n) for n in [*left, *right, "Bridget"]]
    ties = [t(a, b) for a, b in combinations(left, 2)] + [t(a, b) for a, b in combinations(right, 2)]
    ties += [t("L0", "Bridget"), t("Bridget", "R0")]
    m = build(people, ties)
    exact = analyse(m)
    assert not exact.approximate
    monkeypatch.setattr(centrality, "EXACT_WORK", 0)
    monkeypatch.setattr(centrality, "SAMPLE_SOURCES", 6)
    sampled = analyse(m)
    brokers = sampled.section("brokers")
    assert sampled.approximate
    assert brokers.approximate
    assert "Approximate: estimated from the chains starting at" in brokers.summary
    assert "of 21 connected people" in brokers.summary
    assert "stayed the same" in brokers.summary or "rough guide" in brokers.summary
    assert {f.name for f in brokers.findings[:3]} == {f.name for f in exact.section("brokers").findings[:3]}
    assert analyse(m).as_dict() == sampled.as_dict()  # the sample is seeded: same map, same answer


def test_groups_are_compared_with_constituencies() -> None:
    report = analyse(two_teams())
    section = report.section("groups")
    team, library = section.findings[0], section.findings[1]
    assert team.explanation.startswith("Group 1: 6 people around")
    assert "mixing Finance (3) and IT (3)" in team.explanation
    assert "Group 2: 4 people around" in library.explanation
    assert library.explanation.endswith(", all Library.")
    assert report.groups["ana"] == report.groups["dee"] != report.groups["gus"]
    assert "70% purity" in section.summary  # (3 + 4) of 10 people are in their group's largest


def test_bridges_and_brokers_name_who_links_the_constituencies() -> None:
    report = analyse(two_teams())
    bridges = {f.stakeholder_id: f for f in report.section("bridges").findings}
    assert (
        bridges["ben"].explanation == "Ben, from Finance, has ties into IT (3 people) and Library (1 person)."
    )
    assert next(iter(bridges)) == "ben"  # three constituencies: the widest reach
    brokers = report.section("brokers").findings
    assert [f.name for f in brokers[:2]] == ["Ben", "Gus"]
    assert "links groups 1 and 2" in brokers[0].explanation
    assert "reaches constituencies Finance, IT and Library" in brokers[0].explanation


def test_text_survives_markup_scripts_emoji_and_newlines_in_names() -> None:
    names = ["<b>Ana</b> & Co", "داليا", "王芳", "🎉 Party", "Multi\nline\tname"]
    people = [
        Stakeholder(n, id=f"s{i}", constituency="<i>R&D</i>" if i % 2 else "財務")
        for i, n in enumerate(names)
    ]
    ties = [
        Relationship(f"s{i}", f"s{j}", RelationshipKind.ADVISES)
        for i, j in [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)]
    ]
    report = analyse(build(people, ties, title="Q3 <draft> & notes\nsecond line"))
    text = report.as_text()
    for name in ["<b>Ana</b> & Co", "داليا", "王芳", "🎉 Party", "Multi line name"]:
        assert name in text
    assert "Multi\nline" not in text
    assert text.splitlines()[0] == "Relationship analysis: Q3 <draft> & notes second line"
    json.dumps(report.as_dict(), ensure_ascii=False)


def test_hidden_people_are_left_out_of_text_and_insights() -> None:
    report = analyse(two_teams())
    assert "Ben" in report.as_text()
    assert any("Ben" in line for _, lines in report.insight_sections() for line in lines)
    text = report.as_text(hide={"ben"})
    assert "Ben" not in text
    for _, lines in report.insight_sections(hide={"ben"}):
        assert not any("Ben" in line for line in lines)
    # A group's row names only its centre: hiding another member keeps the row.
    group = report.section("groups").findings[0]
    member = next(n for n in group.related_ids if n != group.stakeholder_id)
    assert group.explanation in report.as_text(hide={member})


def test_hiding_a_go_between_hides_the_paths_through_them() -> None:
    people = [p("Me"), p("Ana"), p("Boss", influence=90)]
    m = build(people, [t("Me", "Ana"), t("Ana", "Boss")])
    m.update_info(me_id="me")
    report = analyse(m)
    assert "Me -> Ana" in report.as_text()
    assert "Me -> Ana" not in report.as_text(hide={"ana"})


def test_insight_sections_leave_out_what_the_data_cannot_support() -> None:
    report = analyse(two_teams())
    titles = [title for title, _ in report.insight_sections()]
    assert "Brokers: who sits between others" in titles
    assert not any(title.startswith("Network influence") for title in titles)  # no advice ties
    assert "Not shown" not in str(report.insight_sections())


def test_report_is_stable_and_json_ready() -> None:
    m = two_teams()
    first = analyse(m).as_dict()
    reordered = Map(info=m.info, stakeholders=dict(reversed(m.stakeholders.items())))
    reordered.relationships = dict(reversed(m.relationships.items()))
    assert analyse(reordered).as_dict() == first  # load order does not change the answer
    assert json.loads(json.dumps(first)) == first
    ids = set(m.stakeholders)
    for section in first["sections"]:
        for finding in section["findings"]:
            assert finding["stakeholder_id"] is None or finding["stakeholder_id"] in ids
            assert set(finding["related_ids"]) <= ids


def test_garbage_collector_state_is_restored_even_when_cancelled() -> None:
    import gc

    m = two_teams()
    assert gc.isenabled()
    analyse(m)
    assert gc.isenabled()
    with pytest.raises(AnalysisCancelled):
        analyse(m, cancelled=lambda: True)
    assert gc.isenabled()
    gc.disable()
    try:
        analyse(m)
        assert not gc.isenabled()  # a caller who turned it off keeps it off
    finally:
        gc.enable()


def test_group_modularity_is_newmans_as_networkx_computes_it() -> None:
    from stakemap.core.analysis.graph import build_network
    from stakemap.core.analysis.groups import find_groups

    net = build_network(two_teams())
    groups = find_groups(net)
    assert groups is not None
    expected = nx.community.modularity(net.contact, [set(c) for c in groups.clusters], weight="weight")
    assert groups.modularity == pytest.approx(expected)
    assert groups.modularity > 0.3


def test_edits_made_while_the_analysis_runs_do_not_disturb_it() -> None:
    # The poll runs inside the analysis' loops: a good stand-in for the GUI thread editing the
    # map while a worker thread analyses it.
    m = two_teams()
    added = 0

    def edit_meanwhile() -> bool:
        nonlocal added
        added += 1
        m.add_stakeholder(p(f"Late{added}"))
        m.add_relationship(t(f"Late{added}", "Ana"))
        return False

    report = analyse(m, cancelled=edit_meanwhile)
    assert added > 3
    assert report.people == 10
    assert report.ties == len(two_teams().relationships)
    assert set(report.network_influence) == set(two_teams().stakeholders)
