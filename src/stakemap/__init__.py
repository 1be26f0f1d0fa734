"""Stakemap: a desktop stakeholder mapping tool (influence x interest, relationships, plans)."""

from __future__ import annotations

__version__ = "0.1.0"
