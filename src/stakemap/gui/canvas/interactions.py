"""UserInteraction: one mouse gesture on the map, as an object that owns its state (gui layer).

The scene has at most one active interaction (``MapScene.set_user_interaction``)
and hands it every mouse press, move and release while it runs, the way
orange-canvas-core's ``document/interactions.py`` does with
``set_user_interaction_handler``. A handler returns True when it dealt with an
event, False to leave it to Qt's own handling. An interaction ends once: with
one result passed to its ``on_finished`` callback, or cancelled (Escape, or
another gesture taking over) with none, leaving nothing behind. The gestures
are ``CardDrag``, ``LinkDrag`` and ``RubberBand``; none of them edits the map.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QGraphicsSceneMouseEvent

R = TypeVar("R")


class UserInteraction(Generic[R]):
    def __init__(self, on_finished: Callable[[R], None]) -> None:
        self._on_finished = on_finished
        self.done = False

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Another button pressed while the gesture runs (the press that started it is not passed)."""
        return False

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def cancel(self) -> None:
        """Stop with no result and leave nothing behind."""
        if not self.done:
            self.done = True
            self._clean_up()

    def _finish(self, result: R) -> None:
        """End with ``result``: the gesture is done (the scene drops it) before the result is acted on,
        which may open a dialog."""
        if self.done:
            return
        self.done = True
        self._clean_up()
        self._on_finished(result)

    def _clean_up(self) -> None:
        """Remove what the gesture drew (both on finishing and on cancelling)."""
