"""XLSX import, hostile workbooks refused in bounded memory, exports readable by independent readers,
formula injection neutralised, and round trips that bring every field back unchanged."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from stakemap.core.entities import Relationship, RelationshipKind, Stakeholder
from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.import_file import plan_file_import
from stakemap.exchange.sources import read_table
from stakemap.exchange.writers import export_csv, export_xlsx
from stakemap.samples.library import build_library_map
from tests.conftest import small_map

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-5 budget cut",
    "@SUM(A1)",
    "\tindented",
    "'quoted already",
    "<b>bold</b> & <img src=x>",
    "Ставка — 信任 — ثقة 🙂",
    "line one\nline two",
]


def hostile_map():
    m = small_map()
    people = [
        Stakeholder(
            name=f"{text[:60]} {i}",
            role=text,
            pain_points=text,
            tags=(f"t{i}",),
            influence=33.333333333,
            id=f"h{i}",
        )
        for i, text in enumerate(HOSTILE)
    ]
    m.add_stakeholders(people)
    m.add_relationship(
        Relationship("h0", "h1", RelationshipKind.CONFLICTS_WITH, directed=False, note="=cmd|' /C calc'!A0")
    )
    return m


def fields(p: Stakeholder) -> tuple:
    return (p.name, p.role, p.unit, p.constituency, p.rank, p.influence, p.interest, p.attitude, p.desired_attitude,
            p.trust, p.drivers_long_term, p.drivers_short_term, p.pain_points, p.offer, p.past_service, p.tags,
            p.colour, p.contact_permitted, p.confidential, p.in_focus)  # fmt: skip


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_people(tmp_path: Path, kind: str) -> None:
    source = hostile_map()
    path = tmp_path / f"people.{kind}"
    if kind == "csv":
        export_csv(source, path, "stakeholders")
    else:
        export_xlsx(source, path)
    plan = plan_file_import(path, type(source)())  # into an empty map
    assert plan.problems == []
    assert sorted(map(fields, plan.stakeholders)) == sorted(map(fields, source.stakeholders.values()))
    if kind == "xlsx":
        assert len(plan.relationships) == len(source.relationships)


def test_independent_readers_see_neutralised_cells(tmp_path: Path) -> None:
    m = hostile_map()
    export_csv(m, tmp_path / "people.csv", "stakeholders")
    rows = list(csv.reader(io.StringIO((tmp_path / "people.csv").read_text(encoding="utf-8-sig"))))
    roles = {r[1] for r in rows[1:]}
    assert '\'=HYPERLINK("http://evil.example","click")' in roles
    assert "'-5 budget cut" in roles
    assert not any(r.startswith(("=", "+", "-", "@", "\t")) for r in roles)

    export_xlsx(m, tmp_path / "map.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "map.xlsx")
    assert workbook.sheetnames == ["Stakeholders", "Relationships", "Plan"]
    cells = [c for row in workbook["Stakeholders"].iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)  # nothing became a formula
    # A string cell cannot run as a formula, so XLSX carries no protective apostrophe (CSV does).
    assert workbook["Relationships"]["G2"].value == "=cmd|' /C calc'!A0"
    assert workbook["Relationships"]["G2"].data_type == "s"
    people = workbook["Stakeholders"]
    headers = [c.value for c in people[1]]
    influence = people.cell(row=2, column=headers.index("Influence") + 1)
    assert isinstance(influence.value, int | float)  # numbers are number cells, not text
    roles = {people.cell(row=r, column=2).value for r in range(2, people.max_row + 1)}
    assert "'quoted already" in roles  # a real leading apostrophe is kept as written


def test_confidential_people_can_be_left_out(tmp_path: Path) -> None:
    export_csv(small_map(), tmp_path / "p.csv", "stakeholders", include_confidential=False)
    assert "Fay" not in (tmp_path / "p.csv").read_text(encoding="utf-8-sig")


def test_the_plan_exports_with_names(tmp_path: Path) -> None:
    m = build_library_map()
    export_csv(m, tmp_path / "plan.csv", "plan")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "plan.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(m.engagements)
    assert {"Priya Raman", "Derek Walsh"} <= {r["Person"] for r in rows}


def _zip(path: Path, entries: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def test_decompression_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    _zip(path, {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\x00" * 150_000_000})
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ExchangeError, match="decompression bomb"):
        read_table(path)


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name"])
    workbook.active.append(["Ann"])
    workbook.save(good)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    with zipfile.ZipFile(good) as source:
        entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    entries["xl/worksheets/sheet1.xml"] = laughs
    bad = tmp_path / "laughs.xlsx"
    _zip(bad, entries)
    with pytest.raises(ExchangeError):
        read_table(bad)


def test_a_cell_at_the_far_corner_costs_no_memory(tmp_path: Path) -> None:
    path = tmp_path / "corner.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Role"])
    sheet.append(["Ann", "CFO"])
    sheet["XFD1048576"] = "far away"
    workbook.save(path)
    with pytest.raises(ExchangeError, match="more than 1,000 rows"):
        read_table(path, max_rows=1_000)


def test_not_really_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Name,Role\nAnn,CFO\n")
    with pytest.raises(ExchangeError, match="not a valid Excel workbook"):
        read_table(fake)
    zipped = tmp_path / "zipped.xlsx"
    _zip(zipped, {"hello.txt": b"hi"})
    with pytest.raises(ExchangeError, match="not an Excel workbook"):
        read_table(zipped)


def test_an_older_xlsx_export_with_protective_quotes_still_imports_exactly(tmp_path: Path) -> None:
    from stakemap.exchange.writers import STAKEHOLDER_COLUMNS

    book = openpyxl.Workbook()  # as exports before the unquoted keyword wrote them
    book.active.title = "Stakeholders"
    headers = [h for h, _ in STAKEHOLDER_COLUMNS if h != "Id"]
    book.active.append(headers)
    book.active.append(["'=SUM(A1)", "''t Hooft"] + [""] * (len(headers) - 2))
    book.save(tmp_path / "old.xlsx")
    person = plan_file_import(tmp_path / "old.xlsx", type(small_map())()).stakeholders[0]
    assert (person.name, person.role) == ("=SUM(A1)", "'t Hooft")
