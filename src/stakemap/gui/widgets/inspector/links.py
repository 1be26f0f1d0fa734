"""People named in a sentence, each name a link that selects that person (gui layer).

Names are user text: they are escaped before they go into the label's markup, so
"Carla <CEO>" reads as written and "&" stays "&".
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from stakemap.core.entities import Confidence, Relationship, RelationshipKind
from stakemap.core.model import Map

LINK_PREFIX = "person:"

#: How a tie reads from each end: (from the source's side, from the target's side).
_PHRASES: dict[RelationshipKind, tuple[str, str]] = {
    RelationshipKind.REPORTS_TO: ("reports to", "line manager of"),
    RelationshipKind.ADVISES: ("advises", "listens to"),
    RelationshipKind.ALLIES_WITH: ("allies with", "allies with"),
    RelationshipKind.CONFLICTS_WITH: ("in conflict with", "in conflict with"),
    RelationshipKind.INFORMAL: ("close to", "close to"),
}

#: A sentence part: plain text, or (name, person id) for a link.
Part = str | tuple[str, str]


def tie_phrase(tie: Relationship, person_id: str) -> str:
    """The verb of ``tie`` as seen by ``person_id`` ("advises", or "listens to" at the other end)."""
    outgoing, incoming = _PHRASES[tie.kind]
    return outgoing if tie.source_id == person_id or not tie.directed else incoming


def relationship_parts(the_map: Map, person_id: str) -> list[Part]:
    """ "advises Carla, Dana" / "line manager of Eli" …: one line per kind of tie, strongest ties first."""
    ties = sorted(
        the_map.relationships_of(person_id),
        key=lambda t: (list(RelationshipKind).index(t.kind), -t.strength),
    )
    groups: dict[str, list[Part]] = {}
    for tie in ties:
        other_id = tie.target_id if tie.source_id == person_id else tie.source_id
        other = the_map.stakeholders.get(other_id)
        if other is None:
            continue
        group = groups.setdefault(tie_phrase(tie, person_id), [])
        if group:
            group.append(", ")
        group.append((other.name, other.id))
        if tie.confidence is Confidence.ASSUMED:
            group.append(" (assumed)")
    parts: list[Part] = []
    for phrase, names in groups.items():
        if parts:
            parts.append("\n")
        parts.append(f"{phrase.capitalize()} ")
        parts.extend(names)
    return parts


def parts_to_html(parts: Sequence[Part]) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(html.escape(part).replace("\n", "<br>"))
        else:
            name, person_id = part
            out.append(f'<a href="{LINK_PREFIX}{html.escape(person_id)}">{html.escape(name)}</a>')
    return "".join(out)


def parts_to_text(parts: Sequence[Part]) -> str:
    return "".join(p if isinstance(p, str) else p[0] for p in parts)


class PeopleLinksLabel(QLabel):
    """A wrapped sentence whose names can be clicked (or reached with Tab and Enter)."""

    person_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)  # only ever given escaped text, see parts_to_html
        self.setWordWrap(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.linkActivated.connect(self._activated)
        self.plain_text = ""

    def set_parts(self, parts: Sequence[Part], empty: str = "") -> None:
        self.plain_text = parts_to_text(parts) if parts else empty
        self.setText(parts_to_html(parts) if parts else html.escape(empty))
        self.setToolTip("Click a name to show that person" if parts else "")

    def _activated(self, link: str) -> None:
        if link.startswith(LINK_PREFIX):
            self.person_activated.emit(link[len(LINK_PREFIX) :])
