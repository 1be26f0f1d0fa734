"""A small edit on a server map written in one statement, so one round trip (storage layer).

A typical edit (a field of one person, and the map's modified time) is two UPDATEs; in a transaction
that is BEGIN, two statements and COMMIT: four waits on a distant server, long enough at 40 ms to
freeze the window. Here the same versioned writes become data-modifying CTEs of one statement, run
in autocommit (a single statement is atomic), whose final SELECT hands the row counts to
``check_rows``: a count other than 1 raises inside the statement, so nothing of it is stored, and
the error names which write was stale. Deletes (which first check what others attached), snapshot
entries and bulk changes take the ordinary path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, func, insert, literal_column, select, update
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.exc import DBAPIError

from stakemap.core.changes import key_of
from stakemap.core.entities import Entity, Snapshot
from stakemap.storage.orm import ROW_OF, VERSION, row_values
from stakemap.storage.versioned import RowCountMismatch, VersionedWrite

#: More rows than this go the ordinary way (an import): one statement per row would not pay.
MOST_ROWS = 6
#: The function the statement's last SELECT calls (installed per map schema by ``storage.server``).
CHECK_FUNCTION = "check_rows"
_STALE = re.compile(r"stakemap-stale:(\d+)")

CHECK_ROWS_SQL = (
    "CREATE OR REPLACE FUNCTION {schema}.check_rows(counts bigint[]) RETURNS integer "
    "LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  FOR i IN 1 .. coalesce(array_length(counts, 1), 0) LOOP\n"
    "    IF counts[i] <> 1 THEN RAISE EXCEPTION 'stakemap-stale:%', i; END IF;\n"
    "  END LOOP;\n"
    "  RETURN 0;\n"
    "END $$"
)


@dataclass
class _Part:
    table: Table
    entity: Entity
    statement: Any


def eligible(plan: VersionedWrite) -> bool:
    change = plan.change
    if change.removed() or any(isinstance(e, Snapshot) for e in (*change.before, *change.after)):
        return False
    return len(change.after) <= MOST_ROWS


def write_in_one_statement(connection: Connection, plan: VersionedWrite) -> None:
    """Run ``plan`` as one autocommitted statement; raises ``RowCountMismatch`` if a row was stale."""
    parts = _parts(plan)
    if not parts:
        return
    ctes = [part.statement.cte(f"w{i}") for i, part in enumerate(parts)]
    counts = array([select(func.count()).select_from(cte).scalar_subquery() for cte in ctes])
    statement = select(getattr(func, CHECK_FUNCTION)(counts))
    try:
        connection.execute(statement)
    except DBAPIError as exc:
        found = _STALE.search(str(exc.orig))
        if found is None:
            raise
        part = parts[int(found.group(1)) - 1]
        raise RowCountMismatch(part.table, [part.entity]) from None


def _parts(plan: VersionedWrite) -> list[_Part]:
    before = {key_of(e): e for e in plan.change.before}
    parts: list[_Part] = []
    for entity in plan.change.written():
        table = ROW_OF[type(entity)]
        old = before.get(key_of(entity))
        one: ColumnElement[Any] = literal_column("1")
        if old is None:
            parts.append(
                _Part(table, entity, insert(table).values({**row_values(entity), VERSION: 1}).returning(one))
            )
            plan.outcome[key_of(entity)] = 1
            continue
        planned = plan.plan_update(old, entity)
        if planned is None:
            continue
        values = dict(planned.values)
        statement = update(table).where(table.c.id == entity.id)
        if planned.versioned:
            expected = plan.versions.expected(entity)
            statement = statement.where(table.c[VERSION] == expected)
            values[VERSION] = expected + 1
            plan.outcome[key_of(entity)] = expected + 1
        parts.append(_Part(table, entity, statement.values(values).returning(one)))
    return parts
