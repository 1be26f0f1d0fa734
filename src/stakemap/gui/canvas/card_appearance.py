"""What a card or a tie shows, computed from the inputs that decide it (gui layer, pure logic).

Search fading, a highlighted chain or presenter spotlight, analysis halos and group rings, hidden
confidential people and the drag's still picture all bear on the same few things an item shows: its
opacity, whether it is shown at all, its outline. Each of them only decides an input here;
``card_look`` and ``link_look`` turn a full set of inputs into what is shown, ``drawn_opacity`` adds
the drag picture's hold, and the ``AppearanceController`` (``appearance.py``) re-applies whenever any
input changes. Nothing saves an item's look to restore it later: a look is always recomputed from
the inputs of the moment.
"""

from __future__ import annotations

from typing import NamedTuple

# Inputs and looks are named tuples (immutable, like frozen dataclasses, but about twice as quick to
# build and compare): a full re-apply on a 2,000-person map with 6,000 ties makes 16,000 of them, on
# every keystroke in the search box.

FADED_OPACITY = 0.2  # not a search match
DIMMED_OPACITY = 0.25  # outside a highlighted chain or spotlight
HELD_OPACITY = 0.0  # drawn by the drag's still picture: opacity 0 makes Qt skip the item


def _strength(faded: bool, dimmed: bool) -> float:
    """How strongly a card (its opacity) or a tie (its colour) shows: faded by the search, dimmed outside
    a highlight, the fainter of the two when both."""
    strength = FADED_OPACITY if faded else 1.0
    return min(strength, DIMMED_OPACITY) if dimmed else strength


class CardInputs(NamedTuple):
    #: None when no search is set; else whether the person matches it (False fades, True outlines).
    search_match: bool | None = None
    #: On the highlighted chain, or the spotlit person.
    highlighted: bool = False
    #: A chain or spotlight is shown and does not light this person.
    outside_highlight: bool = False
    #: Analysis overlays: halo size (0..1) and group number, None when off or not scored.
    halo: float | None = None
    group: int | None = None
    #: A confidential person the display options hide.
    concealed: bool = False


class CardLook(NamedTuple):
    visible: bool = True
    opacity: float = 1.0
    faded: bool = False
    matched: bool = False
    dimmed: bool = False
    on_path: bool = False
    halo: float | None = None
    group: int | None = None


def card_look(inputs: CardInputs) -> CardLook:
    faded = inputs.search_match is False
    return CardLook(
        visible=not inputs.concealed,
        opacity=_strength(faded, inputs.outside_highlight),
        faded=faded,
        matched=inputs.search_match is True,
        dimmed=inputs.outside_highlight,
        on_path=inputs.highlighted,
        halo=inputs.halo,
        group=inputs.group,
    )


class LinkInputs(NamedTuple):
    #: Between consecutive people of the highlighted chain, or a tie of the spotlit person.
    highlighted: bool = False
    #: A chain or spotlight is shown and does not light this tie.
    outside_highlight: bool = False
    #: One of its two people is faded by the search.
    end_faded: bool = False
    #: One of its two people is not shown (a hidden confidential person).
    end_hidden: bool = False


class LinkLook(NamedTuple):
    visible: bool = True
    #: Ties fade by a paler, opaque colour, not by item opacity: translucent wide strokes cost the
    #: raster engine about six times as much. Their item opacity is only the drag picture's.
    fade: float = 1.0
    dimmed: bool = False
    on_path: bool = False


def link_look(inputs: LinkInputs) -> LinkLook:
    return LinkLook(
        visible=not inputs.end_hidden,
        fade=_strength(inputs.end_faded, inputs.outside_highlight),
        dimmed=inputs.outside_highlight,
        on_path=inputs.highlighted,
    )


def drawn_opacity(opacity: float, held_for_drag: bool) -> float:
    """The item opacity Qt paints with: the look's (1 for ties and other items), or none while the drag's
    still picture stands in for the item. The last input, kept apart from the look so that starting and
    ending a drag touches only this (a big map has thousands of items)."""
    return HELD_OPACITY if held_for_drag else opacity
