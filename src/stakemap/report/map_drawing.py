"""The map as vector graphics on the page, drawn from the model like the canvas shows it (report layer).

Small maps print a card per person, on its spot or moved just enough that no card
hides another (with a hairline back to the spot). When cards would pile up (too
many people, or a crowd in one corner) each person becomes a dot on their spot with
a number beside it, and a key listing the numbers follows the map page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from stakemap.core.entities import RelationshipKind, Stakeholder
from stakemap.core.grid import Quadrant
from stakemap.core.model import Map
from stakemap.core.plane import clip_to_box, toward
from stakemap.report.fonts import BOLD, REGULAR, draw_text, fit
from stakemap.report.map_density import draw_density
from stakemap.report.map_layout import Anchor, Box, fits, place_labels
from stakemap.report.map_people import (
    CARD_H,
    CARD_W,
    DOT_R,
    draw_card,
    draw_dot,
    draw_leader,
    draw_legend,
    draw_number,
    number_label_size,
)
from stakemap.report.map_ties import draw_tie
from stakemap.report.styles import INK, MUTED

LEGEND_W = 118.0
#: Beyond this many people cards cannot be read on one page, however they are placed.
CARD_LIMIT = 60
#: How far a card may move from its spot (a hairline then leads back) before the map switches to numbered
#: dots. Four card heights keep most maps of up to 20 people as cards.
MAX_CARD_SHIFT = 4 * CARD_H
#: Numbered dots while numbers, dots and gaps cover at most this share of the plot (about 650 people on
#: A4); beyond it the search for free space grows with the crowd, and the density view is printed.
NUMBER_FILL = 0.35
#: How far a number may move from its dot (a line then leads back): a crowd that needs more is printed as
#: the density view. Bounds the places tried per number, so a crowded corner stays fast.
MAX_NUMBER_SHIFT = 90.0
DENSITY_CELLS = 10
QUADRANT_FILL = {
    Quadrant.KEY_PLAYERS: colors.HexColor("#e7efe6"), Quadrant.KEEP_SATISFIED: colors.HexColor("#f4efe6"),
    Quadrant.KEEP_INFORMED: colors.HexColor("#e8edf4"), Quadrant.MONITOR: colors.HexColor("#f3f3f3"),
}  # fmt: skip


@dataclass(frozen=True)
class MapLayout:
    """Where everything goes on a map page of ``size``: each person's spot and label box."""

    size: tuple[float, float]
    plot: Box
    numbered: bool
    spots: Mapping[str, tuple[float, float]]
    labels: Mapping[str, Box]  # a card, or the box of a number
    numbers: Mapping[str, int]  # empty unless numbered
    #: Too many people for a number each: a dot per person on cells shaded by head count, and the key
    #: gives each person's cell ("C7": interest column C, influence row 7) instead of a number.
    cells: Mapping[str, str] = field(default_factory=dict)

    @property
    def density(self) -> bool:
        return bool(self.cells)


def key_numbers(the_map: Map) -> dict[str, int]:
    """Numbers in A to Z order of names: the key then reads both ways (number to name, name to number)."""
    people = sorted(the_map.stakeholders.values(), key=lambda p: (p.name.casefold(), p.id))
    return {p.id: n for n, p in enumerate(people, start=1)}


