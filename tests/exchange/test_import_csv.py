"""CSV import: encodings, delimiters, quoted newlines, header guessing, and rows with problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakemap.core.entities import Attitude, Trust
from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.fields import guess_mapping
from stakemap.exchange.import_file import plan_file_import
from stakemap.exchange.importing import plan_import
from stakemap.exchange.sources import read_table
from stakemap.exchange.ties import TieChoices
from tests.conftest import small_map

SHEET = (
    "Name;Title;Department;Power;Interest;Support;Trust\nZoë Ångström;Head of “Ops”;Ops;75%;40;Champion;H\n"
)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1252", b"")],
)
def test_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(bom + SHEET.encode(encoding))
    table = read_table(path)
    assert table.headers[:2] == ["Name", "Title"]
    plan = plan_import(table, None, small_map())
    person = plan.stakeholders[0]
    assert person.name == "Zoë Ångström"
    assert person.role == "Head of “Ops”"
    assert (person.influence, person.interest) == (75.0, 40.0)
    assert (person.attitude, person.trust) == (Attitude.CHAMPION, Trust.HIGH)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_and_quoted_newlines(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "people.csv"
    d = delimiter
    path.write_text(
        f'name{d}role{d}notes\n"Ann{d} the first"{d}CFO{d}x\nBob{d}"Line one\nline two"{d}y\n',
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.delimiter == delimiter
    assert [r[0] for r in table.rows] == [f"Ann{d} the first", "Bob"]
    assert table.rows[1][1] == "Line one\nline two"
    assert table.row_numbers == [2, 3]


def test_header_guessing() -> None:
    mapping = guess_mapping(
        ["Full Name", "Job title", "Dept.", "Power", "Interest", "Stance", "Group", "Tags"]
    )
    assert mapping == {
        "name": 0, "role": 1, "unit": 2, "influence": 3, "interest": 4, "attitude": 5, "constituency": 6, "tags": 7,
    }  # fmt: skip


def test_rows_with_problems_are_listed_with_their_spreadsheet_row(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Influence,Attitude\n"
        "Good One,50,neutral\n"
        ",20,neutral\n"  # row 3: no name
        "\n"  # row 4: blank, ignored
        "Too Strong,150,neutral\n"  # row 5
        "Moody,10,furious\n"  # row 6
        "Dana,10,neutral\n"  # row 7: already on the map
        "Good One,10,neutral\n",  # row 8: twice in the file
        encoding="utf-8",
    )
    plan = plan_import(read_table(path), None, small_map())
    assert [p.name for p in plan.stakeholders] == ["Good One"]
    problems = {p.row_number: p.reason for p in plan.problems}
    assert "name is empty" in problems[3]
    assert "outside 0-100" in problems[5]
    assert "unknown attitude" in problems[6]
    assert "already on the map" in problems[7]
    assert "appears twice" in problems[8]


def test_relationships_file_links_people_by_name(tmp_path: Path) -> None:
    path = tmp_path / "ties.csv"
    path.write_text(
        "From,To,Kind,Strength\nEli,Carla <CEO>,advises,4\nEli,Nobody,advises,2\n", encoding="utf-8"
    )
    plan = plan_file_import(path, small_map(), choices=TieChoices(directed=True))
    assert len(plan.relationships) == 1
    assert plan.relationships[0].strength == 4
    assert "nobody called “Nobody”" in plan.problems[0].reason


def test_planning_never_changes_the_map(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name\nNew Person\n", encoding="utf-8")
    m = small_map()
    before = dict(m.stakeholders)
    plan = plan_import(read_table(path), None, m)
    assert dict(m.stakeholders) == before
    change = plan.apply_to(m)
    assert len(m.stakeholders) == 5
    m.apply(change.inverted())
    assert dict(m.stakeholders) == before


def test_binary_and_huge_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(ExchangeError, match="binary"):
        read_table(binary)
    monkeypatch.setattr("stakemap.exchange.sources.MAX_FILE_BYTES", 100)
    big = tmp_path / "big.csv"
    big.write_text("Name\n" + "x\n" * 200)
    with pytest.raises(ExchangeError, match="MB"):
        read_table(big)


def test_too_many_rows_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("Name\n" + "".join(f"P{i}\n" for i in range(60)))
    with pytest.raises(ExchangeError, match="more than 50 rows"):
        read_table(path, max_rows=50)
