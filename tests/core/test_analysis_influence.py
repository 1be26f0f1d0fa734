"""Network influence, de facto leaders, assumed ties and trust versus advice, as a user reads them."""

from __future__ import annotations

from stakemap.core.analysis import analyse
from stakemap.core.entities import Confidence, Relationship, RelationshipKind, Stakeholder, Trust
from stakemap.core.model import Map

ADVISES = RelationshipKind.ADVISES
REPORTS_TO = RelationshipKind.REPORTS_TO
ALLIES = RelationshipKind.ALLIES_WITH
CONFLICT = RelationshipKind.CONFLICTS_WITH


def build(people: list[Stakeholder], ties: list[Relationship]) -> Map:
    m = Map()
    m.add_entities(people, "people")
    if ties:
        m.add_entities(ties, "ties")
    return m


def p(name: str, **fields: object) -> Stakeholder:
    return Stakeholder(name, id=name.lower(), **fields)  # type: ignore[arg-type]


def t(a: str, b: str, kind: RelationshipKind = ADVISES, **fields: object) -> Relationship:
    return Relationship(a.lower(), b.lower(), kind, **fields)  # type: ignore[arg-type]


def organisation() -> Map:
    """A formal hierarchy in which Dana (rank 5) is consulted by the bosses and Otto (rank 2) by nobody."""
    people = [
        p("Carla", rank=1, influence=95, interest=70),
        p("Dirk", rank=2, influence=80, interest=60),
        p("Dora", rank=2, influence=75, interest=65),
        p("Otto", rank=2, influence=85, interest=40),
        p("Mia", rank=3, influence=60, interest=55),
        p("Max", rank=3, influence=55, interest=30),
        p("Dana", rank=5, influence=30, interest=80),
        p("Sam", rank=5, influence=20, interest=20),
        p("Sue", rank=5, influence=15, interest=35),
    ]
    ties = [
        t("Dirk", "Carla", REPORTS_TO),
        t("Dora", "Carla", REPORTS_TO),
        t("Otto", "Carla", REPORTS_TO),
        t("Mia", "Dirk", REPORTS_TO),
        t("Max", "Dora", REPORTS_TO),
        t("Dana", "Mia", REPORTS_TO),
        t("Sam", "Mia", REPORTS_TO),
        t("Sue", "Max", REPORTS_TO),
        t("Dana", "Carla", strength=5),
        t("Dana", "Dirk", strength=4),
        t("Dana", "Dora", strength=4),
        t("Dana", "Mia"),
        t("Dana", "Max"),
    ]
    return build(people, ties)


def test_hidden_influencer_is_named_with_a_plain_explanation() -> None:
    report = analyse(organisation())
    beyond = report.section("beyond_position")
    assert beyond.findings[0].stakeholder_id == "dana"
    assert {"carla", "dirk", "dora", "otto"}.isdisjoint(f.stakeholder_id for f in beyond.findings)
    text = beyond.findings[0].explanation
    assert text.startswith("Dana is listened to by 5 people, including 4 key players, though")
    assert "formal rank is only 5" in text
    assert "you rated their influence 30 of 100" in text
    assert beyond.findings[0].label == "hidden influencer"


def test_rank_without_listeners_is_flagged_the_other_way() -> None:
    report = analyse(organisation())
    below = {f.stakeholder_id: f for f in report.section("below_position").findings}
    assert "otto" in below
    assert "nobody on this map is recorded as listening to them" in below["otto"].explanation
    assert "carla" not in below  # three people listen to her: not low on the network
    assert "dana" not in below


def test_network_influence_is_normalised_and_flows_to_whom_the_bosses_consult() -> None:
    report = analyse(organisation())
    influence = report.network_influence
    assert set(influence) == set(organisation().stakeholders)
    assert max(influence.values()) == 1.0
    assert min(influence.values()) == 0.0
    # Carla, Dirk, Dora and Max all consult Dana: she outranks the CEO on the network.
    assert max(influence, key=influence.__getitem__) == "dana"
    assert influence["carla"] > influence["otto"]
    assert influence["otto"] == 0.0


