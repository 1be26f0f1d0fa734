"""Exports start in the folder the user last exported to, else beside the map; the paper is remembered,
the edition is not (every PDF export starts as the handout)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow

from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.export_folder import export_folder, remember_export_folder
from stakemap.gui.widgets.export_pdf import ExportPdfDialog
from stakemap.gui.widgets.rhythm.actions import export_calendar


def test_beside_the_map_until_an_export_went_elsewhere(document: MapDocument, tmp_path: Path) -> None:
    assert document.path is not None
    assert export_folder(document) == document.path.parent
    handouts = tmp_path / "handouts"
    handouts.mkdir()
    remember_export_folder(handouts / "plan.pdf")
    assert export_folder(document) == handouts
    handouts.rmdir()  # an unplugged drive: back beside the map
    assert export_folder(document) == document.path.parent


def test_the_pdf_dialog_remembers_folder_and_paper_not_the_edition(
    document: MapDocument, tmp_path: Path, qtbot
) -> None:
    handouts = tmp_path / "handouts"
    handouts.mkdir()
    dialog = ExportPdfDialog(document)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(handouts / "board.pdf"))
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("letter"))
    dialog.edition.setCurrentIndex(1)  # the facilitator's copy
    from stakemap.gui.widgets import export_pdf

    options = dialog.options()
    export_pdf.remember_export_folder(options.path)
    export_pdf.QSettings().setValue(export_pdf.PAGE_SIZE_KEY, options.page_size)
    again = ExportPdfDialog(document)
    qtbot.addWidget(again)
    assert Path(again.path.text()).parent == handouts
    assert again.page_size.currentData() == "letter"
    assert again.edition.currentData() is True  # the handout, always first


class _MapHost(QMainWindow):
    """All ``export_calendar`` asks of the window: a widget for its dialogs, a status bar, the open map."""

    def __init__(self, document: MapDocument) -> None:
        super().__init__()
        self.document: MapDocument | None = document


def test_the_calendar_export_starts_in_the_last_folder(
    document: MapDocument, tmp_path: Path, qtbot, monkeypatch
) -> None:
    elsewhere = tmp_path / "calendars"
    elsewhere.mkdir()
    remember_export_folder(elsewhere / "x.pdf")
    proposed: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (proposed.append(a[2]), ("", ""))[1])
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem", lambda *a, **k: ("Everyone", True))
    window = _MapHost(document)
    qtbot.addWidget(window)
    export_calendar(window)
    assert proposed == [str(elsewhere / "plan.ics")]
