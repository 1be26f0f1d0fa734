"""Read a CSV or XLSX file into a plain table of strings, refusing hostile files in bounded memory.

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
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from stakemap.exchange.cells import restore
from stakemap.exchange.errors import ExchangeError

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
        return _read_xlsx(path, max_rows=max_rows, sheet=sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise ExchangeError(
            f"“{path.name}” is not a valid Excel workbook (.xlsx); save it again as .xlsx or CSV."
        )
    return _read_csv(path, max_rows=max_rows)


# ------------------------------------------------------------------ CSV
def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max((",", ";", "\t"), key=first.count)


def _read_csv(path: Path, *, max_rows: int) -> RawTable:
    text, encoding = _decode(path.read_bytes())
    if "\x00" in text:
        raise ExchangeError(f"“{path.name}” looks like a binary file, not a CSV table.")
    delimiter = _sniff_delimiter(text)
    csv.field_size_limit(MAX_CELL_CHARS * 4)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if len(rows) > max_rows:
                raise ExchangeError(
                    f"“{path.name}” has more than {max_rows:,} rows; split it into smaller files."
                )
            # Spreadsheet programs number rows by line; a quoted newline makes a record span lines.
            rows.append((reader.line_num - sum(c.count("\n") for c in row), row))
    except csv.Error as exc:
        raise ExchangeError(
            f"“{path.name}” is not a readable CSV table (line {reader.line_num}: {exc})."
        ) from exc
    table = _table(rows, path.name)
    table.encoding, table.delimiter = encoding, delimiter
    return table


def _table(rows: list[tuple[int, list[str]]], source: str) -> RawTable:
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ExchangeError(f"“{source}” has no rows.")
    width = min(MAX_COLUMNS, max(len(r) for _n, r in rows))
    header = rows[0][1][:width]
    headers = [h.strip() for h in header] + [""] * (width - len(header))
    # Only Stakemap's own export put a protective quote before = + - @ '; anyone else's leading
    # apostrophe is part of the text ("'t Hooft").
    unquote = restore if is_stakemap_export(headers) else _same
    body = [
        [unquote(c)[:MAX_CELL_CHARS] for c in r[:width]] + [""] * (width - len(r[:width]))
        for _n, r in rows[1:]
    ]
    return RawTable(headers=headers, rows=body, source=source, row_numbers=[n for n, _r in rows[1:]])


def _same(value: str) -> str:
    return value


def is_stakemap_export(headers: list[str]) -> bool:
    """True when the header row is exactly one that Stakemap's CSV/XLSX export writes."""
    from stakemap.exchange.writers import export_headers

    cleaned = [h for h in headers if h]
    return any(cleaned == list(known) for known in export_headers())


# ----------------------------------------------------------------- XLSX
def _check_zip(path: Path) -> None:
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
            if "xl/workbook.xml" not in {e.filename for e in entries}:
                raise ExchangeError(f"“{path.name}” is a zip file but not an Excel workbook.")
    except zipfile.BadZipFile as exc:
        raise ExchangeError(f"“{path.name}” is damaged: {exc}.") from exc


def _read_xlsx(path: Path, *, max_rows: int, sheet: str | None) -> RawTable:
    _check_zip(path)
    import defusedxml  # noqa: F401 - openpyxl parses with defusedxml when it is installed
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken or hostile files
        raise ExchangeError(
            f"“{path.name}” could not be read as a workbook ({type(exc).__name__}: {exc})."
        ) from exc
    try:
        names = list(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise ExchangeError(f"“{path.name}” has no sheet named “{sheet}”.")
        tables: dict[str, RawTable] = {}
        for name in names:
            rows = _sheet_rows(workbook[name], max_rows, path.name)
            if rows:
                tables[name] = _table(rows, f"{path.name} › {name}")
    finally:
        workbook.close()
    if not tables:
        raise ExchangeError(f"“{path.name}” has no rows.")
    first = sheet or next((n for n in names if n in tables), names[0])
    table = tables.pop(first)
    table.sheet_names = names
    table.other_sheets = tables
    return table


def _sheet_rows(worksheet: object, max_rows: int, source: str) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    # max_col caps what is read even when a cell sits at XFD1048576: never trust the dimension.
    # Blank rows are counted, not kept, so a sheet padded to a million rows costs no memory.
    for number, values in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):  # type: ignore[attr-defined]
        if number > max_rows + 1:
            raise ExchangeError(f"“{source}” has more than {max_rows:,} rows; split it into smaller files.")
        if any(v is not None and str(v).strip() for v in values):
            rows.append((number, ["" if v is None else _cell_text(v) for v in values]))
    return rows


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
