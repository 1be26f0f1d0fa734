"""Import a whole file: which of its sheets holds the people, the ties and the plan, and the columns given (exchange layer).

``plan_file_import`` is the headless entry (the CLI, the tests); the import dialog uses
``choose_sheets`` and ``choose_plan_sheet`` to offer the same choice. What the rows become is
``importing.plan_import``'s job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from stakemap.core.model import Map
from stakemap.exchange.fields import (
    RELATIONSHIP_FIELDS,
    STAKEHOLDER_FIELDS,
    ImportField,
    guess_mapping,
    looks_like_relationships,
)
from stakemap.exchange.importing import ImportPlan, Progress, plan_import
from stakemap.exchange.plan_rows import looks_like_plan
from stakemap.exchange.sources import RawTable
from stakemap.exchange.ties import TieChoices, read_kinds


def choose_sheets(table: RawTable) -> tuple[RawTable | None, RawTable | None]:
    """Which of a file's tables holds the people and which the ties, judged by their headers.

    The first table with a name column holds the people; the first whose headers look like an edge
    list (from/to) holds the ties, whatever the sheets are called and in whatever order they come.
    A sheet of neither kind (instructions, a plan) is left alone.
    """
    tables = [t for t in _visible(table) if not looks_like_plan(t.guessable_headers)]
    ties = next((t for t in tables if looks_like_relationships(t.guessable_headers)), None)
    people = next((t for t in tables if t is not ties and "name" in guess_mapping(t.guessable_headers)), None)
    return people, ties


def choose_plan_sheet(table: RawTable) -> RawTable | None:
    """The first table whose headers are a communications plan's (a Person and plan columns)."""
    return next((t for t in _visible(table) if looks_like_plan(t.guessable_headers)), None)


def _visible(table: RawTable) -> list[RawTable]:
    """The file's tables, hidden sheets left out unless the one asked for."""
    return [t for t in (table, *table.other_sheets.values()) if not t.hidden or t is table]


def plan_file_import(
    path: Any,
    existing: Map,
    *,
    sheet: str | None = None,
    mappings: Mapping[str, Mapping[str, str | int | None]] | None = None,
    progress: Progress | None = None,
    update: bool = False,
    choices: TieChoices | None = None,
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
    plan_sheet = choose_plan_sheet(table)
    if people is None and ties is None and plan_sheet is None:
        people = table  # no name column anywhere: plan_people says so
    mappings = mappings or {}
    if table not in (people, ties, plan_sheet):
        (people or ties or plan_sheet or table).notes[:0] = (
            table.notes
        )  # the file's own notes (encoding, hidden sheets)
    unknown = set(mappings) - {"people", "relationships", "kinds"}
    if unknown:
        raise ValueError(f"the mapping has “{sorted(unknown)[0]}”; use “people”, “relationships” and “kinds”")
    choices = choices or TieChoices()
    if mappings.get("kinds"):
        choices = replace(choices, kinds={**read_kinds(mappings["kinds"]), **choices.kinds})
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
        update=update,
        choices=choices,
        plan_table=plan_sheet,
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
