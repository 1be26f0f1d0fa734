"""PDF export from the app, end to end: the report gets the chosen options off the UI thread, progress
shows, Cancel in the progress dialog stops it, a real export writes a PDF, and an existing file survives
a cancel or a failure."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QPushButton, QWidget

from stakemap.core.entities import Relationship, RelationshipKind
from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets import export_pdf
from stakemap.gui.widgets.export_pdf import PdfExport, PdfOptions, build_pdf
from stakemap.report import pdf as report_pdf
from stakemap.report.pdf import Edition, ExportCancelled


def run(job: PdfExport, qtbot) -> object:
    with qtbot.waitSignal(job.finished, timeout=60_000) as blocker:
        pass
    assert job.wait()
    return blocker.args[0]


@pytest.mark.parametrize("handout", [True, False])
def test_the_report_gets_the_chosen_edition_paper_and_insights_off_the_ui_thread(
    handout: bool, document: MapDocument, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_export(the_map: Map, out_path: Path, **kwargs: Any) -> None:
        calls.append({"map": the_map, "path": out_path, "thread": threading.current_thread(), **kwargs})

    monkeypatch.setattr(report_pdf, "export_plan_pdf", fake_export)
    # Fay is confidential: tied in, she shows up in the insights of the facilitator's copy only.
    document.edit(lambda m: m.add_relationship(Relationship("s-eli", "s-fay", RelationshipKind.ADVISES)))
    document.edit(lambda m: m.add_relationship(Relationship("s-dana", "s-fay", RelationshipKind.ADVISES)))
    options = PdfOptions(tmp_path / "plan.pdf", handout=handout, page_size="letter", insights=True)
    assert run(PdfExport(None, document.map, options), qtbot) is None
    (call,) = calls
    assert call["edition"] is (Edition.HANDOUT if handout else Edition.FACILITATOR)
    assert call["page_size"] == "letter"
    assert call["path"] == tmp_path / "plan.pdf"
    assert call["thread"] is not threading.main_thread()
    assert call["map"] is not document.map  # a copy: later edits cannot race the export
    assert call["map"].engagements == document.map.engagements
    assert call["insights"] is True
    # The report filters for the edition's audience itself (insights are computed on that map).
    assert call["audience"].confidential_people is not handout


def test_progress_shows_and_cancel_in_the_dialog_stops_a_slow_export(
    document: MapDocument, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen_cancel: list[bool] = []
    give_up = threading.Event()  # ends the fake export if the test fails before pressing Cancel

    def slow_export(the_map: Map, out_path: Path, **kwargs: Any) -> None:
        kwargs["progress"](1, 50)
        while not give_up.wait(0.01):
            if kwargs["cancelled"]():
                seen_cancel.append(True)
                raise ExportCancelled("The export was cancelled.")
        out_path.write_text("finished anyway")

    monkeypatch.setattr(report_pdf, "export_plan_pdf", slow_export)
    window = QWidget()
    qtbot.addWidget(window)
    try:
        job = PdfExport(window, document.map, PdfOptions(tmp_path / "plan.pdf", False, "a4", False))
        dialog = window.findChild(QProgressDialog)
        qtbot.waitUntil(lambda: dialog.value() == 1, timeout=10_000)  # progress reached the UI thread
        assert dialog.maximum() == 50
        dialog.findChild(QPushButton).click()  # the user presses Cancel
        assert run(job, qtbot) == "cancelled"
    finally:
        give_up.set()
    assert seen_cancel == [True]
    assert not (tmp_path / "plan.pdf").exists()
    assert not dialog.isVisible()


def test_a_real_export_of_the_small_map_writes_a_pdf_and_reports_progress(
    document: MapDocument, tmp_path: Path, qtbot
) -> None:
    steps: list[tuple[int, int]] = []

    def recording(the_map: Map, options: PdfOptions, progress: Callable[[int, int], None],
                  cancelled: Callable[[], bool]) -> None:  # fmt: skip
        build_pdf(
            the_map,
            options,
            lambda done, total: (steps.append((done, total)), progress(done, total)),
            cancelled,
        )

    out = tmp_path / "plan.pdf"
    job = PdfExport(None, document.map, PdfOptions(out, False, "a4", True), recording)
    assert run(job, qtbot) is None
    assert out.read_bytes().startswith(b"%PDF")
    assert steps
    assert steps[-1][0] == steps[-1][1]
    assert [s[0] for s in steps] == sorted(s[0] for s in steps)


def test_a_cancelled_or_failed_export_leaves_an_existing_file_as_it_was(
    document: MapDocument, tmp_path: Path, qtbot
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "plan.pdf"
    out.write_bytes(b"the plan printed last week")
    polls = iter(range(1000))

    def cancel_midway(the_map: Map, options: PdfOptions, progress: Callable[[int, int], None],
                      cancelled: Callable[[], bool]) -> None:  # fmt: skip
        build_pdf(the_map, options, progress, lambda: next(polls) >= 3)

    assert run(PdfExport(None, document.map, PdfOptions(out, False, "a4", False), cancel_midway), qtbot) == (
        "cancelled"
    )
    assert out.read_bytes() == b"the plan printed last week"
    assert sorted(p.name for p in folder.iterdir()) == ["plan.pdf"]  # no temporary file left behind

    missing = tmp_path / "no such folder" / "plan.pdf"
    message = run(PdfExport(None, document.map, PdfOptions(missing, False, "a4", False)), qtbot)
    assert isinstance(message, str)
    assert "Cannot write" in message


def test_from_the_menu_a_finished_export_offers_to_open_the_pdf(
    document: MapDocument, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    boxes: list[str] = []

    def press_open(box: QMessageBox) -> int:
        boxes.append(box.text())
        next(b for b in box.buttons() if b.text() == "Open PDF").click()
        return 0

    monkeypatch.setattr(export_pdf.ExportPdfDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "exec", press_open)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    job = export_pdf.export_pdf_interactively(None, document)  # type: ignore[arg-type]
    assert job is not None
    assert run(job, qtbot) is None
    target = Path(document.path).parent / "Test map - handout.pdf"  # beside the map, named after its title
    assert target.read_bytes().startswith(b"%PDF")
    assert boxes == ["Saved “Test map - handout.pdf”."]
    assert opened == [QUrl.fromLocalFile(str(target))]
