"""Assessment rounds: "remind me to re-assess every 3 months" (core layer).

A round is due when the map has an interval and the latest snapshot (or, with none, the map's
creation) is at least that many days old. The GUI shows the reminder, non-modal, on opening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stakemap.core.model import Map


@dataclass(frozen=True)
class AssessmentDue:
    since: date  # the last snapshot's day, or the map's creation day
    had_snapshot: bool
    overdue_days: int  # 0: due today

    def message(self) -> str:
        what = f"the last snapshot was taken on {self.since:%d %b %Y}" if self.had_snapshot else (
            f"no snapshot has been taken since the map was made on {self.since:%d %b %Y}")  # fmt: skip
        return f"Time to re-assess: {what}. Take a snapshot once you have updated where people stand."


def assessment_due(the_map: Map, today: date) -> AssessmentDue | None:
    every = the_map.info.assessment_every_days
    if every == 0:
        return None
    latest = max((s.taken_at for s in the_map.snapshots.values()), default=None)
    since = (latest or the_map.info.created_at).date()
    due_on = since + timedelta(days=every)
    if today < due_on:
        return None
    return AssessmentDue(since, latest is not None, (today - due_on).days)
