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


_ACCENTS = {
    Attitude.ACTIVE_BLOCKER: "#c62828",
    Attitude.BLOCKER: "#e07b2e",
    Attitude.NEUTRAL: "#7d8590",
    Attitude.SUPPORTER: "#5a9e4b",
    Attitude.CHAMPION: "#1e7d45",
}

LIGHT = CanvasTheme(
    dark=False,
    background=_c("#f4f4f1"),
    quadrant_fills=(_c("#e7efe6"), _c("#f1ebe0"), _c("#e6edf3"), _c("#eeeeec")),
    grid_line=_c("#d5d6d2"),
    midline=_c("#9a9c97"),
    label=_c("#3b3f45"),
    strategy=_c("#6a6f76"),
    axis=_c("#4b5058"),
    card_text=_c("#1d2125"),
    card_subtext=_c("#4a5058"),
    card_border=_c("#5b6068"),
    neutral_fill=_c("#fbfbfa"),
    selection=_c("#1f6fd1"),
    highlight=_c("#f2a900"),
    badge_overdue=_c("#d32f2f"),
    badge_star=_c("#e0a100"),
    attitudes={
        Attitude.ACTIVE_BLOCKER: AttitudeColours(_c("#f6cfcf"), _c(_ACCENTS[Attitude.ACTIVE_BLOCKER])),
        Attitude.BLOCKER: AttitudeColours(_c("#fbe2cc"), _c(_ACCENTS[Attitude.BLOCKER])),
        Attitude.NEUTRAL: AttitudeColours(_c("#f3f3f1"), _c(_ACCENTS[Attitude.NEUTRAL])),
        Attitude.SUPPORTER: AttitudeColours(_c("#dcefd5"), _c(_ACCENTS[Attitude.SUPPORTER])),
        Attitude.CHAMPION: AttitudeColours(_c("#bfe4c9"), _c(_ACCENTS[Attitude.CHAMPION])),
    },
    links={
        RelationshipKind.REPORTS_TO: _c("#37424a"),
        RelationshipKind.ADVISES: _c("#2f64b3"),
        RelationshipKind.ALLIES_WITH: _c("#23894c"),
        RelationshipKind.CONFLICTS_WITH: _c("#c62828"),
        RelationshipKind.INFORMAL: _c("#7a6a99"),
    },
)

DARK = CanvasTheme(
    dark=True,
    background=_c("#1c1f23"),
    quadrant_fills=(_c("#1f2a22"), _c("#2a261f"), _c("#1f2730"), _c("#24262a")),
    grid_line=_c("#343941"),
    midline=_c("#6b727c"),
    label=_c("#d9dde2"),
    strategy=_c("#a2a9b2"),
    axis=_c("#c4c9cf"),
    card_text=_c("#f1f3f5"),
    card_subtext=_c("#c3c9d0"),
    card_border=_c("#9aa3ad"),
    neutral_fill=_c("#2d3238"),
    selection=_c("#5aa2ff"),
    highlight=_c("#ffc53d"),
    badge_overdue=_c("#ef5350"),
    badge_star=_c("#ffc53d"),
    attitudes={
        Attitude.ACTIVE_BLOCKER: AttitudeColours(_c("#5a2326"), _c("#e05252")),
        Attitude.BLOCKER: AttitudeColours(_c("#5a3a22"), _c("#e8914a")),
        Attitude.NEUTRAL: AttitudeColours(_c("#34383e"), _c("#8d96a1")),
        Attitude.SUPPORTER: AttitudeColours(_c("#2d4a2c"), _c("#6dbb5c")),
        Attitude.CHAMPION: AttitudeColours(_c("#1f4d33"), _c("#3fb06a")),
    },
    links={
        RelationshipKind.REPORTS_TO: _c("#cfd6dc"),
        RelationshipKind.ADVISES: _c("#6fa3ef"),
        RelationshipKind.ALLIES_WITH: _c("#4fc27d"),
        RelationshipKind.CONFLICTS_WITH: _c("#ff6b6b"),
        RelationshipKind.INFORMAL: _c("#b6a4d8"),
    },
)


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
