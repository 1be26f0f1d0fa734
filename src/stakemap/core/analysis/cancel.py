"""Cooperative cancellation for long analyses (core layer).

A GUI worker thread passes a ``cancelled`` callable; the analysis polls it between
steps and inside its longer loops, and stops by raising ``AnalysisCancelled``.
"""

from __future__ import annotations

from collections.abc import Callable

Poll = Callable[[], bool] | None


class AnalysisCancelled(Exception):
    """The caller asked the analysis to stop; no partial report is produced."""

    def __init__(self) -> None:
        super().__init__("The analysis was cancelled")


def check(cancelled: Poll) -> None:
    if cancelled is not None and cancelled():
        raise AnalysisCancelled()
