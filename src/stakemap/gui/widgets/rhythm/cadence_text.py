"""A contact cadence typed as words or days: "monthly", "every 45 days", "none", blank (gui layer)."""

from __future__ import annotations

import re

from stakemap.core.cadence import CADENCE_PRESETS, cadence_label
from stakemap.core.entities import MAX_INTERVAL_DAYS

_WORDS = {label.casefold(): days for label, days in CADENCE_PRESETS}


def parse_cadence(text: str) -> int | None:
    """None (blank: the quadrant's default), 0 (none) or days; ValueError says what is accepted."""
    cleaned = text.strip().casefold()
    if not cleaned:
        return None
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    match = re.fullmatch(r"(?:every\s+)?(\d{1,5})\s*(?:d|days?)?", cleaned)
    if match is None or not 1 <= int(match.group(1)) <= MAX_INTERVAL_DAYS:
        raise ValueError(
            "Type none, weekly, fortnightly, monthly, quarterly or a number of days (e.g. 45); "
            "leave blank for the quadrant's default"
        )
    return int(match.group(1))


def format_cadence(days: int | None) -> str:
    return "" if days is None else cadence_label(days)
