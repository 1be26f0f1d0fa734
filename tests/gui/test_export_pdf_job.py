"""PDF export from the app runs in the background, reports progress, and can be cancelled."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.export_pdf import ExportPdfDialog, PdfExport, PdfOptions


def test_dialog_offers_editions_and_paper(document: MapDocument, qtbot) -> None:
    dialog = ExportPdfDialog(document)
    qtbot.addWidget(dialog)
    options = dialog.options()
    assert options.handout  # the audience's edition by default, insights off
    assert not options.insights
    assert options.path.name == "Test map - handout.pdf"
    dialog.edition.setCurrentIndex(dialog.edition.findData(False))
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("letter"))
    options = dialog.options()
    assert not options.handout
    assert options.insights
    assert options.page_size == "letter"
    assert options.path.name == "Test map.pdf"


def test_suggested_handout_name_leaves_hidden_people_out(document: MapDocument, qtbot) -> None:
    fay = document.map.stakeholders["s-fay"]
    assert fay.confidential
    document.edit(lambda m: m.update_info(title=f"Talks with {fay.name.upper()}"))
    dialog = ExportPdfDialog(document)
    qtbot.addWidget(dialog)
    assert fay.name.split()[0].casefold() not in dialog.path.text().casefold()
    assert dialog.path.text().endswith("Talks with someone - handout.pdf")


def test_background_export_reports_progress_and_success(document: MapDocument, tmp_path: Path, qtbot) -> None:
    seen: list[tuple[int, int]] = []

    def builder(
        the_map: Map, options: PdfOptions, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
    ) -> None:
        for step in range(1, 4):
            progress(step, 3)
            seen.append((step, 3))
        options.path.write_text(f"{len(the_map.stakeholders)} people")

    job = PdfExport(None, document.map, PdfOptions(tmp_path / "plan.pdf", False, "a4", False), builder)
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [None]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert (tmp_path / "plan.pdf").read_text() == "4 people"


def test_cancel_stops_the_export_and_writes_nothing(document: MapDocument, tmp_path: Path, qtbot) -> None:
    class Cancelled(Exception):
        pass

    def slow(
        the_map: Map, options: PdfOptions, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
    ) -> None:
        for _ in range(500):
            if cancelled():
                raise Cancelled()
            time.sleep(0.01)
        options.path.write_text("too late")

    job = PdfExport(None, document.map, PdfOptions(tmp_path / "plan.pdf", False, "a4", False), slow)
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == ["cancelled"]
    assert not (tmp_path / "plan.pdf").exists()
