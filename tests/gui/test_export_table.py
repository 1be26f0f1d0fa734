"""CSV/XLSX from the app: the file is for an audience unless the facilitator says it is for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

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
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(
        parent,
        "window",
        lambda: type(
            "W", (), {"statusBar": lambda self: type("S", (), {"showMessage": lambda *a: None})()}
        )(),
    )
    export_table_interactively(parent, document, "stakeholders")
    text = target.read_text(encoding="utf-8-sig")
    assert ("Fay" in text) is fay_in_file
    assert ("Trust" in text.splitlines()[0]) is fay_in_file
    assert ("FAY" in Path(proposed[0]).name) is fay_in_file  # the suggested name too
