"""Reference beside the plan: the person's quadrant strategy, drivers and what we can offer (gui layer).

This is read-only reference text, labelled as coming from the profile and the
method; nothing reaches the plan unless the user clicks an "Insert" link, which
copies that one text into the engagement (one undo entry).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from stakemap.core.entities import Engagement, Stakeholder
from stakemap.core.grid import quadrant_of
from stakemap.core.model import Map

SPIEL_TIP = (
    "Ask, don't tell or sell (yet). Then react to what they say they need, and get back to them in person."
)
GIVE_FIRST_TIP = "A small gain or gesture starts the bond, and repairs trust."
INSERT_SCHEME = "insert"
REFERENCE_LIMIT = 1500  # characters of one profile field shown here; the inspector has the rest


@dataclass(frozen=True)
class Reference:
    title: str
    profile_field: str  # attribute of Stakeholder, or "" for method advice
    target: str  # engagement field an "Insert" link copies it into, or "" for none


REFERENCES = (
    Reference("Long-term drivers", "drivers_long_term", "reason"),
    Reference("Short-term drivers", "drivers_short_term", "reason"),
    Reference("Where they are hurting", "pain_points", "reason"),
    Reference("What we can offer", "offer", "offer"),
    Reference("How we served them", "past_service", ""),
)


def insert_link(profile_field: str, target: str) -> str:
    return f"{INSERT_SCHEME}:{profile_field}:{target}"


def parse_insert_link(url: str) -> tuple[str, str] | None:
    """(profile field, engagement field) of an "Insert" link, or None for anything else."""
    parts = url.split(":")
    known = {(r.profile_field, r.target) for r in REFERENCES if r.target}
    if len(parts) == 3 and parts[0] == INSERT_SCHEME and (parts[1], parts[2]) in known:
        return parts[1], parts[2]
    return None


def inserted(existing: str, addition: str) -> str:
    """``existing`` with ``addition`` after it, unless it is already there."""
    addition = addition.strip()
    if not existing.strip():
        return addition
    if addition in existing:
        return existing
    return f"{existing.rstrip()}\n{addition}"


def _paragraph(text: str) -> str:
    shown = text.strip()
    if len(shown) > REFERENCE_LIMIT:
        shown = shown[:REFERENCE_LIMIT] + "…"
    return escape(shown).replace("\n", "<br>")


def suggestions_html(
    the_map: Map, person: Stakeholder, engagement: Engagement | None = None, *, editable: bool = False
) -> str:
    """The reference for ``person``; with an ``engagement`` and ``editable``, "Insert" links too."""
    quadrant = quadrant_of(person.influence, person.interest)
    parts = [
        f"<p style='margin:0 0 6px 0'><b>{escape(person.name)}</b>"
        + (f" · {escape(person.role)}" if person.role.strip() else "")
        + "<br><i>Reference from the profile and the method: not part of the plan.</i></p>",
        f"<p style='margin:2px 0'><b>{escape(quadrant.label(the_map.info.quadrant_labels))}</b><br>"
        f"{escape(quadrant.strategy)}</p>",
    ]
    if not person.contact_permitted:
        parts.append(
            "<p style='margin:2px 0'><b>Not to be contacted directly</b><br>"
            "Reach them through the people close to them.</p>"
        )
    for ref in REFERENCES:
        text = getattr(person, ref.profile_field)
        if not text.strip():
            continue
        link = ""
        if editable and engagement is not None and ref.target:
            where = "offer" if ref.target == "offer" else "reason"
            link = (
                f" <a href='{insert_link(ref.profile_field, ref.target)}' "
                f"title='Copy this text into the {where} of the selected engagement'>"
                f"Insert&nbsp;into&nbsp;{where}</a>"
            )
        parts.append(f"<p style='margin:2px 0'><b>{escape(ref.title)}</b><br>{_paragraph(text)}{link}</p>")
    parts.append(f"<p style='margin:6px 0 2px 0'><b>The spiel</b><br>{escape(SPIEL_TIP)}</p>")
    parts.append(f"<p style='margin:2px 0'><b>Give first</b><br>{escape(GIVE_FIRST_TIP)}</p>")
    return "".join(parts)
