"""Ties between the same two people bow apart instead of lying on top of each other (gui layer)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from stakemap.gui.canvas.relationship_item import RelationshipItem
from stakemap.gui.canvas.stakeholder_item import StakeholderItem


def assign_bends(
    links: Mapping[str, RelationshipItem],
    cards: Mapping[str, StakeholderItem],
    pairs: set[frozenset[str]] | None,
) -> None:
    """Ties between the same two people bow apart symmetrically instead of lying on top of each other.

    ``pairs`` are the pairs of people whose ties changed; None means every pair (a rebuild), done in
    one pass over the ties rather than one pass over each person's ties per pair.
    """
    groups: dict[frozenset[str], list[RelationshipItem]] = defaultdict(list)
    if pairs is None:
        for link in links.values():
            groups[frozenset((link.tie.source_id, link.tie.target_id))].append(link)
    else:
        for pair in pairs:
            card = cards.get(next(iter(pair)))
            if card is not None:
                groups[pair] = [
                    lk for lk in card.links if frozenset((lk.tie.source_id, lk.tie.target_id)) == pair
                ]
    for same in groups.values():
        if len(same) > 1:
            same.sort(key=lambda lk: (lk.tie.kind.value, lk.tie.id))
        for index, link in enumerate(same):
            bend = index - (len(same) - 1) / 2
            if bend != link.bend_index:
                link.bend_index = bend
                link.update_shape()
