"""The inspector's relationship and map pages, the multiple selection, and read-only maps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from stakemap.core.entities import Relationship, RelationshipKind
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.inspector.map_page import selection_summary
from stakemap.storage.database import open_map
from tests.conftest import stored
from tests.gui.inspector_helpers import make_panel, pick, type_line, visible_text


def test_relationship_page_shows_the_tie_and_edits_strength(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set([], ["r-1"])
    page = panel.relationship_page
    assert panel.current_page is page
    assert visible_text(page.ends.text()).startswith("Dana → Carla <CEO>\nDana advises Carla <CEO>")
    strength = page.fields["strength"].widget
    assert isinstance(strength, QSpinBox)
    assert strength.value() == 4
    strength.lineEdit().selectAll()
    qtbot.keyClicks(strength, "2")
    qtbot.keyClick(strength, Qt.Key.Key_Return)
    assert stored(map_file).relationships["r-1"].strength == 2
    assert document.undo_stack.count() == 1


def test_swap_direction_and_both_ways(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set([], ["r-1"])
    page = panel.relationship_page
    page.swap_button.click()
    tie = stored(map_file).relationships["r-1"]
    assert (tie.source_id, tie.target_id) == ("s-ceo", "s-dana")
    assert visible_text(page.ends.text()).startswith("Carla <CEO> → Dana")
    pick(page.fields["directed"].widget, False)
    assert stored(map_file).relationships["r-1"].directed is False
    assert not page.swap_button.isEnabled()  # a tie both ways has no direction to swap
    assert document.undo_stack.count() == 2


def test_a_duplicate_tie_is_refused_beside_the_kind(document: MapDocument, qtbot) -> None:
    document.edit(lambda m: m.add_relationship(Relationship("s-dana", "s-ceo", RelationshipKind.REPORTS_TO)))
    panel, selection = make_panel(document, qtbot)
    selection.set([], ["r-1"])
    page = panel.relationship_page
    kind = page.fields["kind"].widget
    pick(kind, RelationshipKind.REPORTS_TO)
    assert "already linked" in page.messages["kind"].text.text()
    assert kind.currentData() is RelationshipKind.ADVISES  # type: ignore[attr-defined]
    assert document.map.relationships["r-1"].kind is RelationshipKind.ADVISES
    assert document.undo_stack.count() == 1


def test_map_page_edits_title_labels_me_and_methods(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, _selection = make_panel(document, qtbot)
    page = panel.map_page
    assert panel.current_page is page
    assert page.fields["organisation"].widget.text() == "Acme & Sons"  # type: ignore[attr-defined]
    type_line(qtbot, page.fields["title"].widget, "Board outreach")
    type_line(qtbot, page.fields["label:monitor"].widget, "Watch list")
    pick(page.fields["me_id"].widget, "s-eli")
    type_line(qtbot, page.fields["engagement_methods"].widget, "Walk-and-talk, Team breakfast")
    info = stored(map_file).info
    assert info.title == "Board outreach"
    assert info.quadrant_labels.monitor == "Watch list"
    assert info.quadrant_labels.key_players == "Key players"
    assert info.me_id == "s-eli"
    assert info.engagement_methods == ("Walk-and-talk", "Team breakfast")
    assert document.undo_stack.count() == 4
    assert "last changed today" in page.dates.text()


def test_an_empty_quadrant_label_is_refused(document: MapDocument, qtbot) -> None:
    panel, _selection = make_panel(document, qtbot)
    page = panel.map_page
    label = page.fields["label:key_players"].widget
    type_line(qtbot, label, "")
    assert "must not be empty" in page.messages["label:key_players"].text.text()
    assert label.text() == "Key players"  # type: ignore[attr-defined]
    assert document.undo_stack.count() == 0


def test_renamed_quadrants_and_people_reach_the_other_pages(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    me = panel.map_page.fields["me_id"].widget
    assert isinstance(me, QComboBox)
    document.edit(lambda m: m.update_stakeholder("s-fay", name="Fay Ng"))
    assert me.findText("Fay Ng") >= 0
    selection.set(["s-dana"])
    document.edit(
        lambda m: m.update_info(quadrant_labels=m.info.quadrant_labels.__class__(key_players="Partners"))
    )
    assert panel.person_page.quadrant.text() == "Partners"
    assert document.undo_stack.count() == 2


def test_a_multiple_selection_says_how_many(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana", "s-eli", "s-fay"])
    assert panel.current_page is panel.map_page
    assert panel.map_page.selection_heading.text() == "3 people selected"
    assert panel.map_page.selection_heading.isVisibleTo(panel.map_page)
    selection.set([])
    assert not panel.map_page.selection_heading.isVisibleTo(panel.map_page)
    assert selection_summary(2, 1) == "2 people and 1 relationship selected"
    assert selection_summary(0, 1) == ""


def test_a_read_only_map_cannot_be_edited_and_says_why(map_file: Path, qtbot) -> None:
    document = MapDocument(open_map(map_file, read_only=True))
    try:
        panel, selection = make_panel(document, qtbot)
        assert panel.banner.isVisibleTo(panel)
        assert "Read-only" in panel.banner.text.text()
        assert document.read_only_reason
        assert document.read_only_reason in panel.banner.text.text()
        fields = panel.map_page.fields
        assert fields["title"].widget.isReadOnly()  # type: ignore[attr-defined]
        assert fields["purpose"].widget.isReadOnly()  # type: ignore[attr-defined]
        assert not fields["me_id"].widget.isEnabled()
        assert panel.map_page.notes.text.isReadOnly()
        selection.set(["s-dana"])
        page = panel.person_page
        role = page.fields["role"].widget
        assert isinstance(role, QLineEdit)
        assert role.isReadOnly()
        qtbot.keyClicks(role, "typed")
        assert role.text() == "Engineer"
        assert not page.fields["attitude"].widget.isEnabled()
        assert page.fields["influence"].widget.isReadOnly()  # type: ignore[attr-defined]
        assert not page.fields["in_focus"].widget.isEnabled()
        assert not page.plan.plan_button.isEnabled()
        assert page.notes.text.isReadOnly()
        assert not page.notes.save_button.isEnabled()
        assert page.plan.plan_engagement() is None
        selection.set([], ["r-1"])
        assert not panel.relationship_page.swap_button.isEnabled()
        assert document.undo_stack.count() == 0
    finally:
        document.close()


def test_sections_fold_and_stay_folded_for_the_next_person(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    page = panel.person_page
    profile = page.sections["Profile"]
    assert page.sections["Notes"].header.text() == "Notes (1)"
    profile.header.click()
    assert not profile.body.isVisibleTo(page)
    assert not page.fields["role"].widget.isVisibleTo(page)
    selection.set(["s-eli"])
    assert not profile.is_open
    assert page.sections["Notes"].header.text() == "Notes"  # Eli has none
    profile.header.click()
    assert page.fields["role"].widget.isVisibleTo(page)


def test_the_map_page_counts_its_notes_from_the_start(document: MapDocument, qtbot) -> None:
    from stakemap.core.entities import Note

    document.edit(lambda m: m.add_note(Note("About the map", id="n-map")))
    panel, _selection = make_panel(document, qtbot)
    assert panel.map_page.sections["Notes on the map"].header.text() == "Notes on the map (1)"
