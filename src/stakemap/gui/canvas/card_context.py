"""What every card shares: theme, display options, fonts and size (gui layer).

The scene owns one ``CardContext``; switching theme or presenter options
changes it once and asks each card to refresh, instead of each card keeping
its own copy.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication

from stakemap.core.entities import QuadrantLabels
from stakemap.gui.canvas.geometry import GRID_HEIGHT, GRID_WIDTH
from stakemap.gui.canvas.options import DisplayOptions
from stakemap.gui.canvas.style import LIGHT, CanvasTheme

#: Cards keep at least this zoom on screen (their words stay ~10 px), enlarged up to MAX_BOOST times.
MIN_CARD_ZOOM = 0.75
MAX_BOOST = 3.0
#: From this enlargement on, cards are one-line chips (name only): in a small view, big two-line
#: cards would bury each other.
COMPACT_BOOST = 1.8
#: Above this many people, people are drawn as dots of a fixed size on screen, named when zoomed in
#: far enough: 400 cards cover the grid about three times over, and no zoom separates cards that
#: grow with the map.
MARKERS_ABOVE = 400
MARKER_RADIUS = 7.0
#: The smallest a dot gets (of its full size) when a small view leaves little room per person.
MIN_MARKER_FRACTION = 0.45
MARKER_LABEL_WIDTH = 150.0
#: A dot's name shows when each person has about this many times the label's area on screen.
LABEL_ROOM = 4.0
CARD_MIN_WIDTH = 128.0
CARD_MAX_WIDTH = 250.0
CARD_HEIGHT = 54.0


def _font(pixel_size: float, *, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    return font


@dataclass
class CardContext:
    theme: CanvasTheme = LIGHT
    options: DisplayOptions = field(default_factory=DisplayOptions)
    #: Reads the map's quadrant names when a tooltip needs them (a copy here would go stale).
    quadrant_labels_of: Callable[[], QuadrantLabels] = QuadrantLabels
    writable: bool = True
    #: True while rendering an export: no selection outlines, hover or link handles.
    exporting: bool = False
    #: How much cards and ties are enlarged so they stay readable when the view is zoomed out.
    boost: float = 1.0
    #: One-line cards (see COMPACT_BOOST).
    compact: bool = False
    #: Bumped whenever the theme, the enlargement or the dots change: ties re-make their pens then.
    style_version: int = 0
    #: Cards keep their look as screen pixmaps (off while rendering an export: vector, no selection).
    caching: bool = True
    #: Dots instead of cards (see MARKERS_ABOVE), and whether their names show at this zoom.
    markers: bool = False
    marker_labels: bool = False
    #: Many ties seen from afar: stroke them without antialiasing, three to four times faster.
    fast_links: bool = False
    #: Link mode: a drag from any card draws a relationship (the cards show a cross cursor).
    link_mode: bool = False

    @property
    def quadrant_labels(self) -> QuadrantLabels:
        return self.quadrant_labels_of()

    def __post_init__(self) -> None:
        self.rebuild_fonts()

    def rebuild_fonts(self) -> None:
        scale = self.options.text_scale()
        compact = self.compact
        self.min_width = (56.0 if compact else CARD_MIN_WIDTH) * scale
        self.max_width = (170.0 if compact else CARD_MAX_WIDTH) * scale
        self.height = (24.0 if compact else CARD_HEIGHT) * scale
        self.title_font = _font(13.5 * scale, bold=True)
        self.subtitle_font = _font(11.5 * scale)
        self.title_metrics = QFontMetricsF(self.title_font)  # shared: every card measures its words
        self.subtitle_metrics = QFontMetricsF(self.subtitle_font)
        self.symbol_font = _font((10.5 if compact else 13) * scale, bold=True)
        self.badge_font = _font(10.5 * scale, bold=True)
        self.marker_font = _font(11.5 * scale, bold=True)
        self.marker_metrics = QFontMetricsF(self.marker_font)
        self.strip_width = (17.0 if compact else 22.0) * scale
        self.column_width = 0.0 if compact else 14.0 * scale  # no trust dots on a chip: see the tooltip


def card_boost(view_scale: float) -> float:
    """The enlargement of cards at this zoom, in steps of 0.1 so that small zoom changes cost nothing."""
    if view_scale <= 0:
        return 1.0
    return round(min(MAX_BOOST, max(1.0, MIN_CARD_ZOOM / view_scale)), 1)


def marker_boost(view_scale: float, people: int) -> float:
    """The enlargement that keeps a dot the same size on screen, in the view's zoom steps (1.2x) so
    that a zoom step re-sizes the dots at most once. Where the map is shown so small that people
    stand closer than a dot is wide, dots shrink with the room (down to MIN_MARKER_FRACTION)."""
    if view_scale <= 0:
        return 1.0
    spacing = view_scale * math.sqrt(GRID_WIDTH * GRID_HEIGHT / max(1, people))  # on screen, pixels
    size = min(1.0, max(MIN_MARKER_FRACTION, spacing / (2 * MARKER_RADIUS)))
    steps = round(math.log(size / view_scale) / math.log(1.2))
    return 1.2**steps


def marker_label_zoom(people: int) -> float:
    """The zoom from which dots are named: each person then has room for about LABEL_ROOM labels."""
    label_area = (MARKER_LABEL_WIDTH * 0.75) * 18.0  # a typical name, in screen pixels
    return math.sqrt(LABEL_ROOM * label_area * max(1, people) / (GRID_WIDTH * GRID_HEIGHT))
