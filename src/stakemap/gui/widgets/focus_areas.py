"""F6 and Shift+F6: the keyboard goes round the window's areas, showing each one's dock (gui layer)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget


def cycle_focus(areas: Sequence[tuple[str, QWidget]], docks: Mapping[str, QDockWidget], step: int) -> None:
    """Give the keyboard to the next area (``step`` 1) or the previous one (-1) that can take it."""
    focused = QApplication.focusWidget()
    current = next(
        (i for i, (_key, area) in enumerate(areas) if focused is not None and _within(area, focused)),
        -1 if step > 0 else 0,
    )
    for offset in range(1, len(areas) + 1):
        key, area = areas[(current + step * offset) % len(areas)]
        if key in docks:
            docks[key].show()
            docks[key].raise_()
        if _focus_first_in(area):
            return


def _within(area: QWidget, widget: QWidget) -> bool:
    return widget is area or area.isAncestorOf(widget)


def _focus_first_in(area: QWidget) -> bool:
    """Give the focus to ``area`` or the first widget inside it that takes Tab focus; False if none can."""
    if not area.isVisible():
        return False
    if area.focusPolicy() & Qt.FocusPolicy.TabFocus:
        area.setFocus(Qt.FocusReason.TabFocusReason)
        return True
    widget = area.nextInFocusChain()
    while widget is not None and widget is not area:
        if (
            area.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        widget = widget.nextInFocusChain()
    return False
