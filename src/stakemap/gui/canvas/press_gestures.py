"""Which gesture a left press on the map starts (gui layer).

A press on a card's "+" handle, or on any card in link mode, draws a link (``LinkDrag``). Otherwise
Qt handles the press first (it selects and grabs the card pressed); then a press no item took sweeps
a rubber band (``RubberBand``) and a press on movable selected cards drags them (``CardDrag``). The
scene asks here and hands the mouse to the answer; every gesture leaves as one of the scene's signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent

from stakemap.gui.canvas.card_drag import CardDrag, Moves
from stakemap.gui.canvas.interactions import UserInteraction
from stakemap.gui.canvas.link_drag import LinkDrag
from stakemap.gui.canvas.rubber_band import RubberBand

if TYPE_CHECKING:
    from stakemap.gui.canvas.scene import MapScene


def link_drag_from(scene: MapScene, event: QGraphicsSceneMouseEvent) -> LinkDrag | None:
    """A left press on a card's "+" handle, or on any card in link mode, draws a link."""
    if not scene.context.writable:
        return None
    card = scene.card_at(event.scenePos())
    if card is None:
        return None
    on_handle = card.handle_visible() and card.handle_rect().contains(card.mapFromScene(event.scenePos()))
    if not (on_handle or scene.link_mode):
        return None
    source = card.stakeholder_id

    def drawn(target: str | None) -> None:
        if target is not None:
            scene.link_requested.emit(source, target)

    return LinkDrag(scene, card, scene.card_at, event.scenePos(), drawn)


def gesture_after_press(scene: MapScene, event: QGraphicsSceneMouseEvent) -> UserInteraction[Any] | None:
    """After Qt's own press: a press no item took sweeps a rubber band; else the selected movable
    cards (if any) follow the mouse."""
    if not event.isAccepted():
        event.accept()  # the scene, not the view, runs the band
        return RubberBand(scene, event, scene.context.theme.selection, lambda _area: None)
    start = {
        c.stakeholder_id: c.pos()
        for c in scene.selected_cards()
        if c.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    }
    if not start:
        return None

    def moved(moves: Moves) -> None:
        if moves:
            scene.stakeholders_moved.emit(moves)

    return CardDrag(
        scene, scene.cards, start, scene.cards_drag_started.emit, scene.cards_drag_finished.emit, moved
    )


def show_handle_on_single_selection(scene: MapScene) -> None:
    """The "+" a link is drawn from shows on the selected card when it is the only one selected."""
    cards = scene.selected_cards()
    single = cards[0] if len(cards) == 1 else None
    for card in scene.cards.values():
        show = card is single
        if card.show_handle != show:
            card.prepareGeometryChange()
            card.show_handle = show
            card.update()
