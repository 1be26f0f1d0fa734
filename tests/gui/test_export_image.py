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


def _leak_document(tmp_path: Path):  # type: ignore[no-untyped-def]
    from stakemap.storage.database import create_map, open_map
    from tests.audience.corpus import leak_map

    path = tmp_path / "leak.stakemap"
    create_map(path, leak_map()).close()
    return MapDocument(open_map(path))


def test_audience_svg_never_names_a_hidden_person(tmp_path: Path, qtbot) -> None:
    from stakemap.gui.widgets.export_image import AUDIENCE_CHOICES, audience_view
    from tests.audience.corpus import assert_no_leak, leaks

    document = _leak_document(tmp_path)
    view = MapView(document, Selection())
    qtbot.addWidget(view)
    export_svg(view, tmp_path / "private.svg", document.title)
    assert leaks(svg_text(tmp_path / "private.svg"))  # the editing canvas shows everything
    for label, settings in AUDIENCE_CHOICES:
        if settings is None:
            continue
        shown = audience_view(view, settings)
        export_svg(shown, tmp_path / "audience.svg", shown.document.title)
        whole = (tmp_path / "audience.svg").read_text(encoding="utf-8")
        assert_no_leak(whole, f"SVG for {label}")  # text, <title> and <desc> alike
        assert len(shown.map_scene.cards) == len(document.map.stakeholders) - 1
        export_png(shown, tmp_path / "audience.png", 1.0)
        assert not QImage(str(tmp_path / "audience.png")).isNull()
        shown.deleteLater()
    document.close()


def test_the_dialogs_offer_the_audience_first_and_redact_the_file_name(
    tmp_path: Path, qtbot, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow

    from stakemap.gui.widgets import export_image
    from tests.audience.corpus import assert_no_leak

    document = _leak_document(tmp_path)
    view = MapView(document, Selection())
    qtbot.addWidget(view)
    asked: list[tuple[list[str], int]] = []
    proposed: list[str] = []

    def get_item(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        asked.append((list(items), current))
        return items[current], True

    def get_save(parent, caption, name, filter_):  # type: ignore[no-untyped-def]
        proposed.append(name)
        return str(tmp_path / "out.svg"), filter_

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    parent = QMainWindow()  # a DialogHost: dialogs open over it, its status bar says what was written
    qtbot.addWidget(parent)
    export_image.export_svg_interactively(parent, view)
    assert asked[0][1] == 0
    assert asked[0][0][0].startswith("Audience")
    assert_no_leak(Path(proposed[0]).name, "suggested file name")
    assert_no_leak((tmp_path / "out.svg").read_text(encoding="utf-8"), "SVG from the dialog")
    document.close()


def test_pictures_are_user_only_and_replace_the_target_whole(
    document: MapDocument, tmp_path: Path, qtbot
) -> None:
    """Issue 13: a picture of the map names colleagues, so PNG and SVG are 0600 whatever the umask,
    and written beside the target first (an old file is replaced whole, no part file is left)."""
    import os

    view = MapView(document, Selection())
    qtbot.addWidget(view)
    out = tmp_path / "pictures"
    out.mkdir()
    png, svg = out / "map.png", out / "map.svg"
    png.write_bytes(b"old")
    old_umask = os.umask(0o022)
    try:
        export_png(view, png, 1.0)
        export_svg(view, svg, "Map")
    finally:
        os.umask(old_umask)
    assert png.stat().st_mode & 0o777 == 0o600
    assert svg.stat().st_mode & 0o777 == 0o600
    assert not QImage(str(png)).isNull()
    assert svg_text(svg)
    assert sorted(p.name for p in out.iterdir()) == ["map.png", "map.svg"]
