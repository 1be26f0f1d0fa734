"""The bundled sample map: a corporate information centre reaching out across the enterprise (core layer).

Built from the scenario of the "Influence through Relationship Management"
talk: a library with no automatic leverage builds influence through deliberate
relationships. Deterministic for a given ``today``, so tests can rely on it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from stakemap.core.entities import (
    Attitude,
    Confidence,
    Engagement,
    EngagementStatus,
    MapInfo,
    Note,
    NoteKind,
    Relationship,
    Stakeholder,
    Trust,
)
from stakemap.core.entities import RelationshipKind as K
from stakemap.core.model import Map

A, T = Attitude, Trust


def _people() -> list[Stakeholder]:
    return [
        Stakeholder(
            "Ulla Lindqvist",
            role="Head of the Information Centre",
            unit="Information Centre",
            constituency="Information Centre",
            rank=4,
            influence=38,
            interest=95,
            attitude=A.CHAMPION,
            desired_attitude=A.CHAMPION,
            trust=T.HIGH,
            drivers_long_term="Credibility of the Information Centre as a strategic partner.",
            drivers_short_term="Budget review in Q1: show value in the organisation's own language.",
            tags=("me",),
            id="s-ulla",
        ),
        Stakeholder(
            "Margaret Okafor",
            role="Chief Executive Officer",
            unit="Executive Office",
            constituency="Executive team",
            rank=1,
            influence=97,
            interest=22,
            attitude=A.NEUTRAL,
            desired_attitude=A.SUPPORTER,
            trust=T.UNKNOWN,
            drivers_long_term="Growth into two new markets; being seen as the CEO who modernised the firm.",
            drivers_short_term="Board strategy day in March; fewer surprises from competitors.",
            pain_points="Decisions made on stale market intelligence; too many reports, too little insight.",
            offer="A one-page competitor brief before the board day, via her chief of staff.",
            past_service="None directly; her office used our news alerts in 2024.",
            tags=("executive", "hard to reach"),
            in_focus=True,
            id="s-margaret",
        ),
        Stakeholder(
            "Priya Raman",
            role="Executive Assistant to the CEO",
            unit="Executive Office",
            constituency="Executive team",
            rank=6,
            influence=74,
            interest=48,
            attitude=A.SUPPORTER,
            desired_attitude=A.CHAMPION,
            trust=T.HIGH,
            drivers_long_term="Respect and acknowledgement; a path into a chief-of-staff role.",
            drivers_short_term="Board packs on time; fewer last-minute fact checks.",
            pain_points="Chasing facts and figures at 9 pm before board meetings.",
            offer="A same-day fact-check service for board papers.",
            past_service="We verified figures for the annual report in 48 hours; she thanked us in writing.",
            tags=("gatekeeper", "de facto leader"),
            in_focus=True,
            id="s-priya",
        ),
        Stakeholder(
            "Henrik Brandt",
            role="Chief Financial Officer",
            unit="Finance",
            constituency="Finance",
            rank=1,
            influence=92,
            interest=35,
            attitude=A.BLOCKER,
            desired_attitude=A.NEUTRAL,
            trust=T.LOW,
            drivers_long_term="Cost discipline; credibility with the board.",
            drivers_short_term="Cut 8% of overheads this year.",
            pain_points="Subscriptions bought twice by different departments.",
            offer="A consolidated licence audit that saves money before he asks.",
            past_service="Our 2023 budget request was late; he remembers.",
            tags=("budget",),
            in_focus=True,
            id="s-henrik",
        ),
        Stakeholder(
            "Tomás Ferreira",
            role="Director of R&D",
            unit="Research & Development",
            constituency="R&D",
            rank=2,
            influence=85,
            interest=80,
            attitude=A.SUPPORTER,
            desired_attitude=A.CHAMPION,
            trust=T.MEDIUM,
            drivers_long_term="Success and advancement: a patent portfolio the board notices.",
            drivers_short_term="Prior-art searches before three filings this quarter.",
            pain_points="Engineers spend days on literature searches they are not trained for.",
            offer="Embedded search support in the two filing teams.",
            past_service="Patent landscape report in 2025, well received.",
            tags=("research", "patents"),
            in_focus=True,
            id="s-tomas",
        ),
        Stakeholder(
            "Dr. Aiko Tanaka",
            role="Senior Research Engineer",
            unit="Research & Development",
            constituency="R&D",
            rank=5,
            influence=66,
            interest=88,
            attitude=A.CHAMPION,
            desired_attitude=A.CHAMPION,
            trust=T.HIGH,
            drivers_long_term="Credibility among peers; recognition for the lab's methods.",
            drivers_short_term="Conference paper deadline on the 30th.",
            offer="Early access to the new standards database.",
            past_service="Weekly journal alerts since 2022; she recommends us to new hires.",
            tags=("advocate", "de facto leader"),
            id="s-aiko",
        ),
        Stakeholder(
            "Wei Zhang (张伟)",
            role="Lead Data Scientist",
            unit="Research & Development",
            constituency="R&D",
            rank=5,
            influence=55,
            interest=70,
            attitude=A.NEUTRAL,
            desired_attitude=A.SUPPORTER,
            trust=T.MEDIUM,
            drivers_long_term="Advancement into a principal role.",
            drivers_short_term="Clean, licensed data sets for the pricing model.",
            pain_points="Unclear licences on external data; legal keeps saying no.",
            offer="A licence check for data sets, done with Legal.",
            tags=("data",),
            id="s-wei",
        ),
        Stakeholder(
            "Sandra Kowalski",
            role="VP Sales, EMEA",
            unit="Sales",
            constituency="Sales",
            rank=2,
            influence=80,
            interest=30,
            attitude=A.NEUTRAL,
            desired_attitude=A.SUPPORTER,
            trust=T.LOW,
            drivers_long_term="Success and advancement; the top region in the league table.",
            drivers_short_term="Reach the Q4 quota; win two named accounts.",
            pain_points="Account managers walk into meetings without current client news.",
            offer="Account briefings before key client meetings.",
            tags=("revenue",),
            id="s-sandra",
        ),
        Stakeholder(
            "José Alvarez",
            role="Key Account Manager",
            unit="Sales",
            constituency="Sales",
            rank=5,
            influence=34,
            interest=72,
            attitude=A.SUPPORTER,
            desired_attitude=A.CHAMPION,
            trust=T.HIGH,
            drivers_long_term="Respect of the sales team.",
            drivers_short_term="Win the Nordbank renewal.",
            past_service="Client dossier for Nordbank in 2025: he won the pitch.",
            tags=("advocate",),
            id="s-jose",
        ),
        Stakeholder(
            "Fatima Haddad",
            role="HR Business Partner",
            unit="Human Resources",
            constituency="HR",
            rank=4,
            influence=45,
            interest=62,
            attitude=A.SUPPORTER,
            desired_attitude=A.CHAMPION,
            trust=T.MEDIUM,
            drivers_long_term="Credibility of HR's learning programme.",
            drivers_short_term="Fill the lunch-and-learn calendar for spring.",
            offer="Lunch events: 'Grow your Word skills', 'Finding anything in 10 minutes'.",
            tags=("learning",),
            id="s-fatima",
        ),
        Stakeholder(
            "Søren Madsen",
            role="Chief Information Officer",
            unit="IT",
            constituency="IT",
            rank=2,
            influence=78,
            interest=55,
            attitude=A.NEUTRAL,
            desired_attitude=A.SUPPORTER,
            trust=T.MEDIUM,
            drivers_long_term="A modern digital workplace that the CEO can point to.",
            drivers_short_term="Migrate the intranet by June without complaints.",
            pain_points="Departments buying tools IT then has to support.",
            offer="Help to map which information services each department really uses.",
            tags=("digital workplace",),
            id="s-soren",
        ),
        Stakeholder(
            "Grace Mbeki",
            role="Intranet Product Owner",
            unit="IT",
            constituency="IT",
            rank=5,
            influence=40,
            interest=82,
            attitude=A.SUPPORTER,
            desired_attitude=A.CHAMPION,
            trust=T.HIGH,
            drivers_long_term="Recognition for a successful migration.",
            drivers_short_term="Content owners for every intranet section.",
            offer="We take ownership of the research and news sections.",
            tags=("intranet",),
            id="s-grace",
        ),
        Stakeholder(
            "Robert Hale",
            role="General Counsel",
            unit="Legal",
            constituency="Legal",
            rank=2,
            influence=70,
            interest=18,
            attitude=A.NEUTRAL,
            desired_attitude=A.NEUTRAL,
            trust=T.UNKNOWN,
            drivers_long_term="No surprises; a clean compliance record.",
            drivers_short_term="Copyright policy update before the audit.",
            offer="A copyright guide for staff, drafted by us for his review.",
            tags=("compliance",),
            id="s-robert",
        ),
        Stakeholder(
            "Nadia Petrova",
            role="Compliance Analyst",
            unit="Legal",
            constituency="Legal",
            rank=6,
            influence=22,
            interest=40,
            attitude=A.NEUTRAL,
            desired_attitude=A.SUPPORTER,
            trust=T.UNKNOWN,
            drivers_short_term="Evidence packs for the audit.",
            tags=("compliance",),
            id="s-nadia",
        ),
        Stakeholder(
            "Derek Walsh",
            role="Procurement Manager",
            unit="Finance",
            constituency="Finance",
            rank=4,
            influence=52,
            interest=25,
            attitude=A.ACTIVE_BLOCKER,
            desired_attitude=A.NEUTRAL,
            trust=T.LOW,
            drivers_long_term="Being seen as the one who cut costs.",
            drivers_short_term="Renegotiate the five largest subscriptions by December.",
            pain_points="Vendors who go around him to end users.",
            offer="Usage data per subscription, so his negotiation is stronger.",
            past_service="We renewed a database without telling him in 2024: trust damaged.",
            tags=("budget", "repair trust"),
            in_focus=True,
            id="s-derek",
        ),
        Stakeholder(
            "Lena Hoffmann",
            role="Marketing Coordinator",
            unit="Marketing",
            constituency="Marketing",
            rank=6,
            influence=18,
            interest=20,
            attitude=A.NEUTRAL,
            desired_attitude=A.SUPPORTER,
            trust=T.UNKNOWN,
            drivers_short_term="Competitor news for the monthly newsletter.",
            tags=("newsletter",),
            id="s-lena",
        ),
        Stakeholder(
            "Marcus Greene",
            role="Operations Manager",
            unit="Operations",
            constituency="Operations",
            rank=3,
            influence=48,
            interest=15,
            attitude=A.BLOCKER,
            desired_attitude=A.NEUTRAL,
            trust=T.LOW,
            drivers_short_term="Keep the warehouse expansion on schedule.",
            pain_points="On long-term sick leave from January; a sensitive return-to-work plan.",
            contact_permitted=False,
            confidential=True,
            id="s-marcus",
        ),
        Stakeholder(
            "Elif Demir",
            role="Graduate Trainee",
            unit="Research & Development",
            constituency="Library users",
            rank=7,
            influence=10,
            interest=65,
            attitude=A.SUPPORTER,
            desired_attitude=A.CHAMPION,
            trust=T.MEDIUM,
            drivers_long_term="Learning the ropes; a mentor.",
            drivers_short_term="Literature review for her first project.",
            past_service="Search training in her induction week.",
            tags=("new hire",),
            id="s-elif",
        ),
    ]


def _ties() -> list[Relationship]:
    def tie(source: str, target: str, kind: K, strength: int = 3, **kw: object) -> Relationship:
        return Relationship(
            f"s-{source}",
            f"s-{target}",
            kind,
            strength=strength,
            id=f"r-{source}-{target}-{kind.value}",
            **kw,
        )  # type: ignore[arg-type]

    return [
        tie("priya", "margaret", K.ADVISES, 5, note="Margaret reads what Priya puts on top of the pile."),
        tie("priya", "margaret", K.REPORTS_TO, 4),
        tie("henrik", "margaret", K.REPORTS_TO, 4),
        tie("tomas", "margaret", K.REPORTS_TO, 4),
        tie("sandra", "margaret", K.REPORTS_TO, 3),
        tie("soren", "margaret", K.REPORTS_TO, 3),
        tie("robert", "margaret", K.REPORTS_TO, 3),
        tie("aiko", "tomas", K.REPORTS_TO, 3),
        tie("wei", "tomas", K.REPORTS_TO, 3),
        tie("elif", "aiko", K.REPORTS_TO, 2),
        tie("jose", "sandra", K.REPORTS_TO, 3),
        tie("derek", "henrik", K.REPORTS_TO, 4),
        tie("grace", "soren", K.REPORTS_TO, 3),
        tie("nadia", "robert", K.REPORTS_TO, 2),
        tie("aiko", "tomas", K.ADVISES, 5, note="Tomás checks technical calls with Aiko first."),
        tie("aiko", "wei", K.ADVISES, 4),
        tie("aiko", "priya", K.ADVISES, 3, confidence=Confidence.ASSUMED),
        tie("aiko", "soren", K.ADVISES, 3),
        tie("aiko", "elif", K.ADVISES, 4),
        tie("priya", "henrik", K.ADVISES, 3),
        tie("priya", "sandra", K.ADVISES, 2, confidence=Confidence.ASSUMED),
        tie("wei", "sandra", K.ADVISES, 2),
        tie("derek", "henrik", K.ADVISES, 4),
        tie("nadia", "robert", K.ADVISES, 3),
        tie("ulla", "aiko", K.ALLIES_WITH, 4, directed=False),
        tie("ulla", "grace", K.ALLIES_WITH, 4, directed=False),
        tie("ulla", "fatima", K.ALLIES_WITH, 3, directed=False),
        tie("ulla", "jose", K.ALLIES_WITH, 3, directed=False),
        tie("ulla", "derek", K.CONFLICTS_WITH, 3, note="The 2024 database renewal; never properly resolved."),
        tie("derek", "soren", K.CONFLICTS_WITH, 2, directed=False, note="Software budgets."),
        tie("sandra", "marcus", K.CONFLICTS_WITH, 2, directed=False, confidence=Confidence.ASSUMED),
        tie("priya", "fatima", K.INFORMAL, 3, directed=False, note="Same running club."),
        tie("jose", "wei", K.INFORMAL, 2, directed=False),
        tie("grace", "lena", K.INFORMAL, 2, directed=False),
        tie("elif", "jose", K.INFORMAL, 1, directed=False, confidence=Confidence.ASSUMED),
    ]


def _at(today: date, days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), time(hour), tzinfo=UTC)


def _notes(today: date) -> list[Note]:
    def note(key: str, days: int, text: str, kind: NoteKind = NoteKind.CONVERSATION, **kw: object) -> Note:
        return Note(text, kind=kind, created_at=_at(today, days), id=f"n-{key}", **kw)  # type: ignore[arg-type]

    return [
        note(
            "map",
            120,
            "Outreach plan agreed with my manager: two new key relationships per quarter; "
            "report progress with a snapshot every three months.",
            NoteKind.OTHER,
        ),
        note(
            "priya1",
            75,
            "Coffee after the town hall. Board papers are her pain: facts checked at 9 pm. "
            "Asked how we could help; she'll send the next pack's open questions.",
            stakeholder_id="s-priya",
        ),
        note(
            "priya2",
            20,
            "Fact-checked 14 figures in the board pack the same day. She mentioned it to Margaret.",
            NoteKind.MEETING,
            stakeholder_id="s-priya",
        ),
        note(
            "aiko1",
            60,
            "Aiko says Tomás decides on tools after asking her. She'd bring us into the "
            "filing team stand-up.",
            stakeholder_id="s-aiko",
        ),
        note(
            "tomas1",
            40,
            "Met Tomás with Aiko. Asked about the three filings: prior art is the bottleneck. "
            "Agreed to a pilot; he wants results before the quarterly review.",
            NoteKind.MEETING,
            stakeholder_id="s-tomas",
        ),
        note(
            "henrik1",
            55,
            "Budget committee: Henrik asked why we have 'so many databases'. Do not defend; "
            "come back with usage data.",
            NoteKind.OBSERVATION,
            stakeholder_id="s-henrik",
        ),
        note(
            "derek1",
            50,
            "Derek still brings up the 2024 renewal. Apologised properly this time and asked "
            "what he would need from us before the next one.",
            stakeholder_id="s-derek",
        ),
        note(
            "derek2",
            12,
            "Sent him usage per subscription for the five largest contracts. No reply yet.",
            NoteKind.EMAIL,
            stakeholder_id="s-derek",
        ),
        note(
            "derek-conf",
            45,
            "Heard he is under pressure from Henrik to show savings by December; not to be repeated.",
            NoteKind.OBSERVATION,
            stakeholder_id="s-derek",
            confidential=True,
        ),
        note(
            "soren1",
            30,
            "Intranet steering group: Søren wants every section to have an owner. Grace "
            "suggested us for research and news.",
            NoteKind.MEETING,
            stakeholder_id="s-soren",
        ),
        note(
            "fatima1",
            25,
            "Fatima will host two lunch-and-learns in spring if we bring the topics.",
            stakeholder_id="s-fatima",
        ),
        note(
            "sandra1",
            15,
            "José says Sandra judges everything by the quota. Account briefings might be the way in; "
            "ask José to mention the Nordbank dossier.",
            NoteKind.OBSERVATION,
            stakeholder_id="s-sandra",
        ),
        note(
            "marcus-conf",
            35,
            "Return-to-work plan with HR; no outreach until Fatima says it is fine.",
            NoteKind.OBSERVATION,
            stakeholder_id="s-marcus",
            confidential=True,
        ),
        note(
            "tie-priya",
            18,
            "Priya's advice carries: Margaret's office adopted the brief format she suggested.",
            NoteKind.OBSERVATION,
            relationship_id="r-priya-margaret-advises",
        ),
        note(
            "elif1",
            8,
            "Elif asked for help with her literature review; booked an hour.",
            stakeholder_id="s-elif",
        ),
    ]


def _plan(today: date) -> list[Engagement]:
    def due(days: int) -> date:
        return today + timedelta(days=days)

    S = EngagementStatus
    return [
        Engagement(
            "s-priya",
            reason="Support the board day in March, in line with the growth strategy.",
            method="Casual conversation",
            spiel="What would make the next board pack easier for you?",
            offer="Same-day fact checks for board papers.",
            owner="Ulla",
            due=due(-3),
            status=S.PLANNED,
            id="e-priya",
        ),
        Engagement(
            "s-margaret",
            reason="Market intelligence for the two new markets the CEO has set as a goal.",
            method="Email",
            spiel="Would a one-page competitor brief before the board day be useful?",
            offer="A competitor brief, sent through Priya.",
            owner="Ulla",
            due=due(12),
            id="e-margaret",
        ),
        Engagement(
            "s-henrik",
            reason="The 8% overhead target: show where information spend can be consolidated.",
            method="Interview request",
            spiel="Which costs worry you most in information services?",
            offer="Licence audit with consolidated savings.",
            owner="Ulla",
            due=due(5),
            id="e-henrik",
        ),
        Engagement(
            "s-derek",
            reason="Repair trust before the December renegotiations.",
            method="Casual conversation",
            spiel="What would you need from us before the next renewal?",
            offer="Usage data per subscription.",
            owner="Ulla",
            due=due(-10),
            status=S.IN_PROGRESS,
            id="e-derek",
        ),
        Engagement(
            "s-tomas",
            reason="Faster prior-art searches for the three filings this quarter.",
            method="Committee presentation",
            spiel="Where do the filing teams lose most time?",
            offer="Embedded search support pilot.",
            owner="Ulla and Aiko",
            due=due(3),
            id="e-tomas",
        ),
        Engagement(
            "s-sandra",
            reason="Help EMEA reach the Q4 quota with better-prepared client meetings.",
            method="Lunch event",
            spiel="What do your account managers wish they knew before a pitch?",
            offer="Account briefings for named accounts.",
            owner="José",
            due=due(21),
            id="e-sandra",
        ),
        Engagement(
            "s-fatima",
            reason="Spring learning calendar: useful skills for every department.",
            method="Lunch event",
            spiel="Which topics did people ask HR for this year?",
            offer="Two lunch-and-learn sessions.",
            owner="Ulla",
            due=due(-30),
            status=S.DONE,
            outcome="Two dates agreed; 'Finding anything in 10 minutes' is first.",
            id="e-fatima",
        ),
        Engagement(
            "s-soren",
            reason="A digital workplace with clear content owners.",
            method="Committee presentation",
            spiel="Which intranet sections still have no owner?",
            offer="Ownership of research and news sections.",
            owner="Grace",
            due=due(30),
            id="e-soren",
        ),
        Engagement(
            "s-wei",
            reason="Licensed data for the pricing model, without legal delays.",
            method="Casual conversation",
            spiel="Which data sets are stuck with Legal?",
            offer="Licence checks done with Legal.",
            owner="Ulla",
            due=due(6),
            id="e-wei",
        ),
        Engagement(
            "s-robert",
            reason="The copyright policy update before the audit.",
            method="Email",
            spiel="Would a staff guide drafted for your review help?",
            offer="A copyright guide.",
            owner="Ulla",
            id="e-robert",
        ),
    ]


#: Where some people stood three months ago, before the outreach started.
_THEN = {
    "s-priya": ((70.0, 40.0), A.NEUTRAL, T.MEDIUM),
    "s-tomas": ((85.0, 60.0), A.NEUTRAL, T.LOW),
    "s-derek": ((52.0, 25.0), A.ACTIVE_BLOCKER, T.LOW),
    "s-fatima": ((45.0, 40.0), A.NEUTRAL, T.UNKNOWN),
    "s-grace": ((40.0, 60.0), A.NEUTRAL, T.MEDIUM),
    "s-henrik": ((92.0, 35.0), A.ACTIVE_BLOCKER, T.LOW),
}


def build_library_map(today: date | None = None) -> Map:
    """The sample map as of ``today`` (default: the real today): people, ties, notes, a plan, a snapshot."""
    today = today or date.today()
    m = Map(
        info=MapInfo(
            title="Information Centre — enterprise outreach",
            organisation="Northwind Industries",
            purpose=(
                "Make the Information Centre relevant and indispensable to the people whose projects drive "
                "Northwind's growth, by building trust one relationship at a time: ask what they need, give "
                "first, and link our work to their agenda."
            ),
            author="Ulla Lindqvist",
            created_at=_at(today, 120),
            modified_at=_at(today, 1),
        )
    )
    people = _people()
    then_people = [
        replace(
            p,
            influence=_THEN[p.id][0][0],
            interest=_THEN[p.id][0][1],
            attitude=_THEN[p.id][1],
            trust=_THEN[p.id][2],
        )
        if p.id in _THEN
        else p
        for p in people
        if p.id != "s-elif"  # Elif joined after the snapshot
    ]
    m.add_stakeholders(then_people)
    snapshot_change = m.take_snapshot("Start of outreach")
    snapshot = next(e for e in snapshot_change.after if e.__class__.__name__ == "Snapshot")
    m.apply(snapshot_change.inverted())
    m.add_entities([replace(snapshot, taken_at=_at(today, 90))], "Take snapshot")
    for person in people:
        if person.id in _THEN:
            m.update_stakeholder(
                person.id,
                influence=person.influence,
                interest=person.interest,
                attitude=person.attitude,
                trust=person.trust,
            )
    m.add_stakeholder(next(p for p in people if p.id == "s-elif"))
    m.add_entities([*_ties(), *_notes(today), *_plan(today)], "Sample content")
    m.update_info(me_id="s-ulla")
    m.info = replace(m.info, modified_at=_at(today, 1))
    return m
