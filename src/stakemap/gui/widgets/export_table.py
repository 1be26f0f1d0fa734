"""Export tables from the app: stakeholders, relationships or the plan as CSV, or all three as XLSX or ODS (gui layer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.writers import export_csv, export_ods, export_xlsx
from stakemap.gui.dialog_host import DialogHost
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.export_folder import export_folder, remember_export_folder


def _include_confidential(parent: QWidget, document: MapDocument) -> bool | None:
    """True: everything (for the facilitator); False: for an audience (see ``writers``); None: cancelled."""
    box = QMessageBox(QMessageBox.Icon.Question, "Who is this file for?",
                      "An audience's file leaves out confidential people (and their names in anyone's text), "
                      "attitude, trust, where people are hurting and the notes on ties.", parent=parent)  # fmt: skip
    audience = box.addButton("An audience", QMessageBox.ButtonRole.AcceptRole)
    private = box.addButton("Me (everything)", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(audience)
    box.exec()
    if box.clickedButton() is audience:
        return False
    if box.clickedButton() is private:
        return True
    return None


def export_table_interactively(host: DialogHost, document: MapDocument, what: str) -> None:
    """``what``: "stakeholders", "relationships", "plan" (CSV), "workbook" (XLSX) or "ods" (all three, ODS)."""
    parent = host.window()
    from stakemap.core.audience import AUDIENCE, redact_text

    include = _include_confidential(parent, document)
    if include is None:
        return
    suffix = {"workbook": "xlsx", "ods": "ods"}.get(what, "csv")
    folder = export_folder(document)
    title = document.title if include else redact_text(document.map, AUDIENCE, document.title)
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in title).strip() or "map"
    default = folder / f"{safe} - {'workbook' if what == 'ods' else what}.{suffix}"
    filter_ = {"xlsx": "Excel workbook (*.xlsx)", "ods": "OpenDocument spreadsheet (*.ods)"}.get(
        suffix, "CSV (*.csv)"
    )
    name, _ = QFileDialog.getSaveFileName(parent, "Export", str(default), filter_)
    if not name:
        return
    path = Path(name if name.lower().endswith(f".{suffix}") else f"{name}.{suffix}")
    remember_export_folder(path)
    try:
        if suffix == "xlsx":
            export_xlsx(document.map, path, include_confidential=include)
        elif suffix == "ods":
            export_ods(document.map, path, include_confidential=include)
        else:
            export_csv(document.map, path, what, include_confidential=include)  # type: ignore[arg-type]  # the menu passes only the three table names
    except ExchangeError as exc:
        QMessageBox.warning(parent, "Export failed", str(exc))
        return
    host.statusBar().showMessage(f"Exported {path}", 6000)
