"""The frozen-build test of server maps takes its map from the server fixtures."""

from tests.server.conftest import make_team_map, team_database  # noqa: F401 (fixtures used here)
