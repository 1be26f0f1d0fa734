"""The insights dock: results arrive from a background run, rows select people, paths highlight, edits re-run."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl

from stakemap.core.analysis import AnalysisCancelled, AnalysisReport, analyse
from stakemap.core.entities import Relationship, RelationshipKind
from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.analysis_panel import AnalysisPanel, report_html
from stakemap.gui.widgets.analysis_worker import AnalysisRunner


def test_results_show_and_rows_select_people(document: MapDocument, qtbot) -> None:
    selection = Selection()
    panel = AnalysisPanel(document, selection)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10_000)
    text = panel.results.toPlainText()
    assert "Dana is listened to by 2 people." in text
    panel._link_clicked(QUrl("select:s-dana"))
    assert selection.stakeholder_ids == ("s-dana",)
    panel.shutdown()


def test_user_text_is_escaped_in_the_results(document: MapDocument) -> None:
    html = report_html(analyse(document.map))
    assert "Carla &lt;CEO&gt;" in html
    assert "<CEO>" not in html


def test_path_picker_highlights_a_chain(document: MapDocument, qtbot) -> None:
    panel = AnalysisPanel(document, Selection())
    qtbot.addWidget(panel)
    panel.source_combo.setCurrentIndex(panel.source_combo.findData("s-eli"))
    with qtbot.waitSignal(panel.path_changed) as blocker:
        panel.set_path_target("s-ceo")
    assert blocker.args[0] == ["s-eli", "s-dana", "s-ceo"]
    assert "Eli" in panel.paths_list.item(0).text()
    panel.shutdown()


def test_an_edit_reruns_the_analysis(document: MapDocument, qtbot) -> None:
    panel = AnalysisPanel(document, Selection())
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10_000)
    first = panel.report
    document.edit(lambda m: m.add_relationship(Relationship("s-fay", "s-eli", RelationshipKind.ADVISES)))
    qtbot.waitUntil(lambda: panel.report is not first, timeout=10_000)
    assert panel.report is not None
    assert panel.report.ties == 3
    panel.shutdown()


def test_a_running_analysis_can_be_cancelled(map_file: Path, document: MapDocument, qtbot) -> None:
    release = threading.Event()

    def slow(
        the_map: Map, source_id: str | None = None, cancelled: Callable[[], bool] | None = None
    ) -> AnalysisReport:
        while not release.wait(0.01):
            if cancelled is not None and cancelled():
                raise AnalysisCancelled()
        return analyse(the_map)

    runner = AnalysisRunner(slow)
    with qtbot.waitSignal(runner.started):
        runner.schedule(document.map, None, immediately=True)
    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.cancel()
    assert not runner.running
    release.set()
    assert runner.wait()


def test_clear_gives_the_whole_map_back(document: MapDocument, qtbot) -> None:
    panel = AnalysisPanel(document, Selection())
    qtbot.addWidget(panel)
    assert not panel.clear_path_button.isEnabled()  # nothing highlighted yet
    panel.source_combo.setCurrentIndex(panel.source_combo.findData("s-eli"))
    panel.set_path_target("s-ceo")
    assert panel.clear_path_button.isEnabled()
    with qtbot.waitSignal(panel.path_changed) as blocker:
        panel.clear_path_button.click()
    assert blocker.args[0] is None  # nothing dimmed any more
    assert not panel.clear_path_button.isEnabled()
    panel.shutdown()


def test_path_from_follows_me_unless_someone_else_was_picked(document: MapDocument, qtbot) -> None:
    document.edit(lambda m: m.update_info(me_id="s-eli"))
    panel = AnalysisPanel(document, Selection())
    qtbot.addWidget(panel)
    assert panel.source_combo.currentData() == "s-eli"
    document.edit(lambda m: m.update_info(me_id="s-dana"))
    assert panel.source_combo.currentData() == "s-dana"  # followed the new "me"
    assert panel.source_combo.currentText() == "Dana (me)"
    panel.source_combo.setCurrentIndex(panel.source_combo.findData("s-ceo"))  # the user's own choice
    document.edit(lambda m: m.update_info(me_id="s-eli"))
    assert panel.source_combo.currentData() == "s-ceo"  # kept
    panel.shutdown()
