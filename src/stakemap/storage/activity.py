"""Who did what on a server map: the change log, read back as entries a person can follow (storage layer).

The log is the server's (``change_log.install_change_log``): written by a trigger, never by the app, so
it names the login that made each change. Row-level security hides the entries of confidential notes
from those who may not read them, and their text was never copied. A map file has no log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, text
from sqlalchemy.exc import SQLAlchemyError

from stakemap.core.entities import Entity
from stakemap.storage.errors import MapFileError
from stakemap.storage.live import KIND_OF_TABLE
from stakemap.storage.orm import ENTITY_OF_ROW, ROW_OF, UTCDateTime, entity_columns

if TYPE_CHECKING:
    from stakemap.storage.repository import MapRepository

#: Fields whose change is a move on the grid.
POSITION = frozenset({"influence", "interest"})
WHAT = {
    "stakeholder": "",
    "relationship": "a tie",
    "note": "a note",
    "engagement": "a planned engagement",
    "snapshot": "a snapshot",
    "map_info": "the map details",
}


@dataclass(frozen=True)
class ActivityEntry:
    id: int
    when: datetime
    who: str
    action: str  # insert, update, delete
    table: str
    row_id: str
    fields: tuple[str, ...]
    #: The person's name as the log last recorded it (for people since deleted), or "".
    name: str

    @property
    def verb(self) -> str:
        if self.action == "insert":
            return "added"
        if self.action == "delete":
            return "deleted"
        if self.table == "stakeholder" and set(self.fields) <= POSITION:
            return "moved"
        return "changed"


def read_activity(repository: MapRepository, limit: int = 300) -> list[ActivityEntry]:
    """The latest ``limit`` entries this user may see, newest first (empty for a map file)."""
    if repository.engine.dialect.name != "postgresql":
        return []
    try:
        with repository.read_scope() as s:
            rows = s.execute(
                text(
                    "SELECT c.id, c.changed_at, c.changed_by, c.action, c.table_name, c.row_id, c.changed, "
                    "(SELECT n.changed ->> 'name' FROM change_log n WHERE n.table_name = 'stakeholder' "
                    " AND n.row_id = c.row_id AND n.changed ? 'name' ORDER BY n.id DESC LIMIT 1) "
                    "FROM change_log c ORDER BY c.id DESC LIMIT :limit"
                ),
                {"limit": limit},
            ).all()
    except SQLAlchemyError as exc:
        raise MapFileError(f"The activity of this map could not be read: {exc.__class__.__name__}") from exc
    return [_entry(row) for row in rows]


def _entry(row: Any) -> ActivityEntry:
    entry_id, when, who, action, table, row_id, changed, name = row
    fields = tuple(sorted(changed)) if isinstance(changed, dict) else ()
    return ActivityEntry(
        int(entry_id), when, str(who), str(action), str(table), str(row_id), fields, name or ""
    )


# ------------------------------------------------------------------ restoring
#: Kinds restored with a person, in the order they must be added (a tie needs both its people).
RESTORED_WITH = ("stakeholder", "relationship", "engagement", "note")


def restorable(repository: MapRepository, entry: ActivityEntry) -> list[Entity]:
    """The person an entry deleted, and what was deleted with them, rebuilt from the log as they were.

    A row is rebuilt by folding its entries (the insert holds every column, each update the ones it
    changed). Rows deleted by the same user in the same transaction (one ``changed_at``) went with the
    person; a confidential note, whose text the log never held, cannot come back.
    """
    if entry.action != "delete" or entry.table != "stakeholder":
        return []
    try:
        with repository.read_scope() as s:
            gone = s.execute(
                text(
                    "SELECT table_name, row_id FROM change_log WHERE action = 'delete' AND changed_at = "
                    "(SELECT changed_at FROM change_log WHERE id = :id) AND changed_by = :by"
                ),
                {"id": entry.id, "by": entry.who},
            ).all()
            rows: dict[tuple[str, str], dict[str, Any]] = {}
            for table_name, row_id in gone:
                if table_name not in RESTORED_WITH:
                    continue
                values: dict[str, Any] = {}
                for action, changed in s.execute(
                    text(
                        "SELECT action, changed FROM change_log WHERE table_name = :t AND row_id = :r "
                        "AND id <= (SELECT max(id) FROM change_log WHERE table_name = :t AND row_id = :r "
                        "AND action = 'delete') ORDER BY id"
                    ),
                    {"t": table_name, "r": row_id},
                ):
                    if action == "insert":
                        values = dict(changed or {})
                    elif action == "update":
                        values.update(changed or {})
                rows[(table_name, row_id)] = values
    except SQLAlchemyError as exc:
        raise MapFileError(f"The deleted person could not be read back: {exc.__class__.__name__}") from exc
    result: list[Entity] = []
    for table_name in RESTORED_WITH:
        for (name, _row_id), values in rows.items():
            if name == table_name:
                entity = _rebuilt(table_name, values)
                if entity is not None:
                    result.append(entity)
    return result


def _rebuilt(table_name: str, values: dict[str, Any]) -> Entity | None:
    kind = KIND_OF_TABLE[table_name]
    table = ROW_OF[kind]
    columns = entity_columns(table)
    if any(c.name not in values for c in columns) or (table_name == "note" and values.get("text") is None):
        return None  # not the whole row in the log (made before it), or a confidential note's text
    row = []
    for column in columns:
        value = values[column.name]
        if value is not None and isinstance(column.type, UTCDateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        row.append(value)
    try:
        return ENTITY_OF_ROW[kind](tuple(row))
    except (ValueError, TypeError):
        return None


def may_restore(repository: MapRepository) -> bool:
    """Whether this user owns the map (owners restore deleted people); False for a map file."""
    if repository.engine.dialect.name != "postgresql":
        return False
    try:
        with repository.read_scope() as s:
            schema = str(s.execute(text("SELECT current_schema()")).scalar() or "")
            if not schema.startswith("map_"):
                return False
            owner = f"{schema.removeprefix('map_')}_owner"
            return bool(
                s.execute(
                    text(
                        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :r) AND pg_has_role(:r, 'MEMBER')"
                    ),
                    {"r": owner},
                ).scalar()
            )
    except SQLAlchemyError:
        return False
