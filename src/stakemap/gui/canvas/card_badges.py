"""The badges on cards that depend on more than the person (gui layer).

A card draws its own person; three of its marks need the rest of the map: the red "!" of overdue
planned engagements, the blue "❄" of someone past their contact rhythm, and the "+N" of the cards a
card hides. The scene recounts them here when what they depend on changes, and only repaints cards
whose badge changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from stakemap.core.cadence import going_cold_ids
from stakemap.core.model import Map
from stakemap.gui.canvas.stacking import CardSpot, hidden_counts
from stakemap.gui.canvas.stakeholder_item import StakeholderItem


def overdue_counts(the_map: Map, today: date) -> Counter[str]:
    """How many overdue planned engagements each person has."""
    return Counter(e.stakeholder_id for e in the_map.engagements.values() if e.is_overdue(today))


def update_overdue(cards: Mapping[str, StakeholderItem], ids: Iterable[str], overdue: Counter[str]) -> None:
    """Re-mark these people's cards with their count of overdue engagements."""
    for sid in ids:
        card = cards.get(sid)
        if card is not None and card.overdue != overdue.get(sid, 0):
            card.overdue = overdue.get(sid, 0)
            card.refresh()


def update_going_cold(cards: Mapping[str, StakeholderItem], the_map: Map, today: date) -> None:
    cold = going_cold_ids(the_map, today)
    for sid, card in cards.items():
        if card.going_cold != (sid in cold):
            card.going_cold = sid in cold
            card.refresh()  # the mark and the tooltip


def update_stack_counts(cards: Mapping[str, StakeholderItem], markers: bool) -> None:
    """Recount the "+N" badges of cards that hide others (in the resting order: a hovered or selected
    card is raised only for a moment). Dots carry no badge: their names show one by one on hover."""
    if markers:
        counts: dict[str, int] = {}
    else:
        counts = hidden_counts(
            CardSpot(sid, c.pos().x(), c.pos().y(), (c.base_z(), n), c.scene_card_rect().width(),
                     c.scene_card_rect().height())
            for n, (sid, c) in enumerate(cards.items())  # equal z: Qt stacks by insertion order
            if c.isVisible()
        )  # fmt: skip
    for sid, card in cards.items():
        count = counts.get(sid, 0)
        if card.stack_count != count:
            card.stack_count = count
            card.update()
