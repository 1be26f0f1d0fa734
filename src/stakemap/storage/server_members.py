"""Who may open a server map: the login roles granted its viewer, editor or owner role (storage layer).

Read from the catalogue (``pg_auth_members``), which every user may read, so anyone with access
can see the names of the others: the plan offers them as owners of engagements.
"""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from stakemap.storage.server import LEVELS, role_of

_MEMBERS = text(
    "SELECT DISTINCT m.rolname FROM pg_auth_members am "
    "JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member "
    "WHERE r.rolname = ANY(:roles) AND m.rolcanlogin ORDER BY m.rolname"
)


def map_members(engine: Engine, map_name: str) -> list[str]:
    """The logins with any access to ``map_name``, sorted; [] if the server cannot say."""
    roles = [role_of(map_name, level) for level in LEVELS]
    try:
        with engine.connect() as connection:
            return [str(name) for (name,) in connection.execute(_MEMBERS, {"roles": roles})]
    except SQLAlchemyError:
        return []  # a suggestion list: its absence never stops an edit
