"""What a card or a tie shows, computed from the inputs that decide it (gui layer, pure logic).

Search fading, a highlighted chain or presenter spotlight, analysis halos and group rings, hidden
confidential people and the drag's still picture all bear on the same few things an item shows: its
opacity, whether it is shown at all, its outline. Each of them only decides an input here;
``card_look`` and ``link_look`` turn a full set of inputs into what is shown, and the
``AppearanceController`` (``appearance.py``) re-applies whenever any input changes. Nothing saves an
item's look to restore it later: a look is always recomputed from the inputs of the moment.
"""

from __future__ import annotations

from dataclasses import dataclass

FADED_OPACITY = 0.2  # not a search match
DIMMED_OPACITY = 0.25  # outside a highlighted chain or spotlight
HELD_OPACITY = 0.0  # drawn by the drag's still picture: opacity 0 makes Qt skip the item


@dataclass(frozen=True)
class CardInputs:
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
    #: The drag's still picture stands in for this card (or the picture is being taken without it).
    held_for_drag: bool = False


@dataclass(frozen=True)
class CardLook:
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
    dimmed = inputs.outside_highlight
    opacity = 1.0
    if faded:
        opacity = FADED_OPACITY
    if dimmed:
        opacity = min(opacity, DIMMED_OPACITY)
    if inputs.held_for_drag:
        opacity = HELD_OPACITY
    return CardLook(
        visible=not inputs.concealed,
        opacity=opacity,
        faded=faded,
        matched=inputs.search_match is True,
        dimmed=dimmed,
        on_path=inputs.highlighted,
        halo=inputs.halo,
        group=inputs.group,
    )


@dataclass(frozen=True)
class LinkInputs:
    #: Between consecutive people of the highlighted chain, or a tie of the spotlit person.
    highlighted: bool = False
    #: A chain or spotlight is shown and does not light this tie.
    outside_highlight: bool = False
    #: One of its two people is faded by the search.
    end_faded: bool = False
    #: One of its two people is not shown (a hidden confidential person).
    end_hidden: bool = False
    held_for_drag: bool = False


@dataclass(frozen=True)
class LinkLook:
    visible: bool = True
    opacity: float = 1.0
    #: Ties fade by a paler, opaque colour, not by item opacity: translucent wide strokes cost the
    #: raster engine about six times as much. Item opacity is only the drag picture's 0 or 1.
    fade: float = 1.0
    dimmed: bool = False
    on_path: bool = False


def link_look(inputs: LinkInputs) -> LinkLook:
    fade = FADED_OPACITY if inputs.end_faded else 1.0
    if inputs.outside_highlight:
        fade = min(fade, DIMMED_OPACITY)
    return LinkLook(
        visible=not inputs.end_hidden,
        opacity=HELD_OPACITY if inputs.held_for_drag else 1.0,
        fade=fade,
        dimmed=inputs.outside_highlight,
        on_path=inputs.highlighted,
    )


def other_opacity(held_for_drag: bool) -> float:
    """The opacity of any other top-level item (grid, legend, comparison ghosts): only the drag sets it."""
    return HELD_OPACITY if held_for_drag else 1.0
