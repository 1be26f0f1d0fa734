"""What ties in a spreadsheet cannot say for themselves, and how they are compared (exchange layer).

An edge list from another program may have no kind or direction column, free-text kinds of its own
("collaboration"), or weights of any size; the user's answers travel as ``TieChoices``, weights are
put on our 1-5 by a ``StrengthScale``, and ``TieIndex`` tells a tie already there in one look-up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from stakemap.core.entities import Relationship, RelationshipKind
from stakemap.exchange.fields import norm, parse_kind
from stakemap.exchange.sources import RawTable


class TieIndex:
    """The ties already on the map or accepted, keyed so ``Relationship.same_tie`` is one look-up.

    Comparing each new tie with every known one made an import of n ties O(n²) (60,000 ties took
    16 minutes). Two ties are the same when kind and ordered ends match, or when the ends are
    reversed and either tie is both ways; so per (kind, from, to) we keep whether any tie is there
    and whether one of them is both ways.
    """

    def __init__(self, ties: Iterable[Relationship] = ()) -> None:
        self._undirected: dict[tuple[Any, str, str], bool] = {}
        for tie in ties:
            self.add(tie)

    def add(self, tie: Relationship) -> None:
        key = (tie.kind, tie.source_id, tie.target_id)
        self._undirected[key] = self._undirected.get(key, False) or not tie.directed

    def has_same(self, tie: Relationship) -> bool:
        if (tie.kind, tie.source_id, tie.target_id) in self._undirected:
            return True
        reverse = self._undirected.get((tie.kind, tie.target_id, tie.source_id))
        return reverse is not None and (reverse or not tie.directed)


@dataclass(frozen=True)
class TieChoices:
    """What the user said about ties the file cannot tell: asked, never assumed.

    ``kinds`` maps free-text types from other programs ("collaboration", normalised like headers) to
    ours; ``kind`` is the kind of every tie in a file with no kind column; ``directed`` is one way
    (From → To) or both ways for an edge list with no direction column (None: not chosen yet).
    """

    kinds: Mapping[str, RelationshipKind] = field(default_factory=dict)
    kind: RelationshipKind | None = None
    directed: bool | None = None

    def kind_for(self, text: str) -> RelationshipKind | None:
        try:
            return parse_kind(text)
        except ValueError:
            return self.kinds.get(norm(text))


#: Values of a "Type" column that speak of direction, not kind (Gephi writes Directed / Undirected there).
DIRECTION_WORDS = {"directed", "undirected", "mutual", "oneway", "bothways"}


@dataclass(frozen=True)
class StrengthScale:
    """Weights of any positive size (co-occurrence counts, Gephi weights) put on our 1-5 in equal steps."""

    low: float
    high: float

    def level(self, text: str) -> int:
        value = _float(text)
        if value is None:
            raise ValueError(f"“{text.strip()[:40]}” is not a number")
        if value <= 0:
            raise ValueError(f"{text.strip()} is not a positive weight")
        if self.high == self.low:
            return 3
        return 1 + round(4 * (min(max(value, self.low), self.high) - self.low) / (self.high - self.low))

    def describe(self) -> str:
        step = (self.high - self.low) / 4
        bands = ", ".join(
            f"{level}: {_fmt(max(self.low, self.low + (level - 1.5) * step))}–{_fmt(min(self.high, self.low + (level - 0.5) * step))}"
            for level in range(1, 6)
        )
        return (
            f"Strengths from {_fmt(self.low)} to {_fmt(self.high)} are not all whole numbers 1-5: "
            f"scaled to 1-5 in equal steps ({bands})."
            if self.high > self.low
            else f"Every strength is {_fmt(self.low)}: all ties get the middle strength, 3."
        )


def _float(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def strength_scale(table: RawTable, column: int | None) -> StrengthScale | None:
    """The scale for a strength column that is not all whole numbers 1-5, or None (read as it is)."""
    if column is None:
        return None
    numbers = [n for row in table.rows if column < len(row) and (n := _float(row[column])) is not None]
    if not numbers or all(n.is_integer() and 1 <= n <= 5 for n in numbers):
        return None
    positive = [n for n in numbers if n > 0]
    return StrengthScale(min(positive), max(positive)) if positive else None


def read_kinds(given: Mapping[str, Any]) -> dict[str, RelationshipKind]:
    """{"collaboration": "allies with", ...} as free text (normalised) -> our kind; a bad entry says why."""
    kinds: dict[str, RelationshipKind] = {}
    for text, ours in given.items():
        try:
            kinds[norm(str(text))] = parse_kind(str(ours))
        except ValueError:
            names = ", ".join(k.label for k in RelationshipKind)
            raise ValueError(
                f"“{text}” is mapped to “{ours}”, which is not a kind of ours ({names})"
            ) from None
    return kinds
