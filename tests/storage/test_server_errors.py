"""A PostgreSQL error is worded by its SQLSTATE, and a dropped connection is said as such."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError

from stakemap.storage.server_errors import LOST, server_meaning


class _Driver(Exception):
    def __init__(self, message: str, sqlstate: str | None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def _wrapped(sqlstate: str | None, *, invalidated: bool = False) -> DBAPIError:
    return OperationalError(
        "UPDATE ...", {}, _Driver("server words", sqlstate), connection_invalidated=invalidated
    )


@pytest.mark.parametrize(
    ("sqlstate", "words"),
    [
        ("57P01", "shut down"),
        ("57P02", "stopped unexpectedly"),
        ("53100", "disk is full"),
        ("40001", "try again"),
        ("08006", "connection to the server was lost"),
    ],
)
def test_known_codes_are_worded_for_a_planner(sqlstate: str, words: str) -> None:
    meaning = server_meaning(_wrapped(sqlstate))
    assert meaning is not None
    assert words in meaning


def test_a_connection_that_died_without_a_code_is_said_to_be_lost() -> None:
    assert server_meaning(_wrapped(None, invalidated=True)) == LOST


def test_other_errors_are_left_to_the_servers_words() -> None:
    assert server_meaning(_wrapped("23505")) is None
    assert server_meaning(_wrapped(None)) is None
    assert server_meaning(ValueError("not a database error")) is None
