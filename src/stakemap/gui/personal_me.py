"""On a team map, "me" is each planner's own, kept on their computer, never in the shared map (gui layer).

The map's ``me_id`` says whose paths the insights start from and who keeps no follow-up rhythm with
themselves; on a server map that is a different person for every planner. So the document shows
the map with this planner's "me" (remembered in QSettings per map address, which names the user),
writes edits with the server's own value left as it is, and puts this planner's "me" back into every
map row that comes from the server (merges, refreshes, live pulls).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QSettings

from stakemap.core.changes import Change
from stakemap.core.entities import Entity, MapInfo
from stakemap.core.model import Map
from stakemap.storage.server_address import ServerAddress

E = TypeVar("E", bound=Entity)


class PersonalMe:
    def __init__(self, address: ServerAddress, the_map: Map) -> None:
        self._key = f"personal/{address.display()}/me_id"
        self._map = the_map

    def stored(self) -> str | None:
        value = QSettings().value(self._key)
        me = str(value) if isinstance(value, str) and value else None
        return me if me in self._map.stakeholders else None  # someone deleted since: nobody

    def own(self, entity: E) -> E:
        """``entity`` as this planner sees it: a map row with their own "me"."""
        if not isinstance(entity, MapInfo):
            return entity
        mine = self.stored()  # one settings read per map row
        return entity if entity.me_id == mine else replace(entity, me_id=mine)

    def for_server(self, change: Change) -> Change:
        """``change`` as the server is to get it: a map row keeps the "me" it had."""
        if not any(isinstance(e, MapInfo) for e in change.after):
            return change
        before = {type(e): e for e in change.before if isinstance(e, MapInfo)}
        after = [
            replace(e, me_id=before[MapInfo].me_id) if isinstance(e, MapInfo) and MapInfo in before else e
            for e in change.after
        ]
        return Change.of(change.label, change.before, after)

    def remember(self, change: Change) -> None:
        """Keep the "me" this change chose, if it chose one."""
        chosen = next((e.me_id for e in change.after if isinstance(e, MapInfo)), self.stored())
        if chosen != self.stored():
            QSettings().setValue(self._key, chosen or "")
