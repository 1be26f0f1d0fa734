"""People on the printed map: cards on small maps, numbered dots on big ones, and the legend (report layer).

Readable in black and white: attitude is a printed symbol (−− − ○ + ++) as well as
a fill, trust is the weight of a card's border; on a numbered map both are in the key.
"""

from __future__ import annotations

from collections.abc import Collection

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from stakemap.core.entities import Attitude, RelationshipKind, Stakeholder, Trust
from stakemap.report.fonts import BOLD, REGULAR, draw_text, fit, register_fonts, rich
from stakemap.report.map_layout import Box
from stakemap.report.map_ties import TIE_LOOKS, draw_tie
from stakemap.report.styles import INK, MUTED, needs_shaping, style_for

CARD_W, CARD_H = 96.0, 23.0
DOT_R = 2.8
NUMBER_SIZE = 5.6
LEADER = colors.HexColor("#7d8794")

ATTITUDE_SYMBOL = {
    Attitude.ACTIVE_BLOCKER: "−−", Attitude.BLOCKER: "−", Attitude.NEUTRAL: "○",
    Attitude.SUPPORTER: "+", Attitude.CHAMPION: "++",
}  # fmt: skip
ATTITUDE_FILL = {
    Attitude.ACTIVE_BLOCKER: colors.HexColor("#f3c2bb"), Attitude.BLOCKER: colors.HexColor("#f8dfd2"),
    Attitude.NEUTRAL: colors.white, Attitude.SUPPORTER: colors.HexColor("#dcefdc"),
    Attitude.CHAMPION: colors.HexColor("#bfe3c4"),
}  # fmt: skip
TRUST_BORDER = {Trust.UNKNOWN: 0.5, Trust.LOW: 0.9, Trust.MEDIUM: 1.6, Trust.HIGH: 2.6}


def number_label_size(largest: int) -> tuple[float, float]:
    """The box every number label gets: as wide as the widest number, plus a hair of white around it."""
    register_fonts()
    return pdfmetrics.stringWidth(str(largest), BOLD, NUMBER_SIZE) + 2.0, NUMBER_SIZE + 1.6


def draw_card(canvas: Canvas, person: Stakeholder, box: Box, *, show_marks: bool) -> None:
    x, y = box.x0, box.y0
    canvas.saveState()
    canvas.setFillColor(ATTITUDE_FILL[person.attitude] if show_marks else colors.white)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(TRUST_BORDER[person.trust] if show_marks else 0.7)
    if show_marks and person.trust is Trust.UNKNOWN:
        canvas.setDash([1.5, 1.5])
    canvas.roundRect(x, y, CARD_W, CARD_H, 3, stroke=1, fill=1)
    canvas.setDash([])
    text_w = CARD_W - 8
    canvas.setFillColor(INK)
    if show_marks:
        canvas.setFont(BOLD, 7.5)
        canvas.drawRightString(x + CARD_W - 3, y + CARD_H - 9, ATTITUDE_SYMBOL[person.attitude])
        text_w -= 12
    marks = ("★ " if person.in_focus else "") + ("[conf] " if person.confidential else "")
    _line(canvas, x + 4, y + CARD_H - 9, fit(marks + person.name, text_w - 2, 6.8, bold=True), "card_name")
    if person.role:
        canvas.setFillColor(MUTED)
        _line(canvas, x + 4, y + 4.2, fit(person.role, text_w, 5.6), "card_role")
    canvas.restoreState()


def _line(canvas: Canvas, x: float, baseline: float, text: str, style: str) -> None:
    """One fitted line: drawn directly, or as a shaped paragraph for scripts that join or run right to left."""
    look = style_for(style, text)
    bold = look.fontName == BOLD
    if not needs_shaping(text):
        draw_text(canvas, x, baseline, text, look.fontSize, bold=bold)
        return
    paragraph = Paragraph(rich(text, bold=bold), look)
    _, height = paragraph.wrapOn(canvas, CARD_W, look.leading * 2)
    paragraph.drawOn(canvas, x, baseline - height + look.fontSize)


