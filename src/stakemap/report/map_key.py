"""The key to a numbered map: number, name, role and (for the facilitator) attitude and trust (report layer).

Printed in narrow columns on the pages after the map (see ``pdf.KEY_COLUMNS``), in
number order, which is also A to Z order of names.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from stakemap.core.model import Map
from stakemap.report.cells import REST, cell, column_widths, font_commands, para
from stakemap.report.fonts import BOLD
from stakemap.report.map_people import ATTITUDE_SYMBOL
from stakemap.report.styles import RULE

KEY_CHUNK = 200


def map_key(
    the_map: Map,
    numbers: Mapping[str, int],
    column_width: float,
    *,
    show_marks: bool,
    cells: Mapping[str, str] | None = None,
) -> list[Flowable]:
    """The heading and one long table (it splits across columns and pages, its header repeated).
    With ``cells`` (the density view) the first column gives each person's cell instead of a number."""
    header = ["Cell" if cells else "No.", "Name", "Role, unit", *(("Att.", "Trust") if show_marks else ())]
    widths: list[float | str] = [20.0, REST, REST, *((20.0, 38.0) if show_marks else ())]
    sizes = column_widths(widths, column_width)
    rows: list[list[str | Paragraph]] = [header]
    for key, number in sorted(numbers.items(), key=lambda item: item[1]):
        person = the_map.stakeholders[key]
        name = ("★ " if person.in_focus else "") + ("[conf] " if person.confidential else "") + person.name
        role = ", ".join(x for x in (person.role, person.unit or person.constituency) if x.strip())
        row: list[str | Paragraph] = [cells[key] if cells else str(number), cell(name, sizes[1], "key_bold", bold=True),
                                      cell(role, sizes[2], "key")]  # fmt: skip
        if show_marks:
            row += [ATTITUDE_SYMBOL[person.attitude], person.trust.label]
        rows.append(row)
    columns = ("key_bold", "key_bold", "key", "key_bold", "key")
    look = TableStyle([
        *font_commands(columns[: len(header)]),
        ("FONT", (0, 0), (-1, 0), BOLD, 6.5, 8),
        ("ALIGN", (0, 0), (0, -1), "RIGHT"),
        ("ALIGN", (3, 0), (3, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ])  # fmt: skip
    # Tables of KEY_CHUNK rows: reportlab re-measures every remaining row at each split, so one table of
    # 20,000 rows costs quadratic time; chunks keep the key linear and look the same (header repeated).
    tables: list[Flowable] = []
    for start in range(1, max(len(rows), 2), KEY_CHUNK):
        table = Table([header, *rows[start : start + KEY_CHUNK]], colWidths=widths, repeatRows=1)
        table.setStyle(look)
        tables.append(table)
    intro = "Numbers on the map in A to Z order of names. ★ in focus: has a conversation card."
    if cells:
        intro = "A to Z by name, with the cell of the map each person stands in. ★ in focus: has a conversation card."
    return [para("Key to the map", "h2", bold=True), para(intro, "muted"), *tables]
