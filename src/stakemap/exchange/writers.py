"""Export stakeholders, relationships and the plan as CSV or XLSX, safe to open in a spreadsheet.

CSV is written as UTF-8 with a byte-order mark: Excel then reads accents, Arabic
and Chinese correctly, and every other reader skips the mark. Every CSV text cell
goes through ``cells.neutralise`` so a name like ``=HYPERLINK(...)`` stays text; XLSX
and ODS string cells cannot be formulas, so they are written as they are, with numbers
and dates as real cells.
Files are written to a temporary name and moved into place, so a failed export
never leaves half a file over a good one.

An export for an audience (``audience=AUDIENCE``) is written from
``core.audience.for_audience``: no confidential people or anything derived from
them, other people's text that names them redacted, and no attitude, trust,
"where they are hurting" or tie-note columns.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any, Literal

from stakemap.core.audience import AUDIENCE, PRIVATE, AudienceSettings, for_audience
from stakemap.core.cadence import format_cadence
from stakemap.core.entities import Engagement, Relationship, Stakeholder
from stakemap.core.files import private_file_replacing
from stakemap.core.model import Map
from stakemap.exchange.cells import neutralise, ooxml_escape
from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.fields import format_tags

What = Literal["stakeholders", "relationships", "plan"]


def _number(value: float) -> str:
    """75 as "75", 66.666… in full: a re-import must put people exactly where they were."""
    return str(int(value)) if value.is_integer() else repr(value)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


STAKEHOLDER_COLUMNS: tuple[tuple[str, Callable[[Stakeholder], str]], ...] = (
    ("Name", lambda p: p.name),
    ("Role", lambda p: p.role),
    ("Unit", lambda p: p.unit),
    ("Constituency", lambda p: p.constituency),
    ("Formal rank", lambda p: "" if p.rank is None else str(p.rank)),
    ("Influence", lambda p: _number(p.influence)),
    ("Interest", lambda p: _number(p.interest)),
    ("Attitude", lambda p: p.attitude.label),
    ("Desired attitude", lambda p: p.desired_attitude.label),
    ("Trust", lambda p: p.trust.label),
    ("Long-term drivers", lambda p: p.drivers_long_term),
    ("Short-term drivers", lambda p: p.drivers_short_term),
    ("Where they are hurting", lambda p: p.pain_points),
    ("What we can offer", lambda p: p.offer),
    ("How we served them", lambda p: p.past_service),
    ("Tags", lambda p: format_tags(p.tags)),
    ("Colour", lambda p: p.colour),
    ("Contact permitted", lambda p: _yes(p.contact_permitted)),
    ("Confidential", lambda p: _yes(p.confidential)),
    ("In focus", lambda p: _yes(p.in_focus)),
    ("Email", lambda p: p.email),
    ("Phone", lambda p: p.phone),
    ("Keep in touch", lambda p: format_cadence(p.cadence_days)),
    ("Id", lambda p: p.id),  # last: a re-import matches by it; people who share a name stay apart
)


def _relationship_columns(m: Map) -> tuple[tuple[str, Callable[[Relationship], str]], ...]:
    def name(i: str) -> str:
        return m.stakeholders[i].name

    return (
        ("From", lambda r: name(r.source_id)),
        ("To", lambda r: name(r.target_id)),
        ("Kind", lambda r: r.kind.label),
        ("Strength", lambda r: str(r.strength)),
        ("Direction", lambda r: "one way" if r.directed else "both ways"),
        ("Confidence", lambda r: r.confidence.value),
        ("Note", lambda r: r.note),
        ("From id", lambda r: r.source_id),
        ("To id", lambda r: r.target_id),
    )


def _plan_columns(m: Map) -> tuple[tuple[str, Callable[[Engagement], str]], ...]:
    return (
        ("Person", lambda e: m.stakeholders[e.stakeholder_id].name),
        ("Reason", lambda e: e.reason),
        ("Method", lambda e: e.method),
        ("Spiel", lambda e: e.spiel),
        ("Offer", lambda e: e.offer),
        ("Owner", lambda e: e.owner),
        ("Due", lambda e: e.due.isoformat() if e.due else ""),
        ("Status", lambda e: e.status.label),
        ("Outcome", lambda e: e.outcome),
        ("Person id", lambda e: e.stakeholder_id),
    )


#: Columns added after the first exports: a file written without them is still recognised as ours.
ID_COLUMNS = frozenset({"Id", "From id", "To id", "Person id"})


def export_headers() -> tuple[tuple[str, ...], ...]:
    """The header rows this module writes (an import of them undoes the protective quote), and the
    same rows as written before the id columns came."""
    empty = Map()
    current = tuple(tuple(h for h, _ in columns) for columns in
                    (STAKEHOLDER_COLUMNS, _relationship_columns(empty), _plan_columns(empty)))  # fmt: skip
    return current + tuple(tuple(h for h in headers if h not in ID_COLUMNS) for headers in current)


#: Columns an audience export leaves out, by the setting that would show them.
_PRIVATE_COLUMNS: dict[str, Callable[[AudienceSettings], bool]] = {
    "Attitude": lambda a: a.attitude,
    "Desired attitude": lambda a: a.attitude,
    "Trust": lambda a: a.trust,
    "Where they are hurting": lambda a: a.pain_points,
    "Note": lambda a: a.tie_notes,
    "Confidential": lambda a: a.confidential_people,
    "In focus": lambda a: a.marks,
    "Email": lambda a: a.contact_details,
    "Phone": lambda a: a.contact_details,
    # Ids serve a re-import of the full map; an audience's copy has no use for them.
    "Id": lambda a: a.is_private,
    "From id": lambda a: a.is_private,
    "To id": lambda a: a.is_private,
}


def _settings(include_confidential: bool, audience: AudienceSettings | None) -> AudienceSettings:
    if audience is not None:
        return audience
    return PRIVATE if include_confidential else AUDIENCE


def rows(m: Map, what: What, *, include_confidential: bool = True,
         audience: AudienceSettings | None = None) -> tuple[list[str], list[list[str]]]:  # fmt: skip
    """Header and rows of one table; ``audience`` (or ``include_confidential=False``, the same as
    ``AUDIENCE``) writes only what that audience may see."""
    settings = _settings(include_confidential, audience)
    if not settings.is_private:
        m = for_audience(m, settings)
    if what == "stakeholders":
        people = sorted(m.stakeholders.values(), key=lambda p: p.name.casefold())
        columns = _shown(STAKEHOLDER_COLUMNS, settings)
        return [h for h, _ in columns], [[get(p) for _, get in columns] for p in people]
    if what == "relationships":
        columns = _shown(_relationship_columns(m), settings)
        ties = list(m.relationships.values())
        ties.sort(
            key=lambda r: (
                m.stakeholders[r.source_id].name.casefold(),
                m.stakeholders[r.target_id].name.casefold(),
            )
        )
        return [h for h, _ in columns], [[get(r) for _, get in columns] for r in ties]
    plan_columns = _plan_columns(m)
    return [h for h, _ in plan_columns], [[get(e) for _, get in plan_columns] for e in m.plan()]


def _shown(columns: tuple[tuple[str, Callable[[Any], str]], ...],
           settings: AudienceSettings) -> tuple[tuple[str, Callable[[Any], str]], ...]:  # fmt: skip
    return tuple(c for c in columns if _PRIVATE_COLUMNS.get(c[0], _always_shown)(settings))


def _always_shown(_settings: AudienceSettings) -> bool:
    return True


@contextmanager
def _atomic(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """An open handle on a private file that replaces ``path`` when the block ends (core.files);
    a file-system failure is an ``ExchangeError`` saying why."""
    try:
        with private_file_replacing(Path(path)) as tmp, open(tmp, mode, **kwargs) as handle:
            yield handle
    except OSError as exc:
        raise ExchangeError(f"Cannot write “{path}”: {exc.strerror or exc}.") from exc


def export_csv(m: Map, path: Path, what: What, *, include_confidential: bool = True,
               audience: AudienceSettings | None = None) -> None:  # fmt: skip
    headers, body = rows(m, what, audience=_settings(include_confidential, audience))
    with _atomic(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows([[neutralise(c) for c in row] for row in body])


def export_xlsx(m: Map, path: Path, *, include_confidential: bool = True,
                audience: AudienceSettings | None = None) -> None:  # fmt: skip
    settings = _settings(include_confidential, audience)
    if not settings.is_private:
        m = for_audience(m, settings)  # once for the three sheets
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    # Text cells are written as they are (an XLSX string cell cannot run as a formula); the keyword tells
    # our import not to take a leading apostrophe off, as it must for older exports that added one.
    workbook.properties.keywords = UNQUOTED_XLSX
    workbook.properties.creator = "Stakemap"
    for title, what in (
        ("Stakeholders", "stakeholders"),
        ("Relationships", "relationships"),
        ("Plan", "plan"),
    ):
        sheet = workbook.create_sheet(title)
        headers, body = rows(m, what, audience=PRIVATE)  # type: ignore[arg-type]  # already filtered
        kinds = [_TYPED.get(h) for h in headers]
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        header_cells = []
        for text in headers:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in body:
            # Numbers and dates as real cells; text as text: openpyxl would take a str starting with "="
            # for a formula, so such a cell is typed as a string explicitly.
            values: list[object] = []
            for text, kind in zip(row, kinds, strict=True):
                value = _typed(text, kind)
                if isinstance(value, str) and (value := _xlsx_text(value)).startswith("="):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    values.append(cell)
                else:
                    values.append(value)
            sheet.append(values)
    with _atomic(path, "wb") as handle:
        workbook.save(handle)


def export_ods(m: Map, path: Path, *, include_confidential: bool = True,
               audience: AudienceSettings | None = None) -> None:  # fmt: skip
    """The three tables as an OpenDocument spreadsheet (LibreOffice), numbers and dates as typed cells."""
    from stakemap.exchange.ods import write_workbook

    settings = _settings(include_confidential, audience)
    if not settings.is_private:
        m = for_audience(m, settings)  # once for the three sheets
    sheets = []
    for title, what in (
        ("Stakeholders", "stakeholders"),
        ("Relationships", "relationships"),
        ("Plan", "plan"),
    ):
        headers, body = rows(m, what, audience=PRIVATE)  # type: ignore[arg-type]  # already filtered
        kinds = [_TYPED.get(h) for h in headers]
        sheets.append(
            (title, headers, [[_typed(v, k) for v, k in zip(row, kinds, strict=True)] for row in body])
        )
    with _atomic(path, "wb") as handle:
        write_workbook(handle, sheets)


#: Columns an ODS export writes as typed cells: numbers a spreadsheet can sum, dates it can sort.
_TYPED = {
    "Influence": "number",
    "Interest": "number",
    "Formal rank": "number",
    "Strength": "number",
    "Due": "date",
}


def _typed(value: str, kind: str | None) -> str | float | int | date | None:
    if not value or kind is None:
        return value
    if kind == "date":
        return date.fromisoformat(value)
    number = float(value)
    return int(number) if number.is_integer() else number


#: The keyword an XLSX export carries since its text cells are written without a protective apostrophe.
UNQUOTED_XLSX = "stakemap-export-unquoted"


def _xlsx_text(value: str) -> str:
    # XML 1.0 cannot hold most control characters; drop them rather than write a broken workbook.
    cleaned = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    return ooxml_escape(cleaned)
