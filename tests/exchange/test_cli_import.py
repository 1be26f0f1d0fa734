"""`stakemap import` with --sheet and --mapping, and workbooks whose sheets come in any order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from stakemap.cli import main
from stakemap.storage.database import open_map


def _names(map_file: Path) -> set[str]:
    opened = open_map(map_file, read_only=True)
    try:
        return {p.name for p in opened.load().stakeholders.values()}
    finally:
        opened.close()


def _book(path: Path) -> Path:
    book = Workbook()
    book.active.title = "Instructions"
    book.active.append(["Read me first"])
    ties = book.create_sheet("Ties")
    ties.append(["Source", "Target", "Type"])
    ties.append(["Gus", "Hal", "advises"])
    people = book.create_sheet("Staff")
    people.append(["Full name", "Kurzname"])
    people.append(["Gus", "G"])
    people.append(["Hal", "H"])
    book.save(path)
    return path


def test_instructions_first_and_ties_before_people(map_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["import", str(map_file), str(_book(tmp_path / "b.xlsx")), "--one-way"]) == 0
    assert "Imported 2 stakeholders and 1 relationships." in capsys.readouterr().out
    assert {"Gus", "Hal"} <= _names(map_file)


def test_sheet_option_reads_that_sheet_alone(map_file: Path, tmp_path: Path, capsys) -> None:
    book = _book(tmp_path / "b.xlsx")
    assert main(["import", str(map_file), str(book), "--sheet", "Staff"]) == 0
    assert "Imported 2 stakeholders and 0 relationships." in capsys.readouterr().out
    assert main(["import", str(map_file), str(book), "--sheet", "Nope"]) == 1
    assert "no sheet named “Nope”" in capsys.readouterr().err


def test_mapping_file_chooses_columns(map_file: Path, tmp_path: Path) -> None:
    book = _book(tmp_path / "b.xlsx")
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"people": {"name": "Kurzname", "role": "Full name"}}), encoding="utf-8")
    assert main(["import", str(map_file), str(book), "--sheet", "Staff", "--mapping", str(mapping)]) == 0
    assert {"G", "H"} <= _names(map_file)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot be read"),
        ('["name"]', "must hold an object"),
        ('{"people": {"name": "Missing"}}', "has no column “Missing”"),
        ('{"people": {"height": "Kurzname"}}', "names a field “height”"),
    ],
)
def test_bad_mapping_files_are_one_line_errors(
    map_file: Path, tmp_path: Path, capsys, content: str, message: str
) -> None:
    mapping = tmp_path / "m.json"
    mapping.write_text(content, encoding="utf-8")
    book = _book(tmp_path / "b.xlsx")
    assert main(["import", str(map_file), str(book), "--mapping", str(mapping)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
