"""The words a card shows and its tooltip, honouring the presenter's display options (gui layer).

Every text the canvas shows about a person comes from here, so a presenter
mode (initials, roles only, no attitude/trust) is enforced in one place.
"""

from __future__ import annotations

import html

from stakemap.core.entities import Stakeholder
from stakemap.core.grid import quadrant_of
from stakemap.gui.canvas.card_context import CardContext
from stakemap.gui.canvas.style import ATTITUDE_SYMBOLS


def one_line(text: str) -> str:
    """Newlines and tabs in user text become single spaces on a card."""
    return " ".join(text.split())


def card_lines(person: Stakeholder, context: CardContext) -> tuple[str, str]:
    options = context.options
    return one_line(options.title(person)), one_line(options.subtitle(person))


def card_tooltip(person: Stakeholder, context: CardContext, overdue: int) -> str:
    """Rich-text tooltip; every piece of user text is escaped (names may contain "<b>" or "&")."""
    options = context.options
    title, subtitle = card_lines(person, context)
    lines = [f"<b>{html.escape(title)}</b>"]
    detail = [subtitle] if subtitle else []
    if options.shows_names and person.unit.strip():
        detail.append(one_line(person.unit))
    if detail:
        lines.append(html.escape(" · ".join(detail)))
    quadrant = quadrant_of(person.influence, person.interest)
    lines.append(
        f"{html.escape(quadrant.label(context.quadrant_labels))} "
        f"(influence {person.influence:g}, interest {person.interest:g})"
    )
    if not options.hide_trust_attitude:
        lines.append(
            f"Attitude: {person.attitude.label} ({ATTITUDE_SYMBOLS[person.attitude]}) · "
            f"Trust: {person.trust.label}"
        )
    if person.in_focus:
        lines.append("★ In focus")
    if overdue:
        lines.append(f"⚠ {overdue} overdue engagement{'s' if overdue != 1 else ''}")
    if person.confidential:
        lines.append("Confidential")
    return "<br>".join(lines)
