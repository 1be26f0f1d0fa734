"""The Activity dock (issue 16, point 3): who changed what, from the server's change log."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from stakemap.core.entities import Note
from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.activity_panel import EVERYONE, ActivityPanel
from stakemap.storage.activity import read_activity
from tests.conftest import small_map
from tests.server.conftest import TeamMap

pytestmark = pytest.mark.postgres

Team = Callable[[Map | None], TeamMap]


@pytest.fixture
def panels() -> Iterator[Callable[[MapDocument], ActivityPanel]]:
    """Activity panels that are shut down after the test (a pending reread would reopen a connection)."""
    made: list[ActivityPanel] = []

    def make(document: MapDocument) -> ActivityPanel:
        made.append(ActivityPanel(document))
        return made[-1]

    yield make
    for panel in made:
        if not panel.shut_down:
            panel.shutdown()


def test_the_panel_lists_who_did_what_and_filters_by_person(
    make_team_map: Team, qapp: object, panels: Callable[[MapDocument], ActivityPanel]
) -> None:
    team = make_team_map(small_map())
    sam, priya = MapDocument(team.open("sam")), MapDocument(team.open("priya"))
    sam.edit(lambda m: m.move_stakeholders({"s-dana": (70.0, 70.0)}))
    sam.edit(lambda m: m.add_note(Note("Secret", stakeholder_id="s-eli", confidential=True, id="n-x")))
    priya.edit(lambda m: m.update_stakeholder("s-ceo", role="Chair"))
    sam.edit(lambda m: m.remove_stakeholders(["s-fay"]))
    priya.pull_remote()
    panel = panels(priya)
    lines = panel.lines()
    assert lines[0].startswith("Sam · deleted Fay · ")  # newest first; a deleted person keeps their name
    assert any(line.startswith("Priya · changed Carla <CEO> · ") for line in lines)
    assert any(line.startswith("Sam · moved Dana · ") and line.endswith(" · new") for line in lines), lines
    # sam's confidential note is not in priya's activity at all.
    assert not any("note on Eli" in line for line in lines)
    assert any("note on Eli" in line for line in panels(sam).lines())
    panel.person.setCurrentText("Priya")
    assert panel.lines()
    assert all(line.startswith("Priya · ") for line in panel.lines())
    panel.person.setCurrentText(EVERYONE)
    assert len(panel.lines()) == len(lines)
    for document in (sam, priya):
        document.close()


def test_a_map_file_has_no_activity(map_file: object) -> None:
    from pathlib import Path

    from stakemap.storage.database import open_map

    opened = open_map(Path(str(map_file)))
    try:
        assert read_activity(opened.repository) == []
    finally:
        opened.close()


def test_subject_filter_and_new_since_last_opened(
    make_team_map: Team, qapp: object, panels: Callable[[MapDocument], ActivityPanel]
) -> None:
    team = make_team_map(small_map())
    sam = MapDocument(team.open("sam"))
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Lead"))
    first = MapDocument(team.open("priya"))
    panel = panels(first)
    panel.subject.setText("note dana")
    assert panel.lines()
    assert all("note on Dana" in line for line in panel.lines())
    panel.subject.setText("")
    assert not any(line.endswith(" · new") for line in panel.lines())  # nothing since this first opening
    panel.shutdown()
    first.close()
    sam.edit(lambda m: m.update_stakeholder("s-eli", role="Lead"))
    again = MapDocument(team.open("priya"))
    news = [line for line in panels(again).lines() if line.endswith(" · new")]
    assert len(news) == 1
    assert news[0].startswith("Sam · changed Eli · ")
    for document in (sam, again):
        document.close()


def test_an_owner_restores_a_deleted_person_with_what_went_with_them(
    make_team_map: Team, qapp: object, panels: Callable[[MapDocument], ActivityPanel]
) -> None:
    team = make_team_map(small_map())
    sam = MapDocument(team.open("sam"))
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Lead"))
    sam.edit(
        lambda m: m.add_note(Note("Sam's own secret", stakeholder_id="s-dana", confidential=True, id="n-c"))
    )
    sam.edit(lambda m: m.remove_stakeholders(["s-dana"]))
    priya = MapDocument(team.open("priya"))
    assert not panels(priya).restore.isVisibleTo(None)  # editors do not restore
    cora = MapDocument(team.open("cora"))
    panel = panels(cora)
    panel.list.setCurrentRow(0)
    assert panel.lines()[0].startswith("Sam · deleted Dana · ")
    assert panel.restore.isEnabled()
    panel.restore_selected()
    assert "Dana is back on the map" in panel.note.text()
    dana = cora.map.stakeholders["s-dana"]
    assert dana.role == "Lead"  # as she was when deleted, not as first made
    assert {"r-1", "r-2"} <= set(cora.map.relationships)
    assert "n-1" in cora.map.notes
    assert "e-1" in cora.map.engagements
    assert "n-c" not in cora.map.notes  # a confidential note's text was never in the log
    # Stored, and undoable like any edit.
    assert "s-dana" in MapDocument(team.open("vera")).map.stakeholders
    cora.undo_stack.undo()
    assert "s-dana" not in cora.map.stakeholders
    for document in (sam, priya, cora):
        document.close()
