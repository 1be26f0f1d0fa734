"""Turn a table into stakeholders and relationships to add, listing every row with a problem.

Nothing here changes a map: ``plan_import`` returns what would be added and
the problems (row number as the spreadsheet shows it, and the reason). The
caller adds the plan in one change, so an import is one undo entry and a
cancelled import leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from stakemap.core.entities import Relationship, Stakeholder
from stakemap.core.model import Map
from stakemap.core.placement import spread_unplaced
from stakemap.exchange.fields import (
    RELATIONSHIP_FIELDS,
    STAKEHOLDER_FIELDS,
    ImportField,
    guess_mapping,
    looks_like_relationships,
)
from stakemap.exchange.sources import RawTable


@dataclass(frozen=True)
class RowProblem:
    row_number: int
    reason: str
    source: str = ""

    def __str__(self) -> str:
        where = f"{self.source}, row {self.row_number}" if self.source else f"Row {self.row_number}"
        return f"{where}: {self.reason}"


@dataclass
class ImportPlan:
    stakeholders: list[Stakeholder] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(
        default_factory=list
    )  # what the reader decided (header row, encoding, hidden parts)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def entities(self) -> list[Stakeholder | Relationship]:
        return [*self.stakeholders, *self.relationships]

    def summary(self) -> str:
        parts = [f"{len(self.stakeholders)} stakeholders"]
        if self.relationships:
            parts.append(f"{len(self.relationships)} relationships")
        text = " and ".join(parts) + " to import"
        if self.problems:
            text += f"; {len(self.problems)} rows skipped"
        return text

    def apply_to(self, the_map: Map, label: str = "Import") -> Any:
        """Add everything in one change (one undo entry). Returns the Change."""
        return the_map.add_entities(self.entities(), label)


class TieIndex:
    """The ties already on the map or accepted, keyed so ``Relationship.same_tie`` is one look-up.

    Comparing each new tie with every known one made an import of n ties O(n²) (60,000 ties took
    16 minutes). Two ties are the same when kind and ordered ends match, or when the ends are
    reversed and either tie is both ways; so per (kind, from, to) we keep whether any tie is there
    and whether one of them is both ways.
    """

    def __init__(self, ties: Iterable[Relationship] = ()) -> None:
        self._undirected: dict[tuple[Any, str, str], bool] = {}
        for tie in ties:
            self.add(tie)

    def add(self, tie: Relationship) -> None:
        key = (tie.kind, tie.source_id, tie.target_id)
        self._undirected[key] = self._undirected.get(key, False) or not tie.directed

    def has_same(self, tie: Relationship) -> bool:
        if (tie.kind, tie.source_id, tie.target_id) in self._undirected:
            return True
        reverse = self._undirected.get((tie.kind, tie.target_id, tie.source_id))
        return reverse is not None and (reverse or not tie.directed)


def _key(name: str) -> str:
    """How names are matched: case and surrounding spaces do not make two people different."""
    return name.strip().casefold()


def _cells(row: list[str], mapping: Mapping[str, int]) -> dict[str, str]:
    # Text is kept exactly (a leading tab or quote must survive a round trip); parsers of numbers
    # and choices strip what they read.
    return {name: row[index] if index < len(row) else "" for name, index in mapping.items()}


def _parse_row(cells: dict[str, str], fields: tuple[ImportField, ...]) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    errors: list[str] = []
    for spec in fields:
        if spec.name not in cells:
            continue
        text = cells[spec.name]
        if not text.strip() and not spec.required:
            continue
        try:
            values[spec.name] = spec.parse(text)
        except ValueError as exc:
            errors.append(f"{spec.label}: {exc}")
    return values, errors


class ImportCancelled(Exception):
    """Raised by a progress callback to stop planning (the user pressed Cancel or changed the mapping)."""


#: Called with (rows done, rows in all) every PROGRESS_EVERY rows; raising ImportCancelled stops the plan.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500


def _row_number(table: RawTable, position: int) -> int:
    return table.row_numbers[position] if position < len(table.row_numbers) else position + 2


def plan_import(
    table: RawTable,
    mapping: Mapping[str, int] | None,
    existing: Map,
    *,
    relationship_table: RawTable | None = None,
    relationship_mapping: Mapping[str, int] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing ``table`` (stakeholders) and optionally a relationships table would add to ``existing``."""
    notes = [*table.notes, *(relationship_table.notes if relationship_table is not None else ())]
    if (
        looks_like_relationships(table.guessable_headers)
        and relationship_table is None
        and "name" not in (mapping or {})
    ):
        # A table of ties alone: the mapping given was for people, so the tie columns are guessed.
        relationship_table, table = table, RawTable([], [], table.source)
        mapping = {}
    total = len(table.rows) + (len(relationship_table.rows) if relationship_table is not None else 0)
    plan, ids = plan_people(table, mapping, existing, progress=progress, total=total)
    if relationship_table is not None:
        plan_relationships(
            plan, relationship_table, relationship_mapping, existing, ids,
            progress=progress, done=len(table.rows), total=total,
        )  # fmt: skip
    plan.notes = list(dict.fromkeys(notes))
    return plan


