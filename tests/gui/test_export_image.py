"""PNG and SVG of the map: what the canvas shows, readable by independent readers; presenter options apply."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QImage

from stakemap.gui.canvas.options import DisplayOptions
from stakemap.gui.canvas.view import MapView
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.export_image import export_png, export_svg

SVG = "{http://www.w3.org/2000/svg}"


def svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()  # an independent parser: the file must be well-formed SVG
    assert root.tag == f"{SVG}svg"
    return " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def test_png_is_scaled(document: MapDocument, tmp_path: Path, qtbot) -> None:
    view = MapView(document, Selection())
    qtbot.addWidget(view)
    export_png(view, tmp_path / "one.png", 1.0)
    export_png(view, tmp_path / "two.png", 2.0)
    one, two = QImage(str(tmp_path / "one.png")), QImage(str(tmp_path / "two.png"))
    assert not one.isNull()
    assert abs(two.width() - 2 * one.width()) <= 2


def test_svg_holds_the_names_and_hides_them_in_presenter_mode(
    document: MapDocument, tmp_path: Path, qtbot
) -> None:
    view = MapView(document, Selection())
    qtbot.addWidget(view)
    export_svg(view, tmp_path / "map.svg", "Test map")
    text = svg_text(tmp_path / "map.svg")
    assert "Dana" in text
    assert "Key players" in text

    view.set_display_options(DisplayOptions(name_mode="initials", hide_confidential=True))
    export_svg(view, tmp_path / "safe.svg", "Test map")
    safe = svg_text(tmp_path / "safe.svg")
    assert "Dana" not in safe
    assert "Fay" not in safe
