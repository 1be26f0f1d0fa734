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

    def __post_init__(self) -> None:
        self.rebuild_fonts()

    def rebuild_fonts(self) -> None:
        scale = self.options.text_scale()
        self.min_width = CARD_MIN_WIDTH * scale
        self.max_width = CARD_MAX_WIDTH * scale
        self.height = CARD_HEIGHT * scale
        self.title_font = _font(13.5 * scale, bold=True)
        self.subtitle_font = _font(11.5 * scale)
        self.symbol_font = _font(13 * scale, bold=True)
        self.badge_font = _font(10.5 * scale, bold=True)
        self.strip_width = 22.0 * scale
        self.column_width = 14.0 * scale
