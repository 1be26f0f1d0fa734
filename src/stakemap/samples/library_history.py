"""The sample map's history: notes of conversations and the communications plan, dated relative to today.

Part of the bundled sample (``stakemap.samples.library`` assembles it).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from stakemap.core.entities import (
    Engagement,
    EngagementStatus,
    Note,
    NoteKind,
)


def at(today: date, days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), time(hour), tzinfo=UTC)


def notes(today: date) -> list[Note]:
    def note(key: str, days: int, text: str, kind: NoteKind = NoteKind.CONVERSATION, **kw: Any) -> Note:
        return Note(text, kind=kind, created_at=at(today, days), id=f"n-{key}", **kw)

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


def plan(today: date) -> list[Engagement]:
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
