"""CardDrag: moving the selected cards with the mouse; one result, the moves (gui layer).

Qt moves the cards (the selected movable items follow the one pressed, and
``StakeholderItem.itemChange`` keeps them on the grid), so this leaves each
move event to Qt's own handling and only remembers where the cards started.
On release it reports ``{id: (old point, new point)}`` for the cards that
moved: the editor turns that into one edit, one undo entry. Cancelled, the
cards go back where they started and nothing is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from stakemap.gui.canvas.interactions import UserInteraction
from stakemap.gui.canvas.stakeholder_item import StakeholderItem

Moves = dict[str, tuple[QPointF, QPointF]]


class CardDrag(UserInteraction[Moves]):
    def __init__(
        self,
        scene: QGraphicsScene,
        cards: Mapping[str, StakeholderItem],
        start: Mapping[str, QPointF],
        on_moving: Callable[[], None],
        on_stopped: Callable[[], None],
        on_finished: Callable[[Moves], None],
    ) -> None:
        """``start`` is where each dragged card was at the press; ``on_moving`` is called at the first
        move and ``on_stopped`` when a drag that moved ends (finished or cancelled)."""
        super().__init__(on_finished)
        self._scene = scene
        self._cards = cards  # the scene's live dict: a card may go mid-drag (another user's edit)
        self.start = {sid: QPointF(pos) for sid, pos in start.items()}
        self._on_moving = on_moving
        self._on_stopped = on_stopped
        self.moving = False

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if not self.moving and event.buttons() & Qt.MouseButton.LeftButton:
            self.moving = True
            self._on_moving()
        return False  # Qt moves the cards

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        # Qt's own release first: it lets go of the pressed card and settles a click's selection.
        QGraphicsScene.mouseReleaseEvent(self._scene, event)
        moves: Moves = {}
        for sid, old in self.start.items():
            card = self._cards.get(sid)
            if card is not None and card.pos() != old:
                moves[sid] = (QPointF(old), QPointF(card.pos()))
        self._stop()
        self._finish(moves)
        return True

    def cancel(self) -> None:
        if self.done:
            return
        grabber = self._scene.mouseGrabberItem()
        if grabber is not None:
            grabber.ungrabMouse()  # the rest of the gesture moves nothing
        for sid, old in self.start.items():
            card = self._cards.get(sid)
            if card is not None:
                card.setPos(old)
        self._stop()
        super().cancel()

    def _stop(self) -> None:
        if self.moving:
            self.moving = False
            self._on_stopped()
