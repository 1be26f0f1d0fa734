"""Turn a table into stakeholders and relationships to add, listing every row with a problem.

Nothing here changes a map: ``plan_import`` returns what would be added and
the problems (row number as the spreadsheet shows it, and the reason). The
caller adds the plan in one change, so an import is one undo entry and a
cancelled import leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from stakemap.core.entities import Relationship, Stakeholder
from stakemap.core.model import Map
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


def plan_import(
    table: RawTable,
    mapping: Mapping[str, int] | None,
    existing: Map,
    *,
    relationship_table: RawTable | None = None,
    relationship_mapping: Mapping[str, int] | None = None,
) -> ImportPlan:
    """What importing ``table`` (stakeholders) and optionally a relationships table would add to ``existing``."""
    plan = ImportPlan()
    if (
        looks_like_relationships(table.headers)
        and relationship_table is None
        and "name" not in (mapping or {})
    ):
        relationship_table, relationship_mapping, table = table, mapping, RawTable([], [], table.source)
        mapping = {}
    mapping = dict(guess_mapping(table.headers) if mapping is None else mapping)
    if table.headers and "name" not in mapping:
        raise ValueError("Choose which column holds the names: every stakeholder needs one.")
    known = {_key(p.name): p.id for p in existing.stakeholders.values()}
    added: dict[str, str] = {}
    for position, row in enumerate(table.rows):
        number = table.row_numbers[position] if position < len(table.row_numbers) else position + 2
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
        if errors:
            plan.problems.append(RowProblem(number, "; ".join(errors), table.source))
    if relationship_table is not None:
        _plan_relationships(plan, relationship_table, relationship_mapping, existing, {**known, **added})
    return plan


def _plan_relationships(
    plan: ImportPlan, table: RawTable, mapping: Mapping[str, int] | None, existing: Map, ids: dict[str, str]
) -> None:
    mapping = dict(guess_mapping(table.headers, RELATIONSHIP_FIELDS) if mapping is None else mapping)
    missing = [f.label for f in RELATIONSHIP_FIELDS if f.required and f.name not in mapping]
    if missing:
        plan.problems.append(RowProblem(1, f"no column for {', '.join(missing)}", table.source))
        return
    accepted: list[Relationship] = []
    ties = TieIndex(existing.relationships.values())
    for position, row in enumerate(table.rows):
        number = table.row_numbers[position] if position < len(table.row_numbers) else position + 2
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


def plan_file_import(path: Any, existing: Map) -> ImportPlan:
    """Headless import: guess every mapping; an XLSX "Relationships" sheet is imported too."""
    from stakemap.exchange.sources import read_table

    table = read_table(path)
    ties = next((t for n, t in table.other_sheets.items() if n.casefold().startswith("relationship")), None)
    if ties is None and looks_like_relationships(table.headers):
        return plan_import(RawTable([], [], table.source), {}, existing, relationship_table=table)
    return plan_import(table, None, existing, relationship_table=ties)
