"""Export tables from the app: stakeholders, relationships or the plan as CSV, or all three as XLSX (gui layer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.writers import export_csv, export_xlsx
from stakemap.gui.document import MapDocument


def _include_confidential(parent: QWidget, document: MapDocument) -> bool | None:
    if not any(p.confidential for p in document.map.stakeholders.values()):
        return True
    answer = QMessageBox.question(
        parent,
        "Confidential people",
        "Include the people marked confidential in the file?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Cancel:
        return None
    return answer == QMessageBox.StandardButton.Yes


def export_table_interactively(parent: QWidget, document: MapDocument, what: str) -> None:
    """``what``: "stakeholders", "relationships", "plan" (CSV) or "workbook" (XLSX)."""
    suffix = "xlsx" if what == "workbook" else "csv"
    folder = document.path.parent if document.path and not document.untitled else Path.home()
    default = folder / f"{document.title} - {what}.{suffix}"
    filter_ = "Excel workbook (*.xlsx)" if suffix == "xlsx" else "CSV (*.csv)"
    name, _ = QFileDialog.getSaveFileName(parent, "Export", str(default), filter_)
    if not name:
        return
    include = _include_confidential(parent, document)
    if include is None:
        return
    path = Path(name if name.lower().endswith(f".{suffix}") else f"{name}.{suffix}")
    try:
        if suffix == "xlsx":
            export_xlsx(document.map, path, include_confidential=include)
        else:
            export_csv(document.map, path, what, include_confidential=include)  # type: ignore[arg-type]
    except ExchangeError as exc:
        QMessageBox.warning(parent, "Export failed", str(exc))
        return
    parent.window().statusBar().showMessage(f"Exported {path}", 6000)  # type: ignore[attr-defined]
