"""Errors leave a trace: a private rotating log, a report with no map content, a window for a crash."""

from __future__ import annotations

import logging
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from stakemap.gui import diagnostics
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.main_window import MainWindow
from tests.gui.conftest import window  # noqa: F401 (fixture)
from tests.gui.modal_answerer import ModalAnswerer


@pytest.fixture
def log_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    diagnostics.setup_logging(folder)
    yield folder
    for handler in list(diagnostics.log.handlers):
        diagnostics.log.removeHandler(handler)
        handler.close()


def test_the_log_is_private_and_stays_private_when_it_rotates(log_folder: Path) -> None:
    path = diagnostics.log_file(log_folder)
    assert stat.S_IMODE(log_folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    logging.getLogger("stakemap.gui.something").error("a thing failed")
    (handler,) = [h for h in diagnostics.log.handlers if isinstance(h, logging.FileHandler)]
    handler.doRollover()
    logging.getLogger("stakemap.gui.something").error("after the rollover")
    handler.flush()
    for file in log_folder.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    assert "a thing failed" in (log_folder / "stakemap.log.1").read_text(encoding="utf-8")


def test_the_report_has_versions_and_log_lines_but_no_map_content(
    log_folder: Path, document: MapDocument, qapp: object
) -> None:
    document.edit(lambda m: m.update_stakeholder(next(iter(m.stakeholders)), name="Zebediah Quarrington"))
    try:
        raise RuntimeError("boom in a worker")
    except RuntimeError:
        logging.getLogger("stakemap.gui.widgets.analysis_worker").exception("The analysis failed")
    report = diagnostics.copy_diagnostic_report()
    assert QGuiApplication.clipboard().text() == report
    for expected in (
        "Stakemap ",
        "Qt ",
        "PySide6 ",
        "SQLite ",
        "Python ",
        "The analysis failed",
        "boom in a worker",
    ):
        assert expected in report
    assert "Traceback" in report  # the traceback is in the log, so a bug report has it
    assert "Zebediah" not in report


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_with_the_report(log_folder: Path, qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    previous = diagnostics.install_crash_window(lambda: parent)
    seen: list[str] = []

    def copy_report(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.windowTitle())
        next(b for b in dialog.buttons() if b.text() == "Copy Diagnostic Report").click()

    answers = ModalAnswerer().then(copy_report)

    def broken_slot() -> None:
        raise ValueError("a bug in a slot")

    try:
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    finally:
        answers.stop()
        sys.excepthook = previous
    assert seen == ["Stakemap hit an unexpected error"]
    text = diagnostics.log_file(log_folder).read_text(encoding="utf-8")
    assert "ValueError: a bug in a slot" in text
    assert "broken_slot" in text  # with its traceback
    assert "a bug in a slot" in QGuiApplication.clipboard().text()


def test_help_copies_the_report(log_folder: Path, window: MainWindow) -> None:  # noqa: F811
    action = next(
        a
        for a in window.findChildren(type(window.actions_.presenter))
        if a.text() == "Copy &Diagnostic Report"
    )
    action.trigger()
    assert QGuiApplication.clipboard().text().startswith("Stakemap ")
    assert "no map content" in window.statusBar().currentMessage()
