"""Colours, pens and symbols of the canvas: by attitude, trust and relationship kind (gui layer).

The canvas keeps its own calm colours, in a light and a dark variant picked
from the system palette, so a map reads the same on a desk and on a projector.
Nothing is told by colour alone: attitude also has a symbol, trust a dot
badge and a border weight, relationship kinds a line pattern.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QPen

from stakemap.core.entities import Attitude, Confidence, Relationship, RelationshipKind, Trust

ATTITUDE_SYMBOLS: dict[Attitude, str] = {
    Attitude.ACTIVE_BLOCKER: "−−",
    Attitude.BLOCKER: "−",
    Attitude.NEUTRAL: "○",
    Attitude.SUPPORTER: "+",
    Attitude.CHAMPION: "++",
}

#: Filled dots out of three; None draws a "?" badge.
TRUST_DOTS: dict[Trust, int | None] = {Trust.UNKNOWN: None, Trust.LOW: 1, Trust.MEDIUM: 2, Trust.HIGH: 3}
TRUST_BORDER: dict[Trust, float] = {Trust.UNKNOWN: 1.0, Trust.LOW: 1.0, Trust.MEDIUM: 1.8, Trust.HIGH: 2.8}

#: Distinct, colour-blind-friendly hues (Okabe-Ito) for groups found by analysis.
GROUP_COLOURS: tuple[str, ...] = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f7f7f",
)  # fmt: skip


@dataclass(frozen=True)
class AttitudeColours:
    fill: QColor
    accent: QColor  # the symbol strip on the card's left edge


@dataclass(frozen=True)
class CanvasTheme:
    dark: bool
    background: QColor
    quadrant_fills: tuple[QColor, QColor, QColor, QColor]  # key players, keep satisfied, informed, monitor
    grid_line: QColor
    midline: QColor
    label: QColor
    strategy: QColor
    axis: QColor
    card_text: QColor
    card_subtext: QColor
    card_border: QColor
    neutral_fill: QColor
    selection: QColor
    highlight: QColor  # search matches and analysis paths
    badge_overdue: QColor
    badge_star: QColor
    attitudes: dict[Attitude, AttitudeColours]
    links: dict[RelationshipKind, QColor]

    def attitude(self, attitude: Attitude) -> AttitudeColours:
        return self.attitudes[attitude]


def _c(hex_code: str, alpha: int = 255) -> QColor:
    colour = QColor(hex_code)
    colour.setAlpha(alpha)
    return colour


def _theme(dark: bool) -> CanvasTheme:
    """The light or the dark theme; each colour names its light and its dark variant side by side, so
    that a colour changed in one theme is seen to need its partner in the other."""

    def c(light: str, dark_variant: str) -> QColor:
        return _c(dark_variant if dark else light)

    return CanvasTheme(
        dark=dark,
        background=c("#f4f4f1", "#1c1f23"),
        quadrant_fills=(
            c("#e7efe6", "#1f2a22"),
            c("#f1ebe0", "#2a261f"),
            c("#e6edf3", "#1f2730"),
            c("#eeeeec", "#24262a"),
        ),
        grid_line=c("#d5d6d2", "#343941"),
        midline=c("#9a9c97", "#6b727c"),
        label=c("#3b3f45", "#d9dde2"),
        strategy=c("#6a6f76", "#a2a9b2"),
        axis=c("#4b5058", "#c4c9cf"),
        card_text=c("#1d2125", "#f1f3f5"),
        card_subtext=c("#4a5058", "#c3c9d0"),
        card_border=c("#5b6068", "#9aa3ad"),
        neutral_fill=c("#fbfbfa", "#2d3238"),
        selection=c("#1f6fd1", "#5aa2ff"),
        highlight=c("#f2a900", "#ffc53d"),
        badge_overdue=c("#d32f2f", "#ef5350"),
        badge_star=c("#e0a100", "#ffc53d"),
        attitudes={  # (fill, accent): the accent is the symbol strip on the card's left edge
            Attitude.ACTIVE_BLOCKER: AttitudeColours(c("#f6cfcf", "#5a2326"), c("#c62828", "#e05252")),
            Attitude.BLOCKER: AttitudeColours(c("#fbe2cc", "#5a3a22"), c("#e07b2e", "#e8914a")),
            Attitude.NEUTRAL: AttitudeColours(c("#f3f3f1", "#34383e"), c("#7d8590", "#8d96a1")),
            Attitude.SUPPORTER: AttitudeColours(c("#dcefd5", "#2d4a2c"), c("#5a9e4b", "#6dbb5c")),
            Attitude.CHAMPION: AttitudeColours(c("#bfe4c9", "#1f4d33"), c("#1e7d45", "#3fb06a")),
        },
        links={
            RelationshipKind.REPORTS_TO: c("#37424a", "#cfd6dc"),
            RelationshipKind.ADVISES: c("#2f64b3", "#6fa3ef"),
            RelationshipKind.ALLIES_WITH: c("#23894c", "#4fc27d"),
            RelationshipKind.CONFLICTS_WITH: c("#c62828", "#ff6b6b"),
            RelationshipKind.INFORMAL: c("#7a6a99", "#b6a4d8"),
        },
    )


LIGHT = _theme(dark=False)
DARK = _theme(dark=True)


def theme_for(palette: QPalette | None = None) -> CanvasTheme:
    """The dark theme when the system window colour is dark, else the light one."""
    if palette is None:
        palette = QGuiApplication.palette()
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def link_width(strength: int) -> float:
    """Scene-unit stroke width: weak ties are hairlines, strong ties stand out."""
    return 0.8 + 0.7 * strength


def mix(colour: QColor, background: QColor, amount: float) -> QColor:
    """``amount`` of ``colour`` over ``background``, opaque: a faint colour that is cheap to draw."""
    return QColor.fromRgbF(
        background.redF() + (colour.redF() - background.redF()) * amount,
        background.greenF() + (colour.greenF() - background.greenF()) * amount,
        background.blueF() + (colour.blueF() - background.blueF()) * amount,
    )


def link_pen(theme: CanvasTheme, tie: Relationship, scale: float = 1.0) -> QPen:
    """The pen of a tie. Flat caps and opaque colours on purpose: round caps and translucent wide
    strokes cost the raster engine about ten and six times as much, which matters with thousands of ties."""
    colour = theme.links[tie.kind]
    if tie.confidence is Confidence.ASSUMED:
        colour = mix(colour, theme.background, 0.45)  # assumed ties are fainter, as analysis weighs them less
    width = link_width(tie.strength) * scale
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if tie.kind is RelationshipKind.ADVISES:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([6.0 / width + 1.0, 4.0 / width + 1.0])
    elif tie.kind is RelationshipKind.INFORMAL:
        pen.setWidthF(max(1.2, width * 0.6))
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([1.0, 2.0])
    return pen
