"""StakeholderItem: one person's card on the grid (gui layer).

The card is a projection of a ``Stakeholder``: it draws the entity it was
last given and never edits it. Its position is the person's (influence,
interest); while the user drags it, ``itemChange`` keeps it on the grid and
moves only the links attached to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QStaticText, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QStyleOptionGraphicsItem, QWidget

from stakemap.core.entities import Stakeholder
from stakemap.gui.canvas.card_appearance import CardLook, drawn_opacity
from stakemap.gui.canvas.card_context import MARKER_LABEL_WIDTH, MARKER_RADIUS, CardContext
from stakemap.gui.canvas.card_paint import HALO_REACH, HANDLE_RADIUS, paint_card
from stakemap.gui.canvas.card_text import card_lines, card_tooltip
from stakemap.gui.canvas.geometry import GRID_HEIGHT, GRID_WIDTH, clamp_point, score_to_point

if TYPE_CHECKING:
    from stakemap.gui.canvas.relationship_item import RelationshipItem

PROTRUDE = 12.0  # badges sit on the card's corners and stick out this far
Z_SELECTED = 2.0
Z_HOVERED = 4.0


def _static(text: str) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)  # user text like "<b>" must show as typed
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    static.setTextOption(option)
    return static


class StakeholderItem(QGraphicsItem):
    Type = QGraphicsItem.UserType + 1  # type: ignore[attr-defined]  # UserType is in PySide6, not in its stubs

    def __init__(self, person: Stakeholder, context: CardContext, overdue: int = 0) -> None:
        super().__init__()
        self.context = context
        self.person = person
        self.links: list[RelationshipItem] = []
        self.overdue = overdue
        self.stack_count = 0
        self.going_cold = False  # past their contact cadence (core.cadence): a small blue mark
        #: What search, overlays and the drag picture make this card show: set only by the scene's
        #: AppearanceController (see card_appearance), read here to draw.
        self.look = CardLook()
        self.held_for_drag = False  # the drag's still picture stands in for this card
        self.show_handle = False
        self.drop_target = False  # a link being drawn would end here
        self.hovered = False
        self._tooltip_stale = True  # made when first asked for: thousands of cards, few hovered
        # Placed before it reports geometry changes: the stored scores are on the grid already, and
        # the first position needs neither clamping nor links following it.
        self.setPos(score_to_point(person.influence, person.interest))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self._layout()
        self.apply_caching()
        self.setScale(context.boost)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, context.writable)
        self.update_z()

    # ------------------------------------------------------------ identity
    def type(self) -> int:
        return StakeholderItem.Type

    @property
    def stakeholder_id(self) -> str:
        return self.person.id

    # -------------------------------------------------------------- update
    def set_person(self, person: Stakeholder, overdue: int | None = None) -> None:
        """Show a new version of the person (after an edit, undo or redo)."""
        self.person = person
        if overdue is not None:
            self.overdue = overdue
        self.setPos(score_to_point(person.influence, person.interest))
        self.refresh()

    def refresh(self) -> None:
        """Re-read the shared context (theme, display options) and this person's text."""
        self.prepareGeometryChange()
        self._layout()
        self.apply_caching()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, self.context.writable)
        self._tooltip_stale = True
        self.update()

    def toolTip(self) -> str:
        """The rich-text tooltip, made when first needed (Qt asks after the hover that ensures it)."""
        if self._tooltip_stale:
            self._tooltip_stale = False
            shown = self.going_cold and not self.context.options.hide_trust_attitude
            cold = "<br>❄ Going cold: past their contact rhythm" if shown else ""
            self.setToolTip(card_tooltip(self.person, self.context, self.overdue) + cold)
        return super().toolTip()

    def _layout(self) -> None:
        """Size the card to its words (between a minimum and a maximum width) and elide what is longer."""
        ctx = self.context
        if ctx.markers:
            self._layout_marker()
            return
        left = 8.0 + (0.0 if ctx.options.hide_trust_attitude else ctx.strip_width)
        right = 6.0 + (0.0 if ctx.options.hide_trust_attitude else ctx.column_width)
        if ctx.compact:
            left, right = left - 3.0, 4.0
        lock = ctx.height * 0.32 if self.person.confidential else 0.0
        title, subtitle = card_lines(self.person, ctx)
        if ctx.compact:
            subtitle = ""
        title_metrics, sub_metrics = ctx.title_metrics, ctx.subtitle_metrics
        title_lock = lock if ctx.compact else 0.0  # a chip has no second line: the lock sits by the name
        natural = max(
            title_metrics.horizontalAdvance(title) + title_lock,
            sub_metrics.horizontalAdvance(subtitle) + lock,
        )
        w = min(ctx.max_width, max(ctx.min_width, natural + left + right + 2))
        h = ctx.height
        self.body_rect = QRectF(-w / 2, -h / 2, w, h)
        text_width = w - left - right
        self.title_text = title_metrics.elidedText(
            title, Qt.TextElideMode.ElideRight, text_width - title_lock
        )
        self.subtitle_text = sub_metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, text_width - lock)
        self.title_static = _static(self.title_text)
        self.subtitle_static = _static(self.subtitle_text)
        line_gap = 2.0 * ctx.options.text_scale()
        block = title_metrics.height() + (sub_metrics.height() + line_gap if self.subtitle_text else 0.0)
        top = -block / 2
        self.title_at = QPointF(-w / 2 + left, top)
        self.subtitle_at = QPointF(-w / 2 + left, top + title_metrics.height() + line_gap)
        # Shapes that depend only on the size, made here rather than on every repaint (card_paint draws them).
        rect = self.body_rect
        self.strip_rect = QRectF(rect.left(), rect.top(), ctx.strip_width, h)
        rounded = QPainterPath()
        rounded.addRoundedRect(QRectF(rect.left(), rect.top(), ctx.strip_width + 7, h), 7, 7)
        square = QPainterPath()
        square.addRect(self.strip_rect)
        self.strip_path = rounded.intersected(square)
        self.column_rect = QRectF(
            rect.right() - ctx.column_width - 3, rect.top() + 4, ctx.column_width, h - 8
        )

    def _layout_marker(self) -> None:
        """A dot, with the name beside it when there is room (see ``CardContext.markers``). The name is
        measured when it is first shown: most dots of a crowded map are never named."""
        r = MARKER_RADIUS
        self.body_rect = QRectF(-r, -r, 2 * r, 2 * r)
        self.title_text = card_lines(self.person, self.context)[0]
        self.subtitle_text = ""
        self._label_stale = True
        height = self.context.marker_metrics.height()
        # The widest a name may be, so the bounds hold whichever name it turns out to be.
        self._label_bounds = QRectF(r + 3, -height / 2 - 1, MARKER_LABEL_WIDTH + 8, height + 2)

    def marker_label(self) -> QRectF:
        """The name beside the dot (elided), made ready to draw; its background box is returned."""
        if self._label_stale:
            metrics, r = self.context.marker_metrics, MARKER_RADIUS
            shown = metrics.elidedText(self.title_text, Qt.TextElideMode.ElideRight, MARKER_LABEL_WIDTH)
            self.title_static = _static(shown)
            self._label_box = QRectF(
                r + 3, -metrics.height() / 2 - 1, metrics.horizontalAdvance(shown) + 8, metrics.height() + 2
            )
            self.title_at = QPointF(r + 7, -metrics.height() / 2)
            self._label_stale = False
        return self._label_box

    def label_shown(self) -> bool:
        """Dots are named when the zoom leaves room, and always when hovered or selected."""
        return bool(self.title_text) and (self.context.marker_labels or self.hovered or self.isSelected())

    def apply_caching(self) -> None:
        """A card is drawn once into a pixmap and blitted afterwards: drags, hovers and links crossing
        it repaint it often, and its painting (text, glyphs) is the costly part of a frame. A dot is
        cheaper to draw than to keep as a pixmap (thousands of them, each as wide as its name)."""
        cached = self.context.caching and not self.context.markers
        mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if cached else QGraphicsItem.CacheMode.NoCache
        if self.cacheMode() != mode:
            self.setCacheMode(mode)

    def text_sources(self) -> list[str]:
        """Every text this card can show (drawn lines and tooltip), for presenter-mode checks."""
        return [self.title_text, self.subtitle_text, self.toolTip()]

    # ------------------------------------------------------------ geometry
    def card_rect(self) -> QRectF:
        return QRectF(self.body_rect)

    def handle_rect(self) -> QRectF:
        if self.context.markers:  # above the dot: its name is on the right
            centre = QPointF(0.0, self.body_rect.top() - HANDLE_RADIUS - 3)
        else:
            centre = QPointF(self.body_rect.right() + HANDLE_RADIUS + 3, 0.0)
        return QRectF(
            centre.x() - HANDLE_RADIUS, centre.y() - HANDLE_RADIUS, 2 * HANDLE_RADIUS, 2 * HANDLE_RADIUS
        )

    def handle_visible(self) -> bool:
        return self.show_handle and self.context.writable and not self.context.exporting

    def boundingRect(self) -> QRectF:
        reach = PROTRUDE
        if self.halo is not None:
            reach = max(reach, 8.0 + HALO_REACH * self.halo)
        rect = self.body_rect.adjusted(-reach, -reach, reach, reach)
        if self.context.markers:
            rect = rect.united(self._label_bounds.adjusted(-1, -1, 1, 1))
        return rect.united(self.handle_rect().adjusted(-2, -2, 2, 2))

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        if self.context.markers:
            path.addEllipse(self.body_rect.adjusted(-2, -2, 2, 2))  # a little easier to hit than it looks
            if self.label_shown():
                path.addRect(self.marker_label())
        else:
            path.addRoundedRect(self.body_rect, 7.0, 7.0)
        if self.handle_visible():
            path.addEllipse(self.handle_rect())
        return path

    def scene_card_rect(self) -> QRectF:
        """The card (without badges) in scene coordinates, enlarged as the view's boost enlarges it."""
        s, r, p = self.scale(), self.body_rect, self.pos()
        return QRectF(p.x() + r.x() * s, p.y() + r.y() * s, r.width() * s, r.height() * s)

    # -------------------------------------------------------------- change
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            return clamp_point(value)
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for link in self.links:
                link.update_shape()
            self.update_z()
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update_z()
        return super().itemChange(change, value)

    def base_z(self) -> float:
        """Lower cards sit on top: their name then hides only the role line of the card above."""
        pos = self.pos()
        return pos.y() / GRID_HEIGHT + pos.x() / GRID_WIDTH * 0.001

    def update_z(self) -> None:
        """The base stacking, with selected and hovered cards above all."""
        z = self.base_z()
        if self.isSelected():
            z += Z_SELECTED
        if self.hovered:
            z += Z_HOVERED
        if z != self.zValue():
            self.setZValue(z)

    # ---------------------------------------------------------------- look
    def show_look(self, look: CardLook) -> None:
        """Show what the AppearanceController computed (the only caller)."""
        if look.halo != self.look.halo:
            self.prepareGeometryChange()  # before the bounds change: the halo reaches beyond the card
        old, self.look = self.look, look
        if look.visible != self.isVisible():
            if not look.visible:
                self.setSelected(False)
            self.setVisible(look.visible)
        self._apply_opacity()
        if look != old:
            self.update()

    def hold_for_drag(self, held: bool) -> None:
        """Held back while the drag's still picture stands in for it (the AppearanceController's call)."""
        if held != self.held_for_drag:
            self.held_for_drag = held
            self._apply_opacity()

    def _apply_opacity(self) -> None:
        opacity = drawn_opacity(self.look.opacity, self.held_for_drag)
        if opacity != self.opacity():
            self.setOpacity(opacity)

    @property
    def faded(self) -> bool:
        """Not a search match."""
        return self.look.faded

    @property
    def matched(self) -> bool:
        """A search match: outlined."""
        return self.look.matched

    @property
    def dimmed(self) -> bool:
        """Outside a highlighted chain or spotlight."""
        return self.look.dimmed

    @property
    def on_path(self) -> bool:
        return self.look.on_path

    @property
    def halo(self) -> float | None:
        return self.look.halo

    @property
    def group_number(self) -> int | None:
        return self.look.group

    # --------------------------------------------------------------- hover
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.toolTip()  # Qt reads the stored tooltip from C++, where this override is not seen
        self.hovered = True
        self.update_z()
        self.update()
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        on_handle = self.handle_visible() and self.handle_rect().contains(event.pos())
        if on_handle or (self.context.link_mode and self.context.writable):
            self.setCursor(Qt.CursorShape.CrossCursor)
        elif self.context.writable:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.unsetCursor()
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.update_z()
        self.update()
        super().hoverLeaveEvent(event)

    # --------------------------------------------------------------- paint
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        paint_card(self, painter)
