"""Which people match the search box: name, role, unit, tag or constituency (gui layer, pure logic)."""

from __future__ import annotations

from stakemap.core.entities import Stakeholder


def normalise_query(text: str) -> str:
    return " ".join(text.split()).casefold()


def matches(person: Stakeholder, query: str) -> bool:
    """True if every word of ``query`` (already normalised) appears in one of the person's fields."""
    if not query:
        return True
    haystack = "\n".join(
        (person.name, person.role, person.unit, person.constituency, *person.tags)
    ).casefold()
    return all(word in haystack for word in query.split())
