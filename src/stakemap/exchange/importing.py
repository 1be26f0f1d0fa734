"""Turn tables into stakeholders, relationships and plan entries to add, listing every row with a problem.

Nothing here changes a map: ``plan_import`` returns what would be added and
the problems (row number as the spreadsheet shows it, and the reason). The
caller adds the plan in one change, so an import is one undo entry and a
cancelled import leaves nothing behind.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from stakemap.core.entities import Engagement, Relationship, Stakeholder
from stakemap.core.model import Map
from stakemap.core.placement import spread_unplaced
from stakemap.exchange.errors import RowProblem
from stakemap.exchange.fields import (
    RELATIONSHIP_FIELDS,
    STAKEHOLDER_FIELDS,
    ImportField,
    guess_mapping,
    looks_like_relationships,
    norm,
)
from stakemap.exchange.plan_rows import plan_engagements
from stakemap.exchange.sources import RawTable
from stakemap.exchange.ties import DIRECTION_WORDS, TieChoices, TieIndex, strength_scale


@dataclass(frozen=True)
class PersonUpdate:
    """A person already on the map whom a re-import would change: field -> (now, from the file)."""

    stakeholder_id: str
    name: str
    row_number: int
    changes: dict[str, tuple[Any, Any]]

    def __str__(self) -> str:
        labels = {f.name: f.label for f in STAKEHOLDER_FIELDS}
        parts = [
            f"{labels.get(k, k)}: {_shown(old)} → {_shown(new)}" for k, (old, new) in self.changes.items()
        ]
        return f"{self.name[:80]} (row {self.row_number}): " + "; ".join(parts)


def _same_value(now: Any, new: Any) -> bool:
    """Equal, with numbers equal to the 15 significant digits a spreadsheet keeps (XLSX, ODS)."""
    if isinstance(now, float) and isinstance(new, float):
        return math.isclose(now, new, rel_tol=1e-13, abs_tol=1e-12)
    return bool(now == new)


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return "; ".join(map(str, value)) or "(none)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # influence 50, as the grid shows it
    text = getattr(value, "label", value)
    text = "(empty)" if text in ("", None) else str(text)
    return text if len(text) <= 60 else text[:59] + "…"


@dataclass
class ImportPlan:
    stakeholders: list[Stakeholder] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(
        default_factory=list
    )  # what the reader decided (header row, encoding, hidden parts)
    updates: list[PersonUpdate] = field(default_factory=list)  # only when asked to update matching people
    questions: list[str] = field(default_factory=list)  # what the user must choose before ties can be planned
    unknown_kinds: dict[str, int] = field(default_factory=dict)  # free-text kinds not ours -> rows
    unchanged: int = 0  # matching people whose row changes nothing
    engagements: list[Engagement] = field(default_factory=list)  # plan entries (a Plan sheet)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def entities(self) -> list[Stakeholder | Relationship | Engagement]:
        return [*self.stakeholders, *self.relationships, *self.engagements]

    def summary(self) -> str:
        parts = [f"{len(self.stakeholders)} stakeholders"]
        if self.relationships:
            parts.append(f"{len(self.relationships)} relationships")
        if self.engagements:
            parts.append(f"{len(self.engagements)} planned engagements")
        text = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + " to import"
        if self.updates:
            text += f"; {len(self.updates)} {'person' if len(self.updates) == 1 else 'people'} to update"
        if self.unchanged:
            text += f"; {self.unchanged} already up to date"
        if self.problems:
            text += f"; {len(self.problems)} rows skipped"
        if self.questions:
            text += "; " + " ".join(self.questions)
        return text

    def apply_to(self, the_map: Map, label: str = "Import") -> Any:
        """Add everything and make the updates in one change (one undo entry). Returns the Change."""
        if not self.updates:
            return the_map.add_entities(self.entities(), label)
        steps = [
            *([lambda m: m.add_entities(self.stakeholders, label)] if self.stakeholders else []),
            *(
                (lambda m, u=update: m.update_stakeholder(u.stakeholder_id, **{k: new for k, (_o, new) in u.changes.items()}))
                for update in self.updates
            ),
            *([lambda m: m.add_entities([*self.relationships, *self.engagements], label)]
              if self.relationships or self.engagements else []),
        ]  # fmt: skip
        return the_map.combined(label, *steps)


class People:
    """Who a tie's ends can name: the people on the map and those the file adds, by id and by name.

    Names are matched as people write them (case and surrounding spaces aside); a name two people
    share is refused rather than guessed, and the tie must say which by id (Stakemap's export writes
    From id and To id). An end that names nobody but is someone's id (Gephi's Source and Target hold
    node ids) is that person.
    """

    def __init__(self, existing: Map) -> None:
        self.ids: dict[str, str] = {i: i for i in existing.stakeholders}  # an id in the file -> the person's
        self.names: dict[str, list[str]] = {}
        for person in existing.stakeholders.values():
            self.names.setdefault(_key(person.name), []).append(person.id)

    def add(self, person_id: str, name: str, file_id: str | None = None) -> None:
        self.ids[person_id] = person_id
        if file_id:
            self.ids.setdefault(
                file_id, person_id
            )  # a row matched by name or e-mail keeps its own id for ties
        known = self.names.setdefault(_key(name), [])
        if person_id not in known:
            known.append(person_id)

    def resolve(self, name: str, given_id: str | None) -> tuple[str | None, str | None]:
        """(id, None) for the person meant, or (None, why not)."""
        if given_id:
            if given_id in self.ids:
                return self.ids[given_id], None
            return None, f"nobody with the id “{given_id[:80]}” on the map or in the file"
        found = self.names.get(_key(name), [])
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            return (
                None,
                f"{len(found)} people are called “{name.strip()[:80]}”: give From id and To id columns to say which",
            )
        if name.strip() in self.ids:
            return self.ids[name.strip()], None
        return None, f"nobody called “{name.strip()[:80]}” on the map or in the file"


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
        # A blank cell gives no value; free text made of spaces or line breaks is still text, kept as written.
        if not text.strip() and not spec.required and (spec.parse is not str or not text):
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


def plan_import(
    table: RawTable,
    mapping: Mapping[str, int] | None,
    existing: Map,
    *,
    relationship_table: RawTable | None = None,
    relationship_mapping: Mapping[str, int] | None = None,
    progress: Progress | None = None,
    update: bool = False,
    choices: TieChoices | None = None,
    plan_table: RawTable | None = None,
) -> ImportPlan:
    """What importing ``table`` (stakeholders) and optionally tables of relationships and of plan entries
    would add to ``existing``; with ``update``, also what it would change in the people it matches."""
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
    plan, ids = plan_people(table, mapping, existing, progress=progress, total=total, update=update)
    if relationship_table is not None:
        plan_relationships(
            plan, relationship_table, relationship_mapping, existing, ids,
            progress=progress, done=len(table.rows), total=total, choices=choices,
        )  # fmt: skip
    if plan_table is not None:
        notes.extend(plan_table.notes)
        plan_engagements(plan, plan_table, None, existing, ids)
    plan.notes = list(dict.fromkeys([*notes, *plan.notes]))
    return plan


def plan_people(
    table: RawTable,
    mapping: Mapping[str, int] | None,
    existing: Map,
    *,
    progress: Progress | None = None,
    total: int | None = None,
    update: bool = False,
) -> tuple[ImportPlan, People]:
    """The people a table would add (and, with ``update``, change), and everyone the ties may name.

    A row is a person already on the map when its id is theirs, else its e-mail, else its exact name
    (one person of that name whose id the file does not give to another row). Without ``update`` such a
    row is skipped with a reason; with it, the fields the row fills become a ``PersonUpdate``.
    """
    plan = ImportPlan()
    total = len(table.rows) if total is None else total
    mapping = dict(guess_mapping(table.guessable_headers) if mapping is None else mapping)
    if table.headers and "name" not in mapping:
        raise ValueError("Choose which column holds the names: every stakeholder needs one.")
    people = People(existing)
    by_email = {p.email.casefold(): p.id for p in existing.stakeholders.values() if p.email}
    on_map = {key: list(ids) for key, ids in people.names.items()}
    id_column = mapping.get("id")
    # Ids the file gives its rows: a person with one of them is that row's, not another row's by name.
    claimed = {row[id_column].strip() for row in table.rows if id_column is not None and id_column < len(row)}
    added: set[tuple[str, str]] = set()
    unplaced: set[str] = set()  # people the file gives no scores: spread out below, not piled at 50/50
    for position, row in enumerate(table.rows):
        if progress is not None and position % PROGRESS_EVERY == 0:
            progress(position, total)
        number = table.shown_row_number(position)
        values, errors = _parse_row(_cells(row, mapping), STAKEHOLDER_FIELDS)
        name = str(values.get("name", ""))
        given_id = values.get("id")
        match: str | None = None
        if not name.strip():
            errors.insert(0, "the name is empty")
        else:
            match, why = _match(existing, values, by_email, on_map, claimed)
            if why:
                errors.insert(0, why)
            elif match is not None and not update:
                errors.insert(0, f"“{name.strip()[:80]}” is already on the map")
            elif match is None:
                key = ("id", given_id) if given_id else ("name", _key(name))
                if key in added:
                    errors.insert(0, f"the id “{given_id}” appears twice in the file" if given_id
                                  else f"“{name[:80]}” appears twice in the file")  # fmt: skip
                added.add(key)
        if not errors and match is not None:
            current = existing.stakeholders[match]
            changes = {
                k: (getattr(current, k), v)
                for k, v in values.items()
                if k != "id" and not _same_value(getattr(current, k), v)
            }
            try:
                replace(
                    current, **{k: new for k, (_old, new) in changes.items()}
                )  # checked now, not when applied
            except (ValueError, TypeError) as exc:
                errors.append(str(exc))
            else:
                if changes:
                    plan.updates.append(PersonUpdate(match, current.name, number, changes))
                else:
                    plan.unchanged += 1
                people.add(match, name, given_id)
        elif not errors:
            try:
                person = Stakeholder(**values)
            except (ValueError, TypeError) as exc:
                errors.append(str(exc))
            else:
                plan.stakeholders.append(person)
                people.add(person.id, name)
                if "influence" not in values and "interest" not in values:
                    unplaced.add(person.id)
        if errors:
            plan.problems.append(RowProblem(number, "; ".join(errors), table.source))
    if len(unplaced) > 1:
        spread = iter(spread_unplaced([p for p in plan.stakeholders if p.id in unplaced]))
        plan.stakeholders = [next(spread) if p.id in unplaced else p for p in plan.stakeholders]
    return plan, people


def _match(existing: Map, values: Mapping[str, Any], by_email: Mapping[str, str], by_name: Mapping[str, list[str]],
           claimed: set[str]) -> tuple[str | None, str | None]:  # fmt: skip
    """The person on the map a row describes (by id, e-mail, name), or why it cannot be told."""
    given_id = values.get("id")
    if given_id and given_id in existing.stakeholders:
        return given_id, None
    email = str(values.get("email", "")).casefold()
    if email and email in by_email:
        return by_email[email], None
    name = str(values["name"])
    same = [i for i in by_name.get(_key(name), ()) if i not in claimed]
    if len(same) > 1 and not given_id:
        return (
            None,
            f"{len(same)} people on the map are called “{name.strip()[:80]}”: add an Id column to say which",
        )
    return (same[0], None) if len(same) == 1 else (None, None)


def plan_relationships(
    plan: ImportPlan,
    table: RawTable,
    mapping: Mapping[str, int] | None,
    existing: Map,
    ids: People,
    *,
    progress: Progress | None = None,
    done: int = 0,
    total: int | None = None,
    choices: TieChoices | None = None,
) -> None:
    """Add to ``plan`` the ties of ``table`` between people named in ``ids``: linear in the rows.

    What the file cannot tell (no direction column, no kind column) becomes a question in
    ``plan.questions`` and nothing is planned until ``choices`` answers it; free-text kinds that are
    not ours are row problems, counted in ``plan.unknown_kinds`` so they can be mapped.
    """
    choices = choices or TieChoices()
    total = done + len(table.rows) if total is None else total
    mapping = dict(
        guess_mapping(table.guessable_headers, RELATIONSHIP_FIELDS) if mapping is None else mapping
    )
    missing = [f.label for f in RELATIONSHIP_FIELDS if f.required and f.name not in mapping]
    if missing:
        plan.problems.append(RowProblem(1, f"no column for {', '.join(missing)}", table.source))
        return
    kind_column = mapping.get("kind")
    if kind_column is not None and "directed" not in mapping:
        seen = {norm(row[kind_column]) for row in table.rows if kind_column < len(row)} - {""}
        if seen and seen <= DIRECTION_WORDS:
            mapping["directed"] = mapping.pop("kind")
            header = table.headers[kind_column] or f"column {kind_column + 1}"
            plan.notes.append(
                f"The “{header}” column says directed or undirected (as Gephi writes it): read as the direction."
            )
    if "kind" not in mapping and choices.kind is None:
        plan.questions.append("The relationships have no kind column: choose which kind they all are.")
    if "directed" not in mapping and choices.directed is None:
        plan.questions.append(
            "The relationships have no direction column: choose one way (From → To) or both ways."
        )
    if plan.questions:
        return
    scale = strength_scale(table, mapping.get("strength"))
    if scale is not None:
        plan.notes.append(scale.describe())
    accepted: list[Relationship] = []
    ties = TieIndex(existing.relationships.values())
    for position, row in enumerate(table.rows):
        if progress is not None and position % PROGRESS_EVERY == 0:
            progress(done + position, total)
        number = table.shown_row_number(position)
        cells = _cells(row, mapping)
        kind_text = cells.pop("kind", "")
        strength_text = cells.pop("strength", "") if scale is not None else None
        values, errors = _parse_row(cells, RELATIONSHIP_FIELDS)
        if kind_text.strip():
            kind = choices.kind_for(kind_text)
            if kind is None:
                plan.unknown_kinds[kind_text.strip()] = plan.unknown_kinds.get(kind_text.strip(), 0) + 1
                errors.append(
                    f"unknown relationship kind “{kind_text.strip()[:80]}”: choose which of ours it is"
                )
            else:
                values["kind"] = kind
        elif choices.kind is not None:
            values["kind"] = choices.kind
        else:
            errors.append("the kind is empty")
        if strength_text is not None and scale is not None and strength_text.strip():
            try:
                values["strength"] = scale.level(strength_text)
            except ValueError as exc:
                errors.append(f"Strength: {exc}")
        if "directed" not in mapping:
            values["directed"] = choices.directed
        ends = []
        for end in ("source", "target"):
            name = str(values.pop(end, ""))
            found, why = ids.resolve(name, values.pop(f"{end}_id", None))
            if why:
                errors.append(why)
            ends.append(found or "")
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
