"""What is laid over the plain map: analysis overlays and the presenter spotlight (gui layer).

Off by default. Relationship analysis can show a halo sized by network
influence, highlight a chain of people (dimming the rest) and colour groups;
presenter mode can spotlight one person and the people tied to them.
This only holds that view state and answers what it means for one person or
tie; it never touches an item. The scene's ``AppearanceController`` combines
it with the other inputs and re-applies whenever any of them changes, so an
edit, an undo or a drag never drops or bends an overlay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Marks:
    """Who a highlighted chain or spotlight lights up, at one moment."""

    path: frozenset[str] | None = None
    path_pairs: frozenset[frozenset[str]] = frozenset()
    spotlight: str | None = None
    lit: frozenset[str] = frozenset()  # the spotlit person and the people tied to them

    @property
    def any(self) -> bool:
        """Whether a chain or spotlight is shown at all."""
        return self.path is not None or self.spotlight is not None

    def card(self, stakeholder_id: str) -> tuple[bool, bool]:
        """(highlighted, dimmed) for a person."""
        if not self.any:
            return False, False  # the usual case, asked of every card on every re-apply
        highlighted = (
            self.path is not None and stakeholder_id in self.path
        ) or stakeholder_id == self.spotlight
        dimmed = (self.path is not None and stakeholder_id not in self.path) or (
            self.spotlight is not None and stakeholder_id not in self.lit
        )
        return highlighted, dimmed

    def link(self, pair: frozenset[str]) -> tuple[bool, bool]:
        """(highlighted, dimmed) for a tie between the two people of ``pair``."""
        if not self.any:
            return False, False
        lit = self.spotlight is not None and self.spotlight in pair
        highlighted = pair in self.path_pairs or lit
        dimmed = (self.path is not None and pair not in self.path_pairs) or (
            self.spotlight is not None and not lit
        )
        return highlighted, dimmed


class Overlays:
    def __init__(
        self,
        changed: Callable[[], None],
        known: Callable[[str], bool],
        tied_to: Callable[[str], set[str]],
    ) -> None:
        """``changed`` is called after every change; ``known`` says whether a person has a card and
        ``tied_to`` names the people tied to one (for the spotlight)."""
        self._changed = changed
        self._known = known
        self._tied_to = tied_to
        self.halo: dict[str, float] | None = None
        self.path: list[str] | None = None
        self.groups: dict[str, int] | None = None
        self.spotlight: str | None = None

    # ------------------------------------------------------------------ api
    def set_halo(self, values: dict[str, float] | None) -> None:
        """Halo size by a score per person (e.g. network influence), scaled so the largest is full size."""
        if values:
            top = max(values.values())
            self.halo = {k: (max(0.0, v) / top if top > 0 else 0.0) for k, v in values.items()}
        else:
            self.halo = None
        self._changed()

    def set_highlight_path(self, ids: list[str] | None) -> None:
        """Highlight people on a chain and the ties between consecutive ones; dim everything else."""
        self.path = list(ids) if ids else None
        self._changed()

    def set_spotlight(self, stakeholder_id: str | None) -> None:
        """Presenter spotlight: one person and the people tied to them stay lit; everyone else dims."""
        self.spotlight = (
            stakeholder_id if stakeholder_id is not None and self._known(stakeholder_id) else None
        )
        self._changed()

    def set_group_colours(self, groups: dict[str, int] | None) -> None:
        self.groups = dict(groups) if groups else None
        self._changed()

    # -------------------------------------------------------------- queries
    def marks(self) -> Marks:
        """The chain and spotlight as they light people and ties now (ties change with edits)."""
        path = frozenset(self.path) if self.path else None
        pairs = (
            frozenset(frozenset(p) for p in zip(self.path, self.path[1:], strict=False))
            if self.path
            else frozenset()
        )
        spotlight = self.spotlight if self.spotlight is not None and self._known(self.spotlight) else None
        lit = frozenset({spotlight} | self._tied_to(spotlight)) if spotlight is not None else frozenset()
        return Marks(path, pairs, spotlight, lit)

    def halo_of(self, stakeholder_id: str) -> float | None:
        return self.halo.get(stakeholder_id) if self.halo is not None else None

    def group_of(self, stakeholder_id: str) -> int | None:
        return self.groups.get(stakeholder_id) if self.groups is not None else None
