"""CSV/XLSX from the app: the file is for an audience unless the facilitator says it is for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.export_table import export_table_interactively


@pytest.mark.parametrize(("button", "fay_in_file"), [("default", False), ("Me (everything)", True)])
def test_the_audience_is_the_default(document: MapDocument, tmp_path: Path, qtbot, monkeypatch, button: str,
                                     fay_in_file: bool) -> None:  # fmt: skip
    target = tmp_path / "people.csv"
    proposed: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: proposed.append(a[2]) or (str(target), "CSV (*.csv)")
    )
    document.edit(lambda m: m.update_info(title="Talks with FAY"))

    def answer(box: QMessageBox) -> int:
        chosen = (
            box.defaultButton()
            if button == "default"
            else next(b for b in box.buttons() if b.text() == button)
        )
        chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    parent = QMainWindow()  # a DialogHost: dialogs open over it, its status bar says what was written
    qtbot.addWidget(parent)
    export_table_interactively(parent, document, "stakeholders")
    text = target.read_text(encoding="utf-8-sig")
    assert ("Fay" in text) is fay_in_file
    assert ("Trust" in text.splitlines()[0]) is fay_in_file
    assert ("FAY" in Path(proposed[0]).name) is fay_in_file  # the suggested name too


@pytest.mark.parametrize(("what", "suffix"), [("workbook", "xlsx"), ("ods", "ods")])
def test_everything_as_one_spreadsheet_for_an_audience(
    document: MapDocument, tmp_path: Path, qtbot, monkeypatch, what: str, suffix: str
) -> None:
    from stakemap.exchange.sources import read_table

    target = tmp_path / "map"  # typed without a suffix: the format's own is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), a[3]))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.defaultButton().click())
    parent = QMainWindow()  # a DialogHost: its status bar says what was written
    qtbot.addWidget(parent)
    messages: list[str] = []
    parent.statusBar().messageChanged.connect(messages.append)
    export_table_interactively(parent, document, what)
    written = tmp_path / f"map.{suffix}"
    assert messages == [f"Exported {written}"]
    table = read_table(written)
    assert set(table.other_sheets) >= {"Relationships", "Plan"}
    names = {row[0] for row in table.rows}
    assert names
    assert "Fay" not in names  # the confidential person stays out of an audience's copy
