"""Export the communications plan as a PDF from the app: choose edition and paper, run in the background
with progress and Cancel, never freeze the window (gui layer)."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QRunnable, QSettings, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from stakemap.core.analysis.cancel import AnalysisCancelled
from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.analysis_worker import frozen_copy
from stakemap.gui.widgets.export_folder import export_folder, remember_export_folder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfOptions:
    path: Path
    handout: bool
    page_size: str  # "a4" | "letter"
    insights: bool
    comparison_snapshot_id: str | None = None
    conflict_ties: bool = False  # a handout's map draws conflicts only when the facilitator opts in


PAGE_SIZE_KEY = "export/page_size"


def default_page_size() -> str:
    country = QLocale.system().territory()
    letter = {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
    }
    return "letter" if country in letter else "a4"


def build_pdf(the_map: Map, options: PdfOptions, progress: Callable[[int, int], None],
              cancelled: Callable[[], bool]) -> None:  # fmt: skip
    """Everything the export needs, gathered and written off the UI thread. The report filters the map
    for the edition's audience first, so insights and comparison see only what the reader may see."""
    from stakemap.report.pdf import Edition, export_plan_pdf

    edition = Edition.HANDOUT if options.handout else Edition.FACILITATOR
    audience = edition.settings
    if options.handout and options.conflict_ties:
        audience = replace(audience, conflict_ties=True)
    export_plan_pdf(
        the_map,
        options.path,
        edition=edition,
        audience=audience,
        page_size=options.page_size,
        today=date.today(),
        insights=options.insights,
        comparison_snapshot_id=options.comparison_snapshot_id,
        progress=progress,
        cancelled=cancelled,
    )


def suggested_name(the_map: Map, handout: bool) -> str:
    """A file name from the map title; for a handout, with hidden people's names taken out of it."""
    from stakemap.core.audience import AUDIENCE, redact_text

    title = redact_text(the_map, AUDIENCE, the_map.info.title) if handout else the_map.info.title
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in title).strip() or "plan"
    return f"{safe} - handout.pdf" if handout else f"{safe}.pdf"


class ExportPdfDialog(QDialog):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Communications Plan")
        the_map = document.map
        form = QFormLayout(self)
        folder = export_folder(document)
        self._map = the_map
        self.path = QLineEdit(str(folder / suggested_name(the_map, handout=True)))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("Save as", row)
        self.edition = QComboBox()
        # The handout first: what leaves the screen is for an audience unless the facilitator says so.
        self.edition.addItem("Handout — no confidential people, notes, trust or attitude", True)
        self.edition.addItem("Facilitator copy — everything", False)
        form.addRow("Edition", self.edition)
        self.page_size = QComboBox()
        self.page_size.addItem("A4", "a4")
        self.page_size.addItem("Letter", "letter")
        remembered = QSettings().value(PAGE_SIZE_KEY)
        paper = remembered if remembered in ("a4", "letter") else default_page_size()
        self.page_size.setCurrentIndex(self.page_size.findData(paper))
        form.addRow("Paper", self.page_size)
        self.insights = QCheckBox("Include relationship insights (in plain words in a handout)")
        form.addRow(self.insights)
        self.conflicts = QCheckBox("Draw conflict ties on the handout's map")
        form.addRow(self.conflicts)
        self.comparison = QComboBox()
        self.comparison.addItem("No comparison", None)
        for snapshot in sorted(the_map.snapshots.values(), key=lambda s: s.taken_at, reverse=True):
            # A snapshot's name may name a hidden person: the handout's own copy of it is redacted.
            self.comparison.addItem(f"Compare with “{snapshot.name}”", snapshot.id)
        form.addRow("Progress", self.comparison)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.edition.currentIndexChanged.connect(self._edition_changed)
        self._edition_changed()

    def _edition_changed(self) -> None:
        handout = bool(self.edition.currentData())
        # Insights are off by default in a handout, on in the facilitator's copy; conflicts only matter
        # in a handout (the facilitator's copy draws every tie).
        self.insights.setChecked(not handout)
        self.conflicts.setEnabled(handout)
        current = Path(self.path.text()).expanduser()
        if current.name in (suggested_name(self._map, True), suggested_name(self._map, False)):
            self.path.setText(str(current.parent / suggested_name(self._map, handout)))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export Plan", self.path.text(), "PDF (*.pdf)")
        if name:
            self.path.setText(name if name.lower().endswith(".pdf") else name + ".pdf")

    def options(self) -> PdfOptions:
        return PdfOptions(
            path=Path(self.path.text()).expanduser(),
            handout=bool(self.edition.currentData()),
            page_size=self.page_size.currentData(),
            insights=self.insights.isChecked(),
            comparison_snapshot_id=self.comparison.currentData(),
            conflict_ties=self.conflicts.isChecked() and bool(self.edition.currentData()),
        )


