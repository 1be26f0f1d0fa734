"""The two editions of the plan: the facilitator's copy (everything) and the handout (safe to hand out)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum

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


def printable_map(the_map: Map, edition: Edition) -> Map:
    """The map as this edition may show it: the handout drops confidential people, their ties and
    plans, and every note."""
    if edition is Edition.FACILITATOR:
        return the_map
    hidden = {p.id for p in the_map.stakeholders.values() if p.confidential}
    return Map(
        info=the_map.info,
        stakeholders={i: p for i, p in the_map.stakeholders.items() if i not in hidden},
        relationships={
            i: r
            for i, r in the_map.relationships.items()
            if r.source_id not in hidden and r.target_id not in hidden
        },
        notes={},
        engagements={i: e for i, e in the_map.engagements.items() if e.stakeholder_id not in hidden},
        snapshots={},
    )


def without_hidden_names(lines: Iterable[str], the_map: Map, edition: Edition) -> list[str]:
    """Lines safe for this edition: in the handout, any line naming a confidential person is dropped."""
    if edition is Edition.FACILITATOR:
        return list(lines)
    names = [p.name.strip() for p in the_map.stakeholders.values() if p.confidential and p.name.strip()]
    return [line for line in lines if not any(name in line for name in names)]


def safe_sections(
    sections: Sequence[tuple[str, Sequence[str]]] | None, the_map: Map, edition: Edition
) -> list[tuple[str, list[str]]]:
    result = []
    for title, lines in sections or ():
        kept = without_hidden_names(lines, the_map, edition)
        if kept:
            result.append((title, kept))
    return result
