"""Where people with no scores go: spread around the middle of the grid, not piled on one spot (core layer).

A spreadsheet without influence and interest columns gives everyone the default 50/50: on the canvas
they became one stack of cards on the crossing of the axes, with only the top one readable. They are
laid out in a square block around the centre instead, in file order, so each card can be seen and
dragged to where it belongs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from stakemap.core.entities import Stakeholder

CENTRE = 50.0
STEP = 7.0  # score points between neighbours: about a card apart at normal zoom
HALF_SPAN = 40.0  # stay within 10..90, clear of the edges


def spread_unplaced(people: Sequence[Stakeholder]) -> list[Stakeholder]:
    """The same people, laid out on a block of rows and columns centred on the middle of the grid."""
    if len(people) <= 1:
        return list(people)
    columns = math.ceil(math.sqrt(len(people)))
    rows = math.ceil(len(people) / columns)
    step = min(STEP, 2 * HALF_SPAN / max(columns - 1, 1), 2 * HALF_SPAN / max(rows - 1, 1))
    left = CENTRE - step * (columns - 1) / 2
    top = CENTRE + step * (rows - 1) / 2
    placed = []
    for index, person in enumerate(people):
        row, column = divmod(index, columns)
        placed.append(
            replace(person, interest=round(left + column * step, 1), influence=round(top - row * step, 1))
        )
    return placed
