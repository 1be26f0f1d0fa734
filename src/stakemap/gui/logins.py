"""Database login roles as the window names people (gui layer)."""

from __future__ import annotations


def person_name(login: str) -> str:
    """A login role as a person's name in the window ("priya" -> "Priya")."""
    return login[:1].upper() + login[1:] if login else "Someone"
