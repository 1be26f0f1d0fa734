"""How a person's card is painted: the card with its strip, words and badges, or a dot (gui layer).

``StakeholderItem.paint`` calls ``paint_card``; the shapes and words it draws were laid out by the
item when its size last changed (``body_rect``, ``strip_path``, ``title_static``…), so painting makes
no text layout and no paths of its own, and a card drawn once is blitted from its cache afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QRadialGradient
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from stakemap.gui.canvas import glyphs
from stakemap.gui.canvas.style import ATTITUDE_SYMBOLS, GROUP_COLOURS, TRUST_BORDER, TRUST_DOTS

if TYPE_CHECKING:
    from stakemap.gui.canvas.stakeholder_item import StakeholderItem

HANDLE_RADIUS = 8.0
HALO_REACH = 46.0  # extra radius of the halo of the most influential person
LOD_TEXT = 0.38  # below this zoom a card is too small to read: draw only its colour
WHITE = QColor("white")
#: The "going cold" mark: a cool blue that reads apart from the red overdue badge, in both themes.
COLD_BADGE = QColor("#1e88e5")


def paint_card(card: StakeholderItem, painter: QPainter) -> None:
    """The card, or its dot on a crowded map (``CardContext.markers``)."""
    if card.context.markers:
        _paint_marker(card, painter)
        return
    ctx, theme, person = card.context, card.context.theme, card.person
    hide_judgement = ctx.options.hide_trust_attitude
    rect = card.body_rect
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
    if card.halo is not None:
        _paint_halo(card, painter)
    if card.group_number is not None:
        ring = QColor(GROUP_COLOURS[card.group_number % len(GROUP_COLOURS)])
        painter.setPen(QPen(ring, 4.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), 10, 10)
    outline = _outline_colour(card)
    if outline is not None:
        painter.setPen(QPen(outline, 3.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(-3.5, -3.5, 3.5, 3.5), 9, 9)

    colours = theme.attitude(person.attitude)
    fill = theme.neutral_fill if hide_judgement else colours.fill
    border_width = 1.0 if hide_judgement else TRUST_BORDER[person.trust]
    pen = QPen(theme.card_border, border_width)
    if person.confidential:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, 7, 7)
    if not hide_judgement:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.accent)
        painter.drawPath(card.strip_path)
    if lod < LOD_TEXT:
        return

    if not hide_judgement:
        painter.setPen(WHITE)
        painter.setFont(ctx.symbol_font)
        painter.drawText(card.strip_rect, Qt.AlignmentFlag.AlignCenter, ATTITUDE_SYMBOLS[person.attitude])
        if ctx.column_width:
            glyphs.draw_trust_dots(
                painter, card.column_rect, TRUST_DOTS[person.trust], theme.card_subtext, ctx.badge_font
            )
    if person.colour:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(person.colour))
        left = rect.left() + (0 if hide_judgement else ctx.strip_width)
        painter.drawRect(QRectF(left + 6, rect.top() + 1.5, 26, 3.5))
    painter.setPen(theme.card_text)
    painter.setFont(ctx.title_font)
    painter.drawStaticText(card.title_at, card.title_static)
    if card.subtitle_text:
        painter.setPen(theme.card_subtext)
        painter.setFont(ctx.subtitle_font)
        painter.drawStaticText(card.subtitle_at, card.subtitle_static)
    if person.confidential:
        size = ctx.height * 0.26
        right = rect.right() - (4 if hide_judgement else ctx.column_width + 4) - size * 0.6
        glyphs.draw_lock(painter, QPointF(right, rect.bottom() - size * 0.75), size, theme.card_subtext)
    _paint_badges(card, painter)


def _paint_marker(card: StakeholderItem, painter: QPainter) -> None:
    """A dot in the attitude's colour, its border as thick as the trust, dashed when confidential."""
    ctx, theme, person, rect = card.context, card.context.theme, card.person, card.body_rect
    hide_judgement = ctx.options.hide_trust_attitude
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if card.halo is not None:
        _paint_halo(card, painter)
    rings: list[tuple[QColor, float]] = []
    if card.group_number is not None:
        rings.append((QColor(GROUP_COLOURS[card.group_number % len(GROUP_COLOURS)]), 3.0))
    outline = _outline_colour(card)
    if outline is not None:
        rings.append((outline, 2.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for grow, (colour, width) in enumerate(rings, start=1):
        painter.setPen(QPen(colour, width))
        reach = 1.5 + grow * 3.0
        painter.drawEllipse(rect.adjusted(-reach, -reach, reach, reach))
    pen = QPen(theme.card_border, 1.0 if hide_judgement else TRUST_BORDER[person.trust])
    if person.confidential:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(theme.neutral_fill if hide_judgement else theme.attitude(person.attitude).accent)
    painter.drawEllipse(rect)
    if person.in_focus:
        glyphs.draw_star(painter, rect.topLeft(), 5.0, theme.badge_star, theme.card_border)
    if card.overdue:
        painter.setPen(QPen(theme.background, 1.0))
        painter.setBrush(theme.badge_overdue)
        painter.drawEllipse(QRectF(rect.right() - 4, rect.top() - 3, 7, 7))
    if card.label_shown():
        back = QColor(theme.background)
        back.setAlpha(215)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(card.marker_label(), 3, 3)
        painter.setPen(theme.card_text)
        painter.setFont(ctx.marker_font)
        painter.drawStaticText(card.title_at, card.title_static)
    if card.handle_visible():
        _paint_handle(card, painter)


def _outline_colour(card: StakeholderItem) -> QColor | None:
    theme = card.context.theme
    if (card.isSelected() or card.drop_target) and not card.context.exporting:
        return theme.selection
    if card.matched or card.on_path:
        return theme.highlight
    if card.hovered and not card.context.exporting:
        return QColor(theme.selection.red(), theme.selection.green(), theme.selection.blue(), 110)
    return None


def _paint_halo(card: StakeholderItem, painter: QPainter) -> None:
    assert card.halo is not None
    reach = 8.0 + HALO_REACH * card.halo
    rect = card.body_rect.adjusted(-reach, -reach, reach, reach)
    colour = QColor(card.context.theme.highlight)
    gradient = QRadialGradient(QPointF(0, 0), max(rect.width(), rect.height()) / 2)
    colour.setAlpha(150)
    gradient.setColorAt(0.3, colour)
    colour.setAlpha(0)
    gradient.setColorAt(1.0, colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(gradient))
    painter.drawEllipse(rect)


def _paint_badges(card: StakeholderItem, painter: QPainter) -> None:
    ctx, theme, rect = card.context, card.context.theme, card.body_rect
    radius = 8.0 * ctx.options.text_scale()
    if card.person.in_focus:
        glyphs.draw_star(
            painter,
            QPointF(rect.left() + 2, rect.top() + 1),
            radius + 1,
            theme.badge_star,
            theme.card_border,
        )
    if card.overdue:
        centre = QPointF(rect.right() - 2, rect.top() + 1)
        glyphs.draw_round_badge(painter, centre, radius, theme.badge_overdue, "!", ctx.badge_font)
    if card.going_cold and not ctx.options.hide_trust_attitude:
        centre = QPointF(rect.left() + 2, rect.bottom() - 1)
        glyphs.draw_round_badge(painter, centre, radius * 0.8, COLD_BADGE, "❄", ctx.badge_font)
    if card.stack_count:
        glyphs.draw_pill(
            painter, QPointF(rect.right() - 6, rect.bottom() + 1), f"+{card.stack_count}", ctx.badge_font,
            theme.card_border, theme.background,
        )  # fmt: skip
    if card.handle_visible():
        _paint_handle(card, painter)


def _paint_handle(card: StakeholderItem, painter: QPainter) -> None:
    """The round "+" to drag a new relationship from."""
    theme = card.context.theme
    handle = card.handle_rect()
    painter.setPen(QPen(theme.background, 1.5))
    painter.setBrush(theme.selection)
    painter.drawEllipse(handle)
    painter.setPen(QPen(QColor("white"), 1.8))
    c = handle.center()
    arm = HANDLE_RADIUS * 0.5
    painter.drawLine(QPointF(c.x() - arm, c.y()), QPointF(c.x() + arm, c.y()))
    painter.drawLine(QPointF(c.x(), c.y() - arm), QPointF(c.x(), c.y() + arm))
