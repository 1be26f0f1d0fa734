"""Cells that a spreadsheet would run as formulas are neutralised on export and restored on import.

OWASP's advice for CSV injection: a cell starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return gets a leading single quote. To make the round trip exact,
a value that itself starts with a quote gets one too, and import strips exactly
one leading quote from any cell that has one.
"""

from __future__ import annotations

import re

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(DANGEROUS_STARTS) else value


def restore(value: str) -> str:
    return value[1:] if value.startswith("'") else value


# OOXML's own escape for characters XML cannot keep: Excel writes a carriage return as _x000D_ (XML
# turns a raw one into a line feed) and a literal "_x0041_" as "_x005F_x0041_".
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def ooxml_escape(value: str) -> str:
    """``value`` for an XLSX string cell: carriage returns and literal escapes survive the XML."""
    value = re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", value)
    return value.replace("\r", "_x000D_")


def ooxml_unescape(value: str) -> str:
    """The text of an XLSX string cell, its ``_xHHHH_`` escapes undone (as Excel reads them)."""
    return _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), value) if "_x" in value else value
