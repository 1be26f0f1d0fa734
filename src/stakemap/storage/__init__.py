"""Storage layer: the *.stakemap map file (SQLite) or a PostgreSQL database, via SQLAlchemy 2 + Alembic.

Imports the core only; never Qt.
"""
