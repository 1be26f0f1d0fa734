"""What is laid over the plain map: search fading, hidden confidential people, analysis overlays (gui layer).

Off by default. Relationship analysis can show a halo sized by network
influence, highlight a chain of people (dimming the rest) and colour groups;
presenter mode can spotlight one person and the people tied to them.
All of it is view state held here and re-applied to items whenever they are
created or change, so an edit or undo never drops an overlay.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stakemap.gui.canvas.relationship_item import RelationshipItem
    from stakemap.gui.canvas.scene import MapScene
    from stakemap.gui.canvas.stakeholder_item import StakeholderItem


class Overlays:
    def __init__(self, scene: MapScene) -> None:
        self._scene = scene
        self.halo: dict[str, float] | None = None
        self.path: list[str] | None = None
        self.groups: dict[str, int] | None = None
        self.spotlight: str | None = None
        self._path_pairs: set[frozenset[str]] = set()
        self._lit: set[str] = set()  # the spotlit person and the people tied to them

    # ------------------------------------------------------------------ api
    def set_halo(self, values: dict[str, float] | None) -> None:
        """Halo size by a score per person (e.g. network influence), scaled so the largest is full size."""
        if values:
            top = max(values.values())
            self.halo = {k: (max(0.0, v) / top if top > 0 else 0.0) for k, v in values.items()}
        else:
            self.halo = None
        self.reapply()

    def set_highlight_path(self, ids: list[str] | None) -> None:
        """Highlight people on a chain and the ties between consecutive ones; dim everything else."""
        self.path = list(ids) if ids else None
        self._path_pairs = (
            {frozenset(pair) for pair in zip(self.path, self.path[1:], strict=False)} if self.path else set()
        )
        self.reapply()

    def set_spotlight(self, stakeholder_id: str | None) -> None:
        """Presenter spotlight: one person and the people tied to them stay lit; everyone else dims."""
        self.spotlight = stakeholder_id if stakeholder_id in self._scene.cards else None
        self.reapply()

    def set_group_colours(self, groups: dict[str, int] | None) -> None:
        self.groups = dict(groups) if groups else None
        self.reapply()

    # ---------------------------------------------------------------- apply
    def reapply(self, stakeholder_ids: Iterable[str] | None = None) -> None:
        """Apply every overlay to the named cards and their ties (all cards when None)."""
        scene = self._scene
        self._lit = set()
        if self.spotlight is not None and self.spotlight in scene.cards:
            card = scene.cards[self.spotlight]
            self._lit = {self.spotlight} | {
                end for link in card.links for end in (link.tie.source_id, link.tie.target_id)
            }
        if stakeholder_ids is None:
            cards: Iterable[StakeholderItem] = scene.cards.values()
            links: Iterable[RelationshipItem] = scene.links.values()
        else:
            cards = [scene.cards[s] for s in stakeholder_ids if s in scene.cards]
            links = {link for card in cards for link in card.links}
        for card in cards:
            self._apply_card(card)
        for link in links:
            self._apply_link(link)

    def _apply_card(self, card: StakeholderItem) -> None:
        scene, person = self._scene, card.person
        visible = not (scene.display_options.hide_confidential and person.confidential)
        if card.isVisible() != visible:
            if not visible:
                card.setSelected(False)
            card.setVisible(visible)
        match = scene.filter_matches(person)
        card.faded = match is False
        card.matched = match is True
        card.on_path = (self.path is not None and person.id in self.path) or person.id == self.spotlight
        card.dimmed = (self.path is not None and person.id not in self.path) or (
            self.spotlight is not None and person.id not in self._lit
        )
        halo = self.halo.get(person.id) if self.halo is not None else None
        group = self.groups.get(person.id) if self.groups is not None else None
        if halo != card.halo:
            card.prepareGeometryChange()
            card.halo = halo
        card.group = group
        card.refresh_opacity()
        card.update()

    def _apply_link(self, link: RelationshipItem) -> None:
        pair = frozenset((link.tie.source_id, link.tie.target_id))
        lit = self.spotlight is not None and self.spotlight in pair
        link.on_path = pair in self._path_pairs or lit
        link.dimmed = (self.path is not None and pair not in self._path_pairs) or (
            self.spotlight is not None and not lit
        )
        link.refresh_opacity()
        if not link.isVisible():
            link.setSelected(False)
        link.update()
