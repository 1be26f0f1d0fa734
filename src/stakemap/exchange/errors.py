"""The exchange layer's error and the row problems an import reports; their text is fit to show a user."""

from __future__ import annotations

from dataclasses import dataclass


class ExchangeError(Exception):
    """A file could not be read or written; ``str(error)`` says why in plain words."""


@dataclass(frozen=True)
class RowProblem:
    """A row an import skips: its number as the spreadsheet shows it, and why."""

    row_number: int
    reason: str
    source: str = ""

    def __str__(self) -> str:
        where = f"{self.source}, row {self.row_number}" if self.source else f"Row {self.row_number}"
        return f"{where}: {self.reason}"
