"""Reference beside the plan: the person's quadrant strategy and drivers, to write the reason and spiel from.

Shown as the user's own profile text and the method's strategy, clearly
labelled; nothing is written into the plan unless the user copies it there.
"""

from __future__ import annotations

from html import escape

from stakemap.core.entities import Stakeholder
from stakemap.core.grid import quadrant_of
from stakemap.core.model import Map

SPIEL_TIP = (
    "Ask, don't tell or sell (yet). Then react to what they say they need, and get back to them in person."
)


def suggestions_html(the_map: Map, person: Stakeholder) -> str:
    quadrant = quadrant_of(person.influence, person.interest)
    rows = [
        ("Strategy", f"{quadrant.label(the_map.info.quadrant_labels)}: {quadrant.strategy}"),
        ("Long-term drivers", person.drivers_long_term),
        ("Short-term drivers", person.drivers_short_term),
        ("Where they are hurting", person.pain_points),
        ("What we can offer", person.offer),
        ("How we served them", person.past_service),
        ("The spiel", SPIEL_TIP),
    ]
    body = "".join(
        f"<p style='margin:2px 0'><b>{escape(label)}</b><br>{escape(text)}</p>"
        for label, text in rows
        if text.strip()
    )
    return f"<p style='margin:0 0 4px 0'><b>For {escape(person.name)}</b> <i>(from the profile)</i></p>{body}"
