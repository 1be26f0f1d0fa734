"""The two editions of the plan: the facilitator's copy (everything) and the handout (safe to hand out).

What an edition shows is an ``AudienceSettings`` (``core.audience``): the plan is
built from ``for_audience(map, settings)``, so the insights are computed on the
map the reader may see, not on the whole map with rows skipped afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from stakemap.core.audience import AUDIENCE, PRIVATE, AudienceSettings
from stakemap.core.model import Map


class Edition(Enum):
    FACILITATOR = "facilitator"
    HANDOUT = "handout"

    @property
    def title(self) -> str:
        return "Facilitator copy" if self is Edition.FACILITATOR else "Handout"

    @property
    def settings(self) -> AudienceSettings:
        """The audience preset of this edition: Private for the facilitator, Audience for the handout."""
        return PRIVATE if self is Edition.FACILITATOR else AUDIENCE


HANDOUT_NOTICE = (
    "This handout leaves out confidential people, all notes, trust, attitude and where people are hurting."
)

#: The insights a handout may print, each with a heading and a line in plain words. The others are
#: judgements about the people reading it (influence beyond or below their position, trust): left out.
HANDOUT_INSIGHTS: dict[str, tuple[str, str]] = {
    "influence": ("Who is listened to", "People whom many others go to for advice, or who others report to."),
    "connected": ("Most connected", "How many people each person has a tie with."),
    "brokers": ("Who connects people", "People through whom others on the map are linked."),
    "groups": ("Groups", "People who are closely tied to each other."),
}
HANDOUT_INSIGHT_ROWS = 5
#: Words that belong to the analyst, not to a handout.
JARGON = ("pagerank", "louvain", "modularity", "betweenness", "percentile", "you rated", "your grid",
          "you gave", "purity")  # fmt: skip


def plan_insights(
    shown: Map, settings: AudienceSettings, cancelled: Callable[[], bool] | None = None
) -> list[tuple[str, list[str]]]:
    """The relationship insights of the map this audience may see (``shown``: already filtered).

    Private: every section as the app shows it. Anyone else: a few sections, in plain words.
    """
    from stakemap.core.analysis import analyse

    report = analyse(shown, source_id=shown.info.me_id, cancelled=cancelled)
    if settings.is_private:
        return report.insight_sections()
    result = []
    for key, (title, intro) in HANDOUT_INSIGHTS.items():
        section = report.section(key)
        if section.omitted:
            continue
        lines = [f.explanation for f in section.findings if not _jargon(f.explanation)]
        if lines:
            result.append((title, [intro, *lines[:HANDOUT_INSIGHT_ROWS]]))
    return result


def _jargon(text: str) -> bool:
    folded = text.casefold()
    return any(word in folded for word in JARGON)
