"""Wording helpers for analysis explanations: names, counts, standings (core layer).

Every explanation the analysis gives is a plain sentence a user reads aloud in a
workshop, so counts are spelled with their nouns ("1 person", "5 people") and
percentiles become "top 10%" rather than 0.9.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

STRENGTH_WORDS = {1: "very weak", 2: "weak", 3: "moderate", 4: "strong", 5: "very strong"}


def display_name(name: str) -> str:
    """A name safe for one line of text: runs of whitespace (newlines, tabs) become one space."""
    return " ".join(name.split()) or "(unnamed)"


def count(n: float, singular: str, plural: str | None = None) -> str:
    """'1 person', '5 people', '2.5 ties' (assumed ties count half, so counts may be fractional)."""
    if isinstance(n, float) and not n.is_integer():
        return f"{n:.1f} {plural or singular + 's'}"
    n = int(n)
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def people(n: float) -> str:
    return count(n, "person", "people")


def ties(n: float) -> str:
    return count(n, "tie")


def join_words(words: Sequence[str], limit: int = 4) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C, D and 2 more'."""
    words = list(words)
    if len(words) > limit:
        words = [*words[:limit], f"{len(words) - limit} more"]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def standing(pct: float) -> str:
    """A percentile (0 bottom .. 1 top) in words: 'the top 10%', 'the bottom 25%', 'the middle'."""
    if pct >= 0.6:
        return f"the top {_round_up_to_5((1.0 - pct) * 100)}%"
    if pct <= 0.4:
        return f"the bottom {_round_up_to_5(pct * 100)}%"
    return "the middle"


def _round_up_to_5(value: float) -> int:
    return max(5, math.ceil(value / 5.0 - 1e-9) * 5)


def percent(fraction: float) -> str:
    value = fraction * 100
    if 0 < value < 1:
        return "under 1%"
    return f"{value:.0f}%"


def assumed_note(n: int) -> str:
    """The sentence every result adds when it leaned on ties the user only assumed."""
    if n <= 0:
        return ""
    return f" Leans on {count(n, 'assumed tie')}."
