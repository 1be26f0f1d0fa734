"""Import stakeholders (and relationships) from CSV or XLSX: preview, column mapping guessed from the
headers, rows with problems listed with their row number, one undo entry for the whole import (gui layer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.fields import RELATIONSHIP_FIELDS, STAKEHOLDER_FIELDS, ImportField, guess_mapping
from stakemap.exchange.importing import ImportPlan, plan_import
from stakemap.exchange.sources import RawTable, read_table
from stakemap.gui.document import MapDocument

PREVIEW_ROWS = 20
NOT_IMPORTED = "— not imported —"


class MappingForm(QWidget):
    """One combo per field: which column fills it."""

    def __init__(self, fields: tuple[ImportField, ...], on_change: object) -> None:
        super().__init__()
        self.fields = fields
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout(self)
        for spec in fields:
            combo = QComboBox()
            combo.currentIndexChanged.connect(on_change)  # type: ignore[arg-type]
            label = f"{spec.label} *" if spec.required else spec.label
            form.addRow(label, combo)
            self.combos[spec.name] = combo

    def set_headers(self, headers: list[str]) -> None:
        guessed = guess_mapping(headers, self.fields)
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IMPORTED, None)
            for index, header in enumerate(headers):
                combo.addItem(header or f"(column {index + 1})", index)
            combo.setCurrentIndex(combo.findData(guessed[name]) if name in guessed else 0)
            combo.blockSignals(False)

    def mapping(self) -> dict[str, int]:
        return {
            name: combo.currentData()
            for name, combo in self.combos.items()
            if combo.currentData() is not None
        }


class ImportDialog(QDialog):
    def __init__(
        self, document: MapDocument, path: Path, table: RawTable, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import “{path.name}”")
        self.resize(1100, 700)
        self._document = document
        self._path = path
        self._sheets: dict[str, RawTable] = {table.source.split(" › ")[-1]: table, **table.other_sheets}
        self.plan: ImportPlan | None = None
        layout = QVBoxLayout(self)

        sheet_row = QHBoxLayout()
        self.people_sheet = QComboBox()
        self.ties_sheet = QComboBox()
        self.ties_sheet.addItem("(none)", None)
        for name in self._sheets:
            self.people_sheet.addItem(name, name)
            self.ties_sheet.addItem(name, name)
        relationship_sheet = next((n for n in self._sheets if n.casefold().startswith("relationship")), None)
        self.ties_sheet.setCurrentIndex(max(0, self.ties_sheet.findData(relationship_sheet)))
        self.people_sheet.currentIndexChanged.connect(self._sheet_changed)
        self.ties_sheet.currentIndexChanged.connect(self._sheet_changed)
        if len(self._sheets) > 1:
            sheet_row.addWidget(QLabel("Stakeholders from sheet"))
            sheet_row.addWidget(self.people_sheet)
            sheet_row.addWidget(QLabel("Relationships from sheet"))
            sheet_row.addWidget(self.ties_sheet)
        details = [f"{len(table.rows)} rows"]
        if table.encoding:
            details.append(f"encoding {table.encoding}")
        if table.delimiter:
            details.append(
                {",": "comma", ";": "semicolon", "\t": "tab"}.get(table.delimiter, table.delimiter)
                + "-separated"
            )
        sheet_row.addWidget(QLabel(" · ".join(details)))
        sheet_row.addStretch(1)
        layout.addLayout(sheet_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        mapping_box = QGroupBox("Columns")
        mapping_layout = QVBoxLayout(mapping_box)
        self.people_mapping = MappingForm(STAKEHOLDER_FIELDS, self._recompute)
        self.ties_mapping = MappingForm(RELATIONSHIP_FIELDS, self._recompute)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(QLabel("<b>Stakeholders</b>"))
        inner_layout.addWidget(self.people_mapping)
        self.ties_title = QLabel("<b>Relationships</b>")
        inner_layout.addWidget(self.ties_title)
        inner_layout.addWidget(self.ties_mapping)
        scroll.setWidget(inner)
        mapping_layout.addWidget(scroll)
        splitter.addWidget(mapping_box)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel(f"Preview (first {PREVIEW_ROWS} rows)"))
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        right_layout.addWidget(self.preview, 2)
        right_layout.addWidget(QLabel("Rows with problems — they will be skipped:"))
        self.problems = QListWidget()
        right_layout.addWidget(self.problems, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.summary = QLabel("")
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("Import")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._sheet_changed()

    # ------------------------------------------------------------- compute
    def _people_table(self) -> RawTable:
        return self._sheets[self.people_sheet.currentData()]

    def _ties_table(self) -> RawTable | None:
        name = self.ties_sheet.currentData()
        return self._sheets.get(name) if name and name != self.people_sheet.currentData() else None

    def _sheet_changed(self) -> None:
        table = self._people_table()
        self.people_mapping.set_headers(table.headers)
        ties = self._ties_table()
        self.ties_mapping.setVisible(ties is not None)
        self.ties_title.setVisible(ties is not None)
        if ties is not None:
            self.ties_mapping.set_headers(ties.headers)
        self._fill_preview(table)
        self._recompute()

    def _fill_preview(self, table: RawTable) -> None:
        self.preview.clear()
        self.preview.setColumnCount(len(table.headers))
        self.preview.setHorizontalHeaderLabels(table.headers)
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        self.preview.setVerticalHeaderLabels([str(n) for n in table.row_numbers[: len(rows)]])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value[:200])  # items show text literally: no markup is run
                item.setToolTip(value[:2000])
                self.preview.setItem(r, c, item)

    def _recompute(self) -> None:
        ties = self._ties_table()
        try:
            self.plan = plan_import(
                self._people_table(),
                self.people_mapping.mapping(),
                self._document.map,
                relationship_table=ties,
                relationship_mapping=self.ties_mapping.mapping() if ties is not None else None,
            )
        except ValueError as exc:
            self.plan = None
            self.summary.setText(str(exc))
            self.problems.clear()
            self.import_button.setEnabled(False)
            return
        self.problems.clear()
        for problem in self.plan.problems:
            self.problems.addItem(str(problem))
        self.summary.setText(self.plan.summary() + ".")
        count = len(self.plan.entities())
        self.import_button.setEnabled(count > 0 and not self._document.read_only)
        skipped = f", skip {self.plan.skipped}" if self.plan.skipped else ""
        self.import_button.setText(f"Import {len(self.plan.stakeholders)} people{skipped}")

    def apply(self) -> bool:
        """Add the plan to the map as one undo entry."""
        if self.plan is None:
            return False
        plan = self.plan
        return self._document.try_edit(lambda m: plan.apply_to(m, f"Import {self._path.name}")) is not None


def import_interactively(window: QWidget, document: MapDocument) -> None:
    start = str(document.path.parent) if document.path and not document.untitled else str(Path.home())
    name, _ = QFileDialog.getOpenFileName(
        window, "Import Stakeholders", start, "Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)"
    )
    if not name:
        return
    try:
        table = read_table(Path(name))
    except ExchangeError as exc:
        QMessageBox.warning(window, "Cannot import", str(exc))
        return
    dialog = ImportDialog(document, Path(name), table, window)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.apply():
        window.window().statusBar().showMessage(f"Imported from {Path(name).name}", 6000)  # type: ignore[attr-defined]
