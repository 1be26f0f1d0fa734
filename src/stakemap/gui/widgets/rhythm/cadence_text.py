"""A contact cadence typed as words or days: "monthly", "every 45 days", "none", blank (gui layer).

The parsing lives in core (imports read the same words); this keeps the inspector's import short.
"""

from __future__ import annotations

from stakemap.core.cadence import format_cadence, parse_cadence

__all__ = ["format_cadence", "parse_cadence"]
