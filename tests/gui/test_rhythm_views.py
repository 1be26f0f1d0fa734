"""History section, contact fields, the Follow-ups/Movers/Attitude-gap dock and Done → outcome → next."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from stakemap.core.entities import EngagementStatus, NoteKind, QuadrantCadences
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.rhythm.cadence_text import format_cadence, parse_cadence
from stakemap.gui.widgets.rhythm.done_dialog import DoneDialog, DoneFollowUp
from stakemap.gui.widgets.rhythm.rhythm_panel import RhythmPanel
from tests.conftest import stored
from tests.gui.inspector_helpers import make_panel, type_line


def test_cadence_text_reads_words_and_days_and_refuses_the_rest() -> None:
    assert [parse_cadence(t) for t in ("", "None", "weekly", " Monthly ", "45", "every 10 days", "3d")] == [
        None, 0, 7, 30, 45, 10, 3
    ]  # fmt: skip
    for bad in ("often", "0", "-3", "99999"):
        with pytest.raises(ValueError, match="number of days"):
            parse_cadence(bad)
    assert [format_cadence(d) for d in (None, 0, 91, 12)] == ["", "None", "Quarterly", "Every 12 days"]


def test_contact_fields_are_stored_and_a_bad_email_is_refused(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    page = panel.person_page
    type_line(qtbot, page.fields["email"].widget, "dana@example.org")
    type_line(qtbot, page.fields["cadence_days"].widget, "fortnightly")
    assert stored(map_file).stakeholders["s-dana"].email == "dana@example.org"
    assert stored(map_file).stakeholders["s-dana"].cadence_days == 14
    assert "No contact recorded" in page.contact_status.text()  # the note on Dana is an observation
    type_line(qtbot, page.fields["email"].widget, "not an address")
    assert stored(map_file).stakeholders["s-dana"].email == "dana@example.org"
    assert page.fields["email"].widget.text() == "dana@example.org"  # type: ignore[attr-defined]


def test_history_section_lists_snapshots_notes_and_engagements_newest_first(
    document: MapDocument, qtbot
) -> None:
    document.edit(lambda m: m.take_snapshot("Before"))
    document.edit(lambda m: m.update_stakeholder("s-dana", influence=40))
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    history = panel.person_page.history
    texts = [history.events.topLevelItem(i).text(1) for i in range(history.count())]
    assert any("Snapshot “Before”" in t for t in texts)
    assert any(t.startswith("☐") for t in texts)
    assert any(t.startswith("✎") for t in texts)
    assert [p.label for p in history.chart.points] == ["Before", "Now"]
    assert history.chart.points[-1].influence == 40
    document.edit(lambda m: m.update_engagement("e-1", outcome="Agreed a pilot"))
    assert any("Agreed a pilot" in history.events.topLevelItem(i).child(0).text(1)
               for i in range(history.count()) if history.events.topLevelItem(i).childCount())  # fmt: skip


def test_follow_ups_sorted_by_how_overdue_and_double_click_selects(document: MapDocument, qtbot) -> None:
    document.edit(lambda m: m.update_info(cadences=QuadrantCadences(key_players=30, keep_informed=7)))
    from stakemap.core.entities import Note

    document.edit(lambda m: m.add_note(Note("Call", NoteKind.CONVERSATION, "s-eli",
                                            created_at=datetime.now(UTC) - timedelta(days=20))))  # fmt: skip
    selection = Selection()
    panel = RhythmPanel(document, selection)
    qtbot.addWidget(panel)
    names = [panel.follow_ups.item(r, 0).text() for r in range(panel.follow_ups.rowCount())]
    statuses = [panel.follow_ups.item(r, 3).text() for r in range(panel.follow_ups.rowCount())]
    assert names[-1] == "Eli"
    assert "Overdue by 13 days" in statuses[-1]
    assert all("No contact recorded" in s for s in statuses[:-1])  # never contacted: first
    assert "going cold" in panel.tabText(0)
    panel._show_person(panel.follow_ups.item(len(names) - 1, 0))
    assert selection.current_stakeholder == "s-eli"


def test_movers_and_attitude_gap_tabs(document: MapDocument, qtbot) -> None:
    document.edit(lambda m: m.take_snapshot("Before"))
    document.edit(lambda m: m.update_stakeholder("s-eli", influence=90))
    panel = RhythmPanel(document, Selection())
    qtbot.addWidget(panel)
    assert panel.movers.rowCount() == 1
    assert panel.movers.item(0, 0).text() == "Eli"
    panel.to_combo.setCurrentIndex(0)  # the snapshot itself: nobody moved
    assert panel.movers.rowCount() == 0
    gaps = [panel.gaps.item(r, 4).text() for r in range(panel.gaps.rowCount())]
    assert gaps
    assert all(g for g in gaps)
    assert "No plan yet" in gaps


def test_done_asks_for_the_outcome_and_plans_the_next_engagement(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    document.edit(lambda m: m.update_stakeholder("s-dana", cadence_days=30))
    watcher = DoneFollowUp(document, _parent(qtbot))
    document.edit(lambda m: m.update_engagement("e-1", status=EngagementStatus.DONE))
    qtbot.waitUntil(lambda: watcher.dialog is not None)
    dialog = watcher.dialog
    assert isinstance(dialog, DoneDialog)
    assert dialog.due.date().toPython() == date.today() + timedelta(days=30)
    dialog.outcome.setPlainText("They want a pilot in March")
    dialog.accept()
    m = stored(map_file)
    assert m.engagements["e-1"].outcome == "They want a pilot in March"
    follow = [e for e in m.engagements.values() if e.id != "e-1" and e.stakeholder_id == "s-dana"]
    assert len(follow) == 1
    assert follow[0].status is EngagementStatus.PLANNED
    assert follow[0].due == date.today() + timedelta(days=30)
    assert follow[0].method == m.engagements["e-1"].method
    note = max(m.notes_on(stakeholder_id="s-dana"), key=lambda n: n.created_at)
    assert "They want a pilot in March" in note.text
    assert note.kind is NoteKind.CONVERSATION
    # One undo takes the outcome, note and next engagement back together.
    document.undo_stack.undo()
    assert stored(map_file).engagements["e-1"].outcome == ""
    assert len(stored(map_file).engagements) == len(m.engagements) - 1
    # Undo and redo of the status change do not ask again.
    watcher.dialog = None
    document.undo_stack.undo()
    document.undo_stack.redo()
    QApplication.processEvents()
    assert watcher.dialog is None


def _parent(qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_cards_past_their_cadence_are_marked_going_cold(document: MapDocument, qtbot) -> None:
    from datetime import UTC, datetime

    from stakemap.core.entities import Note
    from stakemap.gui.canvas.view import MapView

    view = MapView(document, Selection())
    qtbot.addWidget(view)
    cards = view.map_scene.cards
    assert not any(card.going_cold for card in cards.values())  # no rhythm set: nobody is cold
    document.edit(lambda m: m.update_stakeholder("s-eli", cadence_days=7))
    assert cards["s-eli"].going_cold  # never contacted
    document.edit(
        lambda m: m.add_note(Note("Chat", NoteKind.CONVERSATION, "s-eli", created_at=datetime.now(UTC)))
    )
    assert not cards["s-eli"].going_cold
    document.undo_stack.undo()
    assert cards["s-eli"].going_cold


def test_dropping_an_invitation_on_a_card_logs_it_for_that_person(
    document: MapDocument, map_file: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QMessageBox

    from stakemap.gui.canvas.view import MapView
    from stakemap.gui.widgets.rhythm.interaction_drop import InteractionDrop

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    view = MapView(document, Selection())
    view.resize(900, 700)
    view.show()
    qtbot.addWidget(view)
    drop = InteractionDrop(view, document, view)
    fixture = Path(__file__).parents[1] / "exchange" / "fixtures" / "interactions" / "google_invitation.ics"
    card = view.map_scene.cards["s-eli"]
    at = QPointF(view.mapFromScene(card.sceneBoundingRect().center()))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(fixture))])
    event = QDropEvent(
        at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    assert drop.eventFilter(view.viewport(), event)
    notes = stored(map_file).notes_on(stakeholder_id="s-eli")
    assert any("Coffee: analytics roadmap" in n.text for n in notes), shown
    assert shown
    assert "Logged for Eli" in shown[-1]
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile("/tmp/picture.png")])
    event = QDropEvent(
        at, Qt.DropAction.CopyAction, other, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    assert not drop.eventFilter(view.viewport(), event)  # not ours: the canvas handles it as before


def test_the_map_page_sets_quadrant_cadences_and_the_assessment_round(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, _selection = make_panel(document, qtbot)
    page = panel.map_page
    type_line(qtbot, page.fields["rhythm.key_players"].widget, "monthly")
    type_line(qtbot, page.fields["rhythm.assessment"].widget, "quarterly")
    info = stored(map_file).info
    assert info.cadences.key_players == 30
    assert info.assessment_every_days == 91
    type_line(qtbot, page.fields["rhythm.key_players"].widget, "")
    assert stored(map_file).info.cadences.key_players == 0
    assert page.fields["rhythm.key_players"].widget.text() == "None"  # type: ignore[attr-defined]


def test_a_due_assessment_round_is_a_notice_when_the_map_opens(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from stakemap.core.entities import MapInfo
    from stakemap.core.model import Map
    from stakemap.storage.database import create_map

    path = tmp_path / "due.stakemap"
    created = datetime(2025, 1, 1, tzinfo=UTC)
    create_map(
        path, Map(info=MapInfo(created_at=created, modified_at=created, assessment_every_days=91))
    ).close()
    assert window.open_path(path)
    notice = window.notice_bar.assessment
    assert window.isAncestorOf(notice)  # a line in the notice bar, not a window over the map
    assert window.notice_bar.notices_shown()
    assert not notice.dismissed
    assert "Time to re-assess" in notice.text()
    notice.action_button.click()
    assert not window.docks["snapshots"].isHidden()
    notice.close_button.click()
    assert notice.dismissed
    not_due = tmp_path / "fresh.stakemap"
    create_map(not_due, Map(info=MapInfo(assessment_every_days=91))).close()
    assert window.open_path(not_due)
    assert window.notice_bar.assessment.dismissed


def test_file_menu_exports_the_plan_to_a_calendar(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from icalendar import Calendar
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from stakemap.core.entities import Engagement
    from stakemap.core.model import Map
    from stakemap.storage.database import create_map

    m = Map()
    from stakemap.core.entities import Stakeholder

    m.add_stakeholder(Stakeholder("Dana", id="dana"))
    m.add_engagement(Engagement("dana", method="Email", owner="Ulla", due=date(2026, 12, 10)))
    path = tmp_path / "plan.stakemap"
    create_map(path, m).close()
    assert window.open_path(path)
    out = tmp_path / "out"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Ulla", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    texts = {a.text(): a for a in window.actions_.export_menu.actions()}
    texts["Plan to &Calendar (.ics)…"].trigger()
    (event,) = Calendar.from_ical((tmp_path / "out.ics").read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Email with Dana"
    file_menu = window.menuBar().actions()[0].menu()
    assert any(a.text() == "&Log Interaction from File…" and a.isEnabled() for a in file_menu.actions())


def test_the_going_cold_card_says_so_in_its_tooltip(document: MapDocument, qtbot) -> None:
    from stakemap.gui.canvas.view import MapView

    view = MapView(document, Selection())
    qtbot.addWidget(view)
    document.edit(lambda m: m.update_stakeholder("s-eli", cadence_days=7))
    assert "Going cold" in view.map_scene.cards["s-eli"].toolTip()
    assert "Going cold" not in view.map_scene.cards["s-dana"].toolTip()


def test_a_hidden_panel_refreshes_when_shown_again(document: MapDocument, qtbot) -> None:
    panel = RhythmPanel(document, Selection())
    qtbot.addWidget(panel)
    assert panel.follow_ups.rowCount() == 0
    document.edit(lambda m: m.update_stakeholder("s-eli", cadence_days=7))  # hidden: only marked stale
    panel.show()
    qtbot.waitExposed(panel)
    assert [panel.follow_ups.item(r, 0).text() for r in range(panel.follow_ups.rowCount())] == ["Eli"]
