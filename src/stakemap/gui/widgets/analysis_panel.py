"""The relationship insights dock: ranked findings in plain words, paths to a person, canvas overlays (gui layer).

Findings come from ``core.analysis`` run in the background (``analysis_worker``).
Clicking a finding selects the person; the overlays are off until the user
turns them on, so the map is never cluttered by default.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.entities import MapInfo, Relationship, Stakeholder
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.analysis_worker import AnalysisRunner

if TYPE_CHECKING:
    from stakemap.core.analysis import AnalysisReport, PathFinder

ID_ROLE = Qt.ItemDataRole.UserRole


def report_html(report: AnalysisReport) -> str:
    """The findings as simple HTML: every user-typed name escaped; a row links to the people it is about."""
    parts: list[str] = []
    for section in report.sections:
        parts.append(f"<h4 style='margin-bottom:2px'>{escape(section.title)}</h4>")
        if section.omitted_reason is not None:
            parts.append(f"<p><i>Not enough data yet: {escape(section.omitted_reason)}</i></p>")
            continue
        if section.summary:
            parts.append(f"<p style='color:gray; margin-top:0'>{escape(section.summary)}</p>")
        rows = []
        for finding in section.findings:
            ids = [i for i in (finding.stakeholder_id, *finding.related_ids) if i]
            text = escape(finding.explanation)
            rows.append(
                f"<li><a href='select:{','.join(ids)}'>{text}</a></li>" if ids else f"<li>{text}</li>"
            )
        parts.append(f"<ol style='margin-top:0'>{''.join(rows)}</ol>")
    return "".join(parts)


class AnalysisPanel(QWidget):
    halo_changed = Signal(object)  # dict[id, float] | None
    groups_changed = Signal(object)  # dict[id, int] | None
    path_changed = Signal(object)  # list[id] | None

    def __init__(self, document: MapDocument, selection: Selection, parent: QWidget | None = None,
                 runner: AnalysisRunner | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self.report: AnalysisReport | None = None
        self._finder: PathFinder | None = None
        self._me_shown: str | None = None  # "me" when the people were last listed: the source follows it
        self.runner = runner or AnalysisRunner(parent=self)
        self.runner.started.connect(lambda: self._set_status("Analysing…", busy=True))
        self.runner.finished.connect(self._show_report)
        self.runner.failed.connect(lambda msg: self._set_status(f"The analysis failed: {msg}", busy=False))
        self.runner.cancelled.connect(lambda: self._set_status("Analysis cancelled.", busy=False))

        layout = QVBoxLayout(self)
        status_row = QHBoxLayout()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        status_row.addWidget(self.status, 1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.cancel_button.setVisible(False)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(lambda: self.refresh(immediately=True))
        status_row.addWidget(self.cancel_button)
        status_row.addWidget(self.refresh_button)
        layout.addLayout(status_row)

        overlay_row = QHBoxLayout()
        self.halo_box = QCheckBox("Halo by network influence")
        self.halo_box.toggled.connect(self._emit_overlays)
        self.groups_box = QCheckBox("Colour by group")
        self.groups_box.toggled.connect(self._emit_overlays)
        overlay_row.addWidget(self.halo_box)
        overlay_row.addWidget(self.groups_box)
        overlay_row.addStretch(1)
        layout.addLayout(overlay_row)

        form = QFormLayout()
        self.source_combo = QComboBox()
        self.target_combo = QComboBox()
        for combo in (self.source_combo, self.target_combo):
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(self._update_paths)
        form.addRow("Path from", self.source_combo)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_combo, 1)
        # The highlight dims everyone off the path: one click gives the whole map back.
        self.clear_path_button = QPushButton("Clear")
        self.clear_path_button.setToolTip("Stop highlighting the path: show the whole map again")
        self.clear_path_button.clicked.connect(self.clear_path)
        target_row.addWidget(self.clear_path_button)
        form.addRow("to", target_row)
        layout.addLayout(form)
        self.paths_list = QListWidget()
        self.paths_list.setWordWrap(True)
        self.paths_list.setMaximumHeight(110)
        self.paths_list.currentItemChanged.connect(self._path_picked)
        layout.addWidget(self.paths_list)

        self.results = QTextBrowser()
        self.results.setOpenLinks(False)
        self.results.anchorClicked.connect(self._link_clicked)
        # Rows are links only to select people: keep them looking like text, not like a web page.
        self.results.document().setDefaultStyleSheet("a { text-decoration: none; color: palette(text); }")
        layout.addWidget(self.results, 1)

        document.changed.connect(self._document_changed)
        self._fill_people()
        # The first analysis waits until the window is up: start-up stays quick, results follow.
        self.refresh()

    # ------------------------------------------------------------ refreshes
    def refresh(self, *, immediately: bool = False) -> None:
        source = self.source_combo.currentData() or self._document.map.info.me_id
        if source not in self._document.map.stakeholders:
            source = None
        self.runner.schedule(self._document.map, source, immediately=immediately)

    def _document_changed(self, change: Change) -> None:
        if change.touches(Stakeholder, Relationship, MapInfo):
            self._finder = None
            if change.touches(Stakeholder, MapInfo) and not change.only_positions():
                self._fill_people()
            self.refresh()
            self._update_paths()

    def _show_report(self, report: AnalysisReport) -> None:
        self.report = report
        approx = " (brokers estimated from a sample: large map)" if report.approximate else ""
        self._set_status(
            f"{report.people} people, {report.ties} ties · updated {datetime.now():%H:%M:%S}{approx}",
            busy=False,
        )
        self.results.setHtml(report_html(report))
        self._emit_overlays()

    def _set_status(self, text: str, *, busy: bool) -> None:
        self.status.setText(text)
        self.cancel_button.setVisible(busy)

    # ------------------------------------------------------------- overlays
    def _emit_overlays(self) -> None:
        report = self.report
        self.halo_changed.emit(report.network_influence if report and self.halo_box.isChecked() else None)
        self.groups_changed.emit(report.groups if report and self.groups_box.isChecked() else None)

    def _link_clicked(self, url: QUrl) -> None:
        ids = [i for i in url.path().split(",") if i in self._document.map.stakeholders]
        if ids:
            self._selection.set(ids)

    # ---------------------------------------------------------------- paths
    def _fill_people(self) -> None:
        people = sorted(self._document.map.stakeholders.values(), key=lambda p: p.name.casefold())
        me = self._document.map.info.me_id
        for combo, placeholder in ((self.source_combo, None), (self.target_combo, "Choose a person…")):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if placeholder:
                combo.addItem(placeholder, None)
            for person in people:
                label = f"{person.name} (me)" if person.id == me else person.name
                combo.addItem(label, person.id)
            wanted = current if current is not None else (me if combo is self.source_combo else None)
            if combo is self.source_combo and (current is None or current == self._me_shown):
                wanted = me  # "from me" unless the user picked someone else: a new "me" is followed
            index = combo.findData(wanted)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._me_shown = me
        self.clear_path_button.setEnabled(self.target_combo.currentData() is not None)

    def clear_path(self) -> None:
        self.target_combo.setCurrentIndex(0)  # "Choose a person…": no path, nothing dimmed

    def set_path_target(self, stakeholder_id: str) -> None:
        index = self.target_combo.findData(stakeholder_id)
        if index >= 0:
            self.target_combo.setCurrentIndex(index)

    def _update_paths(self) -> None:
        self.paths_list.clear()
        self.clear_path_button.setEnabled(self.target_combo.currentData() is not None)
        source, target = self.source_combo.currentData(), self.target_combo.currentData()
        m = self._document.map
        if source not in m.stakeholders or target not in m.stakeholders or source == target:
            self.path_changed.emit(None)
            return
        if self._finder is None:
            from stakemap.core.analysis import PathFinder

            self._finder = PathFinder(m)  # building the graph is the slow part: once per map version
        found = self._finder.paths(source, target, 3)
        if not found:
            self.paths_list.addItem("No chain of usable ties (conflicts are never a path).")
            self.path_changed.emit(None)
            return
        for path in found:
            item = QListWidgetItem(path.as_text())
            item.setToolTip("\n".join(step.text for step in path.steps))
            item.setData(ID_ROLE, list(path.stakeholder_ids))
            self.paths_list.addItem(item)
        self.paths_list.setCurrentRow(0)

    def _path_picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        ids = item.data(ID_ROLE) if item is not None else None
        self.path_changed.emit(list(ids) if ids else None)

    def shutdown(self) -> None:
        self.runner.cancel()
        self.runner.wait(3000)
