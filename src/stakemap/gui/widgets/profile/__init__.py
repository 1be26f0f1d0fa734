"""The inspector dock: a person's whole profile, a relationship, or the map, editable in place (gui layer)."""
