"""RelationshipItem: an arrow between two cards, styled by kind, weighted by strength (gui layer).

Reports-to is a solid dark line, advises dashed blue, allies a green double
line, conflicts a red zig-zag, informal ties thin dots. Width grows with
strength; assumed ties are fainter. An undirected tie has a head at both ends.
The item re-computes its shape only when one of its two cards moves.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from stakemap.core.entities import Relationship, RelationshipKind
from stakemap.gui.canvas import glyphs
from stakemap.gui.canvas.card_appearance import LinkLook, drawn_opacity
from stakemap.gui.canvas.card_context import CardContext
from stakemap.gui.canvas.link_path import BEND_STEP, LinkShape, link_shape
from stakemap.gui.canvas.stakeholder_item import StakeholderItem
from stakemap.gui.canvas.style import link_pen, link_width, mix

Z_LINK = -1.0
Z_LINK_HIGHLIGHTED = -0.5
HIT_WIDTH = 12.0  # links are thin; clicks within this band select them
MARKER_TIE_FADE = 0.6  # among dots, ties are drawn this much paler: the people should stand out


def describe(tie: Relationship, source_name: str, target_name: str) -> str:
    how = "both ways" if not tie.directed else "one way"
    return (
        f"{source_name} {tie.kind.label} {target_name} · strength {tie.strength} · "
        f"{tie.confidence.value} · {how}"
    )


class RelationshipItem(QGraphicsItem):
    Type = QGraphicsItem.UserType + 2  # type: ignore[attr-defined]  # UserType is in PySide6, not in its stubs

    def __init__(
        self, tie: Relationship, source: StakeholderItem, target: StakeholderItem, context: CardContext
    ) -> None:
        super().__init__()
        self.tie = tie
        self.source = source
        self.target = target
        self.context = context
        self.bend_index = 0.0  # parallel ties between the same two people bow apart
        #: What search, overlays and the drag picture make this tie show: set only by the scene's
        #: AppearanceController (see card_appearance), read here to draw.
        self.look = LinkLook()
        self.held_for_drag = False  # the drag's still picture stands in for this tie
        self._shape: LinkShape | None = None
        self._shape_stale = True
        self._bounds = QRectF()
        self._hit: QPainterPath | None = None
        self._pen: QPen | None = None
        self._pen_version = -1  # the CardContext.style_version the pen was made for
        self._pen_fade = 1.0
        self._sketch: QPen | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(Z_LINK)
        self.setAcceptHoverEvents(True)
        source.links.append(self)
        target.links.append(self)
        self.update_shape()

    def type(self) -> int:
        return RelationshipItem.Type

    @property
    def relationship_id(self) -> str:
        return self.tie.id

    def set_tie(self, tie: Relationship) -> None:
        self.tie = tie
        self._pen = None
        self.update_shape()

    def detach(self) -> None:
        """Forget both cards (before the item leaves the scene)."""
        for card in (self.source, self.target):
            if self in card.links:
                card.links.remove(self)

    # ------------------------------------------------------------ geometry
    def update_shape(self) -> None:
        """Follow the two cards: called by a card whenever it moves.

        Only the bounds are worked out now, from the two cards: the arrow itself is made when it is
        first painted or hit-tested. Opening a big map or zooming it re-shapes thousands of ties, and
        most of them are either off screen or drawn too small to show their heads.
        """
        self.prepareGeometryChange()
        self._shape_stale = True
        self._hit = None  # the wide hit-test outline is made when first needed (a click, a rubber band)
        boost = self.context.boost
        # Room for the bend, the heads, the glow and the double line of allies.
        margin = (abs(self.bend_index) * BEND_STEP + 12.0 + link_width(self.tie.strength) * 2) * boost + 10.0
        # A card is centred on its position, so the two positions are the two centres.
        a, b = self.source.pos(), self.target.pos()
        ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
        self._bounds = QRectF(
            min(ax, bx) - margin, min(ay, by) - margin, abs(bx - ax) + 2 * margin, abs(by - ay) + 2 * margin
        )

    def current_shape(self) -> LinkShape | None:
        """The arrow as the cards stand now (None when they overlap so much that no line shows)."""
        if self._shape_stale:
            tie, boost = self.tie, self.context.boost
            # Bend sign depends on which id is first, so two opposite ties between A and B bow apart.
            sign = 1.0 if tie.source_id < tie.target_id else -1.0
            self._shape = link_shape(
                self.source.scene_card_rect(),
                self.target.scene_card_rect(),
                bend=self.bend_index * BEND_STEP * boost * sign,
                head_at_target=True,
                head_at_source=not tie.directed,
                zigzag=tie.kind is RelationshipKind.CONFLICTS_WITH,
                width=link_width(tie.strength) * boost,
                scale=boost,
            )
            self._shape_stale = False
        return self._shape

    def endpoints(self) -> tuple[QPointF, QPointF] | None:
        """Where the drawn line starts and ends (at the cards' edges), or None when the cards overlap."""
        shape = self.current_shape()
        if shape is None:
            return None
        line = shape.line
        return line.pointAtPercent(0.0), line.pointAtPercent(1.0)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._hit is None:
            shape = self.current_shape()
            if shape is None:
                self._hit = QPainterPath()
            else:
                outline = QPainterPath(shape.line)
                for head in shape.heads:
                    outline.addPolygon(head)
                stroker = QPainterPathStroker()
                stroker.setWidth(HIT_WIDTH)
                self._hit = stroker.createStroke(outline)
        return self._hit

    def show_look(self, look: LinkLook) -> None:
        """Show what the AppearanceController computed (the only caller)."""
        old, self.look = self.look, look
        if look.visible != self.isVisible():
            self.setVisible(look.visible)
        if not look.visible:
            self.setSelected(False)
        if look.on_path != old.on_path:
            self.setZValue(Z_LINK_HIGHLIGHTED if look.on_path else Z_LINK)
        if look != old:
            self.update()

    def hold_for_drag(self, held: bool) -> None:
        """Held back while the drag's still picture stands in for it (the AppearanceController's call)."""
        if held != self.held_for_drag:
            self.held_for_drag = held
            self.setOpacity(drawn_opacity(1.0, held))

    @property
    def fade(self) -> float:
        """1 = full colour; less = paler (search fading, dimming)."""
        return self.look.fade

    @property
    def on_path(self) -> bool:
        return self.look.on_path

    @property
    def dimmed(self) -> bool:
        return self.look.dimmed

    # --------------------------------------------------------------- paint
    def _current_pen(self) -> QPen:
        """The pen for this tie in this theme, made once (paint runs for every tie on every repaint)."""
        ctx, fade = self.context, self.fade
        if ctx.markers and not self.on_path:
            # Among hundreds of dots, ties are background: thinner and paler, so the people stand out.
            fade = min(fade, MARKER_TIE_FADE)
        if self._pen is None or self._pen_version != ctx.style_version or self._pen_fade != fade:
            self._pen = link_pen(ctx.theme, self.tie, ctx.boost * (0.6 if ctx.markers else 1.0))
            if fade < 1.0:
                self._pen.setColor(mix(self._pen.color(), ctx.theme.background, fade))
            self._pen_version, self._pen_fade = ctx.style_version, fade
            self._sketch = None
        return self._pen

    def _sketch_pen(self) -> QPen:
        """A hairline in a paler shade of the tie's colour: from afar the people, not the ties, should
        stand out. Dashes and dots are kept so that kinds stay apart."""
        full = self._current_pen()
        if self._sketch is None:
            self._sketch = QPen(full)
            self._sketch.setColor(mix(full.color(), self.context.theme.background, 0.55))
            self._sketch.setWidthF(0.0)  # cosmetic: one pixel at any zoom
        return self._sketch

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        ctx = self.context
        emphasised = (self.isSelected() and not ctx.exporting) or self.on_path
        if ctx.fast_links and not ctx.exporting and not emphasised:
            # Thousands of ties seen from afar: a plain line from centre to centre (the cards cover
            # its ends). Heads and zig-zags would be a few pixels each and cost most of a repaint.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(self._sketch_pen())
            painter.drawLine(self.source.pos(), self.target.pos())
            return
        shape = self.current_shape()
        if shape is None:
            return
        theme = ctx.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not ctx.fast_links or ctx.exporting)
        pen = self._current_pen()
        if emphasised:
            glow = QColor(theme.selection if self.isSelected() else theme.highlight)
            glow.setAlpha(110)
            painter.setPen(QPen(glow, pen.widthF() + 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(shape.line)
        glyphs.draw_tie(
            painter,
            shape.line,
            shape.heads,
            pen,
            self.tie.kind is RelationshipKind.ALLIES_WITH,
            theme.background,
        )
