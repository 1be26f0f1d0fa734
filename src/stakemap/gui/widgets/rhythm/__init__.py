"""Keeping the plan alive: history, contact rhythm, follow-ups, movers, calendar (gui layer)."""
