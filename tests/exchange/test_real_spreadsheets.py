"""Spreadsheets as people have them: titles above the header, hidden columns and sheets, percent and
date cells, UTF-8 with a stray byte, MacRoman, apostrophes, and row numbers as the spreadsheet shows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from stakemap.exchange.import_file import plan_file_import
from stakemap.exchange.sources import read_table
from tests.conftest import small_map


def test_a_merged_title_row_and_a_group_header_above_the_real_header(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Stakeholder register 2024"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Person", None, "Assessment", None])
    sheet.merge_cells("C3:D3")
    sheet.append(["Name", "Role", "Influence", "Interest"])
    sheet.append(["Gus", "Auditor", 60, 40])
    path = tmp_path / "register.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.header_row == 4
    assert table.headers == ["Name", "Role", "Influence", "Interest"]
    assert table.row_numbers == [5]
    assert any("Row 4 was taken as the header" in n for n in table.notes)
    plan = plan_file_import(path, small_map())
    assert [(p.name, p.role, p.influence) for p in plan.stakeholders] == [("Gus", "Auditor", 60.0)]
    assert any("Row 4" in n for n in plan.notes)


def test_a_hidden_column_and_a_hidden_sheet_are_not_used(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "People"
    sheet.append(["Name", "Influence (2023)", "Influence (2024)"])
    sheet.append(["Gus", 10, 70])
    sheet.column_dimensions["B"].hidden = True
    old = book.create_sheet("Old people")
    old.append(["Name"])
    old.append(["Ghost"])
    old.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.hidden_columns == frozenset({1})
    assert "Old people" not in table.other_sheets
    plan = plan_file_import(path, small_map())
    assert [(p.name, p.influence) for p in plan.stakeholders] == [("Gus", 70.0)]
    assert any("hidden column “Influence (2023)”" in n for n in plan.notes)
    assert any("hidden sheet “Old people”" in n for n in plan.notes)
    chosen = plan_file_import(path, small_map(), sheet="Old people")
    assert [p.name for p in chosen.stakeholders] == ["Ghost"]


def test_percent_cells_read_as_shown_and_dates_as_dates(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Influence", "Met", "Seen"])
    sheet.append(["Gus", 0.85, datetime(2026, 3, 1), datetime(2026, 3, 1, 14, 30)])
    sheet["B2"].number_format = "0%"
    sheet["C2"].number_format = "yyyy-mm-dd"
    sheet["D2"].number_format = "yyyy-mm-dd hh:mm"
    sheet.append(["Hal", date(2026, 1, 2), None, None])
    path = tmp_path / "cells.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.rows[0][1:] == ["85%", "2026-03-01", "2026-03-01 14:30"]
    assert table.rows[1][1] == "2026-01-02"
    plan = plan_file_import(path, small_map())
    assert plan.stakeholders[0].influence == 85.0


def test_utf8_with_one_stray_windows_line_is_utf8_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("Name,Role\n王小明,Lead\nZoë,Ops\n".encode() + "René,Café\n".encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "utf-8"
    assert table.rows[0][0] == "王小明"
    assert table.rows[1][0] == "Zoë"
    assert any("line 4" in n for n in table.notes)


def test_a_macroman_csv_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes("Name,Role\nRené Müller,Café owner\nJosé Peña,Señor\n".encode("mac_roman"))
    table = read_table(path)
    assert table.encoding == "mac-roman"
    assert table.rows[0] == ["René Müller", "Café owner"]
    assert table.rows[1][0] == "José Peña"


def test_a_windows_csv_stays_windows(tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    path.write_bytes("Name,Role\nRené Müller,“Head” – Café\n".encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "windows-1252"
    assert table.rows[0] == ["René Müller", "“Head” – Café"]


def test_problem_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text('Name,Notes\nAnn,"one\ntwo\nthree"\nBob,"a\nb"\n,nameless\n', encoding="utf-8")
    plan = plan_file_import(path, small_map())
    assert [p.row_number for p in plan.problems] == [4]


def test_contact_and_priority_columns_are_not_taken_as_yes_no_fields(tmp_path: Path) -> None:
    from stakemap.exchange.fields import guess_mapping

    mapping = guess_mapping(["Name", "Contact", "Priority", "Key"])
    assert mapping == {"name": 0}
    path = tmp_path / "register.csv"
    path.write_text("Name,Contact,Priority\nGus,gus@example.org,High\n", encoding="utf-8")
    plan = plan_file_import(path, small_map())
    assert not plan.problems
    assert [p.name for p in plan.stakeholders] == ["Gus"]