class _Signals(QObject):
    progressed = Signal(int, int)
    done = Signal(object)  # None on success, else the message (str), or "cancelled"


class _ExportJob(QRunnable):
    def __init__(self, builder: Callable[..., Any], the_map: Map, options: PdfOptions,
                 stop: threading.Event, signals: _Signals) -> None:  # fmt: skip
        super().__init__()
        self.builder, self.the_map, self.options, self.stop, self.signals = (
            builder,
            the_map,
            options,
            stop,
            signals,
        )

    def run(self) -> None:
        # reportlab takes a while to import: only here, on the worker thread, never at start-up.
        from stakemap.report.pdf import ExportCancelled, ReportError

        try:
            self.builder(self.the_map, self.options, self.signals.progressed.emit, self.stop.is_set)
        except (ExportCancelled, AnalysisCancelled):
            self.signals.done.emit("cancelled")
        except Exception as exc:  # reported in a dialog; the window must survive any export failure
            if self.stop.is_set():
                self.signals.done.emit("cancelled")
                return
            if not isinstance(exc, ReportError):  # a ReportError is a message; anything else is a bug
                log.exception("The PDF export failed")
            self.signals.done.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.done.emit(None)


class PdfExport(QObject):
    """One export in the background with a progress dialog; ``finished(message or None)`` at the end."""

    finished = Signal(object)

    def __init__(self, parent: QWidget | None, the_map: Map, options: PdfOptions,
                 builder: Callable[..., Any] = build_pdf) -> None:  # fmt: skip
        super().__init__(parent)
        self.options = options
        self._stop = threading.Event()
        self._signals = _Signals(self)
        self._progress = QProgressDialog("Building the plan…", "Cancel", 0, 0, parent)
        self._progress.setWindowTitle("Export PDF")
        self._progress.setMinimumDuration(300)
        self._progress.canceled.connect(self._stop.set)
        self._signals.progressed.connect(self._progressed)
        self._signals.done.connect(self._done)
        self._pool = QThreadPool(self)
        # Collect garbage now, on the GUI thread: a collection the worker's allocations trigger would
        # otherwise free dead Qt wrappers (closed dialogs) from the worker thread, and Qt crashed there
        # (a segmentation fault in the journey test, once in three runs).
        gc.collect()
        self._pool.start(_ExportJob(builder, frozen_copy(the_map), options, self._stop, self._signals))

    def cancel(self) -> None:
        self._stop.set()

    def wait(self, msecs: int = 10_000) -> bool:
        return self._pool.waitForDone(msecs)

    def _progressed(self, done: int, total: int) -> None:
        self._progress.setMaximum(total)
        self._progress.setValue(done)

    def _done(self, message: str | None) -> None:
        self._progress.reset()
        self._progress.hide()
        self.finished.emit(message)


def export_pdf_interactively(window: QWidget, document: MapDocument) -> PdfExport | None:
    dialog = ExportPdfDialog(document, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    options = dialog.options()
    # The folder and the paper are remembered; the edition is not: every export starts as the
    # handout, so a facilitator's copy is never made by habit.
    remember_export_folder(options.path)
    QSettings().setValue(PAGE_SIZE_KEY, options.page_size)
    job = PdfExport(window, document.map, options)

    def finished(message: str | None) -> None:
        if message is None:
            box = QMessageBox(
                QMessageBox.Icon.Information, "Plan exported", f"Saved “{options.path.name}”.", parent=window
            )
            open_button = box.addButton("Open PDF", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if box.clickedButton() is open_button:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(options.path)))
        elif message != "cancelled":
            QMessageBox.warning(window, "Export failed", f"The plan could not be exported:\n{message}")
        job.deleteLater()

    job.finished.connect(finished)
    return job
