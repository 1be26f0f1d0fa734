"""Who did what on a server map: the change log, read back as entries a person can follow (storage layer).

The log is the server's (``server._install_change_log``): written by a trigger, never by the app, so
it names the login that made each change. Row-level security hides the entries of confidential notes
from those who may not read them, and their text was never copied. A map file has no log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from stakemap.storage.errors import MapFileError

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
