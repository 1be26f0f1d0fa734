"""Checks on rows read from a map file that the entities' own validation cannot make (storage layer).

A file may have been written by another program: a NULL where Stakemap always stores a value, JSON
nested deeply enough to exhaust the recursion limit, or the same tie twice. Each is refused with a
reason (``ValueError``, which loading turns into a clear message), never read as a silent default.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table

from stakemap.core.entities import Relationship
from stakemap.storage.orm import VERSION, entity_columns

#: The deepest JSON Stakemap writes is a list of strings (depth 1); a little room, then refuse.
MAX_JSON_DEPTH = 4


def safe_json_loads(text: str | bytes) -> Any:
    """``json.loads`` that refuses deep nesting before the parser recurses into it."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise ValueError(
                    f"a list in the file is nested too deeply (more than {MAX_JSON_DEPTH} levels)"
                )
        elif char in "]}":
            depth -= 1
    return json.loads(text)


def required_check(table: Table) -> Callable[[Sequence[Any]], None]:
    """A function that raises ``ValueError`` if a row of ``table`` has NULL in a required column."""
    # Rows are read as the entity's columns then the version (``orm.entity_columns``).
    columns = [*entity_columns(table), *(c for c in table.c if c.name == VERSION)]
    positions = [i for i, column in enumerate(columns) if not column.nullable]
    names = [columns[i].name for i in positions]
    if not positions:
        return lambda _row: None
    getter = itemgetter(*positions) if len(positions) > 1 else (lambda row: (row[positions[0]],))

    def check(row: Sequence[Any]) -> None:
        values = getter(row)
        if None in values:
            column = names[list(values).index(None)]
            label = table.name.replace("_", " ")
            raise ValueError(
                f"a {label} has no value for “{column}”, which Stakemap always stores "
                "(another program may have altered the file)"
            )

    return check


def refuse_duplicate_ties(ties: Iterable[Relationship]) -> None:
    """Raise ``ValueError`` if two relationships describe the same tie."""
    by_pair: dict[frozenset[str], list[Relationship]] = defaultdict(list)
    for tie in ties:
        pair = frozenset((tie.source_id, tie.target_id))
        for other in by_pair[pair]:
            if other.same_tie(tie):
                raise ValueError(
                    f"the relationships {other.id} and {tie.id} are the same tie: the same two people "
                    f"are linked twice as '{tie.kind.label}'"
                )
        by_pair[pair].append(tie)