def draw_dot(canvas: Canvas, person: Stakeholder, spot: tuple[float, float], *, show_marks: bool) -> None:
    canvas.setFillColor(ATTITUDE_FILL[person.attitude] if show_marks else colors.white)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.7)
    canvas.circle(spot[0], spot[1], DOT_R, stroke=1, fill=1)


def draw_number(canvas: Canvas, number: int, box: Box) -> None:
    canvas.setFillColor(colors.white)
    canvas.rect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0, stroke=0, fill=1)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, NUMBER_SIZE)
    canvas.drawCentredString((box.x0 + box.x1) / 2, box.y0 + 1.2, str(number))


def draw_leader(canvas: Canvas, spot: tuple[float, float], box: Box, *, mark_spot: bool) -> None:
    """A hairline from a person's true spot to their label, drawn when the label had to move away."""
    end = box.nearest(*spot)
    canvas.setStrokeColor(LEADER)
    canvas.setLineWidth(0.35)
    canvas.line(*spot, *end)
    if mark_spot:
        canvas.setFillColor(INK)
        canvas.circle(spot[0], spot[1], 1.4, stroke=0, fill=1)


def draw_legend(canvas: Canvas, x: float, top: float, *, show_marks: bool, numbered: bool,
                any_confidential: bool, kinds: Collection[RelationshipKind] | None = None,
                any_focus: bool = True) -> None:  # fmt: skip
    """``kinds``: the tie kinds this map can draw (a handout without conflicts does not explain them)."""
    canvas.saveState()
    y = top
    y = _heading(canvas, x, y, "Ties")
    for kind, look in TIE_LOOKS.items():
        if kinds is not None and kind not in kinds:
            continue
        directed = kind in (RelationshipKind.REPORTS_TO, RelationshipKind.ADVISES)
        draw_tie(canvas, kind, (x, y + 2.5), (x + 24, y + 2.5), directed=directed)
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, 7)
        canvas.drawString(x + 29, y, look.label + (" (arrow: to whom)" if directed else ""))
        y -= 11
    canvas.drawString(x, y, "faint line: assumed tie")
    y -= 18
    if show_marks:
        y = _heading(canvas, x, y, "Attitude (symbol)" if not numbered else "Attitude (fill; symbol in key)")
        for attitude, symbol in ATTITUDE_SYMBOL.items():
            canvas.setFillColor(ATTITUDE_FILL[attitude])
            canvas.setStrokeColor(INK)
            canvas.setLineWidth(0.5)
            canvas.rect(x, y - 1.5, 14, 8, stroke=1, fill=1)
            canvas.setFillColor(INK)
            canvas.setFont(BOLD, 6.5)
            canvas.drawCentredString(x + 7, y, symbol)
            canvas.setFont(REGULAR, 7)
            canvas.drawString(x + 19, y, attitude.label)
            y -= 11
        y -= 7
        if not numbered:
            y = _heading(canvas, x, y, "Trust (border)")
            for trust, width in TRUST_BORDER.items():
                canvas.setLineWidth(width)
                canvas.setDash([1.5, 1.5] if trust is Trust.UNKNOWN else [])
                canvas.setFillColor(colors.white)
                canvas.rect(x, y - 1.5, 14, 8, stroke=1, fill=1)
                canvas.setDash([])
                canvas.setFillColor(INK)
                canvas.drawString(x + 19, y, trust.label)
                y -= 11
            y -= 7
    canvas.setFont(REGULAR, 7)
    canvas.setFillColor(INK)
    if numbered:
        for line in (
            "Each dot is a person; its number",
            "is in the key after this page",
            "(numbered A to Z by name).",
        ):
            canvas.drawString(x, y, line)
            y -= 9
        y -= 4
    else:
        if any_focus:
            canvas.drawString(x, y, "★ in focus: has a conversation card")
            y -= 11
        canvas.drawString(x, y, "• + hairline: where a moved card belongs")
        y -= 11
        if any_confidential:
            canvas.drawString(x, y, "[conf] confidential")
    canvas.restoreState()


def _heading(canvas: Canvas, x: float, y: float, text: str) -> float:
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 8)
    canvas.drawString(x, y, text)
    canvas.setFont(REGULAR, 7)
    return y - 12
