"""What a PostgreSQL error means for the user, told by its SQLSTATE rather than its message (storage layer).

The server's own words are for administrators ("consuming input failed: server closed the connection
unexpectedly"); a planner needs to know what happened and that nothing half-done was kept. Codes
not named here are left to the server's first line, which is still better than nothing.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

LOST = "the connection to the server was lost (it may have restarted, or the network dropped)"

_MEANING: dict[str, str] = {
    "57P01": "the server was shut down by its administrator",
    "57P02": "the server stopped unexpectedly",
    "57P03": "the server is starting up or shutting down",
    "53100": "the server's disk is full",
    "53200": "the server is out of memory",
    "53300": "the server has too many connections",
    "40001": "another change was being saved at the same moment; try again",
    "40P01": "another change was being saved at the same moment; try again",
    "25006": "the server only allows reading (a standby)",
}


def server_meaning(exc: BaseException) -> str | None:
    """What the error means ("the server's disk is full"), or None if it is not one we name."""
    original = getattr(exc, "orig", None)
    state = getattr(original, "sqlstate", None)
    if isinstance(state, str):
        if state in _MEANING:
            return _MEANING[state]
        if state.startswith("08"):  # connection exception
            return LOST
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return LOST  # SQLAlchemy saw the connection die (no SQLSTATE: the socket closed)
    return None
