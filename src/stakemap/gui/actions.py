"""One way to make a QAction: text, slot, shortcut, tip (gui layer; the canvas and the menus use it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

StandardKey = QKeySequence.StandardKey


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    shortcut: StandardKey | str | None = None,
    *,
    tip: str = "",
    context: Qt.ShortcutContext | None = None,
) -> QAction:
    """An action that calls ``slot`` (without Qt's ``checked`` argument) when triggered.

    A standard key gets every binding the platform has for it (Ctrl+Y and Ctrl+Shift+Z for Redo).
    """
    action = QAction(text, parent)
    if isinstance(shortcut, StandardKey):
        action.setShortcuts(QKeySequence.keyBindings(shortcut))
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if context is not None:
        action.setShortcutContext(context)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action
