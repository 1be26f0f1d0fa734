"""Snapshots: take a named, dated copy of the map, and compare then with now (gui layer).

The comparison is shown as plain sentences here and handed to the canvas as an
overlay (arrows from where people stood to where they stand).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.compare import Comparison, compare
from stakemap.core.entities import Snapshot, Stakeholder
from stakemap.gui.document import MapDocument

ID_ROLE = Qt.ItemDataRole.UserRole


class SnapshotsPanel(QWidget):
    #: The comparison to draw on the canvas, or None to clear it.
    comparison_changed = Signal(object)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._compared_id: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel("Progress shows over time: take a snapshot now, compare with it in a few weeks.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.compare_selected())
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.take_button = QPushButton("Take Snapshot…")
        self.take_button.clicked.connect(self.take_snapshot)
        self.compare_button = QPushButton("Compare with Now")
        self.compare_button.setCheckable(True)
        self.compare_button.toggled.connect(self._compare_toggled)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.take_button, self.compare_button, self.delete_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.summary = QPlainTextEdit(self)
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText("Pick a snapshot and press Compare with Now.")
        layout.addWidget(self.summary, 1)
        document.changed.connect(self._document_changed)
        document.offline_changed.connect(lambda _since: self._update_buttons())
        self._fill()

    # ------------------------------------------------------------- actions
    def take_snapshot(self) -> None:
        default = f"Snapshot {datetime.now():%d %b %Y}"
        name, ok = QInputDialog.getText(self, "Take Snapshot", "Name of the snapshot:", text=default)
        if ok and name.strip():
            self._document.try_edit(lambda m: m.take_snapshot(name.strip()))

    def delete_selected(self) -> None:
        snapshot = self._selected()
        if snapshot is None:
            return
        answer = QMessageBox.question(self, "Delete Snapshot", f"Delete the snapshot “{snapshot.name}”?")
        if answer == QMessageBox.StandardButton.Yes:
            self._document.try_edit(lambda m: m.remove_snapshot(snapshot.id))

    def compare_selected(self) -> None:
        if self._selected() is not None:
            if self.compare_button.isChecked():
                self._show_comparison()
            else:
                self.compare_button.setChecked(True)

    def current_comparison(self) -> Comparison | None:
        snapshot = self._document.map.snapshots.get(self._compared_id or "")
        return compare(snapshot, self._document.map) if snapshot else None

    # ------------------------------------------------------------ internal
    def _compare_toggled(self, on: bool) -> None:
        if on:
            self._show_comparison()
        else:
            self._compared_id = None
            self.summary.clear()
            self.comparison_changed.emit(None)

    def _show_comparison(self) -> None:
        snapshot = self._selected()
        if snapshot is None:
            self.compare_button.setChecked(False)
            return
        self._compared_id = snapshot.id
        comparison = compare(snapshot, self._document.map)
        self.summary.setPlainText("\n".join(comparison.summary(self._document.map)))
        self.comparison_changed.emit(comparison)

    def _selected(self) -> Snapshot | None:
        items = self.list.selectedItems()
        return self._document.map.snapshots.get(items[0].data(ID_ROLE)) if items else None

    def _document_changed(self, change: Change) -> None:
        if change.touches(Snapshot):
            self._fill()
        if self._compared_id is not None and change.touches(Stakeholder, Snapshot):
            if self._compared_id in self._document.map.snapshots:
                comparison = self.current_comparison()
                assert comparison is not None
                self.summary.setPlainText("\n".join(comparison.summary(self._document.map)))
                self.comparison_changed.emit(comparison)
            else:
                self.compare_button.setChecked(False)

    def _fill(self) -> None:
        selected = self._selected()
        self.list.clear()
        snapshots = sorted(self._document.map.snapshots.values(), key=lambda s: s.taken_at, reverse=True)
        for snapshot in snapshots:
            local = snapshot.taken_at.astimezone()
            item = QListWidgetItem(
                f"{snapshot.name}  ·  {local:%d %b %Y %H:%M}  ·  {len(snapshot.entries)} people"
            )
            item.setData(ID_ROLE, snapshot.id)
            self.list.addItem(item)
            if selected is not None and snapshot.id == selected.id:
                item.setSelected(True)
        if self.list.count() and not self.list.selectedItems():
            self.list.item(0).setSelected(True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = bool(self.list.selectedItems())
        writable = not self._document.read_only
        self.take_button.setEnabled(writable)
        self.compare_button.setEnabled(has)
        self.delete_button.setEnabled(has and writable)
        if self.compare_button.isChecked() and has:
            selected = self._selected()
            if selected is not None and selected.id != self._compared_id:
                self._show_comparison()
