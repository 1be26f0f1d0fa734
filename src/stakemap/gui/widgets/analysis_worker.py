"""Run the relationship analysis off the UI thread, debounced after edits, cancellable (gui layer)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from stakemap.core.analysis.cancel import AnalysisCancelled
from stakemap.core.model import Map

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from stakemap.core.analysis import AnalysisReport

DEBOUNCE_MS = 600

Analyser = Callable[..., "AnalysisReport"]


def _analyse(the_map: Map, **kwargs: Any) -> AnalysisReport:
    # networkx takes a quarter of a second to import: pay for it in the worker, not at start-up.
    from stakemap.core.analysis import analyse

    return analyse(the_map, **kwargs)


def frozen_copy(the_map: Map) -> Map:
    """A copy safe to read from another thread: entities are immutable, so copying the dicts is enough."""
    return Map(
        info=the_map.info,
        stakeholders=dict(the_map.stakeholders),
        relationships=dict(the_map.relationships),
        notes=dict(the_map.notes),
        engagements=dict(the_map.engagements),
        snapshots=dict(the_map.snapshots),
    )


class _Signals(QObject):
    finished = Signal(int, object)  # generation, report
    failed = Signal(int, str)
    cancelled = Signal(int)


class _Job(QRunnable):
    def __init__(self, generation: int, the_map: Map, source_id: str | None, stop: threading.Event,
                 analyser: Analyser, signals: _Signals) -> None:  # fmt: skip
        super().__init__()
        self.generation, self.the_map, self.source_id = generation, the_map, source_id
        self.stop, self.analyser, self.signals = stop, analyser, signals

    def run(self) -> None:
        try:
            report = self.analyser(self.the_map, source_id=self.source_id, cancelled=self.stop.is_set)
        except AnalysisCancelled:
            self.signals.cancelled.emit(self.generation)
        except Exception as exc:  # shown to the user; the UI must survive any analysis bug
            log.exception("The analysis failed")
            self.signals.failed.emit(self.generation, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(self.generation, report)


class AnalysisRunner(QObject):
    """Schedules analyses; only the newest result is delivered, older runs are cancelled."""

    started = Signal()
    finished = Signal(object)  # AnalysisReport
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, analyser: Analyser = _analyse, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._analyser = analyser
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._signals.cancelled.connect(self._cancelled)
        self._generation = 0
        self._stop = threading.Event()
        self._pending: tuple[Map, str | None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_pending)
        self.running = False

    def schedule(self, the_map: Map, source_id: str | None, *, immediately: bool = False) -> None:
        """Analyse ``the_map`` after a short quiet period (edits come in bursts)."""
        self._pending = (frozen_copy(the_map), source_id)
        if immediately:
            self._timer.stop()
            self._start_pending()
        else:
            self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._pending = None
        self._stop.set()

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        the_map, source_id = self._pending
        self._pending = None
        self._stop.set()  # the previous run, if any, stops at its next check
        self._stop = threading.Event()
        self._generation += 1
        self.running = True
        self.started.emit()
        self._pool.start(
            _Job(self._generation, the_map, source_id, self._stop, self._analyser, self._signals)
        )

    def _finished(self, generation: int, report: AnalysisReport) -> None:
        if generation == self._generation:
            self.running = False
            self.finished.emit(report)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.running = False
            self.failed.emit(message)

    def _cancelled(self, generation: int) -> None:
        if generation == self._generation:
            self.running = False
            self.cancelled.emit()
