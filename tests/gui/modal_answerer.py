"""Answer modal dialogs as a user would, from a timer running inside their event loop (tests only).

Static helpers (QMessageBox.question, QInputDialog.getText) and ``exec()`` of our own dialogs all run
a nested event loop; a QTimer fires inside it, finds ``QApplication.activeModalWidget()`` and answers
it with the next queued answer, or the default one (the default button / accept).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

Answer = Callable[[QWidget], None]


def accept(dialog: QWidget) -> None:
    if isinstance(dialog, QMessageBox):
        button = dialog.defaultButton() or (dialog.buttons()[0] if dialog.buttons() else None)
        if button is not None:
            button.click()
            return
    if isinstance(dialog, QDialog):
        dialog.accept()
    else:
        dialog.close()


def reject(dialog: QWidget) -> None:
    if isinstance(dialog, QMessageBox):
        cancel = dialog.escapeButton() or dialog.button(QMessageBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.click()
            return
    if isinstance(dialog, QDialog):
        dialog.reject()
    else:
        dialog.close()


#: What a ``click`` answer saw: each message box's title, text and button texts.
Seen = list[tuple[str, str, list[str]]]


def click(label: str, seen: Seen) -> Answer:
    """An answer: note the message box's words in ``seen``, press the button called ``label``."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append((dialog.windowTitle(), dialog.text(), [b.text() for b in dialog.buttons()]))
        next(b for b in dialog.buttons() if b.text() == label).click()

    return answer


class ModalAnswerer:
    #: The answerers alive now: while one runs, a dialog is expected (``UnansweredModalGuard`` waits).
    alive: ClassVar[weakref.WeakSet[ModalAnswerer]] = weakref.WeakSet()

    def __init__(self, default: Answer = accept) -> None:
        ModalAnswerer.alive.add(self)
        self.default = default
        self.queue: list[Answer] = []
        self.seen: list[str] = []  # the titles of the dialogs answered, in order
        self._pending: QWidget | None = None
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def then(self, *answers: Answer) -> ModalAnswerer:
        self.queue.extend(answers)
        return self

    def _tick(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or dialog is self._pending:
            return
        answer = self.queue.pop(0) if self.queue else self.default
        self.seen.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
        self._pending = dialog
        # Answered from a single-shot, not from this timer's own slot: an answer that opens another
        # dialog (About > About Qt) runs a nested loop in which this timer must still fire.
        QTimer.singleShot(0, lambda: self._answer(answer, dialog))

    def _answer(self, answer: Answer, dialog: QWidget) -> None:
        self._pending = None
        if shiboken6.isValid(dialog) and dialog.isVisible():
            answer(dialog)

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return shiboken6.isValid(self._timer) and self._timer.isActive()


class UnansweredModalGuard:
    """Closes a modal dialog that no answerer is there to answer, and remembers its words.

    Without it, a dialog the test did not expect (an error box after a refused write, say) waits
    for a click that never comes and the whole suite hangs until CI's limit, saying nothing. With
    it, the dialog is rejected after ``GRACE_MS`` and the test fails naming the dialog.
    """

    GRACE_MS = 3000
    #: Guards started and not stopped, oldest first: only the newest acts (a test's own guard
    #: inside the one every test runs under).
    started: ClassVar[list[UnansweredModalGuard]] = []

    def __init__(self) -> None:
        UnansweredModalGuard.started.append(self)
        self.closed: list[str] = []
        self._since: dict[int, int] = {}  # id of the dialog -> ticks seen unanswered
        self._timer = QTimer()
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        dialog = QApplication.activeModalWidget()
        answered = any(a.running for a in ModalAnswerer.alive)
        if dialog is None or not dialog.isVisible() or answered or self.started[-1] is not self:
            self._since.clear()
            return
        ticks = self._since.get(id(dialog), 0) + 1
        self._since = {id(dialog): ticks}
        if ticks * self._timer.interval() < self.GRACE_MS:
            return
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        self.closed.append(f"“{dialog.windowTitle()}” ({type(dialog).__name__}) {text}".strip())
        self._since.clear()
        reject(dialog)

    def stop(self) -> None:
        if self in self.started:
            self.started.remove(self)
        if shiboken6.isValid(self._timer):
            self._timer.stop()