def test_assumed_ties_count_less_and_each_result_says_so() -> None:
    people = [p(n) for n in ("Ana", "Dee", "Bo", "Cy")]
    observed = [t("Ana", "Bo"), t("Ana", "Cy")]
    assumed = [t("Dee", "Bo", confidence=Confidence.ASSUMED), t("Dee", "Cy", confidence=Confidence.ASSUMED)]
    report = analyse(build(people, observed + assumed))
    assert report.network_influence["ana"] > report.network_influence["dee"]
    rows = {f.stakeholder_id: f for f in report.section("influence").findings}
    assert rows["dee"].assumed_ties == 2
    assert rows["dee"].explanation.endswith(" Leans on 2 assumed ties.")
    assert rows["ana"].assumed_ties == 0
    assert "assumed" not in rows["ana"].explanation
    connected = {f.stakeholder_id: f for f in report.section("connected").findings}
    assert connected["ana"].score > connected["dee"].score
    assert report.assumed_ties == 2


def test_conflicts_confer_no_influence() -> None:
    people = [p(n) for n in ("Eve", "Bo", "Cy", "Ana")]
    ties = [t("Eve", "Bo", CONFLICT), t("Eve", "Cy", CONFLICT), t("Ana", "Bo")]
    report = analyse(build(people, ties))
    assert report.network_influence["eve"] == 0.0
    assert [f.stakeholder_id for f in report.section("influence").findings] == ["ana"]
    assert report.connections["eve"] == 0


def test_alliances_alone_give_no_network_influence_and_say_why() -> None:
    people = [p(n) for n in ("Ana", "Bo", "Cy")]
    report = analyse(build(people, [t("Ana", "Bo", ALLIES), t("Bo", "Cy", ALLIES)]))
    section = report.section("influence")
    assert section.omitted
    assert "advice or reports-to" in (section.omitted_reason or "")
    assert report.network_influence == {"ana": 0.0, "bo": 0.0, "cy": 0.0}


def advice_and_friendship() -> Map:
    """Ana is asked for advice by four people who are not her friends; Fay is everyone's friend."""
    people = [p(n) for n in ("Ana", "Bo", "Cy", "Dee", "Eli", "Fay")]
    ties = [t("Ana", x) for x in ("Bo", "Cy", "Dee", "Eli")]
    ties += [t("Fay", x, ALLIES, directed=False) for x in ("Bo", "Cy", "Dee")]
    ties += [t("Eli", "Fay", RelationshipKind.INFORMAL, confidence=Confidence.ASSUMED)]
    return build(people, ties)


def test_asked_for_advice_but_not_held_close_and_the_reverse() -> None:
    section = analyse(advice_and_friendship()).section("advice_trust")
    rows = {f.stakeholder_id: f for f in section.findings}
    assert set(rows) == {"ana", "fay"}
    assert rows["ana"].label == "asked, not close"
    assert "Ana is asked for advice by 4 people, but nobody is close to them" in rows["ana"].explanation
    assert rows["fay"].label == "close, not asked"
    assert "Fay is close to 4 people" in rows["fay"].explanation
    assert rows["fay"].assumed_ties == 1


def test_advice_versus_trust_is_omitted_when_only_one_kind_of_tie_exists() -> None:
    people = [p(n) for n in ("Ana", "Bo", "Cy", "Dee")]
    section = analyse(build(people, [t("Ana", x) for x in ("Bo", "Cy", "Dee")])).section("advice_trust")
    assert section.omitted
    assert section.findings == ()
    assert "now 3 and 0" in (section.omitted_reason or "")


def test_influential_people_without_our_trust_are_listed() -> None:
    m = organisation()
    m.update_stakeholder("dana", trust=Trust.LOW)
    m.update_stakeholder("mia", trust=Trust.HIGH)
    rows = {f.stakeholder_id: f for f in analyse(m).section("trust_gap").findings}
    assert "dana" in rows
    assert rows["dana"].explanation == (
        "Dana is in the top 5% for network influence, but your trust with them is low."
    )
    assert "mia" not in rows  # influential, and trusts us
    assert "otto" not in rows  # nobody listens to Otto: not influential


def test_trust_gap_is_omitted_while_no_trust_is_recorded() -> None:
    section = analyse(organisation()).section("trust_gap")
    assert section.omitted
    assert "trust" in (section.omitted_reason or "")
