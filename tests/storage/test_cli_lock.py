"""The CLI on a map open elsewhere: a way forward (--read-only, --take-over), never a dead end."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakemap.cli import main
from stakemap.storage.database import open_map


def _people(tmp_path: Path) -> Path:
    source = tmp_path / "people.csv"
    source.write_text("Name,Role,Power,Interest\nGus,Auditor,60,20\n", encoding="utf-8")
    return source


def test_import_into_a_map_open_elsewhere_names_the_ways_forward(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = open_map(map_file)
    try:
        assert main(["import", str(map_file), str(_people(tmp_path))]) == 1
        err = capsys.readouterr().err
        assert "already open in another Stakemap" in err
        assert "--read-only" in err
        assert "--take-over" in err

        assert main(["import", str(map_file), str(_people(tmp_path)), "--read-only"]) == 0
        assert "nothing was written" in capsys.readouterr().out

        assert main(["import", str(map_file), str(_people(tmp_path)), "--take-over"]) == 0
        assert "Imported 1 stakeholders" in capsys.readouterr().out
    finally:
        holder.close()
    assert main(["list", str(map_file)]) == 0
    assert "Gus" in capsys.readouterr().out
