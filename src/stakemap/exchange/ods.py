"""OpenDocument spreadsheets (.ods, LibreOffice's own format): read like XLSX, written like XLSX.

Reading streams ``content.xml`` through defusedxml's ``iterparse`` (no entity expansion, no external
entities) one row at a time, so a sheet padded with a million repeated empty rows, or a cell repeated
across every column, costs no memory; the zip is inspected before any XML is parsed, as for XLSX.
Values are read as the sheet means them: 0.85 formatted as a percentage is "85%", a date is a date,
text keeps its spaces, tabs and line breaks (ODF collapses spaces unless written as ``<text:s>``).
Hidden columns (``table:visibility="collapse"``) and hidden sheets (a table style with
``table:display="false"``) are marked as such, never used unless chosen.

Writing uses odfpy. An ODS string cell can never be a formula (formulas are an attribute of their
own), so no protective apostrophe is written and none is taken off on import; numbers and dates are
typed cells.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from stakemap.exchange.errors import ExchangeError

log = logging.getLogger(__name__)

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


T_TABLE, T_ROW, T_CELL, T_COVERED = (
    _q(_TABLE, n) for n in ("table", "table-row", "table-cell", "covered-table-cell")
)
T_COLUMN = _q(_TABLE, "table-column")
T_NAME, T_STYLE_NAME = _q(_TABLE, "name"), _q(_TABLE, "style-name")
T_ROWS_REPEATED, T_COLS_REPEATED = _q(_TABLE, "number-rows-repeated"), _q(_TABLE, "number-columns-repeated")
T_VISIBILITY, T_DISPLAY = _q(_TABLE, "visibility"), _q(_TABLE, "display")
O_TYPE, O_VALUE = _q(_OFFICE, "value-type"), _q(_OFFICE, "value")
O_DATE, O_TIME, O_BOOLEAN = _q(_OFFICE, "date-value"), _q(_OFFICE, "time-value"), _q(_OFFICE, "boolean-value")
P, SPACE, TAB, BREAK = (_q(_TEXT, n) for n in ("p", "s", "tab", "line-break"))
TEXT_C = _q(_TEXT, "c")
S_STYLE, S_NAME, S_FAMILY = _q(_STYLE, "style"), _q(_STYLE, "name"), _q(_STYLE, "family")
S_TABLE_PROPS = _q(_STYLE, "table-properties")


def is_ods(archive: zipfile.ZipFile) -> bool:
    names = set(archive.namelist())
    if "content.xml" not in names or "mimetype" not in names:
        return False
    return archive.read("mimetype").strip() == MIMETYPE.encode()


class Sheet:
    """One table of a workbook as read: its rows (number as shown, cells) and what it hides."""

    def __init__(self, name: str, hidden: bool) -> None:
        self.name = name
        self.hidden = hidden
        self.rows: list[tuple[int, list[str]]] = []
        self.hidden_columns: set[int] = set()


def read_sheets(path: Path, *, max_rows: int, max_columns: int, max_cell_chars: int) -> list[Sheet]:
    """Every table in ``path`` (blank rows left out, row numbers as LibreOffice shows them)."""
    from defusedxml.ElementTree import iterparse

    sheets: list[Sheet] = []
    hidden_styles: set[str] = set()
    current: Sheet | None = None
    row_number = 0
    column = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as handle:
            for event, element in iterparse(handle, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == T_TABLE:
                        name = element.get(T_NAME) or f"Sheet{len(sheets) + 1}"
                        current = Sheet(name, element.get(T_STYLE_NAME, "") in hidden_styles)
                        sheets.append(current)
                        row_number = 0
                    elif tag == T_ROW:
                        column = 0
                    continue
                if tag == S_STYLE:
                    # A sheet LibreOffice hides has a table style whose properties say display="false".
                    properties = element.find(S_TABLE_PROPS)
                    if element.get(S_FAMILY) == "table" and properties is not None:
                        if properties.get(T_DISPLAY) == "false":
                            hidden_styles.add(element.get(S_NAME, ""))
                    element.clear()
                elif tag == T_COLUMN and current is not None:
                    repeat = _repeat(element.get(T_COLS_REPEATED))
                    if element.get(T_VISIBILITY) in ("collapse", "filter"):
                        current.hidden_columns.update(range(column, min(column + repeat, max_columns)))
                    column = min(column + repeat, max_columns)
                elif tag == T_ROW and current is not None:
                    repeat = _repeat(element.get(T_ROWS_REPEATED))
                    values = _row_values(element, max_columns, max_cell_chars)
                    if any(v.strip() for v in values):
                        for _ in range(min(repeat, max_rows + 2)):
                            row_number += 1
                            if len(current.rows) > max_rows:  # rows kept, not row numbers: blanks are free
                                raise ExchangeError(
                                    f"“{path.name} › {current.name}” has more than {max_rows:,} rows; "
                                    "split it into smaller files."
                                )
                            current.rows.append((row_number, list(values)))
                    else:
                        row_number += repeat  # blank rows are counted, never kept
                    element.clear()
                elif tag == T_TABLE:
                    current = None
                    column = 0
                    element.clear()
    except ExchangeError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ExchangeError(f"“{path.name}” is damaged: {exc}.") from exc
    except Exception as exc:  # defusedxml refusals and malformed XML: a message, not a traceback
        log.warning("Reading an ODS file failed", exc_info=True)
        raise ExchangeError(
            f"“{path.name}” could not be read as a spreadsheet ({type(exc).__name__}: {exc})."
        ) from exc
    return sheets


def _repeat(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _row_values(row: Any, max_columns: int, max_cell_chars: int) -> list[str]:
    values: list[str] = []
    for cell in row:
        if cell.tag not in (T_CELL, T_COVERED):
            continue
        repeat = _repeat(cell.get(T_COLS_REPEATED))
        value = _cell_value(cell)[:max_cell_chars] if cell.tag == T_CELL else ""
        if not value:
            values.extend([""] * min(repeat, max_columns - len(values)))
        else:
            values.extend([value] * min(repeat, max_columns - len(values)))
        if len(values) >= max_columns:
            break
    while values and not values[-1]:
        values.pop()
    return values


def _cell_value(cell: Any) -> str:
    """A cell as the sheet means it: typed values from their attributes, text with its spaces."""
    kind = cell.get(O_TYPE, "")
    if kind in ("float", "currency") and cell.get(O_VALUE) is not None:
        return _number(cell.get(O_VALUE))
    if kind == "percentage" and cell.get(O_VALUE) is not None:
        try:
            return _number(repr(round(float(cell.get(O_VALUE)) * 100, 10))) + "%"
        except ValueError:
            pass
    if kind == "date" and cell.get(O_DATE):
        text = str(cell.get(O_DATE))
        day, _, clock = text.partition("T")
        clock = clock.split(".")[0]
        if not clock or clock in ("00:00:00", "00:00"):
            return day
        return f"{day} {clock[:5] if clock.endswith(':00') else clock}"
    if kind == "boolean" and cell.get(O_BOOLEAN) is not None:
        return "yes" if cell.get(O_BOOLEAN) == "true" else "no"
    return "\n".join(_paragraph_text(p) for p in cell if p.tag == P)


def _number(text: str) -> str:
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _paragraph_text(element: Any) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == SPACE:
            parts.append(" " * _repeat(child.get(TEXT_C)))
        elif child.tag == TAB:
            parts.append("\t")
        elif child.tag == BREAK:
            parts.append("\n")
        else:  # spans, links, fields: their text
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# ---------------------------------------------------------------- writing
Cell = str | float | date | None


def write_workbook(
    handle: IO[bytes], sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]]
) -> None:
    """Write (title, headers, rows) sheets as an .ods; str cells are text, numbers and dates typed cells."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TextProperties
    from odf.table import Table, TableCell, TableRow

    document = OpenDocumentSpreadsheet()
    bold = Style(name="header", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    for title, headers, rows in sheets:
        table = Table(name=title)
        header_row = TableRow()
        for text in headers:
            cell = TableCell(valuetype="string", stylename=bold)
            cell.addElement(_paragraph(text))
            header_row.addElement(cell)
        table.addElement(header_row)
        for values in rows:
            row = TableRow()
            for value in values:
                row.addElement(_cell(TableCell, value))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    document.write(handle)


def _cell(factory: Any, value: Cell) -> Any:
    if value is None or value == "":
        return factory()
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, int | float):
        return factory(
            valuetype="float", value=repr(float(value)) if isinstance(value, float) else str(value)
        )
    if isinstance(value, date):
        return factory(valuetype="date", datevalue=value.isoformat())
    cell = factory(valuetype="string")
    for line in _clean(value).split("\n"):
        cell.addElement(_paragraph(line))
    return cell


def _clean(text: str) -> str:
    # XML 1.0 cannot hold most control characters, and ODF has no carriage return: a line break is one.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)


def _paragraph(line: str) -> Any:
    """One <text:p>, its spaces and tabs written so that no reader collapses them."""
    from odf.text import P as Paragraph
    from odf.text import S, Tab

    paragraph = Paragraph()
    run: list[str] = []
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\t":
            _flush(paragraph, run)
            paragraph.addElement(Tab())
            index += 1
            continue
        if char == " ":
            end = index
            while end < len(line) and line[end] == " ":
                end += 1
            count = end - index
            # One space between words is plain text; a leading space, a trailing one or a run is <text:s>.
            if count == 1 and index > 0 and end < len(line) and line[index - 1] != "\t":
                run.append(" ")
            else:
                _flush(paragraph, run)
                paragraph.addElement(S(c=count))
            index = end
            continue
        run.append(char)
        index += 1
    _flush(paragraph, run)
    return paragraph


def _flush(paragraph: Any, run: list[str]) -> None:
    if run:
        paragraph.addText("".join(run))
        run.clear()
