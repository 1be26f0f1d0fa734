"""The inspector's person page: every field shows the stored value, and each finished edit is one undo entry."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox

from stakemap.core.entities import Attitude, Relationship, RelationshipKind, Trust
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.inspector.fields import CommitOnLeaveText
from tests.conftest import stored
from tests.gui.inspector_helpers import leave, make_panel, pick, type_line, visible_text


def test_selecting_a_person_shows_their_profile(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    assert panel.current_page is panel.map_page
    selection.set(["s-dana"])
    page = panel.person_page
    assert panel.current_page is page
    fields = page.fields
    assert fields["name"].widget.text() == "Dana"  # type: ignore[attr-defined]
    assert fields["role"].widget.text() == "Engineer"  # type: ignore[attr-defined]
    assert fields["rank"].widget.text() == "4"  # type: ignore[attr-defined]
    assert fields["influence"].widget.value() == 80  # type: ignore[attr-defined]
    assert fields["attitude"].widget.currentText() == Attitude.CHAMPION.label  # type: ignore[attr-defined]
    assert fields["trust"].widget.currentData() is Trust.HIGH  # type: ignore[attr-defined]
    assert fields["in_focus"].widget.isChecked()  # type: ignore[attr-defined]
    assert page.quadrant.text() == "Key players"
    assert "partner" in page.strategy.text()
    # Drivers carry the method's prompts while empty.
    long_term = fields["drivers_long_term"].widget
    assert isinstance(long_term, CommitOnLeaveText)
    assert "respect and acknowledgement" in long_term.placeholderText()

    selection.set(["s-fay"])
    assert fields["name"].widget.text() == "Fay"  # type: ignore[attr-defined]
    assert fields["rank"].widget.text() == ""  # type: ignore[attr-defined]  # unknown rank: blank
    assert fields["confidential"].widget.isChecked()  # type: ignore[attr-defined]
    assert page.quadrant.text() == "Monitor"


def test_a_finished_role_edit_is_stored_as_one_undo_entry(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    role = panel.person_page.fields["role"].widget
    type_line(qtbot, role, "Principal Engineer", finish=False)
    assert document.undo_stack.count() == 0  # nothing per keystroke
    qtbot.keyClick(role, Qt.Key.Key_Return)
    assert document.undo_stack.count() == 1
    assert stored(map_file).stakeholders["s-dana"].role == "Principal Engineer"
    leave(role)  # leaving after Enter adds nothing
    assert document.undo_stack.count() == 1

    document.undo_stack.undo()
    assert role.text() == "Engineer"  # type: ignore[attr-defined]
    assert stored(map_file).stakeholders["s-dana"].role == "Engineer"
    document.undo_stack.redo()
    assert role.text() == "Principal Engineer"  # type: ignore[attr-defined]
    assert document.undo_stack.count() == 1


def test_an_empty_name_is_refused_beside_the_field_and_reverts(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    popups: list[str] = []
    document.write_failed.connect(popups.append)
    selection.set(["s-dana"])
    page = panel.person_page
    type_line(qtbot, page.fields["name"].widget, "   ")
    message = page.messages["name"]
    assert message.isVisibleTo(page)
    assert "must not be empty" in message.text.text()
    assert page.fields["name"].widget.text() == "Dana"  # type: ignore[attr-defined]
    assert document.undo_stack.count() == 0
    assert popups == []  # a refused value is explained in place, not in a dialog

    type_line(qtbot, page.fields["name"].widget, "Dana Ruiz")
    assert not message.isVisibleTo(page)  # the next good value clears the message
    assert document.map.stakeholders["s-dana"].name == "Dana Ruiz"
    assert page.heading.text() == "Dana Ruiz"


def test_rank_is_blank_for_unknown_and_refuses_words(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    page = panel.person_page
    rank = page.fields["rank"].widget
    type_line(qtbot, rank, "two")
    assert "whole number" in page.messages["rank"].text.text()
    assert rank.text() == "4"  # type: ignore[attr-defined]
    type_line(qtbot, rank, "120")
    assert "from 1 to 99" in page.messages["rank"].text.text()  # the model's own message
    type_line(qtbot, rank, "")
    assert stored(map_file).stakeholders["s-dana"].rank is None
    assert document.undo_stack.count() == 1


def test_typing_a_number_in_a_spin_box_is_one_edit_and_moves_the_quadrant(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-eli"])
    page = panel.person_page
    influence = page.fields["influence"].widget
    assert isinstance(influence, QSpinBox)
    influence.lineEdit().selectAll()
    qtbot.keyClicks(influence, "75")
    assert document.undo_stack.count() == 0
    qtbot.keyClick(influence, Qt.Key.Key_Return)
    assert document.undo_stack.count() == 1
    assert stored(map_file).stakeholders["s-eli"].influence == 75.0
    assert page.quadrant.text() == "Key players"


def test_arrow_steps_come_to_rest_as_one_edit(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-eli"])
    interest = panel.person_page.fields["interest"].widget
    assert isinstance(interest, QSpinBox)
    for _ in range(3):
        interest.stepUp()
    qtbot.waitUntil(lambda: document.undo_stack.count() > 0)
    assert document.map.stakeholders["s-eli"].interest == 78.0
    assert document.undo_stack.count() == 1


def test_a_fractional_position_is_not_rounded_by_merely_visiting_the_box(
    document: MapDocument, qtbot
) -> None:
    panel, selection = make_panel(document, qtbot)
    document.edit(lambda m: m.move_stakeholders({"s-eli": (37.4, 62.6)}))
    selection.set(["s-eli"])
    influence = panel.person_page.fields["influence"].widget
    assert influence.value() == 37  # type: ignore[attr-defined]
    influence.editingFinished.emit()  # type: ignore[attr-defined]
    leave(influence)
    assert document.map.stakeholders["s-eli"].influence == 37.4
    assert document.undo_stack.count() == 1


def test_combos_checkboxes_tags_and_colour_commit_at_once(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-eli"])
    fields = panel.person_page.fields
    pick(fields["attitude"].widget, Attitude.BLOCKER)
    pick(fields["desired_attitude"].widget, Attitude.CHAMPION)
    pick(fields["trust"].widget, Trust.LOW)
    confidential = fields["confidential"].widget
    assert isinstance(confidential, QCheckBox)
    confidential.click()
    type_line(qtbot, fields["tags"].widget, "budget, pilot; Budget ,")
    fields["colour"].choose("#3a7bd5")  # type: ignore[attr-defined]
    person = stored(map_file).stakeholders["s-eli"]
    assert (person.attitude, person.desired_attitude, person.trust) == (
        Attitude.BLOCKER,
        Attitude.CHAMPION,
        Trust.LOW,
    )
    assert person.confidential is True
    assert person.tags == ("budget", "pilot")
    assert fields["tags"].widget.text() == "budget, pilot"  # type: ignore[attr-defined]
    assert person.colour == "#3a7bd5"
    assert document.undo_stack.count() == 6
    fields["colour"].choose("")  # type: ignore[attr-defined]
    assert stored(map_file).stakeholders["s-eli"].colour == ""


def test_multi_line_text_commits_on_leaving_or_ctrl_enter(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    fields = panel.person_page.fields
    offer = fields["offer"].widget
    assert isinstance(offer, CommitOnLeaveText)
    qtbot.keyClicks(offer, "A one-page brief")
    qtbot.keyClick(offer, Qt.Key.Key_Return)
    qtbot.keyClicks(offer, "before the board day")
    assert document.undo_stack.count() == 0  # Enter alone is a new line
    qtbot.keyClick(offer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(map_file).stakeholders["s-dana"].offer == "A one-page brief\nbefore the board day"
    pain = fields["pain_points"].widget
    qtbot.keyClicks(pain, "Quarterly quota")
    leave(pain)
    assert stored(map_file).stakeholders["s-dana"].pain_points == "Quarterly quota"
    assert document.undo_stack.count() == 2


def test_a_change_made_elsewhere_refreshes_quietly_and_keeps_the_typing(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    fields = panel.person_page.fields
    role = fields["role"].widget
    assert isinstance(role, QLineEdit)
    type_line(qtbot, role, "Lead Eng", finish=False)
    role.setCursorPosition(4)

    document.edit(lambda m: m.update_stakeholder("s-dana", unit="Platform", influence=30.0))
    assert fields["unit"].widget.text() == "Platform"  # type: ignore[attr-defined]
    assert fields["influence"].widget.value() == 30  # type: ignore[attr-defined]
    assert panel.person_page.quadrant.text() == "Keep informed"
    assert (role.text(), role.cursorPosition()) == ("Lead Eng", 4)  # untouched: another field changed
    assert document.undo_stack.count() == 1  # the refresh made no edit of its own


def test_typed_text_is_stored_for_the_person_it_was_typed_for(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    role = panel.person_page.fields["role"].widget
    type_line(qtbot, role, "Architect", finish=False)
    selection.set(["s-eli"])  # e.g. a name clicked without leaving the field first
    assert document.map.stakeholders["s-dana"].role == "Architect"
    assert document.map.stakeholders["s-eli"].role == "Analyst"
    assert role.text() == "Analyst"  # type: ignore[attr-defined]


def test_relationships_line_names_people_as_links(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    links = panel.person_page.links
    shown = visible_text(links.text())
    assert "Advises Carla <CEO>" in shown  # escaped markup shows literally
    assert "Line manager of Eli" in shown
    links.linkActivated.emit("person:s-ceo")
    assert selection.stakeholder_ids == ("s-ceo",)
    assert panel.person_page.fields["name"].widget.text() == "Carla <CEO>"  # type: ignore[attr-defined]
    assert "Listens to Dana" in visible_text(panel.person_page.links.text())

    document.edit(lambda m: m.add_relationship(Relationship("s-ceo", "s-fay", RelationshipKind.INFORMAL)))
    assert "Close to Fay" in visible_text(panel.person_page.links.text())


def test_plan_engagement_adds_an_entry_a_week_ahead_and_hands_it_on(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    plan = panel.person_page.plan
    assert plan.engagement_ids() == ["e-1"]
    with qtbot.waitSignal(panel.engagement_added) as added:
        plan.plan_button.click()
    new_id = added.args[0]
    engagement = stored(map_file).engagements[new_id]
    assert (engagement.stakeholder_id, engagement.reason) == ("s-dana", "")
    assert engagement.due == date.today() + timedelta(days=7)
    assert plan.engagement_ids() == ["e-1", new_id]
    assert document.undo_stack.count() == 1

    with qtbot.waitSignal(panel.engagement_activated) as activated:
        plan.list.itemDoubleClicked.emit(plan.list.item(0))
    assert activated.args == ["e-1"]
    document.undo_stack.undo()
    assert plan.engagement_ids() == ["e-1"]


def test_user_text_displays_literally(document: MapDocument, qtbot) -> None:
    hostile = "<b>Zoë</b> & Co 🙂 مرحبا 你好"
    document.edit(lambda m: m.update_stakeholder("s-eli", name=hostile, role="<i>x</i>"))
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-eli"])
    page = panel.person_page
    assert page.heading.textFormat() == Qt.TextFormat.PlainText
    assert page.heading.text() == hostile
    assert page.fields["name"].widget.text() == hostile  # type: ignore[attr-defined]
    selection.set(["s-dana"])
    assert hostile in visible_text(page.links.text())


def test_deleting_the_shown_person_returns_to_the_map_page(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-fay"])
    document.edit(lambda m: m.remove_stakeholders(["s-fay"]))
    assert panel.current_page is panel.map_page
    assert selection.stakeholder_ids == ()
    document.undo_stack.undo()
    selection.set(["s-fay"])
    assert panel.current_page is panel.person_page
