"""The two editions of the plan: the facilitator's copy (everything) and the handout (safe to hand out)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from enum import Enum
from typing import Any

from stakemap.core.model import Map


class Edition(Enum):
    FACILITATOR = "facilitator"
    HANDOUT = "handout"

    @property
    def title(self) -> str:
        return "Facilitator copy" if self is Edition.FACILITATOR else "Handout"

    @property
    def shows_private(self) -> bool:
        """Notes, trust, attitude and where people are hurting: the facilitator's eyes only."""
        return self is Edition.FACILITATOR


HANDOUT_NOTICE = (
    "This handout leaves out confidential people, all notes, trust, attitude and where people are hurting."
)
REDACTED = "(confidential)"
#: Analysis sections that are judgements of trust: the facilitator's eyes only.
PRIVATE_INSIGHTS = ("advice_trust", "trust_gap")
_PERSON_FIELDS = (
    "name",
    "role",
    "unit",
    "constituency",
    "drivers_long_term",
    "drivers_short_term",
    "offer",
    "past_service",
)
_PLAN_FIELDS = ("reason", "method", "spiel", "offer", "owner", "outcome")


def printable_map(the_map: Map, edition: Edition) -> Map:
    """The map as this edition may show it: the handout drops confidential people, their ties and
    plans, and every note, and blanks their names wherever someone else's text mentions them."""
    if edition is Edition.FACILITATOR:
        return the_map
    hidden = {p.id for p in the_map.stakeholders.values() if p.confidential}
    names = hidden_names(the_map)

    def clean(entity: Any, fields: tuple[str, ...]) -> Any:
        changed = {f: redact(getattr(entity, f), names) for f in fields}
        changed = {f: v for f, v in changed.items() if v != getattr(entity, f)}
        return replace(entity, **changed) if changed else entity

    return Map(
        info=clean(the_map.info, ("title", "organisation", "purpose", "author")),
        stakeholders={
            i: clean(p, _PERSON_FIELDS) for i, p in the_map.stakeholders.items() if i not in hidden
        },
        relationships={
            i: r
            for i, r in the_map.relationships.items()
            if r.source_id not in hidden and r.target_id not in hidden
        },
        notes={},
        engagements={
            i: clean(e, _PLAN_FIELDS)
            for i, e in the_map.engagements.items()
            if e.stakeholder_id not in hidden
        },
        snapshots={},
    )


def hidden_names(the_map: Map) -> list[str]:
    names = {p.name.strip() for p in the_map.stakeholders.values() if p.confidential and p.name.strip()}
    return sorted(names, key=len, reverse=True)  # longest first: "Ann Lee" before "Ann"


def redact(text: str, names: Sequence[str]) -> str:
    for name in names:
        if name in text:
            text = text.replace(name, REDACTED)
    return text


def without_hidden_names(lines: Iterable[str], the_map: Map, edition: Edition) -> list[str]:
    """Lines safe for this edition: in the handout, any line naming a confidential person is dropped."""
    if edition is Edition.FACILITATOR:
        return list(lines)
    names = hidden_names(the_map)
    return [line for line in lines if not any(name in line for name in names)]


def insights_for(report: Any, edition: Edition, the_map: Map) -> list[tuple[str, list[str]]]:
    """An ``AnalysisReport``'s sections as this edition may print them: the handout leaves out the
    trust judgements and every row about or through a confidential person."""
    handout = edition is Edition.HANDOUT
    hidden = [p.id for p in the_map.stakeholders.values() if p.confidential] if handout else []
    private = {report.section(key).title for key in PRIVATE_INSIGHTS} if handout else set()
    sections = [(t, list(lines)) for t, lines in report.insight_sections(hide=hidden) if t not in private]
    return safe_sections(sections, the_map, edition)


def safe_sections(
    sections: Sequence[tuple[str, Sequence[str]]] | None, the_map: Map, edition: Edition
) -> list[tuple[str, list[str]]]:
    result = []
    for title, lines in sections or ():
        kept = without_hidden_names(lines, the_map, edition)
        if kept:
            result.append((title, kept))
    return result
