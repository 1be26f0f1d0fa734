"""AppearanceController: the one owner of what cards and ties show (gui layer).

The scene owns one. It gathers each item's inputs (search, overlays, display
options, the drag picture; see ``card_appearance``), computes the look and
hands it to the item, which only draws it. Whoever changes an input calls
``reapply``; nobody else sets an item's opacity, fade or dim flags, and
nothing is saved to be restored: ending a drag recomputes the look from the
inputs of that moment, so an overlay that changed mid-drag is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGraphicsItem

from stakemap.gui.canvas.card_appearance import (
    CardInputs,
    LinkInputs,
    card_look,
    link_look,
    other_opacity,
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

    # ---------------------------------------------------------------- inputs
    def set_drag_picture(self, picture: DragPicture | None) -> None:
        """Hold items back for the drag's still picture (see ``DragPicture``), or stop with None."""
        if picture == self.drag_picture:
            return
        self.drag_picture = picture
        self.reapply()
        for item in self._scene.items():
            if item.parentItem() is None and not isinstance(item, (StakeholderItem, RelationshipItem)):
                self._apply_other(item)

    # ----------------------------------------------------------------- apply
    def reapply(self, stakeholder_ids: Iterable[str] | None = None) -> None:
        """Recompute and apply the look of the named people's cards and their ties (all when None)."""
        scene = self._scene
        marks = scene.overlays.marks()
        if stakeholder_ids is None:
            cards: Iterable[StakeholderItem] = scene.cards.values()
            links: Iterable[RelationshipItem] = scene.links.values()
        else:
            cards = [scene.cards[s] for s in stakeholder_ids if s in scene.cards]
            links = {link for card in cards for link in card.links}
        for card in cards:
            self._apply_card(card, marks)
        for link in links:
            self._apply_link(link, marks)

    def apply_link(self, link: RelationshipItem) -> None:
        """Apply the look of one tie (a new tie between people whose cards did not change)."""
        self._apply_link(link, self._scene.overlays.marks())

    def card_inputs(self, card: StakeholderItem, marks: Marks) -> CardInputs:
        scene, person = self._scene, card.person
        highlighted, dimmed = marks.card(person.id)
        picture = self.drag_picture
        return CardInputs(
            search_match=scene.filter_matches(person),
            highlighted=highlighted,
            outside_highlight=dimmed,
            halo=scene.overlays.halo_of(person.id),
            group=scene.overlays.group_of(person.id),
            concealed=scene.display_options.hide_confidential and person.confidential,
            held_for_drag=picture is not None and picture.holds(person.id in picture.moving),
        )

    def link_inputs(self, link: RelationshipItem, marks: Marks) -> LinkInputs:
        scene, tie = self._scene, link.tie
        ends = (link.source.person, link.target.person)
        highlighted, dimmed = marks.link(frozenset((tie.source_id, tie.target_id)))
        picture = self.drag_picture
        return LinkInputs(
            highlighted=highlighted,
            outside_highlight=dimmed,
            end_faded=any(scene.filter_matches(p) is False for p in ends),
            end_hidden=scene.display_options.hide_confidential and any(p.confidential for p in ends),
            held_for_drag=picture is not None
            and picture.holds(tie.source_id in picture.moving or tie.target_id in picture.moving),
        )

    def _apply_card(self, card: StakeholderItem, marks: Marks) -> None:
        card.show_look(card_look(self.card_inputs(card, marks)))

    def _apply_link(self, link: RelationshipItem, marks: Marks) -> None:
        link.show_look(link_look(self.link_inputs(link, marks)))

    def _apply_other(self, item: QGraphicsItem) -> None:
        opacity = other_opacity(self.drag_picture is not None and not self.drag_picture.taking)
        if item.opacity() != opacity:
            item.setOpacity(opacity)
