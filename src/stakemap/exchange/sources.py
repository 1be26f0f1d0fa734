"""Read a CSV, XLSX or ODS file into a plain table of strings, refusing hostile files in bounded memory.

CSV: UTF-8 with or without BOM, UTF-16 (BOM), or Windows-1252; delimiter `,`
`;` or tab, sniffed; quoted newlines. XLSX: the zip is inspected before any XML
is parsed (size, ratio, entry count: decompression bombs), XML goes through
defusedxml (billion laughs, external entities), and rows and columns actually
read are capped whatever the sheet claims its dimension to be.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from stakemap.exchange.cells import ooxml_unescape, restore
from stakemap.exchange.errors import ExchangeError

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 2_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 20_000
DEFAULT_MAX_ROWS = 100_000


@dataclass
class RawTable:
    headers: list[str]
    rows: list[list[str]]  # every row padded to len(headers); blank rows left out
    source: str
    row_numbers: list[int] = field(default_factory=list)  # each row's number as the spreadsheet shows it
    sheet_names: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    other_sheets: dict[str, RawTable] = field(default_factory=dict)
    header_row: int = 1  # the row (as the spreadsheet numbers it) taken as the header
    hidden_columns: frozenset[int] = frozenset()  # never guessed; chosen only by hand
    hidden: bool = False  # a hidden sheet: read only when chosen
    notes: list[str] = field(default_factory=list)  # what the reader decided, for the user to check

    @property
    def guessable_headers(self) -> list[str]:
        """The headers with hidden columns blanked out: what a guessed mapping may use."""
        return ["" if i in self.hidden_columns else h for i, h in enumerate(self.headers)]

    def shown_row_number(self, position: int) -> int:
        """The number the spreadsheet shows for ``rows[position]`` (a multi-line cell is one row)."""
        return self.row_numbers[position] if position < len(self.row_numbers) else position + 2


def read_table(path: Path, *, max_rows: int = DEFAULT_MAX_ROWS, sheet: str | None = None) -> RawTable:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExchangeError(f"“{path.name}” cannot be read: {exc.strerror or exc}.") from exc
    if size > MAX_FILE_BYTES:
        raise ExchangeError(
            f"“{path.name}” is {size / 1e6:.0f} MB; Stakemap imports files up to {MAX_FILE_BYTES // 10**6} MB."
        )
    if size == 0:
        raise ExchangeError(f"“{path.name}” is empty.")
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK\x03\x04"):
        if _check_zip(path) == "ods":
            return _read_ods(path, max_rows=max_rows, sheet=sheet)
        return _read_xlsx(path, max_rows=max_rows, sheet=sheet)
    if path.suffix.lower() == ".ods":
        raise ExchangeError(
            f"“{path.name}” is not a valid OpenDocument spreadsheet (.ods); save it again as .ods, .xlsx or CSV."
        )
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise ExchangeError(
            f"“{path.name}” is not a valid Excel workbook (.xlsx); save it again as .xlsx or CSV."
        )
    return _read_csv(path, max_rows=max_rows)


# ------------------------------------------------------------------ CSV
def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """The text, the encoding's name and what the user should know about the decision."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        text, notes = _utf8_with_strays(data)
        return text, "utf-8-sig", notes
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        text, notes = _utf8_with_strays(data)
        return text, "utf-8", notes
    return _single_byte(data)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes (one line pasted from a Windows file) rather than a legacy file:
    many well-formed multi-byte sequences and few bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return good > 0 and bad <= max(3, good // 10)


def _utf8_with_strays(data: bytes) -> tuple[str, list[str]]:
    text = data.decode("utf-8", errors="replace")
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if "\ufffd" in line]
    if not lines:
        return text, []
    shown = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
    return text, [
        f"The file is UTF-8, but line{'s' if len(lines) > 1 else ''} {shown} "
        f"{'hold' if len(lines) > 1 else 'holds'} bytes that are not (shown as �): check those rows."
    ]


def _single_byte(data: bytes) -> tuple[str, str, list[str]]:
    """Windows-1252 or MacRoman (Excel for Mac's "CSV"), whichever makes more words out of the bytes.

    Both put letters and punctuation at different codes above 127: a letter between two ASCII
    letters ("Caf\x8e" -> "Café" in MacRoman, "CafŽ" in Windows-1252) counts for that reading.
    """
    scores = {}
    for codec in ("cp1252", "mac_roman"):
        text = data.decode(codec, errors="replace")
        scores[codec] = sum(
            1
            for i, ch in enumerate(text)
            if ord(ch) > 0x7F
            and ch.isalpha()
            and ch.islower() == (text[i - 1 : i] or "a").islower()
            and (text[i - 1 : i].isalpha() or text[i + 1 : i + 2].isalpha())
        ) - 3 * text.count("\ufffd")
    if scores["mac_roman"] > scores["cp1252"]:
        return data.decode("mac_roman"), "mac-roman", ["Read as MacRoman (a CSV saved by Excel for Mac)."]
    return data.decode("cp1252", errors="replace"), "windows-1252", []


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max((",", ";", "\t"), key=first.count)


