"""ODS (LibreOffice) read and written: values as the sheet means them, text exactly, hidden parts left
alone, typed cells on export, hostile or broken files refused with a message."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from odf.opendocument import load

from stakemap.cli import main
from stakemap.core.entities import Engagement, Relationship, RelationshipKind, Stakeholder
from stakemap.core.model import Map
from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.import_file import plan_file_import
from stakemap.exchange.ods import MIMETYPE
from stakemap.exchange.sources import read_table
from stakemap.exchange.writers import export_ods
from stakemap.storage.database import open_map

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)


def ods(path: Path, body: str, styles: str = "", prolog: str = "") -> Path:
    """A minimal .ods as LibreOffice lays it out: mimetype first and stored, content.xml with the tables."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {NS} office:version="1.3">'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return path


def cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def test_values_are_read_as_libreoffice_shows_them(tmp_path: Path) -> None:
    body = (
        '<table:table table:name="People">'
        '<table:table-column table:number-columns-repeated="2"/>'
        '<table:table-column table:visibility="collapse"/><table:table-column/>'
        f"<table:table-row>{cell('Staff list 2026')}</table:table-row>"  # a title row above the header
        f"<table:table-row>{cell('Name')}{cell('Interest')}{cell('Influence (2023)')}{cell('Influence')}"
        f"{cell('Due')}</table:table-row>"
        f"<table:table-row>{cell('<text:s/>’t Hooft<text:tab/>jr.')}"
        '<table:table-cell office:value-type="percentage" office:value="0.85"><text:p>85 %</text:p></table:table-cell>'
        '<table:table-cell office:value-type="float" office:value="10"/>'
        '<table:table-cell office:value-type="float" office:value="66.66666666666667"><text:p>66.67</text:p>'
        "</table:table-cell>"
        '<table:table-cell office:value-type="date" office:date-value="2026-03-01T00:00:00"/>'
        '<table:table-cell table:number-columns-repeated="16378"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
        f"<table:table-row>{cell('Ann<text:line-break/>Lee')}</table:table-row>"
        "</table:table>"
    )
    table = read_table(ods(tmp_path / "people.ods", body))
    assert table.header_row == 2
    assert table.headers == ["Name", "Interest", "Influence (2023)", "Influence", "Due"]
    assert table.rows[0] == [" ’t Hooft\tjr.", "85%", "10", "66.66666666666667", "2026-03-01"]
    assert table.hidden_columns == frozenset({2})
    assert table.row_numbers == [3, 1048004]  # as LibreOffice numbers them, the blank rows counted
    assert table.rows[1][0] == "Ann\nLee"
    plan = plan_file_import(tmp_path / "people.ods", Map())
    # The visible Influence column, not the hidden one; the interest as shown (85 %), not 0.85.
    assert next((p.influence, p.interest) for p in plan.stakeholders) == (66.66666666666667, 85.0)


def test_a_hidden_sheet_is_read_only_when_chosen(tmp_path: Path) -> None:
    styles = (
        '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/>'
        "</style:style>"
    )
    body = (
        f'<table:table table:name="Old" table:style-name="ta2"><table:table-row>{cell("Name")}</table:table-row>'
        f"<table:table-row>{cell('Ghost')}</table:table-row></table:table>"
        f'<table:table table:name="Staff"><table:table-row>{cell("Name")}</table:table-row>'
        f"<table:table-row>{cell('Gus')}</table:table-row></table:table>"
    )
    path = ods(tmp_path / "book.ods", body, styles)
    table = read_table(path)
    assert table.rows == [["Gus"]]
    assert "Old" not in table.other_sheets
    assert any("hidden sheet “Old”" in note for note in table.notes)
    assert read_table(path, sheet="Old").rows == [["Ghost"]]


def namesakes_with_plan() -> Map:
    m = Map()
    m.add_stakeholders([
        Stakeholder("Alex", role="'quoted", pain_points="=SUM(A1)", influence=66.66666666666667, id="s-a1"),
        Stakeholder("Alex", role="  two  spaces\tand tab ", drivers_long_term="one\ntwo", rank=3, id="s-a2"),
    ])  # fmt: skip
    m.add_relationship(Relationship("s-a1", "s-a2", RelationshipKind.ALLIES_WITH, strength=2, directed=False))
    m.add_engagement(Engagement("s-a2", reason="Budget", due=date(2026, 2, 1)))
    return m


def test_export_writes_typed_cells_and_no_protective_quote(tmp_path: Path) -> None:
    path = tmp_path / "map.ods"
    export_ods(namesakes_with_plan(), path)
    document = load(str(path))
    from odf.table import Table, TableCell

    sheets = {t.getAttribute("name"): t for t in document.spreadsheet.getElementsByType(Table)}
    assert list(sheets) == ["Stakeholders", "Relationships", "Plan"]
    kinds = {}
    for sheet in sheets.values():
        for c in sheet.getElementsByType(TableCell):
            kinds.setdefault(c.getAttribute("valuetype"), []).append(c)
    assert "float" in kinds  # influence, interest, rank, strength
    assert "date" in kinds  # the plan's due date
    table = read_table(path)
    role = table.headers.index("Role")
    assert sorted(r[role] for r in table.rows) == ["  two  spaces\tand tab ", "'quoted"]


def test_export_then_import_restores_people_ties_and_ids(tmp_path: Path) -> None:
    source = namesakes_with_plan()
    export_ods(source, tmp_path / "map.ods")
    plan = plan_file_import(tmp_path / "map.ods", Map())
    assert plan.problems == []
    assert {(p.id, p.name, p.role, p.pain_points, p.influence, p.rank) for p in plan.stakeholders} == {
        (p.id, p.name, p.role, p.pain_points, p.influence, p.rank) for p in source.stakeholders.values()
    }
    assert [(r.source_id, r.target_id, r.kind, r.strength, r.directed) for r in plan.relationships] == [
        ("s-a1", "s-a2", RelationshipKind.ALLIES_WITH, 2, False)
    ]


def test_hostile_and_broken_files_are_refused_with_a_message(tmp_path: Path) -> None:
    laughs = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = ods(tmp_path / "laughs.ods", f"<table:table>{cell('&b;')}</table:table>", prolog=laughs)
    with pytest.raises(ExchangeError, match="could not be read"):
        read_table(path)
    broken = ods(tmp_path / "broken.ods", "<table:table><table:table-row>")
    with pytest.raises(ExchangeError, match="could not be read"):
        read_table(broken)
    (tmp_path / "fake.ods").write_text("Name\nGus\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match="not a valid OpenDocument spreadsheet"):
        read_table(tmp_path / "fake.ods")


def test_cli_exports_and_imports_ods(map_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "map.ods"
    assert main(["export", str(map_file), str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    opened = open_map(map_file, read_only=True)
    try:
        before = {p.id for p in opened.load().stakeholders.values()}
    finally:
        opened.close()
    path = ods(tmp_path / "people.ods", f"<table:table><table:table-row>{cell('Name')}</table:table-row>"
               f"<table:table-row>{cell('Zoe')}</table:table-row></table:table>")  # fmt: skip
    assert main(["import", str(map_file), str(path)]) == 0
    assert "Imported 1 stakeholders" in capsys.readouterr().out
    assert before  # the export named everyone the map had
