"""Alembic migrations of the map schema, shipped inside the package (storage layer)."""
