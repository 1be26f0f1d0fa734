"""The parts of the plan as platypus flowables: cover, quadrant summary, conversation cards, schedule,
insights and progress since a snapshot (report layer). Every user text goes through ``fonts.rich``,
or is a plain string cell that ``cells.cell`` found needs no markup."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from stakemap.core.audience import AudienceSettings
from stakemap.core.entities import Engagement, Note, Stakeholder
from stakemap.core.grid import Quadrant, quadrant_of
from stakemap.core.model import Map
from stakemap.report.cells import FRAME_WIDTH, REST, cell, column_widths, font_commands, para
from stakemap.report.edition import HANDOUT_NOTICE, Edition
from stakemap.report.rhythm_pages import COLD_MARK
from stakemap.report.styles import RULE, SHADE, styles

#: Long text is cut on cards so a card stays one readable block (the full text is in the app).
CARD_TEXT_LIMIT = 900
NOTE_LIMIT = 600


__all__ = [
    "conversation_card",
    "cover",
    "focus_people",
    "other_notes",
    "para",
    "quadrant_summary",
    "schedule",
    "text_sections",
]


def clipped(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cover(the_map: Map, edition: Edition, today: date) -> list[Flowable]:
    info = the_map.info
    parts: list[Flowable] = [Spacer(1, 40 * mm), para(info.title, "title", bold=True)]
    if info.organisation:
        parts.append(para(info.organisation, "subtitle"))
    parts.append(Spacer(1, 8 * mm))
    if info.purpose:
        parts += [para("Purpose", "label", bold=True), para(clipped(info.purpose, 3000)), Spacer(1, 5 * mm)]
    facts = [("Prepared by", info.author or "—"), ("Date", f"{today:%d %B %Y}"), ("Edition", edition.title),
             ("People on the map", str(len(the_map.stakeholders))), ("Planned engagements", str(len(the_map.engagements)))]  # fmt: skip
    table = Table([[para(k, "label", bold=True), para(v)] for k, v in facts], colWidths=[45 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    parts.append(table)
    if edition is Edition.HANDOUT:
        parts += [Spacer(1, 6 * mm), para(HANDOUT_NOTICE, "muted")]
    else:
        parts += [Spacer(1, 6 * mm), para("Facilitator copy: contains confidential notes and judgements. "
                                          "Do not hand out.", "muted")]  # fmt: skip
    return parts


def quadrant_summary(the_map: Map) -> list[Flowable]:
    labels = the_map.info.quadrant_labels
    parts: list[Flowable] = [para("Who is where", "h1", bold=True)]
    for quadrant in (Quadrant.KEY_PLAYERS, Quadrant.KEEP_SATISFIED, Quadrant.KEEP_INFORMED, Quadrant.MONITOR):
        people = sorted(
            (p for p in the_map.stakeholders.values() if quadrant_of(p.influence, p.interest) is quadrant),
            key=lambda p: (-p.influence, p.name.casefold()),
        )
        block: list[Flowable] = [
            para(f"{quadrant.label(labels)} ({len(people)})", "h2", bold=True),
            para(f"Strategy: {quadrant.strategy}", "muted"),
        ]
        if people:
            widths: list[float | str] = [55 * mm, 65 * mm, REST]
            name_w, role_w, unit_w = column_widths(widths)
            rows = [[cell(p.name, name_w, "cell_bold", bold=True), cell(p.role, role_w),
                     cell(p.unit or p.constituency, unit_w)] for p in people]  # fmt: skip
            table = Table(rows, colWidths=widths, repeatRows=0)
            table.setStyle(_grid_style(columns=("cell_bold", "cell", "cell")))
            block.append(table)
        else:
            block.append(para("Nobody here yet.", "muted"))
        parts.append(KeepTogether(block[:3]) if len(block) >= 3 else KeepTogether(block))
        parts.extend(block[3:])
    return parts


def _grid_style(header: bool = False, columns: Sequence[str] = ()) -> TableStyle:
    """Ruled rows; ``columns`` names each column's paragraph style, for the cells that are plain strings."""
    commands = [
        *font_commands(columns, first_row=1 if header else 0),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        commands += [
            ("FONT", (0, 0), (-1, 0), *_font("label")),
            ("TEXTCOLOR", (0, 0), (-1, 0), styles()["label"].textColor),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ]
    return TableStyle(commands)


def focus_people(the_map: Map, focus: Collection[str] = ()) -> list[Stakeholder]:
    """Who gets a conversation card: everyone in focus, with a planned engagement or with notes; the key
    players when that is nobody."""
    planned = {e.stakeholder_id for e in the_map.engagements.values()}
    noted = {n.stakeholder_id for n in the_map.notes.values() if n.stakeholder_id is not None}
    people = [p for p in the_map.stakeholders.values()
              if p.in_focus or p.id in focus or p.id in planned or p.id in noted]  # fmt: skip
    if not people:
        people = [
            p
            for p in the_map.stakeholders.values()
            if quadrant_of(p.influence, p.interest) is Quadrant.KEY_PLAYERS
        ]
    return sorted(people, key=lambda p: (-p.influence, p.name.casefold()))


def conversation_card(the_map: Map, person: Stakeholder, settings: AudienceSettings, today: date) -> Flowable:
    quadrant = quadrant_of(person.influence, person.interest)
    rows: list[tuple[str, str]] = [
        (
            "Who",
            ", ".join(dict.fromkeys(x for x in (person.role, person.unit, person.constituency) if x)) or "—",
        ),
        ("Why they matter", f"{quadrant.label(the_map.info.quadrant_labels)}: {quadrant.strategy}"),
        ("Long-term drivers", person.drivers_long_term),
        ("Short-term drivers", person.drivers_short_term),
    ]
    if settings.pain_points:
        rows.append(("Where they are hurting", person.pain_points))
    rows += [("What we can offer", person.offer), ("How we served them", person.past_service)]
    if settings.attitude:
        rows.append(("Attitude", f"{person.attitude.label} → wanted: {person.desired_attitude.label}"))
    if settings.trust:
        rows.append(("Trust", person.trust.label))
    if not person.contact_permitted:
        rows.append(("Contact", "Not to be contacted for now"))
    label_w, value_w = column_widths([38 * mm, REST])
    table_rows = [
        [cell(k, label_w, "label", bold=True), cell(clipped(v, CARD_TEXT_LIMIT), value_w)]
        for k, v in rows
        if v.strip()
    ]
    header = f"{person.name}" + ("  ★" if person.in_focus else "")
    parts: list[Flowable] = [para(header, "h2", bold=True)]
    table = Table(table_rows, colWidths=[38 * mm, REST])
    table.setStyle(_grid_style(columns=("label", "cell")))
    parts.append(table)
    plans = the_map.engagements_of(person.id)
    if plans:
        parts.append(para("Planned engagements", "h3", bold=True))
        for engagement in plans:
            parts.append(_engagement_block(engagement, today, overdue=settings.marks))
    # The map holds only the notes this audience may see (none in a handout): all of them are printed.
    notes = the_map.notes_on(stakeholder_id=person.id)
    if notes:
        parts.append(para("Recent notes", "h3", bold=True))
        parts += _note_blocks(notes)
    parts.append(Spacer(1, 4 * mm))
    return KeepTogether(parts)


def _note_blocks(notes: Sequence[Note]) -> list[Flowable]:
    parts: list[Flowable] = []
    for note in notes:
        stamp = f"{note.created_at:%d %b %Y} · {note.kind.label}" + (
            " · confidential" if note.confidential else ""
        )
        parts.append(para(stamp, "label", bold=True))
        parts.append(para(clipped(note.text, NOTE_LIMIT), "small"))
    return parts


def other_notes(the_map: Map) -> list[Flowable]:
    """Notes on the map itself and on ties, so a copy that holds every note really does."""
    parts: list[Flowable] = []
    general = the_map.notes_on()
    if general:
        parts += [para("Notes on the map", "h2", bold=True), *_note_blocks(general)]
    for tie in sorted(the_map.relationships.values(), key=lambda r: r.id):
        notes = the_map.notes_on(relationship_id=tie.id)
        if notes:
            a, b = the_map.stakeholders[tie.source_id].name, the_map.stakeholders[tie.target_id].name
            parts += [para(f"Notes on {a} {tie.kind.label} {b}", "h3", bold=True), *_note_blocks(notes)]
    return parts


def _engagement_block(engagement: Engagement, today: date, *, overdue: bool = True) -> Flowable:
    due = f"{engagement.due:%d %b %Y}" if engagement.due else "no date"
    if overdue and engagement.is_overdue(today):
        due += " — OVERDUE"
    heading = f"{due} · {engagement.method} · {engagement.status.label}" + (
        f" · {engagement.owner}" if engagement.owner else ""
    )
    rows = [(label, value) for label, value in (("Reason", engagement.reason), ("Ask", engagement.spiel),
            ("Offer", engagement.offer), ("Outcome", engagement.outcome)) if value.strip()]  # fmt: skip
    label_w, value_w = column_widths([22 * mm, REST])
    body = [
        [cell(k, label_w, "label", bold=True), cell(clipped(v, CARD_TEXT_LIMIT), value_w)] for k, v in rows
    ]
    table = Table(
        [[cell(heading, FRAME_WIDTH, "cell_bold", bold=True), ""], *body], colWidths=[22 * mm, REST]
    )
    table.setStyle(TableStyle([*font_commands(("label", "cell")), ("FONT", (0, 0), (0, 0), *_font("cell_bold")),
                               ("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))  # fmt: skip
    return table


def schedule(
    the_map: Map, today: date, cold: Mapping[str, str] | None = None, *, overdue: bool = True
) -> list[Flowable]:
    """``cold``: people going cold (facilitator copy only), flagged beside their name."""
    cold = cold or {}
    parts: list[Flowable] = [para("Action schedule", "h1", bold=True)]
    plan = the_map.plan()
    if not plan:
        return [*parts, para("No engagements planned yet.", "muted")]
    widths: list[float | str] = [24 * mm, 32 * mm, 28 * mm, REST, 20 * mm, 20 * mm]
    due_w, person_w, method_w, reason_w, owner_w, status_w = column_widths(widths)
    rows: list[list[str | Paragraph]] = [["Due", "Person", "Method", "Reason", "Owner", "Status"]]
    overdue_rows: list[int] = []
    for engagement in plan:
        due = f"{engagement.due:%d %b %Y}" if engagement.due else "—"
        if overdue and engagement.is_overdue(today):
            due += "\nOVERDUE"  # a two-line string cell: the date, then the warning in bold
            overdue_rows.append(len(rows))
        rows.append([
            _due_cell(due, due_w),
            cell(the_map.stakeholders[engagement.stakeholder_id].name
                 + (f"\n({COLD_MARK})" if engagement.stakeholder_id in cold else ""), person_w),
            cell(engagement.method, method_w),
            cell(clipped(engagement.reason, 300), reason_w),
            cell(engagement.owner, owner_w),
            cell(engagement.status.label, status_w),
        ])  # fmt: skip
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = _grid_style(header=True, columns=("cell",) * 6)
    for row in overdue_rows:
        style.add("FONT", (0, row), (0, row), *_font("cell_bold"))
    table.setStyle(style)
    parts.append(table)
    return parts


def _due_cell(due: str, width: float) -> str | Paragraph:
    """The date (and the OVERDUE line) as a string cell when each line fits, else a wrapping paragraph."""
    lines = due.split("\n")
    fits = all(isinstance(cell(line, width, "cell_bold", bold=True), str) for line in lines)
    return due if fits else para(due, "cell_bold" if len(lines) > 1 else "cell", bold=len(lines) > 1)


def _font(style: str) -> tuple[str, float, float]:
    look = styles()[style]
    return look.fontName, look.fontSize, look.leading


def text_sections(
    title: str, sections: Sequence[tuple[str, Sequence[str]]], intro: str = ""
) -> list[Flowable]:
    parts: list[Flowable] = [para(title, "h1", bold=True)]
    if intro:
        parts.append(para(intro, "muted"))
    for heading, lines in sections:
        block: list[Flowable] = [para(heading, "h2", bold=True)]
        block += [para(clipped(line, 2000)) for line in lines]
        parts.append(KeepTogether(block[:3]))
        parts.extend(block[3:])
    return parts
