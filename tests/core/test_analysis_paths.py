"""Chains of relationships to a person: avoid conflicts, prefer strong, observed, trusted ties."""

from __future__ import annotations

import pytest

from stakemap.core.analysis import PathFinder, analyse, paths_to
from stakemap.core.entities import Confidence, MapInfo, Relationship, RelationshipKind, Stakeholder, Trust
from stakemap.core.model import Map

ADVISES = RelationshipKind.ADVISES
ALLIES = RelationshipKind.ALLIES_WITH
CONFLICT = RelationshipKind.CONFLICTS_WITH


def build(people: list[Stakeholder], ties: list[Relationship], me: str | None = None) -> Map:
    m = Map(info=MapInfo(title="Paths"))
    m.add_entities(people, "people")
    if ties:
        m.add_entities(ties, "ties")
    if me is not None:
        m.update_info(me_id=me)
    return m


def p(name: str, **fields: object) -> Stakeholder:
    return Stakeholder(name, id=name.lower(), **fields)  # type: ignore[arg-type]


def t(a: str, b: str, kind: RelationshipKind = ALLIES, **fields: object) -> Relationship:
    return Relationship(a.lower(), b.lower(), kind, **fields)  # type: ignore[arg-type]


def via(path_ids: tuple[str, ...]) -> tuple[str, ...]:
    return path_ids[1:-1]


def test_conflict_ties_are_never_used_as_paths() -> None:
    m = build([p("Me"), p("Cy"), p("Target")], [t("Me", "Target", CONFLICT, strength=5), t("Me", "Cy")])
    assert paths_to(m, "me", "target") == []
    m.add_relationship(t("Cy", "Target", strength=1))
    [only] = paths_to(m, "me", "target")
    assert only.stakeholder_ids == ("me", "cy", "target")
    assert all(step.kind is not CONFLICT for step in only.steps)


def test_strong_ties_beat_weak_ones_and_k_paths_come_best_first() -> None:
    people = [p("Me"), p("Ana", trust=Trust.HIGH), p("Ben", trust=Trust.HIGH), p("Target")]
    ties = [t("Me", "Ana", strength=5), t("Ana", "Target", strength=5)]
    ties += [t("Me", "Ben", strength=2), t("Ben", "Target", strength=2)]
    found = paths_to(build(people, ties), "me", "target", k=3)
    assert [via(path.stakeholder_ids) for path in found] == [("ana",), ("ben",)]
    assert found[0].cost < found[1].cost


def test_observed_ties_beat_assumed_ones_of_the_same_strength() -> None:
    people = [p("Me"), p("Ana"), p("Ben"), p("Target")]
    ties = [t("Me", "Ana", strength=4), t("Ana", "Target", strength=4, confidence=Confidence.ASSUMED)]
    ties += [t("Me", "Ben", strength=4), t("Ben", "Target", strength=4)]
    found = paths_to(build(people, ties), "me", "target")
    assert via(found[0].stakeholder_ids) == ("ben",)
    assert found[0].assumed_ties == 0
    assert found[1].assumed_ties == 1
    assert found[1].explanation.endswith(" Leans on 1 assumed tie.")


def test_trusted_go_betweens_are_preferred() -> None:
    people = [p("Me"), p("Ana", trust=Trust.LOW), p("Ben", trust=Trust.HIGH), p("Target", trust=Trust.LOW)]
    ties = [t("Me", "Ana"), t("Ana", "Target"), t("Me", "Ben"), t("Ben", "Target")]
    found = paths_to(build(people, ties), "me", "target")
    assert [via(path.stakeholder_ids) for path in found] == [("ben",), ("ana",)]


def test_each_step_is_explained_in_the_direction_travelled() -> None:
    people = [p("Ana"), p("Ben"), p("Cy")]
    ties = [t("Ana", "Ben", ADVISES, strength=4), t("Cy", "Ben", ADVISES, strength=2)]
    [path] = paths_to(build(people, ties), "ana", "cy")
    assert [step.text for step in path.steps] == [
        "Ana -> Ben (advises, strong, observed)",
        "Ben -> Cy (listens to, weak, observed)",
    ]
    assert path.as_text() == "Ana -> Ben (advises, strong, observed) -> Cy (listens to, weak, observed)"
    assert path.explanation.startswith("Cy is 2 steps away, through Ben: Ana -> Ben")
    reports = build(people, [t("Ana", "Ben", RelationshipKind.REPORTS_TO)])
    [back] = paths_to(reports, "ben", "ana")
    assert back.steps[0].text == "Ben -> Ana (manages, moderate, observed)"


def test_k_limits_the_number_of_paths_and_costs_never_decrease() -> None:
    people = [p("Me"), p("Target")] + [p(f"Via{i}") for i in range(6)]
    ties = [t("Me", f"Via{i}", strength=1 + i % 5) for i in range(6)]
    ties += [t(f"Via{i}", "Target", strength=5) for i in range(6)]
    finder = PathFinder(build(people, ties))
    found = finder.paths("me", "target", k=4)
    assert len(found) == 4
    costs = [path.cost for path in found]
    assert costs == sorted(costs)
    assert len(finder.paths("me", "target", k=10)) == 6


def test_bad_requests_give_clear_answers() -> None:
    m = build([p("Me"), p("Alone")], [])
    assert paths_to(m, "me", "alone") == []
    assert paths_to(m, "me", "me") == []
    with pytest.raises(KeyError, match="nobody"):
        paths_to(m, "me", "nobody")
    with pytest.raises(ValueError, match="at least one"):
        paths_to(m, "me", "alone", k=0)


def test_analyse_lists_chains_from_me_to_key_people_i_am_not_tied_to() -> None:
    people = [
        p("Me", influence=20, interest=80),
        p("Ana", influence=30, interest=60, trust=Trust.HIGH),
        p("Boss", influence=90, interest=20),
        p("Far", influence=85, interest=70),
        p("Near", influence=80, interest=80),
    ]
    ties = [t("Me", "Ana", strength=5), t("Ana", "Boss", strength=4), t("Me", "Near")]
    report = analyse(build(people, ties, me="me"))
    section = report.section("paths")
    assert section.title == "Paths from Me to key people"
    rows = {f.stakeholder_id: f for f in section.findings}
    assert set(rows) == {"boss"}  # Near is tied to me directly; no chain reaches Far
    assert rows["boss"].related_ids == ("me", "ana", "boss")
    assert "Me -> Ana (allies with, very strong, observed) -> Boss" in rows["boss"].explanation
    assert "No chain of ties reaches Far" in section.summary
    assert [path.target_id for path in report.paths] == ["boss"]


def test_paths_start_from_the_given_source_and_need_a_me_otherwise() -> None:
    people = [p("Me"), p("Ana"), p("Boss", influence=90)]
    ties = [t("Me", "Ana"), t("Ana", "Boss")]
    m = build(people, ties)
    assert analyse(m).section("paths").omitted
    assert "'me'" in (analyse(m).section("paths").omitted_reason or "")
    report = analyse(m, source_id="me")
    assert report.source_id == "me"
    assert [f.stakeholder_id for f in report.section("paths").findings] == ["boss"]
    with pytest.raises(KeyError):
        analyse(m, source_id="ghost")