def layout_map(
    the_map: Map,
    width: float,
    height: float,
    *,
    numbered: bool | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MapLayout:
    """Lay the map out on a ``width`` x ``height`` area; cards if they fit (or ``numbered`` forces a choice),
    numbers while they fit, else the density view. ``cancelled`` is asked while labels are placed
    (``map_layout.LayoutCancelled``)."""
    plot = Box(34.0, 40.0, width - LEGEND_W - 12, height - 40.0)
    people = sorted(the_map.stakeholders.values(), key=lambda p: (-p.influence, p.interest, p.name))
    spots = {p.id: _spot(p, plot) for p in people}
    anchors = [Anchor(p.id, *spots[p.id]) for p in people]
    if numbered is not True and (numbered is False or len(people) <= CARD_LIMIT):
        cards = place_labels(anchors, CARD_W, CARD_H, plot, gap=2.0, cancelled=cancelled,
                             max_shift=None if numbered is False else MAX_CARD_SHIFT)  # fmt: skip
        if cards is not None:
            return MapLayout((width, height), plot, False, spots, cards, {})
    numbers = key_numbers(the_map)
    w, h = number_label_size(max(numbers.values(), default=1))
    if not fits(len(people), w, h, plot, gap=0.6, fill=NUMBER_FILL):
        return _density(width, height, plot, people, spots, numbers)
    beside = (DOT_R + 0.8 + w / 2, DOT_R + 0.8 + h / 2)
    first = [(beside[0], 0.0), (-beside[0], 0.0), (0.0, beside[1]), (0.0, -beside[1]),
             (beside[0], beside[1]), (-beside[0], beside[1]), (beside[0], -beside[1]), (-beside[0], -beside[1])]  # fmt: skip
    dots = [Box.around(x, y, 2 * DOT_R + 1, 2 * DOT_R + 1) for x, y in spots.values()]
    boxes = place_labels(anchors, w, h, plot, first=first, gap=0.6, keep_clear=dots, max_shift=MAX_NUMBER_SHIFT,
                         cancelled=cancelled)  # fmt: skip
    if boxes is None:  # a crowd somewhere would push numbers far from their dots: show the density instead
        return _density(width, height, plot, people, spots, numbers)
    return MapLayout((width, height), plot, True, spots, boxes, numbers)


def _density(
    width: float, height: float, plot: Box, people: list[Stakeholder],
    spots: dict[str, tuple[float, float]], numbers: dict[str, int],
) -> MapLayout:  # fmt: skip
    cells = {p.id: density_cell(p.interest, p.influence) for p in people}
    return MapLayout((width, height), plot, True, spots, {}, numbers, cells)


def density_cell(interest: float, influence: float) -> str:
    """The cell of the density view a score pair falls in: interest column A-J, influence row 1-10."""
    column = min(DENSITY_CELLS - 1, max(0, int(interest / (100 / DENSITY_CELLS))))
    row = min(DENSITY_CELLS - 1, max(0, int(influence / (100 / DENSITY_CELLS))))
    return f"{'ABCDEFGHIJ'[column]}{row + 1}"


def _spot(person: Stakeholder, plot: Box) -> tuple[float, float]:
    return (
        plot.x0 + (plot.x1 - plot.x0) * person.interest / 100,
        plot.y0 + (plot.y1 - plot.y0) * person.influence / 100,
    )


class MapFlowable(Flowable):
    """Draws the whole map in the space the frame offers."""

    def __init__(self, the_map: Map, *, show_marks: bool = True, layout: MapLayout | None = None,
                 kinds: Collection[RelationshipKind] | None = None) -> None:  # fmt: skip
        super().__init__()
        self.the_map = the_map
        self.kinds = kinds  # the tie kinds the legend explains (default: all)
        self.show_marks = show_marks  # attitude and trust (left out of the handout)
        self.layout = layout  # laid out ahead by the caller (which must know whether a key follows)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        laid_out = self.layout is not None and all(
            math.isclose(a, b, abs_tol=0.5)
            for a, b in zip(self.layout.size, (available_width, available_height), strict=True)
        )
        if not laid_out:
            forced = None if self.layout is None else self.layout.numbered  # keep the promise of a key
            self.layout = layout_map(self.the_map, available_width, available_height, numbered=forced)
        self.width, self.height = available_width, available_height
        return available_width, available_height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        layout = self.layout
        assert layout is not None  # set by wrap
        _draw_grid(canvas, layout.plot, self.the_map)
        people = self.the_map.stakeholders
        if layout.density:
            draw_density(canvas, layout, people, show_marks=self.show_marks)
            return
        centres = layout.spots if layout.numbered else {k: b.centre for k, b in layout.labels.items()}
        for tie in self.the_map.relationships.values():
            if tie.source_id in centres and tie.target_id in centres:
                a, b = centres[tie.source_id], centres[tie.target_id]
                if layout.numbered:
                    start, end = toward(a, b, DOT_R + 0.5), toward(b, a, DOT_R + 0.5)
                else:
                    start, end = (
                        clip_to_box(a, b, CARD_W / 2, CARD_H / 2),
                        clip_to_box(b, a, CARD_W / 2, CARD_H / 2),
                    )
                draw_tie(canvas, tie.kind, start, end, strength=tie.strength, directed=tie.directed,
                         assumed=tie.confidence.value == "assumed", scale=0.6 if layout.numbered else 1.0)  # fmt: skip
        canvas.saveState()
        for key, box in layout.labels.items():
            spot = layout.spots[key]
            if layout.numbered and box.overlaps(Box.around(*spot, 2 * DOT_R + 3.5, 2 * DOT_R + 3.5)):
                continue  # right beside its dot: no line needed
            if layout.numbered or not box.contains(*spot):
                draw_leader(canvas, spot, box, mark_spot=not layout.numbered)
        for key, box in layout.labels.items():
            if layout.numbered:
                draw_dot(canvas, people[key], layout.spots[key], show_marks=self.show_marks)
            else:
                draw_card(canvas, people[key], box, show_marks=self.show_marks)
        for key, box in layout.labels.items():
            if layout.numbered:
                draw_number(canvas, layout.numbers[key], box)
        canvas.restoreState()
        draw_legend(canvas, layout.plot.x1 + 12, layout.plot.y1, show_marks=self.show_marks,
                    numbered=layout.numbered, any_confidential=any(p.confidential for p in people.values()),
                    kinds=self.kinds, any_focus=any(p.in_focus for p in people.values()))  # fmt: skip


def _draw_grid(canvas: Canvas, plot: Box, the_map: Map) -> None:
    left, bottom, right, top = plot.x0, plot.y0, plot.x1, plot.y1
    mid_x, mid_y = (left + right) / 2, (bottom + top) / 2
    labels = the_map.info.quadrant_labels
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
        x = x1 if quadrant.high_interest else x0
        align = "right" if quadrant.high_interest else "left"
        canvas.setFillColor(INK)
        label = fit(quadrant.label(labels), half, 10.5, bold=True)
        draw_text(canvas, x, y1 + 14 if at_top else y0 - 14, label, 10.5, bold=True, align=align)
        canvas.setFillColor(MUTED)
        draw_text(
            canvas, x, y1 + 4 if at_top else y0 - 23, fit(quadrant.strategy, half, 6.8), 6.8, align=align
        )
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
