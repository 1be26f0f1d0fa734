"""The headless commands: output people can read, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stakemap.cli import main
from stakemap.storage.database import head_revision


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stakemap", *args], capture_output=True, text=True, timeout=60
    )


def test_new_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "team.stakemap"
    assert main(["new", str(path), "--title", "Platform <rollout> & co"]) == 0
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Title:          Platform <rollout> & co" in out
    assert "Stakeholders:   0" in out
    assert f"Schema version: {head_revision()}" in out


def test_list_shows_quadrants(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(map_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Carla <CEO>")
    assert "Keep satisfied" in lines[0]
    assert any(line.startswith("Dana") and "Key players" in line for line in lines)


def test_analyse_text_and_json(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", str(map_file)]) == 0
    assert "Dana is listened to by 2 people." in capsys.readouterr().out
    assert main(["analyse", str(map_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["people"] == 4
    assert max(data["metrics"]["network_influence"], key=data["metrics"]["network_influence"].get) == "s-dana"


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.stakemap"
    bogus.write_text("not a map")
    result = run("info", str(bogus))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "not a Stakemap map" in result.stderr
    assert "Traceback" not in result.stderr


def test_existing_file_is_not_overwritten_by_new(map_file: Path) -> None:
    before = map_file.read_bytes()
    result = run("new", str(map_file))
    assert result.returncode == 1
    assert "will not overwrite" in result.stderr
    assert map_file.read_bytes() == before


def test_import_then_export_round_trip(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "people.csv"
    source.write_text("Name,Role,Power,Interest\nGus,Auditor,60,20\nHal,Intern,10,90\n", encoding="utf-8")
    assert main(["import", str(map_file), str(source)]) == 0
    assert "Imported 2 stakeholders" in capsys.readouterr().out
    assert main(["export", str(map_file), str(tmp_path / "out.xlsx")]) == 0
    assert main(["list", str(map_file)]) == 0
    assert "Gus" in capsys.readouterr().out


def test_import_with_problems_imports_nothing_unless_told(map_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("Name,Power\nGus,60\nBad,500\n", encoding="utf-8")
    result = run("import", str(map_file), str(source))
    assert result.returncode == 1
    assert "people.csv, row 3: Influence: 500 is outside 0-100" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "Gus" not in run("list", str(map_file)).stdout
    assert run("import", str(map_file), str(source), "--skip-problems").returncode == 0
    assert "Gus" in run("list", str(map_file)).stdout


def test_export_pdf_editions(tmp_path: Path) -> None:
    from importlib.resources import files

    sample = files("stakemap") / "resources" / "samples" / "library-outreach.stakemap"
    out = tmp_path / "handout.pdf"
    result = run("export-pdf", str(sample), str(out), "--handout", "--page-size", "letter")
    assert result.returncode == 0, result.stderr
    assert "handout, LETTER" in result.stdout
    assert out.read_bytes().startswith(b"%PDF")
    result = run("export-pdf", str(sample), str(tmp_path / "nowhere" / "x.pdf"))
    assert result.returncode == 1
    assert "Cannot write" in result.stderr
