"""Who just changed a card: a small tag ("Priya changed this") above it for a few seconds (gui layer).

Server maps only: the document's ``remote_changed`` carries the login of whoever wrote each row
others pulled. The tag is a child of the card, so it moves with it and goes when the card goes; it
is not part of the card's look (it says who, not what), and it takes no mouse input.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem

from stakemap.core.changes import Change, EntityKey
from stakemap.core.entities import Stakeholder
from stakemap.gui.canvas.scene import MapScene
from stakemap.gui.canvas.stakeholder_item import StakeholderItem
from stakemap.gui.logins import person_name

#: How long a tag stays: long enough to look up and read it, short enough not to clutter.
MARK_MS = 4000
Z_MARK = 50.0
_PADDING = 4.0


class ChangedMarks(QObject):
    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._tags: dict[str, tuple[QGraphicsRectItem, str]] = {}  # person id -> (tag, its text)

    def show_changes(self, change: Change, authors: dict[EntityKey, str]) -> None:
        """Tag each person others just changed with who changed them."""
        for (kind, entity_id), author in authors.items():
            card = self._scene.cards.get(entity_id) if kind is Stakeholder and author else None
            if card is not None:
                self._tag(card, f"{person_name(author)} changed this")

    def tags(self) -> dict[str, str]:
        """Person id -> the text of the tag shown on their card now."""
        return {sid: text for sid, (tag, text) in self._tags.items() if shiboken6.isValid(tag)}

    def _tag(self, card: StakeholderItem, text: str) -> None:
        sid = card.stakeholder_id
        self._remove(sid)
        tag = QGraphicsRectItem(card)
        label = QGraphicsSimpleTextItem(text, tag)
        font = QFont()
        font.setPointSizeF(9.0)
        label.setFont(font)
        label.setBrush(QBrush(QColor("#3b2f00")))
        box = label.boundingRect().adjusted(-_PADDING, -_PADDING / 2, _PADDING, _PADDING / 2)
        tag.setRect(box)
        tag.setBrush(QBrush(QColor("#ffe082")))
        tag.setPen(QPen(QColor("#c79a00"), 1.0))
        top_left = card.boundingRect().topLeft()
        tag.setPos(top_left.x() + _PADDING, top_left.y() - box.height() - 2.0)
        tag.setZValue(Z_MARK)
        tag.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        tag.setAcceptHoverEvents(False)
        self._tags[sid] = (tag, text)
        QTimer.singleShot(MARK_MS, self, lambda: self._remove(sid, tag))

    def _remove(self, sid: str, only: QGraphicsRectItem | None = None) -> None:
        entry = self._tags.get(sid)
        if entry is None or (only is not None and entry[0] is not only):
            return  # a newer tag replaced this one
        tag = self._tags.pop(sid)[0]
        if shiboken6.isValid(tag) and tag.scene() is not None:
            tag.scene().removeItem(tag)
