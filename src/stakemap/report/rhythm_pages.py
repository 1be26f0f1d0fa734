"""Time in the printed plan: the Movers page and the going-cold flags of the schedule (report layer).

Both are for the facilitator copy only: who moved in attitude or trust, and whom we have let go
quiet, are judgements about named colleagues that a handout never carries.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from stakemap.core.cadence import follow_ups
from stakemap.core.model import Map
from stakemap.core.movers import current_entries, movers, snapshots_by_time
from stakemap.report.cells import REST, cell, column_widths, font_commands, para
from stakemap.report.styles import RULE, SHADE

MAX_MOVERS = 20
COLD_MARK = "going cold"


def going_cold(the_map: Map, today: date) -> dict[str, str]:
    """Person id -> why they are going cold ("no contact recorded", "overdue by 12 days")."""
    return {f.stakeholder_id: f.describe().lower() for f in follow_ups(the_map, today) if f.going_cold}


def cold_without_plan(the_map: Map, today: date) -> list[Flowable]:
    """A line under the schedule naming people going cold who have no open engagement at all."""
    planned = {e.stakeholder_id for e in the_map.engagements.values() if e.status.is_open}
    cold = going_cold(the_map, today)
    names = sorted((the_map.stakeholders[sid].name for sid in cold if sid not in planned), key=str.casefold)
    if not names:
        return []
    return [para(f"Going cold with nothing planned: {', '.join(names)}.", "muted")]


def movers_page(the_map: Map, *, limit: int = MAX_MOVERS) -> list[Flowable]:
    """Who moved most since the latest snapshot (position, attitude, trust); [] without snapshots."""
    snaps = snapshots_by_time(the_map)
    if not snaps:
        return []
    since = snaps[-1]
    ranked = movers(since.entries, current_entries(the_map), limit=limit)
    parts: list[Flowable] = [
        PageBreak(),
        para("Movers", "h1", bold=True),
        para(
            f"Who moved most since “{since.name}” ({since.taken_at:%d %b %Y}): position on the grid, "
            "attitude and trust.",
            "muted",
        ),
    ]
    if not ranked:
        return [*parts, para("Nobody has moved, changed attitude or trust since then.", "muted")]
    widths: list[float | str] = [45 * mm, REST, 16 * mm]
    person_w, change_w, score_w = column_widths(widths)
    rows: list[list[object]] = [["Person", "Change", "Score"]]
    rows += [
        [cell(m.name, person_w), cell(m.describe(), change_w), cell(f"{m.score:.0f}", score_w)]
        for m in ranked
    ]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([*font_commands(("cell", "cell", "cell")), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    parts.append(table)
    return parts
