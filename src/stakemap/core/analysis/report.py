"""The analysis report: ranked findings with one-line explanations, as text or JSON (core layer).

A report is a list of ``Section``s (network influence, de facto leaders, brokers,
groups, paths, trust...), each a ranked tuple of ``Finding``s. Every finding
names the person it is about (``stakeholder_id``, so a GUI can select them) and
says in one sentence why. A section the data cannot support is kept, empty, with
``omitted_reason`` saying what is missing, so the user learns what to add.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from stakemap.core.analysis.paths import Path


@dataclass(frozen=True)
class Finding:
    """One ranked row: who, a score to sort by, and a plain-words explanation."""

    stakeholder_id: str | None  # None for rows about a group or a constituency
    name: str
    score: float
    explanation: str
    assumed_ties: int = 0  # how many assumed ties this result leaned on
    related_ids: tuple[str, ...] = ()  # other people involved: a group's members, a path's people
    label: str = ""  # a short tag, e.g. "hidden influencer"
    mentions: tuple[str, ...] = ()  # people the explanation names besides stakeholder_id

    def names_any(self, ids: Collection[str]) -> bool:
        """True if the explanation names one of these people (so hiding them hides the row)."""
        return (self.stakeholder_id in ids) or any(r in ids for r in self.mentions)

    def as_dict(self) -> dict[str, Any]:
        return {
            "stakeholder_id": self.stakeholder_id,
            "name": self.name,
            "score": round(self.score, 6),
            "explanation": self.explanation,
            "assumed_ties": self.assumed_ties,
            "related_ids": list(self.related_ids),
            "label": self.label,
            "mentions": list(self.mentions),
        }


@dataclass(frozen=True)
class Section:
    key: str  # stable identifier: "influence", "brokers", ...
    title: str
    findings: tuple[Finding, ...] = ()
    summary: str = ""  # how it was measured, and any caveat
    omitted_reason: str | None = None  # set when the data cannot support this analysis
    approximate: bool = False

    @property
    def omitted(self) -> bool:
        return self.omitted_reason is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "summary": self.summary,
            "omitted_reason": self.omitted_reason,
            "approximate": self.approximate,
            "findings": [f.as_dict() for f in self.findings],
        }


def omitted(key: str, title: str, reason: str) -> Section:
    return Section(key, title, omitted_reason=reason)


TOP_N = 10  # findings a section lists


def ranked(key: str, title: str, rows: list[Finding], summary: str, *, nobody: str = "") -> Section:
    """The top findings, highest score first (equal scores by name, then id); ``nobody`` says why none."""
    rows = sorted(rows, key=lambda f: (-f.score, f.name.casefold(), f.stakeholder_id or ""))
    if not rows and nobody:
        summary += f" {nobody}"
    return Section(key, title, tuple(rows[:TOP_N]), summary)


@dataclass(frozen=True)
class AnalysisReport:
    """Everything ``analyse()`` found; per-person metrics for canvas overlays ride alongside."""

    title: str
    people: int
    ties: int
    assumed_ties: int
    sections: tuple[Section, ...]
    source_id: str | None = None
    network_influence: dict[str, float] = field(default_factory=dict)  # 0..1, top = 1
    brokerage: dict[str, float] = field(default_factory=dict)  # normalised betweenness 0..1
    connections: dict[str, int] = field(default_factory=dict)  # people tied to, conflicts aside
    groups: dict[str, int] = field(default_factory=dict)  # cluster number (1 = largest) of tied people
    paths: tuple[Path, ...] = ()  # best chains from source_id to the key people
    approximate: bool = False

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(f"No analysis section {key!r}")

    def as_text(self, *, hide: Collection[str] = ()) -> str:
        """The report as plain text (what ``stakemap analyse MAP`` prints).

        ``hide``: ids of people to leave out (e.g. confidential ones on a shared screen); every row
        that names one of them is dropped (their ties still count in everyone else's figures).
        """
        lines = [f"Relationship analysis: {' '.join(self.title.split())}", self._counts_line()]
        for section in self.sections:
            lines += ["", section.title, "-" * min(len(section.title), 72)]
            if section.omitted_reason is not None:
                lines.append(f"Not shown: {section.omitted_reason}")
                continue
            lines += self._section_lines(section, hide, numbered=True)
        return "\n".join(lines) + "\n"

    def insight_sections(self, *, hide: Collection[str] = ()) -> list[tuple[str, list[str]]]:
        """(title, lines) for the PDF's relationship insights; sections without data are left out."""
        result = []
        for section in self.sections:
            if section.omitted_reason is None:
                lines = self._section_lines(section, hide, numbered=False)
                if lines:
                    result.append((section.title, lines))
        return result

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable: plain dicts, lists, strings and numbers only."""
        return {
            "title": self.title,
            "people": self.people,
            "ties": self.ties,
            "assumed_ties": self.assumed_ties,
            "source_id": self.source_id,
            "approximate": self.approximate,
            "sections": [s.as_dict() for s in self.sections],
            "paths": [p.as_dict() for p in self.paths],
            "metrics": {
                "network_influence": {k: round(v, 6) for k, v in self.network_influence.items()},
                "brokerage": {k: round(v, 6) for k, v in self.brokerage.items()},
                "connections": dict(self.connections),
                "groups": dict(self.groups),
            },
        }

    def _counts_line(self) -> str:
        from stakemap.core.analysis.text import people, ties

        line = f"{people(self.people)}, {ties(self.ties)}"
        if self.assumed_ties:
            line += f" ({self.assumed_ties:,} assumed: they count half as much as observed ones)"
        return line + "."

    @staticmethod
    def _section_lines(section: Section, hide: Collection[str], *, numbered: bool) -> list[str]:
        lines = [section.summary] if section.summary else []
        shown = [f for f in section.findings if not f.names_any(hide)]
        for rank, finding in enumerate(shown, start=1):
            lines.append(f"{rank:>2}. {finding.explanation}" if numbered else finding.explanation)
        if section.findings and not shown:
            lines.append("(every result here names a hidden person)")
        return lines
