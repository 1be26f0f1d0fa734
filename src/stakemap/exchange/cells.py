"""Cells that a spreadsheet would run as formulas are neutralised on export and restored on import.

OWASP's advice for CSV injection: a cell starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return gets a leading single quote. To make the round trip exact,
a value that itself starts with a quote gets one too, and import strips exactly
one leading quote from any cell that has one.
"""

from __future__ import annotations

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(DANGEROUS_STARTS) else value


def restore(value: str) -> str:
    return value[1:] if value.startswith("'") else value
