"""Pure-Python domain layer: no Qt, no SQL. Everything else builds on it."""
