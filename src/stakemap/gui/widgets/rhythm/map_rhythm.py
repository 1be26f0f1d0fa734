"""The map page's Contact rhythm section: each quadrant's default cadence and the assessment round.

Fields are keyed ``rhythm.<quadrant>`` and ``rhythm.assessment`` so the map page can hand them here
(``rhythm_values`` to show, ``rhythm_mutation`` to store) without knowing their shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from stakemap.core.cadence import format_cadence, parse_cadence
from stakemap.core.changes import Change
from stakemap.core.entities import MapInfo
from stakemap.core.grid import Quadrant
from stakemap.core.model import Map
from stakemap.gui.widgets.inspector.fields import LineField, placeholder_line

if TYPE_CHECKING:
    from stakemap.gui.widgets.inspector.map_page import MapPage

PREFIX = "rhythm."
ASSESSMENT = PREFIX + "assessment"


def _days(text: str) -> int:
    # Blank means no rhythm here: a map-wide default has no default of its own to fall back to.
    value = parse_cadence(text)
    return 0 if value is None else value


def add_rhythm_section(page: MapPage) -> None:
    form = page.section("Contact rhythm")
    for quadrant in Quadrant:
        page.add_field(
            form, PREFIX + quadrant.value, quadrant.label(),
            LineField(placeholder_line("None"), parse=_days, format_=format_cadence),
            "How often to be in touch with people in this quadrant who have no rhythm of their own: "
            "none, weekly, fortnightly, monthly, quarterly or a number of days",
        )  # fmt: skip
    page.add_field(
        form, ASSESSMENT, "Re-assess",
        LineField(placeholder_line("No reminder"), parse=_days, format_=format_cadence),
        "Remind me, when the map opens, to take a snapshot this often (e.g. quarterly)",
    )  # fmt: skip


def is_rhythm_field(name: str) -> bool:
    return name.startswith(PREFIX)


def rhythm_values(info: MapInfo) -> dict[str, Any]:
    values: dict[str, Any] = {PREFIX + q.value: getattr(info.cadences, q.value) for q in Quadrant}
    values[ASSESSMENT] = info.assessment_every_days
    return values


def rhythm_mutation(name: str, value: Any) -> Callable[[Map], Change]:
    if name == ASSESSMENT:
        return lambda m: m.update_info(assessment_every_days=value)
    which = name[len(PREFIX) :]
    return lambda m: m.update_info(cadences=replace(m.info.cadences, **{which: value}))