def plan_people(
    table: RawTable,
    mapping: Mapping[str, int] | None,
    existing: Map,
    *,
    progress: Progress | None = None,
    total: int | None = None,
) -> tuple[ImportPlan, dict[str, str]]:
    """The people a table would add, and every name (on the map or added) -> id, for the ties."""
    plan = ImportPlan()
    total = len(table.rows) if total is None else total
    mapping = dict(guess_mapping(table.guessable_headers) if mapping is None else mapping)
    if table.headers and "name" not in mapping:
        raise ValueError("Choose which column holds the names: every stakeholder needs one.")
    known = {_key(p.name): p.id for p in existing.stakeholders.values()}
    added: dict[str, str] = {}
    unplaced: set[str] = set()  # people the file gives no scores: spread out below, not piled at 50/50
    for position, row in enumerate(table.rows):
        if progress is not None and position % PROGRESS_EVERY == 0:
            progress(position, total)
        number = _row_number(table, position)
        values, errors = _parse_row(_cells(row, mapping), STAKEHOLDER_FIELDS)
        name = str(values.get("name", ""))
        if not name.strip():
            errors.insert(0, "the name is empty")
        elif _key(name) in known:
            errors.insert(0, f"“{name.strip()[:80]}” is already on the map")
        elif _key(name) in added:
            errors.insert(0, f"“{name[:80]}” appears twice in the file")
        if not errors:
            try:
                person = Stakeholder(**values)
            except (ValueError, TypeError) as exc:
                errors.append(str(exc))
            else:
                plan.stakeholders.append(person)
                added[_key(name)] = person.id
                if "influence" not in values and "interest" not in values:
                    unplaced.add(person.id)
        if errors:
            plan.problems.append(RowProblem(number, "; ".join(errors), table.source))
    if len(unplaced) > 1:
        spread = iter(spread_unplaced([p for p in plan.stakeholders if p.id in unplaced]))
        plan.stakeholders = [next(spread) if p.id in unplaced else p for p in plan.stakeholders]
    return plan, {**known, **added}


def plan_relationships(
    plan: ImportPlan,
    table: RawTable,
    mapping: Mapping[str, int] | None,
    existing: Map,
    ids: Mapping[str, str],
    *,
    progress: Progress | None = None,
    done: int = 0,
    total: int | None = None,
) -> None:
    """Add to ``plan`` the ties of ``table`` between people named in ``ids``: linear in the rows."""
    total = done + len(table.rows) if total is None else total
    mapping = dict(
        guess_mapping(table.guessable_headers, RELATIONSHIP_FIELDS) if mapping is None else mapping
    )
    missing = [f.label for f in RELATIONSHIP_FIELDS if f.required and f.name not in mapping]
    if missing:
        plan.problems.append(RowProblem(1, f"no column for {', '.join(missing)}", table.source))
        return
    accepted: list[Relationship] = []
    ties = TieIndex(existing.relationships.values())
    for position, row in enumerate(table.rows):
        if progress is not None and position % PROGRESS_EVERY == 0:
            progress(done + position, total)
        number = _row_number(table, position)
        values, errors = _parse_row(_cells(row, mapping), RELATIONSHIP_FIELDS)
        ends = []
        for end in ("source", "target"):
            name = str(values.pop(end, ""))
            if _key(name) not in ids:
                errors.append(f"nobody called “{name.strip()[:80]}” on the map or in the file")
            ends.append(ids.get(_key(name), ""))
        if not errors:
            try:
                tie = Relationship(source_id=ends[0], target_id=ends[1], **values)
            except (ValueError, TypeError) as exc:
                errors.append(str(exc))
            else:
                if ties.has_same(tie):
                    errors.append("the same relationship is already there")
                else:
                    ties.add(tie)
                    accepted.append(tie)
        if errors:
            plan.problems.append(RowProblem(number, "; ".join(errors), table.source))
    plan.relationships.extend(accepted)


