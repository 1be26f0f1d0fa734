"""The storage tests that also run on PostgreSQL take their maps from the server fixtures."""

from tests.server.conftest import make_team_map, team_database  # noqa: F401 (fixtures used here)
