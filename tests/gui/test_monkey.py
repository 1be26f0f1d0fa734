"""A seeded random walk over everything the window offers (issue 14): menu and toolbar actions, canvas
gestures, dock buttons; modal dialogs answered at random with any of their buttons; file dialogs answered
with paths in a temp folder. After every step: no exception, no Qt warning about deleted objects, the map
on disk equals the map on screen, and the toolbar and menus belong to the open document.

CI walks a few seeds quickly; ``STAKEMAP_SOAK=1`` (``make soak``) walks many more, longer. A failure names
its seed and prints the steps, so it can be replayed with ``STAKEMAP_MONKEY_SEED=<seed>``.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QMessageBox,
    QWidget,
)

from stakemap.gui.widgets.main_window import MainWindow
from tests.gui.modal_answerer import ModalAnswerer
from tests.gui.window_checks import (
    Failures,
    assert_disk_matches_screen,
    assert_menus_belong_to_document,
    settle,
)

SOAK = os.environ.get("STAKEMAP_SOAK") == "1"
TRACE = os.environ.get("STAKEMAP_MONKEY_TRACE") == "1"
SEEDS = (
    [int(os.environ["STAKEMAP_MONKEY_SEED"])]
    if "STAKEMAP_MONKEY_SEED" in os.environ
    else (list(range(1, 25)) if SOAK else [1, 2, 3, 4])
)
STEPS = int(os.environ.get("STAKEMAP_MONKEY_STEPS", "1500" if SOAK else "500"))
#: Actions left out of the walk, and why.
SKIPPED = {
    "Quit",  # ends the walk
    "Print Map",  # would reach a real printer
}
#: Slow (a PDF takes seconds): only in the soak run.
SLOW = {"Communications Plan (PDF)"}

Move = tuple[str, Callable[[], None]]


class Monkey:
    def __init__(self, window: MainWindow, rng: random.Random, folder: Path) -> None:
        self.window, self.rng, self.folder = window, rng, folder
        self.steps: list[str] = []
        self._last_state: tuple[object, ...] = ()

    # ------------------------------------------------------------ answers
    def answer(self, dialog: QWidget) -> None:
        """Any of the dialog's buttons, at random (Escape and the close box count as buttons too)."""
        rng = self.rng
        if isinstance(dialog, QMessageBox):
            buttons = dialog.buttons()
            if buttons:
                choice = rng.choice(buttons)
                self.steps.append(f"  answer {dialog.windowTitle()!r}: {choice.text()!r}")
                choice.click()
                return
        if isinstance(dialog, QInputDialog) and rng.random() < 0.7:
            dialog.setTextValue(rng.choice(["Before", "After the workshop", "  ", "Q3 ☃"]))
        if isinstance(dialog, QDialog):
            boxes = dialog.findChildren(QDialogButtonBox)
            buttons = [b for box in boxes for b in box.buttons() if b.isEnabled()]
            if buttons and rng.random() < 0.8:
                choice = rng.choice(buttons)
                self.steps.append(f"  answer {dialog.windowTitle()!r}: {choice.text()!r}")
                choice.click()
                if dialog.isVisible():
                    dialog.reject()  # a button that does not close (Reset, Help) still ends the walk's turn
                return
            self.steps.append(f"  answer {dialog.windowTitle()!r}: Escape")
            dialog.reject()
            return
        dialog.close()

    def save_name(self, *_args: object, **_kwargs: object) -> tuple[str, str]:
        if self.rng.random() < 0.2:
            return "", ""
        suffix = self.rng.choice([".stakemap", ".csv", ".xlsx", ".png", ".svg", ".pdf", ""])
        return str(self.folder / f"out-{len(self.steps)}{suffix}"), ""

    def open_name(self, *_args: object, **_kwargs: object) -> tuple[str, str]:
        files = sorted(self.folder.glob("*"))
        if not files or self.rng.random() < 0.15:
            return "", ""
        return str(self.rng.choice(files)), ""

    # -------------------------------------------------------------- moves
    def moves(self) -> list[Move]:
        window = self.window
        moves: list[Move] = []
        menus = window.actions_
        if menus.recent_menu is not None:
            menus.recent_menu.aboutToShow.emit()
        for action in window.findChildren(QAction):
            text = action.text().replace("&", "").rstrip("…")
            if not text or action.isSeparator() or action.menu() is not None or not action.isEnabled():
                continue
            if text in SKIPPED or (text in SLOW and not SOAK):
                continue
            if not _reachable(action):
                continue
            moves.append((f"action {text}", action.trigger))
        canvas = window.parts.canvas if window.parts else None
        if canvas is not None:
            moves.extend(self.canvas_moves(canvas))
        for key, dock in window.docks.items():
            if not dock.isVisible() or dock.widget() is None:
                continue
            for button in dock.widget().findChildren(QAbstractButton):
                if button.isVisible() and button.isEnabled() and button.text():
                    moves.append((f"{key}: button {button.text()}", button.click))
        return moves

    def canvas_moves(self, canvas: QWidget) -> list[Move]:
        scene = canvas.map_scene  # type: ignore[attr-defined]
        viewport = canvas.viewport()  # type: ignore[attr-defined]
        ids = sorted(scene.cards)
        rng = self.rng

        def at(person: str) -> QPoint:
            return canvas.mapFromScene(scene.cards[person].sceneBoundingRect().center())  # type: ignore[attr-defined]

        def somewhere() -> QPoint:
            rect = viewport.rect()
            return QPoint(rng.randrange(rect.width() or 1), rng.randrange(rect.height() or 1))

        def key(k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> Callable[[], None]:
            def press() -> None:
                canvas.setFocus()
                QTest.keyClick(canvas, k, mod)

            return press

        moves: list[Move] = [
            (
                "canvas: double-click empty space",
                lambda: QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=somewhere()),
            ),
            ("canvas: click", lambda: QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=somewhere())),
            ("canvas: drag", lambda: _drag(viewport, somewhere(), somewhere())),
            ("canvas: wheel", lambda: canvas.zoom_in() if rng.random() < 0.5 else canvas.zoom_out()),  # type: ignore[attr-defined]
        ]
        for name, k, mod in (
            ("Tab", Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
            ("Delete", Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
            ("Escape", Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
            ("Up", Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier),
            ("Shift+Right", Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier),
            ("L", Qt.Key.Key_L, Qt.KeyboardModifier.NoModifier),
            ("Return", Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
            ("F6", Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier),
        ):
            moves.append((f"canvas: key {name}", key(k, mod)))
        if ids:
            a, b = rng.choice(ids), rng.choice(ids)
            moves.append(
                (
                    f"canvas: click {a}",
                    lambda: QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at(a)),
                )
            )
            moves.append(
                (
                    f"canvas: drag {a}",
                    lambda: _drag(
                        viewport, at(a), at(a) + QPoint(rng.randint(-200, 200), rng.randint(-200, 200))
                    ),
                )
            )
            moves.append((f"canvas: drag {a} to {b}", lambda: _drag(viewport, at(a), at(b))))
        return moves  # fmt: skip

    def _state(self) -> tuple[object, ...]:
        doc = self.window.document
        if doc is None:
            return (None,)
        return (id(doc), doc.path, doc.undo_stack.index(), doc.undo_stack.count(), doc.last_saved)

    # --------------------------------------------------------------- walk
    def walk(self, steps: int, failures: Failures) -> None:
        for number in range(steps):
            popup = QApplication.activePopupWidget()
            if popup is not None:
                popup.close()
            moves = self.moves()
            name, move = self.rng.choice(moves)
            self.steps.append(f"{number}: {name}")
            if TRACE:
                print(self.steps[-1], flush=True)
            move()
            settle()
            job = getattr(self.window, "_export_job", None)
            if job is not None and hasattr(job, "wait"):
                with contextlib.suppress(RuntimeError):  # already finished and deleted
                    job.wait(30_000)
                settle()
            failures.check(name)
            state = self._state()
            # Reading the file back costs more than most steps: after every step that changed something
            # (or switched documents), and every tenth step anyway, to catch changes no signal announced.
            if state != self._last_state or number % 10 == 0:
                assert_disk_matches_screen(self.window)
            self._last_state = state
            assert_menus_belong_to_document(self.window)
            if QApplication.activeWindow() is None and self.window.isVisible():
                self.window.activateWindow()


def _reachable(action: QAction) -> bool:
    """An action a user can reach now: in a visible menu, toolbar or widget of the window."""
    return any(
        widget.isVisible() or type(widget).__name__ == "QMenu"
        for widget in action.associatedObjects()
        if isinstance(widget, QWidget)
    )


def _drag(widget: QWidget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 5):
        QTest.mouseMove(widget, start + (end - start) * i / 4)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_walk_over_the_window(
    seed: int,
    window: MainWindow,
    map_file: Path,
    failures: Failures,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    shutil.copyfile(map_file, folder / "copy.stakemap")
    monkey = Monkey(window, random.Random(seed), folder)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", monkey.save_name)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", monkey.open_name)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda *_a: True)  # "Open PDF" must not start a viewer
    answers = ModalAnswerer(default=monkey.answer)
    window.resize(1024, 700)  # the small window the issue asks to stay usable; also paints faster
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    assert window.open_path(map_file)
    try:
        monkey.walk(STEPS, failures)
    except BaseException as exc:
        trail = "\n".join(monkey.steps[-60:])
        raise AssertionError(
            f"seed {seed} failed at step {len(monkey.steps)} ({exc}); replay with STAKEMAP_MONKEY_SEED={seed}.\n"
            f"Last steps:\n{trail}"
        ) from exc
    finally:
        answers.stop()
        if window.presenter.active:
            window.presenter.leave()