def _read_csv(path: Path, *, max_rows: int) -> RawTable:
    text, encoding, notes = _decode(path.read_bytes())
    if "\x00" in text:
        raise ExchangeError(f"“{path.name}” looks like a binary file, not a CSV table.")
    delimiter = _sniff_delimiter(text)
    csv.field_size_limit(MAX_CELL_CHARS * 4)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for record, row in enumerate(reader, start=1):
            if len(rows) > max_rows:
                raise ExchangeError(
                    f"“{path.name}” has more than {max_rows:,} rows; split it into smaller files."
                )
            # A spreadsheet shows each record as one row, however many lines its cells hold.
            rows.append((record, row))
    except csv.Error as exc:
        raise ExchangeError(
            f"“{path.name}” is not a readable CSV table (line {reader.line_num}: {exc})."
        ) from exc
    table = _table(rows, path.name)
    table.encoding, table.delimiter = encoding, delimiter
    table.notes[:0] = notes
    return table


HEADER_SEARCH = 10


def _table(
    rows: list[tuple[int, list[str]]],
    source: str,
    hidden_columns: frozenset[int] = frozenset(),
    *,
    quoted: bool = True,
) -> RawTable:
    """``quoted``: the format is one our export puts a protective quote in (CSV, XLSX; not ODS)."""
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ExchangeError(f"“{source}” has no rows.")
    width = min(MAX_COLUMNS, max(len(r) for _n, r in rows))
    first = _header_index(rows[:HEADER_SEARCH], hidden_columns)
    header_number, header = rows[first][0], rows[first][1][:width]
    headers = [h.strip() for h in header] + [""] * (width - len(header))
    # Only Stakemap's own export put a protective quote before = + - @ '; anyone else's leading
    # apostrophe is part of the text ("'t Hooft").
    unquote = restore if quoted and is_stakemap_export(headers) else _same
    body = [
        [unquote(c)[:MAX_CELL_CHARS] for c in r[:width]] + [""] * (width - len(r[:width]))
        for _n, r in rows[first + 1 :]
    ]
    table = RawTable(
        headers=headers, rows=body, source=source, row_numbers=[n for n, _r in rows[first + 1 :]]
    )
    table.header_row = header_number
    table.hidden_columns = frozenset(i for i in hidden_columns if i < width)
    if first:
        table.notes.append(
            f"Row {header_number} was taken as the header; the rows above it look like titles."
        )
    for index in sorted(table.hidden_columns):
        label = headers[index] or f"column {index + 1}"
        table.notes.append(f"The hidden column “{label}” is not used unless you choose it.")
    return table


def _header_index(rows: list[tuple[int, list[str]]], hidden: frozenset[int]) -> int:
    """Which of the first rows is the header: the one whose cells name the most known fields (a title
    row, a merged group header or a note above the table names fewer); the first row if none does."""
    from stakemap.exchange.fields import RELATIONSHIP_FIELDS, guess_mapping

    best, best_score = 0, 0
    for index, (_n, row) in enumerate(rows):
        cells = ["" if i in hidden else c for i, c in enumerate(row)]
        if sum(1 for c in cells if c.strip()) < 2:
            continue
        score = max(len(guess_mapping(cells)), len(guess_mapping(cells, RELATIONSHIP_FIELDS)))
        if score > best_score:
            best, best_score = index, score
    return best


def _same(value: str) -> str:
    return value


def is_stakemap_export(headers: list[str]) -> bool:
    """True when the header row is exactly one that Stakemap's CSV/XLSX export writes."""
    from stakemap.exchange.writers import export_headers

    cleaned = [h for h in headers if h]
    return any(cleaned == list(known) for known in export_headers())


