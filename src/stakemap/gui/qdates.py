"""Qt's dates and Python's, converted explicitly (gui layer).

PySide6's ``QDate.toPython()`` is typed as returning ``object`` and ``QDate(date)`` has no typed
overload; these two functions say what the conversion is, and the type checker can follow them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
