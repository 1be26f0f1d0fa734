"""Import stakeholders, relationships and plan entries from CSV, XLSX or ODS: preview, column mapping guessed from the
headers, rows with problems listed with their row number, one undo entry for the whole import (gui layer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.entities import RelationshipKind
from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.fields import RELATIONSHIP_FIELDS, STAKEHOLDER_FIELDS, ImportField, guess_mapping, norm
from stakemap.exchange.import_file import choose_plan_sheet, choose_sheets
from stakemap.exchange.importing import ImportPlan, People
from stakemap.exchange.sources import RawTable, read_table
from stakemap.exchange.ties import TieChoices
from stakemap.gui.dialog_host import DialogHost
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.import_job import PlanJob

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
            combo.currentIndexChanged.connect(on_change)
            label = f"{spec.label} *" if spec.required else spec.label
            form.addRow(label, combo)
            self.combos[spec.name] = combo

    def set_headers(self, headers: list[str], hidden: frozenset[int] = frozenset()) -> None:
        guessed = guess_mapping(["" if i in hidden else h for i, h in enumerate(headers)], self.fields)
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IMPORTED, None)
            for index, header in enumerate(headers):
                label = header or f"(column {index + 1})"
                combo.addItem(f"{label} (hidden)" if index in hidden else label, index)
            combo.setCurrentIndex(combo.findData(guessed[name]) if name in guessed else 0)
            combo.blockSignals(False)

    def mapping(self) -> dict[str, int]:
        return {
            name: combo.currentData()
            for name, combo in self.combos.items()
            if combo.currentData() is not None
        }


class ImportDialog(QDialog):
    """Preview, mapping and problems; the plan is computed in a worker thread so a 60,000-row file
    never freezes the window, and a change of mapping cancels the plan under way and starts another."""

    planned = Signal()  # a plan (or the reason there is none) is ready

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
        self._job: PlanJob | None = None
        self._people_cache: tuple[object, tuple[ImportPlan, People]] | None = None
        layout = QVBoxLayout(self)

        sheet_row = QHBoxLayout()
        self.people_sheet = QComboBox()
        self.ties_sheet = QComboBox()
        self.plan_sheet = QComboBox()
        for combo in (self.people_sheet, self.ties_sheet, self.plan_sheet):
            combo.addItem("(none)", None)
            for name in self._sheets:
                combo.addItem(name, name)
        people, ties = choose_sheets(table)
        self.people_sheet.setCurrentIndex(max(0, self.people_sheet.findData(self._name_of(people))))
        self.ties_sheet.setCurrentIndex(max(0, self.ties_sheet.findData(self._name_of(ties))))
        plan_sheet = choose_plan_sheet(table)
        self.plan_sheet.setCurrentIndex(max(0, self.plan_sheet.findData(self._name_of(plan_sheet))))
        self.plan_sheet.setToolTip(
            "Planned engagements (Person, Reason, Method, Due, Status…), as Stakemap exports them"
        )
        if people is None and ties is None and plan_sheet is None:
            self.people_sheet.setCurrentIndex(1)  # nothing fits: let the mapping say what is missing
        for combo in (self.people_sheet, self.ties_sheet, self.plan_sheet):
            combo.currentIndexChanged.connect(self._sheet_changed)
        sheet_row.addWidget(QLabel("Stakeholders from"))
        sheet_row.addWidget(self.people_sheet)
        sheet_row.addWidget(QLabel("Relationships from"))
        sheet_row.addWidget(self.ties_sheet)
        sheet_row.addWidget(QLabel("Plan from"))
        sheet_row.addWidget(self.plan_sheet)
        self.update_people = QCheckBox("Update people already on the map")
        self.update_people.setToolTip(
            "A row for someone already on the map (same id, e-mail or name) changes them, "
            "instead of being skipped; the changes are listed before anything is written."
        )
        self.update_people.toggled.connect(self._update_toggled)
        sheet_row.addWidget(self.update_people)
        self.details = QLabel("")
        sheet_row.addWidget(self.details)
        sheet_row.addStretch(1)
        layout.addLayout(sheet_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        mapping_box = QGroupBox("Columns")
        mapping_layout = QVBoxLayout(mapping_box)
        self.people_mapping = MappingForm(STAKEHOLDER_FIELDS, self._mapping_changed)
        self.ties_mapping = MappingForm(RELATIONSHIP_FIELDS, self._mapping_changed)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        self.people_title = QLabel("<b>Stakeholders</b>")
        inner_layout.addWidget(self.people_title)
        inner_layout.addWidget(self.people_mapping)
        self.ties_title = QLabel("<b>Relationships</b>")
        inner_layout.addWidget(self.ties_title)
        inner_layout.addWidget(self.ties_mapping)
        # What an edge list from another program cannot say: asked here, never assumed.
        self.tie_choices = QWidget()
        choices_form = QFormLayout(self.tie_choices)
        self.direction_choice = QComboBox()
        for label, value in (("— choose —", None), ("one way (From → To)", True), ("both ways", False)):
            self.direction_choice.addItem(label, value)
        self.direction_choice.setToolTip("For a file with no direction column: how each tie runs.")
        choices_form.addRow("No direction column: ties go", self.direction_choice)
        self.kind_choice = self._kind_combo("— choose —")
        self.kind_choice.setToolTip("For a file with no kind column: the kind of every tie.")
        choices_form.addRow("No kind column: every tie is", self.kind_choice)
        for combo in (self.direction_choice, self.kind_choice):
            combo.currentIndexChanged.connect(self._choices_changed)
        inner_layout.addWidget(self.tie_choices)
        self.kinds_box = QGroupBox("Kinds in the file that are not ours (remembered for this map)")
        self.kinds_form = QFormLayout(self.kinds_box)
        self.kinds_box.setVisible(False)
        inner_layout.addWidget(self.kinds_box)
        self._kind_map: dict[str, RelationshipKind] = self._remembered_kinds()
        self._kind_rows: list[str] = []
        inner_layout.addStretch(1)
        scroll.setWidget(inner)
        mapping_layout.addWidget(scroll)
        splitter.addWidget(mapping_box)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.preview_title = QLabel("")
        right_layout.addWidget(self.preview_title)
        self.notes = QLabel("")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setStyleSheet("color: #8a4b00")
        right_layout.addWidget(self.notes)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        right_layout.addWidget(self.preview, 2)
        right_layout.addWidget(QLabel("Rows with problems — they will be skipped:"))
        self.problems = QListWidget()
        self.problems.setUniformItemSizes(True)  # thousands of problems must not be measured one by one
        right_layout.addWidget(self.problems, 1)
        self.updates_title = QLabel("Changes to people already on the map:")
        right_layout.addWidget(self.updates_title)
        self.updates = QListWidget()
        self.updates.setUniformItemSizes(True)
        right_layout.addWidget(self.updates, 1)
        for widget in (self.updates_title, self.updates):
            widget.setVisible(False)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        status = QHBoxLayout()
        self.summary = QLabel("")
        status.addWidget(self.summary, 1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.setVisible(False)
        status.addWidget(self.progress)
        layout.addLayout(status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("Import")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check_job)
        self._sheet_changed()

    # ------------------------------------------------------ tie choices
    def _kind_combo(self, empty: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(empty, None)
        for kind in RelationshipKind:
            combo.addItem(kind.label, kind.value)
        return combo

    def _settings_key(self) -> str:
        path = self._document.path
        return f"import/kinds/{path.resolve() if path is not None else 'untitled'}"

    def _remembered_kinds(self) -> dict[str, RelationshipKind]:
        stored = QSettings().value(self._settings_key(), {})
        kinds: dict[str, RelationshipKind] = {}
        if isinstance(stored, dict):
            for text, value in stored.items():
                try:
                    kinds[str(text)] = RelationshipKind(value)
                except ValueError:
                    continue  # a kind this version no longer has: asked again
        return kinds

    def _choices(self) -> TieChoices:
        kind = self.kind_choice.currentData()
        return TieChoices(
            kinds=dict(self._kind_map),
            kind=RelationshipKind(kind) if kind else None,
            directed=self.direction_choice.currentData(),
        )

    def _choices_changed(self, *_args: object) -> None:
        self._recompute()  # the people stay planned: only the ties depend on these

    def _kind_mapped(self, text: str, combo: QComboBox) -> None:
        value = combo.currentData()
        if value:
            self._kind_map[norm(text)] = RelationshipKind(value)
        else:
            self._kind_map.pop(norm(text), None)
        QSettings().setValue(self._settings_key(), {k: v.value for k, v in self._kind_map.items()})
        self._recompute()

    def _show_unknown_kinds(self, unknown: dict[str, int]) -> None:
        """One combo per free-text kind the file uses that is not ours (and those already mapped)."""
        shown = sorted(set(unknown) | {t for t in self._kind_rows if norm(t) in self._kind_map})
        if shown == self._kind_rows:
            return
        while self.kinds_form.rowCount():
            self.kinds_form.removeRow(0)
        for text in shown:
            combo = self._kind_combo("— not mapped: rows skipped —")
            mapped = self._kind_map.get(norm(text))
            if mapped is not None:
                combo.setCurrentIndex(combo.findData(mapped.value))
            combo.currentIndexChanged.connect(lambda _i, t=text, c=combo: self._kind_mapped(t, c))
            count = unknown.get(text)
            self.kinds_form.addRow(f"“{text[:60]}”" + (f" ({count} rows)" if count else ""), combo)
        self._kind_rows = shown
        self.kinds_box.setVisible(bool(shown))

    def _name_of(self, table: RawTable | None) -> str | None:
        return next((n for n, t in self._sheets.items() if t is table), None) if table is not None else None

    # ------------------------------------------------------------- compute
    def _people_table(self) -> RawTable | None:
        name = self.people_sheet.currentData()
        return self._sheets.get(name) if name else None

    def _ties_table(self) -> RawTable | None:
        name = self.ties_sheet.currentData()
        return self._sheets.get(name) if name and name != self.people_sheet.currentData() else None

    def _plan_table(self) -> RawTable | None:
        name = self.plan_sheet.currentData()
        used = (self.people_sheet.currentData(), self.ties_sheet.currentData())
        return self._sheets.get(name) if name and name not in used else None

    def _sheet_changed(self) -> None:
        people, ties = self._people_table(), self._ties_table()
        for form, title, table in (
            (self.people_mapping, self.people_title, people),
            (self.ties_mapping, self.ties_title, ties),
        ):
            form.setVisible(table is not None)
            title.setVisible(table is not None)
            if table is not None:
                form.set_headers(table.headers, table.hidden_columns)
        self.tie_choices.setVisible(ties is not None)
        shown = people or ties or self._plan_table() or next(iter(self._sheets.values()))
        self._fill_preview(shown)
        self._people_cache = None
        self._recompute()

    def _fill_preview(self, table: RawTable) -> None:
        details = [f"{len(table.rows):,} rows", f"header in row {table.header_row}"]
        if table.encoding:
            details.append(f"encoding {table.encoding}")
        if table.delimiter:
            details.append(
                {",": "comma", ";": "semicolon", "\t": "tab"}.get(table.delimiter, table.delimiter)
                + "-separated"
            )
        self.details.setText(" · ".join(details))
        self.notes.setText("\n".join(table.notes))
        self.notes.setVisible(bool(table.notes))
        self.preview_title.setText(f"Preview of “{table.source}” (first {PREVIEW_ROWS} rows)")
        self.preview.clear()
        self.preview.setColumnCount(len(table.headers))
        self.preview.setHorizontalHeaderLabels(
            [f"{h} (hidden)" if i in table.hidden_columns else h for i, h in enumerate(table.headers)]
        )
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        self.preview.setVerticalHeaderLabels([str(n) for n in table.row_numbers[: len(rows)]])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value[:200])  # items show text literally: no markup is run
                item.setToolTip(value[:2000])
                self.preview.setItem(r, c, item)

    def _update_toggled(self, _checked: bool) -> None:
        self._people_cache = None  # matching people are skipped or updated: the people are planned again
        self._recompute()

    def _mapping_changed(self, *_args: object) -> None:
        if self.sender() in self.people_mapping.combos.values():
            self._people_cache = None  # a change to the ties' columns keeps the people planned
        self._recompute()

    def _recompute(self) -> None:
        """Start planning in the background; a plan already under way is cancelled."""
        if self._job is not None:
            self._job.cancel()
        people, ties = self._people_table(), self._ties_table()
        people_mapping = self.people_mapping.mapping() if people is not None else {}
        people_key = (id(people), tuple(sorted(people_mapping.items())))
        cached = self._people_cache[1] if self._people_cache and self._people_cache[0] == people_key else None
        self.plan = None
        self.import_button.setEnabled(False)
        self._job = PlanJob(
            self._document.map,
            people if people is not None else RawTable([], [], ""),
            people_mapping,
            ties,
            self.ties_mapping.mapping() if ties is not None else None,
            cached,
            update=self.update_people.isChecked(),
            choices=self._choices(),
            plan_table=self._plan_table(),
        )
        self._job_people_key = people_key
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.summary.setText("Checking the rows…")
        self._job.start()
        self._poll.start()

    def _check_job(self) -> None:
        job = self._job
        if job is None:
            self._poll.stop()
            return
        done, total = job.progress
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        if not job.finished.is_set():
            return
        self._poll.stop()
        self._job = None
        self.progress.setVisible(False)
        self.problems.clear()
        self.updates.clear()
        for widget in (self.updates_title, self.updates):
            widget.setVisible(False)
        if job.error is not None:
            self.plan = None
            self.summary.setText(job.error)
            self.import_button.setEnabled(False)
            self.import_button.setText("Import")
            self.planned.emit()
            return
        assert job.plan is not None
        if job.people is not None:
            self._people_cache = (self._job_people_key, job.people)
        self.plan = job.plan
        self.problems.addItems([*self.plan.questions, *(str(problem) for problem in self.plan.problems)])
        self._show_unknown_kinds(self.plan.unknown_kinds)
        self.updates.addItems([str(update) for update in self.plan.updates])
        for widget in (self.updates_title, self.updates):
            widget.setVisible(bool(self.plan.updates))
        self.summary.setText(self.plan.summary() + ".")
        count = len(self.plan.entities()) + len(self.plan.updates)
        # An open question (one way or both ways?) must be answered before anything is imported.
        self.import_button.setEnabled(count > 0 and not self.plan.questions and not self._document.read_only)
        skipped = f", skip {self.plan.skipped}" if self.plan.skipped else ""
        what = [f"{len(self.plan.stakeholders)} people"]
        if self.plan.relationships:
            what.append(f"{len(self.plan.relationships)} relationships")
        if self.plan.engagements:
            what.append(f"{len(self.plan.engagements)} plan entries")
        if self.plan.updates:
            what.append(f"update {len(self.plan.updates)}")
        self.import_button.setText(f"Import {' and '.join(what)}{skipped}")
        self.planned.emit()

    @property
    def planning(self) -> bool:
        return self._job is not None

    def wait_for_plan(self, timeout_s: float = 60.0) -> None:
        """Block until the plan under way is ready (for scripts and tests)."""
        if self._job is not None:
            self._job.finished.wait(timeout_s)
            self._check_job()

    def done(self, result: int) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._poll.stop()
        super().done(result)

    def accept(self) -> None:
        self.wait_for_plan()
        if self.plan is not None:
            super().accept()

    def apply(self) -> bool:
        """Add the plan to the map as one undo entry."""
        self.wait_for_plan()
        if self.plan is None:
            return False
        plan = self.plan
        return self._document.try_edit(lambda m: plan.apply_to(m, f"Import {self._path.name}")) is not None


def import_interactively(host: DialogHost, document: MapDocument) -> None:
    window = host.window()
    start = str(document.path.parent) if document.path and not document.untitled else str(Path.home())
    name, _ = QFileDialog.getOpenFileName(
        window,
        "Import people, relationships and plan",
        start,
        "Spreadsheets (*.csv *.xlsx *.ods *.txt *.tsv);;All files (*)",
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
        host.statusBar().showMessage(f"Imported from {Path(name).name}", 6000)
