"""What every card shares: theme, display options, fonts and size (gui layer).

The scene owns one ``CardContext``; switching theme or presenter options
changes it once and asks each card to refresh, instead of each card keeping
its own copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QFont, QGuiApplication

from stakemap.core.entities import QuadrantLabels
from stakemap.gui.canvas.options import DisplayOptions
from stakemap.gui.canvas.style import LIGHT, CanvasTheme

#: Cards keep at least this zoom on screen (their words stay ~10 px), enlarged up to MAX_BOOST times.
MIN_CARD_ZOOM = 0.75
MAX_BOOST = 3.0
#: From this enlargement on, cards are one-line chips (name only): in a small view, big two-line
#: cards would bury each other.
COMPACT_BOOST = 1.8
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
    quadrant_labels: QuadrantLabels = field(default_factory=QuadrantLabels)
    writable: bool = True
    #: True while rendering an export: no selection outlines, hover or link handles.
    exporting: bool = False
    #: How much cards and ties are enlarged so they stay readable when the view is zoomed out.
    boost: float = 1.0
    #: One-line cards (see COMPACT_BOOST).
    compact: bool = False
    #: Many ties seen from afar: stroke them without antialiasing, three to four times faster.
    fast_links: bool = False
    #: Link mode: a drag from any card draws a relationship (the cards show a cross cursor).
    link_mode: bool = False

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
        self.symbol_font = _font((10.5 if compact else 13) * scale, bold=True)
        self.badge_font = _font(10.5 * scale, bold=True)
        self.strip_width = (17.0 if compact else 22.0) * scale
        self.column_width = 0.0 if compact else 14.0 * scale  # no trust dots on a chip: see the tooltip


def card_boost(view_scale: float) -> float:
    """The enlargement of cards at this zoom, in steps of 0.1 so that small zoom changes cost nothing."""
    if view_scale <= 0:
        return 1.0
    return round(min(MAX_BOOST, max(1.0, MIN_CARD_ZOOM / view_scale)), 1)
