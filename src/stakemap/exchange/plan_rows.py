"""Communications-plan rows from a spreadsheet: the Plan sheet of an export, or a plan of one's own.

A plan table names its person (by id, as Stakemap's export writes "Person id", or by name) and
says why, how and when to meet them. It is told apart from a table of people by its columns: a
person column plus at least three of the plan's own (reason, method, key question, due, status,
outcome, owner). Without that check a plan CSV was read as people, one stakeholder per row.

A row that is already in the plan (same person, reason, method, due date and status) is not added
twice, so importing an export back into its own map changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from stakemap.core.entities import Engagement, EngagementStatus
from stakemap.core.model import Map
from stakemap.exchange.errors import RowProblem
from stakemap.exchange.fields import ImportField, guess_mapping, norm, parse_id
from stakemap.exchange.sources import RawTable

if TYPE_CHECKING:
    from stakemap.exchange.importing import ImportPlan, People

_STATUSES = {norm(s.value): s for s in EngagementStatus} | {norm(s.label): s for s in EngagementStatus}
_STATUSES |= {"open": EngagementStatus.PLANNED, "todo": EngagementStatus.PLANNED, "ongoing": EngagementStatus.IN_PROGRESS,
              "completed": EngagementStatus.DONE, "closed": EngagementStatus.DONE, "canceled": EngagementStatus.CANCELLED}  # fmt: skip


def parse_status(text: str) -> EngagementStatus:
    if not text.strip():
        return EngagementStatus.PLANNED
    found = _STATUSES.get(norm(text))
    if found is None:
        names = ", ".join(s.label for s in EngagementStatus)
        raise ValueError(f"unknown status “{text.strip()[:40]}” (use {names})")
    return found


def parse_due(text: str) -> date | None:
    """A date as the readers give it (ISO, from typed date cells) or as people type it (ISO)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned[:10])
    except ValueError:
        raise ValueError(f"“{cleaned[:40]}” is not a date (write it as 2026-12-31)") from None


PLAN_FIELDS: tuple[ImportField, ...] = (
    ImportField("person", "Person", ("person", "stakeholder", "name", "who", "with"), str),
    ImportField("reason", "Reason", ("reason", "why", "purpose", "objective"), str),
    ImportField("method", "Method", ("method", "channel", "how", "medium"), str),
    ImportField("spiel", "Key question", ("spiel", "keyquestion", "question", "ask"), str),
    ImportField("offer", "Offer", ("offer", "whatwecanoffer", "givefirst"), str),
    ImportField("owner", "Owner", ("owner", "responsible", "assignedto", "lead"), str),
    ImportField("due", "Due", ("due", "duedate", "deadline", "when", "date"), parse_due),
    ImportField("status", "Status", ("status", "state", "progress"), parse_status),
    ImportField("outcome", "Outcome", ("outcome", "result", "results"), str),
    ImportField("person_id", "Person id", ("personid", "stakeholderid"), parse_id),
)  # fmt: skip

_PLAN_OWN = frozenset({"reason", "method", "spiel", "due", "status", "outcome", "owner"})


def looks_like_plan(headers: Sequence[str]) -> bool:
    mapping = guess_mapping(headers, PLAN_FIELDS)
    has_person = "person" in mapping or "person_id" in mapping
    return has_person and len(_PLAN_OWN & mapping.keys()) >= 3


def _same_entry(e: Engagement) -> tuple[Any, ...]:
    return (e.stakeholder_id, e.reason, e.method, e.due, e.status, e.spiel, e.offer, e.owner, e.outcome)


def plan_engagements(
    plan: ImportPlan,
    table: RawTable,
    mapping: Mapping[str, int] | None,
    existing: Map,
    ids: People,
) -> None:
    """Add to ``plan`` the engagements of ``table``, each for a person on the map or in the file."""
    mapping = dict(guess_mapping(table.guessable_headers, PLAN_FIELDS) if mapping is None else mapping)
    if "person" not in mapping and "person_id" not in mapping:
        plan.problems.append(RowProblem(1, "no Person or Person id column in the plan", table.source))
        return
    known = {_same_entry(e) for e in existing.engagements.values()}
    already = 0
    for position, row in enumerate(table.rows):
        cells = {name: row[index] if index < len(row) else "" for name, index in mapping.items()}
        if not any(c.strip() for c in cells.values()):
            continue
        errors: list[str] = []
        values: dict[str, Any] = {}
        for field_ in PLAN_FIELDS:
            if field_.name not in cells:
                continue
            try:
                values[field_.name] = field_.parse(cells[field_.name])
            except ValueError as exc:
                errors.append(f"{field_.label}: {exc}")
        name, given_id = str(values.pop("person", "")), values.pop("person_id", None) or None
        person_id, why = ids.resolve(name, given_id)
        if why and given_id and name.strip():
            # A plan exported from another map: its ids are not ours, but its names may be.
            person_id, why = ids.resolve(name, None)
        if why:
            errors.append(why)
        if not values.get("method"):
            values.pop("method", None)  # the plan's default method, as a new entry gets
        if not errors:
            try:
                entry = Engagement(stakeholder_id=person_id or "", **values)
            except (ValueError, TypeError) as exc:
                errors.append(str(exc))
            else:
                if _same_entry(entry) in known:
                    already += 1
                    continue
                known.add(_same_entry(entry))
                plan.engagements.append(entry)
        if errors:
            plan.problems.append(
                RowProblem(table.shown_row_number(position), "; ".join(errors), table.source)
            )
    if already:
        plan.notes.append(f"{already} planned engagements are already in the plan and were left as they are.")
