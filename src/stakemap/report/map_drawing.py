"""The map as vector graphics on the page, drawn from the model like the canvas shows it (report layer).

Readable in black and white: attitude is a printed symbol (−− − ○ + ++) as well
as a fill, trust is the weight of the card's border, and each kind of tie has
its own dash pattern. Names are fitted with an ellipsis, and overlapping cards
are nudged apart so no label is hidden.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from stakemap.core.entities import Attitude, Relationship, RelationshipKind, Stakeholder, Trust
from stakemap.core.grid import Quadrant
from stakemap.core.model import Map
from stakemap.report.fonts import BOLD, REGULAR, draw_text, fit, rich
from stakemap.report.styles import INK, MUTED, style_for

CARD_W, CARD_H = 96.0, 23.0
LEGEND_W = 118.0

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
QUADRANT_FILL = {
    Quadrant.KEY_PLAYERS: colors.HexColor("#e7efe6"), Quadrant.KEEP_SATISFIED: colors.HexColor("#f4efe6"),
    Quadrant.KEEP_INFORMED: colors.HexColor("#e8edf4"), Quadrant.MONITOR: colors.HexColor("#f3f3f3"),
}  # fmt: skip


@dataclass(frozen=True)
class LinkStyle:
    dash: tuple[float, ...]
    width: float
    colour: colors.Color
    label: str


LINK_STYLES = {
    RelationshipKind.REPORTS_TO: LinkStyle((), 1.1, colors.HexColor("#2b2f36"), "reports to"),
    RelationshipKind.ADVISES: LinkStyle((4, 2), 1.0, colors.HexColor("#2c5d9e"), "advises"),
    RelationshipKind.ALLIES_WITH: LinkStyle((), 2.2, colors.HexColor("#3d8b4f"), "allies with"),
    RelationshipKind.CONFLICTS_WITH: LinkStyle(
        (6, 2, 1, 2), 1.2, colors.HexColor("#b03a2e"), "conflicts with"
    ),
    RelationshipKind.INFORMAL: LinkStyle((1, 2), 0.8, colors.HexColor("#6b5b95"), "informal"),
}


class MapFlowable(Flowable):
    """Draws the whole map in the space the frame offers."""

    def __init__(self, the_map: Map, *, show_marks: bool = True) -> None:
        super().__init__()
        self.the_map = the_map
        self.show_marks = show_marks  # attitude and trust (left out of the handout)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height
        return available_width, available_height

    # ----------------------------------------------------------------- layout
    def _plot(self) -> tuple[float, float, float, float]:
        left, bottom = 34.0, 40.0
        right = self.width - LEGEND_W - 12
        top = self.height - 40.0
        return left, bottom, right, top

    def _positions(self) -> dict[str, tuple[float, float]]:
        """Card centres on the page, nudged so that no two cards hide each other."""
        left, bottom, right, top = self._plot()
        people = sorted(self.the_map.stakeholders.values(), key=lambda p: (-p.influence, p.interest, p.name))
        pos = {
            p.id: (left + (right - left) * p.interest / 100, bottom + (top - bottom) * p.influence / 100)
            for p in people
        }
        ids = [p.id for p in people]
        for _ in range(40 if len(ids) <= 150 else 6):
            moved = False
            for i, a in enumerate(ids):
                ax, ay = pos[a]
                for b in ids[i + 1 :]:
                    bx, by = pos[b]
                    dx, dy = bx - ax, by - ay
                    if abs(dx) < CARD_W + 2 and abs(dy) < CARD_H + 2:
                        push = (CARD_H + 2 - abs(dy)) / 2 + 0.5
                        sign = 1 if dy <= 0 else -1
                        pos[a] = (ax, ay + sign * push)
                        pos[b] = (bx, by - sign * push)
                        ax, ay = pos[a]
                        moved = True
            for key, (x, y) in pos.items():
                pos[key] = (
                    min(max(x, left + CARD_W / 2), right - CARD_W / 2),
                    min(max(y, bottom + CARD_H / 2), top - CARD_H / 2),
                )
            if not moved:
                break
        return pos

    # ------------------------------------------------------------------- draw
    def draw(self) -> None:
        canvas: Canvas = self.canv
        left, bottom, right, top = self._plot()
        self._draw_grid(canvas, left, bottom, right, top)
        positions = self._positions()
        for tie in self.the_map.relationships.values():
            if tie.source_id in positions and tie.target_id in positions:
                self._draw_link(canvas, tie, positions[tie.source_id], positions[tie.target_id])
        for person in self.the_map.stakeholders.values():
            self._draw_card(canvas, person, positions[person.id])
        self._draw_legend(canvas, right + 12, top)

    def _draw_grid(self, canvas: Canvas, left: float, bottom: float, right: float, top: float) -> None:
        mid_x, mid_y = (left + right) / 2, (bottom + top) / 2
        labels = self.the_map.info.quadrant_labels
        areas = {
            Quadrant.KEEP_SATISFIED: (left, mid_y, mid_x, top),
            Quadrant.KEY_PLAYERS: (mid_x, mid_y, right, top),
            Quadrant.MONITOR: (left, bottom, mid_x, mid_y),
            Quadrant.KEEP_INFORMED: (mid_x, bottom, right, mid_y),
        }
        for quadrant, (x0, y0, x1, y1) in areas.items():
            canvas.setFillColor(QUADRANT_FILL[quadrant])
            canvas.setStrokeColor(colors.HexColor("#c9cfd6"))
            canvas.setLineWidth(0.6)
            canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=1)
        canvas.setStrokeColor(colors.HexColor("#dde2e7"))
        canvas.setLineWidth(0.3)
        for step in range(1, 10):
            if step == 5:
                continue
            x = left + (right - left) * step / 10
            y = bottom + (top - bottom) * step / 10
            canvas.line(x, bottom, x, top)
            canvas.line(left, y, right, y)
        half = (right - left) / 2 - 8
        for quadrant, (x0, y0, x1, y1) in areas.items():
            at_top = quadrant.high_influence
            at_right = quadrant.high_interest
            y_label = y1 + 14 if at_top else y0 - 14
            y_strategy = y1 + 4 if at_top else y0 - 23
            x = x1 if at_right else x0
            align = "right" if at_right else "left"
            canvas.setFillColor(INK)
            draw_text(
                canvas,
                x,
                y_label,
                fit(quadrant.label(labels), half, 10.5, bold=True),
                10.5,
                bold=True,
                align=align,
            )
            canvas.setFillColor(MUTED)
            draw_text(canvas, x, y_strategy, fit(quadrant.strategy, half, 6.8), 6.8, align=align)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 9)
        canvas.drawCentredString((left + right) / 2, bottom - 34, "Interest →")
        canvas.saveState()
        canvas.translate(left - 20, (bottom + top) / 2)
        canvas.rotate(90)
        canvas.drawCentredString(0, 0, "Influence →")
        canvas.restoreState()
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, bottom - 34, "low")
        canvas.drawRightString(right, bottom - 34, "high")

    def _draw_link(
        self, canvas: Canvas, tie: Relationship, a: tuple[float, float], b: tuple[float, float]
    ) -> None:
        style = LINK_STYLES[tie.kind]
        start, end = _clip(a, b), _clip(b, a)
        canvas.saveState()
        canvas.setStrokeColor(style.colour)
        canvas.setFillColor(style.colour)
        width = style.width * (0.7 + 0.15 * tie.strength)
        canvas.setLineWidth(width)
        canvas.setDash(*([list(style.dash)] if style.dash else [[]]))
        if tie.confidence.value == "assumed":
            canvas.setStrokeAlpha(0.55)
        canvas.line(*start, *end)
        canvas.setDash([])
        if tie.directed:
            _arrowhead(canvas, start, end, 3.2 + width)
        elif tie.kind in (RelationshipKind.CONFLICTS_WITH,):
            _arrowhead(canvas, start, end, 3.2 + width)
            _arrowhead(canvas, end, start, 3.2 + width)
        canvas.restoreState()

    def _draw_card(self, canvas: Canvas, person: Stakeholder, centre: tuple[float, float]) -> None:
        x, y = centre[0] - CARD_W / 2, centre[1] - CARD_H / 2
        canvas.saveState()
        fill = ATTITUDE_FILL[person.attitude] if self.show_marks else colors.white
        canvas.setFillColor(fill)
        canvas.setStrokeColor(INK)
        border = TRUST_BORDER[person.trust] if self.show_marks else 0.7
        canvas.setLineWidth(border)
        if self.show_marks and person.trust is Trust.UNKNOWN:
            canvas.setDash([1.5, 1.5])
        canvas.roundRect(x, y, CARD_W, CARD_H, 3, stroke=1, fill=1)
        canvas.setDash([])
        text_x = x + 4
        text_w = CARD_W - 8
        if self.show_marks:
            canvas.setFillColor(INK)
            canvas.setFont(BOLD, 7.5)
            canvas.drawRightString(x + CARD_W - 3, y + CARD_H - 9, ATTITUDE_SYMBOL[person.attitude])
            text_w -= 12
        marks = ("★ " if person.in_focus else "") + ("[conf] " if person.confidential else "")
        title = fit(marks + person.name, text_w - 2, 6.8, bold=True)
        name = Paragraph(rich(title, bold=True), style_for("card_name", title))
        name.wrapOn(canvas, text_w, 9)
        name.drawOn(canvas, text_x, y + CARD_H - 10.5)
        if person.role:
            role_text = fit(person.role, text_w, 5.6)
            role = Paragraph(rich(role_text), style_for("card_role", role_text))
            role.wrapOn(canvas, text_w, 8)
            role.drawOn(canvas, text_x, y + 3)
        canvas.restoreState()

    def _draw_legend(self, canvas: Canvas, x: float, top: float) -> None:
        canvas.saveState()
        y = top
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 8)
        canvas.drawString(x, y, "Ties")
        y -= 12
        for style in LINK_STYLES.values():
            canvas.setStrokeColor(style.colour)
            canvas.setLineWidth(style.width)
            canvas.setDash(*([list(style.dash)] if style.dash else [[]]))
            canvas.line(x, y + 3, x + 22, y + 3)
            canvas.setDash([])
            canvas.setFillColor(INK)
            canvas.setFont(REGULAR, 7)
            canvas.drawString(x + 27, y, style.label)
            y -= 11
        canvas.drawString(x, y, "faint line: assumed tie")
        y -= 18
        if self.show_marks:
            canvas.setFont(BOLD, 8)
            canvas.drawString(x, y, "Attitude (symbol)")
            y -= 11
            canvas.setFont(REGULAR, 7)
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
            canvas.setFont(BOLD, 8)
            canvas.drawString(x, y, "Trust (border)")
            y -= 11
            canvas.setFont(REGULAR, 7)
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
        canvas.drawString(x, y, "★ in focus: has a conversation card")
        if any(p.confidential for p in self.the_map.stakeholders.values()):
            canvas.drawString(x, y - 11, "[conf] confidential")
        canvas.restoreState()


def _clip(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from card centre ``a`` toward ``b`` leaves card ``a``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return a
    scale = min(
        (CARD_W / 2) / abs(dx) if dx else math.inf,
        (CARD_H / 2) / abs(dy) if dy else math.inf,
    )
    scale = min(scale, 1.0)
    return a[0] + dx * scale, a[1] + dy * scale


def _arrowhead(canvas: Canvas, start: tuple[float, float], end: tuple[float, float], size: float) -> None:
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    left = (end[0] - size * math.cos(angle - 0.42), end[1] - size * math.sin(angle - 0.42))
    right = (end[0] - size * math.cos(angle + 0.42), end[1] - size * math.sin(angle + 0.42))
    path = canvas.beginPath()
    path.moveTo(*end)
    path.lineTo(*left)
    path.lineTo(*right)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
