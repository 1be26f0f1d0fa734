"""AppearanceController: the one owner of what cards and ties show (gui layer).

The scene owns one. It gathers each item's inputs (search, overlays, display
options; see ``card_appearance``), computes the look and hands it to the
item, which only draws it; the drag's still picture is one more input, the
hold, that ``drawn_opacity`` combines with the look. Whoever changes an input
calls ``reapply`` (or ``set_drag_picture``); nobody else sets an item's
opacity, fade or dim flags, and nothing is saved to be restored: an overlay
that changes mid-drag updates the look at once, and ending the drag only
lifts the hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QGraphicsItem

from stakemap.gui.canvas.card_appearance import (
    CardInputs,
    LinkInputs,
    card_look,
    drawn_opacity,
    link_look,
)
from stakemap.gui.canvas.overlays import Marks
from stakemap.gui.canvas.relationship_item import RelationshipItem
from stakemap.gui.canvas.stakeholder_item import StakeholderItem

if TYPE_CHECKING:
    from stakemap.gui.canvas.scene import MapScene


@dataclass(frozen=True)
class DragPicture:
    """While cards are dragged on a big map, a still picture stands in for everything but them.

    ``moving`` are the dragged people; their cards and ties are live. While the picture is being
    taken (``taking``) the live items are held back, so the picture lacks them; afterwards every
    other item is held back, drawn by the picture instead.
    """

    moving: frozenset[str]
    taking: bool = False

    def holds(self, live: bool) -> bool:
        return live == self.taking


class AppearanceController:
    def __init__(self, scene: MapScene) -> None:
        self._scene = scene
        self.drag_picture: DragPicture | None = None
        self._others: list[QGraphicsItem] = []

    # ---------------------------------------------------------------- inputs
    def set_drag_picture(self, picture: DragPicture | None) -> None:
        """Hold items back for the drag's still picture (see ``DragPicture``), or stop with None."""
        if picture == self.drag_picture:
            return
        starting = self.drag_picture is None and picture is not None and picture.taking
        self.drag_picture = picture
        scene = self._scene
        cards: Iterable[StakeholderItem] = scene.cards.values()
        links: Iterable[RelationshipItem] = scene.links.values()
        if starting and picture is not None:  # only what moves is held back while the picture is taken
            cards = [scene.cards[s] for s in picture.moving if s in scene.cards]
            links = {link for card in cards for link in card.links}
        for card in cards:
            card.hold_for_drag(self._holds(card.stakeholder_id in picture.moving) if picture else False)
        for link in links:
            live = picture is not None and (
                link.tie.source_id in picture.moving or link.tie.target_id in picture.moving
            )
            link.hold_for_drag(self._holds(live))
        # The other top-level items (the grid, the legend, comparison ghosts) are held exactly while
        # the picture is shown; a scan of the scene finds them when that starts, and the same items
        # are let go when it ends.
        if self._holds(False) and not self._others:
            self._others = [
                item
                for item in scene.items()
                if item.parentItem() is None and not isinstance(item, (StakeholderItem, RelationshipItem))
            ]
            for item in self._others:
                item.setOpacity(drawn_opacity(1.0, True))
        elif not self._holds(False) and self._others:
            others, self._others = self._others, []
            for item in others:
                if shiboken6.isValid(item):  # a comparison cleared mid-drag has deleted its ghosts
                    item.setOpacity(drawn_opacity(1.0, False))

    def _holds(self, live: bool) -> bool:
        return self.drag_picture is not None and self.drag_picture.holds(live)

    # ----------------------------------------------------------------- apply
    def reapply(
        self, stakeholder_ids: Iterable[str] | None = None, *, links: Iterable[RelationshipItem] = ()
    ) -> None:
        """Recompute and apply the look of the named people's cards and their ties (every card and tie
        when None), and of ``links`` (new ties between people whose cards did not change)."""
        scene = self._scene
        marks = scene.overlays.marks()
        if stakeholder_ids is None:
            cards: Iterable[StakeholderItem] = scene.cards.values()
            ties: Iterable[RelationshipItem] = scene.links.values()
        else:
            cards = [scene.cards[s] for s in stakeholder_ids if s in scene.cards]
            ties = {link for card in cards for link in card.links}.union(links)
        for card in cards:  # before the ties: a tie's look follows its two cards'
            card.show_look(card_look(self.card_inputs(card, marks)))
        for link in ties:
            link.show_look(link_look(self.link_inputs(link, marks)))

    def card_inputs(self, card: StakeholderItem, marks: Marks) -> CardInputs:
        scene, person = self._scene, card.person
        highlighted, dimmed = marks.card(person.id)
        return CardInputs(
            search_match=scene.filter_matches(person),
            highlighted=highlighted,
            outside_highlight=dimmed,
            halo=scene.overlays.halo_of(person.id),
            group=scene.overlays.group_of(person.id),
            concealed=scene.display_options.hide_confidential and person.confidential,
        )

    def link_inputs(self, link: RelationshipItem, marks: Marks) -> LinkInputs:
        # Asked of every tie on every re-apply (6,000 on a big map): plain attribute reads, no generators.
        source, target = link.source.look, link.target.look
        if marks.any:
            tie = link.tie
            highlighted, dimmed = marks.link(frozenset((tie.source_id, tie.target_id)))
        else:
            highlighted = dimmed = False
        return LinkInputs(
            highlighted=highlighted,
            outside_highlight=dimmed,
            end_faded=source.faded or target.faded,
            end_hidden=not (source.visible and target.visible),
        )