# ----------------------------------------------------------------- XLSX
def _check_zip(path: Path) -> str:
    """Refuse a zip bomb before anything is parsed; "xlsx" or "ods" for what the zip holds."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise ExchangeError(
                    f"“{path.name}” has {len(entries):,} parts; that is not a normal workbook."
                )
            total = sum(e.file_size for e in entries)
            packed = max(1, sum(e.compress_size for e in entries))
            if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
                raise ExchangeError(
                    f"“{path.name}” would unpack to {total / 1e6:,.0f} MB from {packed / 1e6:,.1f} MB: "
                    "it looks like a decompression bomb and was not opened."
                )
            from stakemap.exchange.ods import is_ods

            if is_ods(archive):
                return "ods"
            if "xl/workbook.xml" not in {e.filename for e in entries}:
                raise ExchangeError(
                    f"“{path.name}” is a zip file but not an Excel workbook or an OpenDocument spreadsheet."
                )
            return "xlsx"
    except zipfile.BadZipFile as exc:
        raise ExchangeError(f"“{path.name}” is damaged: {exc}.") from exc


def _read_xlsx(path: Path, *, max_rows: int, sheet: str | None) -> RawTable:
    import defusedxml  # noqa: F401 - openpyxl parses with defusedxml when it is installed
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken or hostile files
        log.warning("Reading a workbook failed", exc_info=True)
        raise ExchangeError(
            f"“{path.name}” could not be read as a workbook ({type(exc).__name__}: {exc})."
        ) from exc
    try:
        names = list(workbook.sheetnames)
        from stakemap.exchange.writers import UNQUOTED_XLSX

        # Our exports before this keyword put a protective apostrophe before = + - @ '; newer ones do not.
        quoted = UNQUOTED_XLSX not in str(getattr(workbook.properties, "keywords", "") or "")
        if sheet is not None and sheet not in names:
            raise ExchangeError(f"“{path.name}” has no sheet named “{sheet}”.")
        tables: dict[str, RawTable] = {}
        hidden_sheets: set[str] = set()
        with zipfile.ZipFile(path) as archive:
            for name in names:
                worksheet = workbook[name]
                if getattr(worksheet, "sheet_state", "visible") != "visible":
                    hidden_sheets.add(name)
                    if sheet != name:
                        continue  # a hidden sheet is read only when chosen
                rows = _sheet_rows(worksheet, max_rows, path.name)
                if rows:
                    hidden_columns = _hidden_columns(archive, getattr(worksheet, "_worksheet_path", ""))
                    tables[name] = _table(rows, f"{path.name} › {name}", hidden_columns, quoted=quoted)
                    tables[name].hidden = name in hidden_sheets
    finally:
        workbook.close()
    return _workbook(path, names, tables, hidden_sheets, sheet)


def _read_ods(path: Path, *, max_rows: int, sheet: str | None) -> RawTable:
    from stakemap.exchange.ods import read_sheets

    sheets = read_sheets(path, max_rows=max_rows, max_columns=MAX_COLUMNS, max_cell_chars=MAX_CELL_CHARS)
    names = [s.name for s in sheets]
    if sheet is not None and sheet not in names:
        raise ExchangeError(f"“{path.name}” has no sheet named “{sheet}”.")
    tables: dict[str, RawTable] = {}
    hidden_sheets = {s.name for s in sheets if s.hidden}
    for read in sheets:
        if read.rows and (not read.hidden or read.name == sheet):  # a hidden sheet is used only when chosen
            tables[read.name] = _table(read.rows, f"{path.name} › {read.name}", frozenset(read.hidden_columns),
                                       quoted=False)  # fmt: skip
            tables[read.name].hidden = read.hidden
    return _workbook(path, names, tables, hidden_sheets, sheet)


def _workbook(path: Path, names: list[str], tables: dict[str, RawTable], hidden_sheets: set[str],
              sheet: str | None) -> RawTable:  # fmt: skip
    """The first sheet read (or the one chosen), with the others beside it and a note per hidden sheet."""
    if not tables:
        raise ExchangeError(f"“{path.name}” has no rows.")
    first = sheet or next((n for n in names if n in tables), names[0])
    if first not in tables:
        raise ExchangeError(f"The sheet “{first}” of “{path.name}” has no rows.")
    table = tables.pop(first)
    table.sheet_names = names
    table.other_sheets = tables
    for name in sorted(hidden_sheets - {first}):
        table.notes.append(f"The hidden sheet “{name}” was not read (name it with --sheet to import it).")
    return table


def _hidden_columns(archive: zipfile.ZipFile, member: str) -> frozenset[int]:
    """Column indexes (from 0) a sheet hides, read from its <cols> element, which comes before the data."""
    from defusedxml.ElementTree import iterparse

    if not member:
        return frozenset()
    hidden: set[int] = set()
    try:
        with archive.open(member) as handle:
            for _event, element in iterparse(handle, events=("start",)):
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "sheetData":
                    break
                if tag == "col" and element.get("hidden") in ("1", "true"):
                    low, high = int(element.get("min", "0")), int(element.get("max", "0"))
                    hidden.update(range(max(1, low) - 1, min(high, MAX_COLUMNS)))
    except (KeyError, ValueError, SyntaxError):  # an odd <cols> hides nothing rather than failing the read
        return frozenset()
    return frozenset(hidden)


def _sheet_rows(worksheet: object, max_rows: int, source: str) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    # max_col caps what is read even when a cell sits at XFD1048576: never trust the dimension.
    # Blank rows are counted, not kept, so a sheet padded to a million rows costs no memory.
    for number, cells in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS), start=1):  # type: ignore[attr-defined]  # a read-only worksheet has iter_rows; the stubs type the chartsheet union
        if number > max_rows + 1:
            raise ExchangeError(f"“{source}” has more than {max_rows:,} rows; split it into smaller files.")
        values = [_shown(cell) for cell in cells]
        while values and not values[-1]:
            values.pop()  # read-only sheets pad every row to max_col
        if any(v.strip() for v in values):
            rows.append((number, values))
    return rows


def _shown(cell: object) -> str:
    """A cell as the spreadsheet shows it: 85 % as "85%" (not 0.85), a date as 2026-03-01."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    number_format = str(getattr(cell, "number_format", "") or "")
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return _cell_text(round(value * 100, 10)) + "%"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, str):
        return ooxml_unescape(value)
    return _cell_text(value)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
