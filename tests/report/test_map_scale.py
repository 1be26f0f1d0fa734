"""Big maps print: the density view with a key of cells, layout that can be cancelled, and --no-map."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.common import generate_map
from stakemap.cli import main
from stakemap.report.map_drawing import density_cell, layout_map
from stakemap.report.map_layout import Anchor, Box, LayoutCancelled, place_labels
from stakemap.report.pdf import ExportCancelled, export_plan_pdf
from stakemap.storage.database import create_map
from tests.report.test_map_layout import AREA, crowd
from tests.report.test_pdf import TODAY, text_of


def test_a_map_too_big_for_numbers_prints_the_density_view_and_a_key_of_cells(tmp_path: Path) -> None:
    m = generate_map(1_500, 100)
    layout = layout_map(m, *AREA)
    assert layout.density
    assert layout.labels == {}
    assert set(layout.cells) == set(m.stakeholders)
    person = m.stakeholders["p7"]
    assert layout.cells["p7"] == density_cell(person.interest, person.influence)
    path = tmp_path / "plan.pdf"
    export_plan_pdf(m, path, today=TODAY)
    text = text_of(path)
    assert "Density view" in text
    assert "Key to the map" in text
    assert f"{layout.cells['p7']} Person 00007" in text.replace("\n", " ")


def test_cells_cover_the_edges() -> None:
    assert density_cell(0, 0) == "A1"
    assert density_cell(100, 100) == "J10"
    assert density_cell(25, 71) == "C8"


def test_a_crowd_on_one_spot_becomes_the_density_view_rather_than_numbers_far_away() -> None:
    assert layout_map(crowd(400), *AREA).density


def test_layout_asks_to_be_cancelled() -> None:
    anchors = [Anchor(str(i), 50, 50) for i in range(200)]
    with pytest.raises(LayoutCancelled):
        place_labels(anchors, 10, 5, Box(0, 0, 400, 400), cancelled=lambda: True)


def test_export_cancelled_during_layout_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    with pytest.raises(ExportCancelled):
        export_plan_pdf(generate_map(300, 10), path, today=TODAY, cancelled=lambda: True)
    assert not path.exists()


def test_no_map_option(tmp_path: Path) -> None:
    map_file = tmp_path / "m.stakemap"
    create_map(map_file, generate_map(120, 50)).close()
    out = tmp_path / "plan.pdf"
    assert main(["export-pdf", str(map_file), str(out), "--no-map", "--no-insights"]) == 0
    text = text_of(out)
    assert "The map" not in text
    assert "Key to the map" not in text
    assert "Conversation cards" in text
