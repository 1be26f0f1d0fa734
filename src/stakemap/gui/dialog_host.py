"""The narrow face of the main window that a dialog or menu command is handed (gui layer).

A command opened from a menu needs a widget to open its dialogs over and a status bar to say what
happened, and usually the open map; never the whole window. The members keep Qt's own names
(``QWidget.window``, ``QMainWindow.statusBar``), so the main window satisfies these protocols as it
is and a test can hand any ``QMainWindow`` with a ``document``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from stakemap.gui.document import MapDocument


class DialogHost(Protocol):
    """A window dialogs open over, which says in its status bar what a command did."""

    def window(self) -> QWidget: ...

    def statusBar(self) -> QStatusBar: ...


class MapHost(DialogHost, Protocol):
    """A ``DialogHost`` with the map open in it (None: no map is open)."""

    @property
    def document(self) -> MapDocument | None: ...
