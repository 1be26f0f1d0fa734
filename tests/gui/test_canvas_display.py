"""What the canvas shows: search fading, presenter display options, analysis overlays, export rendering."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QGraphicsTextItem

from stakemap.core.entities import Relationship, RelationshipKind
from stakemap.gui.canvas import DisplayOptions, MapView
from stakemap.gui.canvas.options import initials
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection

NAMES = ("Carla <CEO>", "Carla", "Dana", "Eli", "Fay")


@pytest.fixture
def view(document: MapDocument, qtbot) -> MapView:
    v = MapView(document, Selection())
    qtbot.addWidget(v)
    v.resize(1000, 750)
    return v


def every_text(view: MapView) -> list[str]:
    """Every text the scene can show: card lines and tooltips, item tooltips, text items."""
    scene = view.map_scene
    texts: list[str] = []
    for card in scene.cards.values():
        if card.isVisible():
            texts += card.text_sources()
    for item in scene.items():
        if item.isVisible():
            texts.append(item.toolTip())
            if isinstance(item, QGraphicsTextItem):
                texts.append(item.toPlainText())
            elif isinstance(item, QGraphicsSimpleTextItem):
                texts.append(item.text())
    return texts


def test_filter_highlights_matches_and_fades_the_rest(view: MapView) -> None:
    cards = view.map_scene.cards
    assert view.set_filter("  ENGINEER ") == 1  # Dana's role
    assert cards["s-dana"].matched
    assert cards["s-dana"].opacity() == 1.0
    for sid in ("s-ceo", "s-eli", "s-fay"):
        assert cards[sid].opacity() == pytest.approx(0.2)
    assert view.map_scene.links["r-1"].fade == pytest.approx(0.2)  # one end faded: drawn paler
    assert view.set_filter("") == 4
    assert all(c.opacity() == 1.0 and not c.matched for c in cards.values())
    assert view.map_scene.links["r-1"].fade == 1.0


def test_filter_survives_edits(view: MapView) -> None:
    view.set_filter("eli")
    view.document.edit(lambda m: m.move_stakeholders({"s-dana": (30.0, 30.0)}))
    assert view.map_scene.cards["s-dana"].opacity() == pytest.approx(0.2)
    view.document.edit(lambda m: m.update_stakeholder("s-dana", tags=("eligible",)))
    assert view.map_scene.cards["s-dana"].opacity() == 1.0  # a tag now matches


def test_initials_mode_shows_no_full_name_anywhere(view: MapView, tmp_path: Path) -> None:
    assert any("Dana" in t for t in every_text(view))  # the check below can fail
    view.set_display_options(DisplayOptions(name_mode="initials"))
    texts = every_text(view)
    for name in NAMES:
        assert not any(name in t for t in texts), name
    assert view.map_scene.cards["s-dana"].title_text == "D."
    assert view.map_scene.cards["s-dana"].subtitle_text == "Engineer"
    # Nor in an SVG export of what the canvas shows.
    svg = tmp_path / "map.svg"
    generator = QSvgGenerator()
    generator.setFileName(str(svg))
    generator.setSize(view.map_scene.content_rect().size().toSize())
    view.render_to(generator)
    content = svg.read_text(encoding="utf-8")
    assert "Engineer" in content
    for name in ("Dana", "Carla", "Fay"):
        assert name not in content


def test_role_mode_titles_cards_by_role(view: MapView) -> None:
    view.set_display_options(DisplayOptions(name_mode="role"))
    assert view.map_scene.cards["s-ceo"].title_text == "Chief Executive"
    assert not any("Dana" in t for t in every_text(view))


def test_hide_confidential_removes_their_cards_and_links(view: MapView) -> None:
    view.document.edit(
        lambda m: m.add_relationship(Relationship("s-fay", "s-eli", RelationshipKind.INFORMAL, id="r-f"))
    )
    view.selection.set(["s-fay", "s-eli"])
    view.set_display_options(DisplayOptions(hide_confidential=True))
    scene = view.map_scene
    assert not scene.cards["s-fay"].isVisible()
    assert not scene.links["r-f"].isVisible()
    assert scene.cards["s-eli"].isVisible()
    assert scene.links["r-2"].isVisible()
    assert not scene.cards["s-fay"].isSelected()
    assert not any("Fay" in t for t in every_text(view))
    view.select_all()
    assert "s-fay" not in view.selection.stakeholder_ids
    view.set_display_options(DisplayOptions())
    assert scene.cards["s-fay"].isVisible()
    assert scene.links["r-f"].isVisible()


def test_hide_trust_and_attitude_leaves_no_judgement_in_text(view: MapView) -> None:
    view.set_display_options(DisplayOptions(hide_trust_attitude=True))
    tip = view.map_scene.cards["s-dana"].toolTip()
    assert "Champion" not in tip
    assert "Trust" not in tip
    assert "Dana" in tip


def test_large_text_makes_cards_bigger(view: MapView) -> None:
    before = view.map_scene.cards["s-dana"].card_rect()
    view.set_display_options(DisplayOptions(large_text=True))
    after = view.map_scene.cards["s-dana"].card_rect()
    assert after.height() > before.height()
    assert after.width() >= before.width()


def test_highlight_path_marks_the_chain_and_dims_the_rest(view: MapView) -> None:
    scene = view.map_scene
    scene.set_highlight_path(["s-eli", "s-dana", "s-ceo"])
    assert scene.links["r-1"].on_path
    assert scene.links["r-2"].on_path
    assert scene.cards["s-eli"].on_path
    assert scene.cards["s-eli"].opacity() == 1.0
    assert scene.cards["s-fay"].dimmed
    assert scene.cards["s-fay"].opacity() < 0.5
    scene.set_highlight_path(["s-eli", "s-ceo"])  # not consecutive in the map: no link lit
    assert not scene.links["r-1"].on_path
    assert not scene.links["r-2"].on_path
    scene.set_highlight_path(None)
    assert all(c.opacity() == 1.0 and not c.on_path for c in scene.cards.values())


def test_halo_and_groups_are_off_by_default_and_scale_to_the_largest(view: MapView) -> None:
    scene = view.map_scene
    assert all(c.halo is None and c.group_number is None for c in scene.cards.values())
    plain = scene.cards["s-dana"].boundingRect()
    scene.set_halo({"s-dana": 4.0, "s-eli": 1.0})
    assert scene.cards["s-dana"].halo == 1.0
    assert scene.cards["s-eli"].halo == 0.25
    assert scene.cards["s-fay"].halo is None
    assert scene.cards["s-dana"].boundingRect().width() > plain.width()
    scene.set_group_colours({"s-dana": 0, "s-eli": 1})
    assert (scene.cards["s-dana"].group_number, scene.cards["s-ceo"].group_number) == (0, None)
    view.document.edit(lambda m: m.move_stakeholders({"s-dana": (20.0, 20.0)}))
    assert scene.cards["s-dana"].halo == 1.0  # overlays survive edits
    scene.set_halo(None)
    scene.set_group_colours(None)
    assert scene.cards["s-dana"].halo is None
    assert scene.cards["s-dana"].group_number is None


def test_render_to_draws_the_map_without_selection_marks(view: MapView) -> None:
    view.selection.set(["s-dana"])
    image = QImage(900, 700, QImage.Format.Format_ARGB32)
    image.fill(QColor("magenta"))
    view.render_to(image)
    assert image.pixelColor(450, 350) != QColor("magenta")
    colours = {image.pixel(x, y) for x in range(0, 900, 15) for y in range(0, 700, 15)}
    assert len(colours) > 8  # quadrants, cards, text: not a blank fill
    assert not view.map_scene.context.exporting
    assert view.map_scene.cards["s-dana"].isSelected()  # export does not touch the selection

    part = QImage(400, 300, QImage.Format.Format_ARGB32)
    part.fill(QColor("magenta"))
    view.render_to(part, QRectF(0, 0, 200, 150))
    assert part.pixelColor(300, 250) == QColor("magenta")  # outside the target rect: untouched
    assert part.pixelColor(100, 75) != QColor("magenta")


def test_initials_helper() -> None:
    assert initials("Carla de Vries") == "C.D.V."
    assert initials("Carla <CEO>") == "C."
    assert initials("   ") == "?"
    assert initials("<<>>") == "?"
    assert initials("张伟") == "张."
    with pytest.raises(ValueError, match="name_mode"):
        DisplayOptions(name_mode="nickname")  # type: ignore[arg-type]


def test_spotlight_keeps_a_person_and_their_ties_lit(view: MapView) -> None:
    scene = view.map_scene
    scene.set_spotlight("s-dana")  # tied to Carla (r-1) and Eli (r-2)
    assert scene.cards["s-dana"].on_path
    for sid in ("s-dana", "s-ceo", "s-eli"):
        assert scene.cards[sid].opacity() == 1.0
    assert scene.cards["s-fay"].opacity() < 0.5
    assert scene.links["r-1"].on_path
    scene.set_spotlight("s-fay")  # no ties: only Fay stays lit
    assert scene.cards["s-ceo"].opacity() < 0.5
    assert scene.links["r-1"].fade < 0.5
    scene.set_spotlight(None)
    assert all(c.opacity() == 1.0 for c in scene.cards.values())
    assert all(link.fade == 1.0 for link in scene.links.values())