def choose_sheets(table: RawTable) -> tuple[RawTable | None, RawTable | None]:
    """Which of a file's tables holds the people and which the ties, judged by their headers.

    The first table with a name column holds the people; the first whose headers look like an edge
    list (from/to) holds the ties, whatever the sheets are called and in whatever order they come.
    A sheet of neither kind (instructions, a plan) is left alone.
    """
    tables = [t for t in (table, *table.other_sheets.values()) if not t.hidden or t is table]
    ties = next((t for t in tables if looks_like_relationships(t.guessable_headers)), None)
    people = next((t for t in tables if t is not ties and "name" in guess_mapping(t.guessable_headers)), None)
    return people, ties


def plan_file_import(
    path: Any,
    existing: Map,
    *,
    sheet: str | None = None,
    mappings: Mapping[str, Mapping[str, str | int | None]] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Headless import: people and ties from the sheets whose headers fit (or from ``sheet`` alone).

    ``mappings`` may give {"people": {field: column}, "relationships": {field: column}} (see
    ``resolve_mapping``); what it leaves out is guessed from the headers.
    """
    from stakemap.exchange.sources import read_table

    table = read_table(path, sheet=sheet)
    if sheet is not None:
        table.other_sheets = {}
    people, ties = choose_sheets(table)
    if people is None and ties is None:
        people = table  # no name column anywhere: plan_people says so
    mappings = mappings or {}
    if people is not table and ties is not table:
        (people or ties or table).notes[:0] = table.notes  # the file's own notes (encoding, hidden sheets)
    unknown = set(mappings) - {"people", "relationships"}
    if unknown:
        raise ValueError(f"the mapping has “{sorted(unknown)[0]}”; use “people” and “relationships”")
    people_mapping = (
        resolve_mapping(people, mappings.get("people"), STAKEHOLDER_FIELDS) if people is not None else {}
    )
    ties_mapping = (
        resolve_mapping(ties, mappings.get("relationships"), RELATIONSHIP_FIELDS)
        if ties is not None
        else None
    )
    return plan_import(
        people if people is not None else RawTable([], [], table.source),
        people_mapping,
        existing,
        relationship_table=ties,
        relationship_mapping=ties_mapping,
        progress=progress,
    )


def resolve_mapping(
    table: RawTable, given: Mapping[str, str | int | None] | None, fields: tuple[ImportField, ...]
) -> dict[str, int]:
    """Guessed columns overridden by ``given`` ({field: header text, column number from 1, or None})."""
    mapping = guess_mapping(table.guessable_headers, fields)
    names = {f.name for f in fields}
    for name, column in (given or {}).items():
        if name not in names:
            raise ValueError(f"the mapping names a field “{name}”; known fields: {', '.join(sorted(names))}")
        if column is None:
            mapping.pop(name, None)
        elif isinstance(column, int) and not isinstance(column, bool):
            if not 1 <= column <= len(table.headers):
                raise ValueError(f"column {column} for “{name}” is not in “{table.source}”")
            mapping[name] = column - 1
        else:
            matches = [
                i for i, h in enumerate(table.headers) if h.casefold() == str(column).strip().casefold()
            ]
            if not matches:
                raise ValueError(f"“{table.source}” has no column “{column}” (for “{name}”)")
            mapping[name] = matches[0]
    return mapping
