"""Helpers for the canvas tests."""

from __future__ import annotations

from stakemap.gui.canvas import MapView
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection


def shown_view(document: MapDocument, qtbot, width: int = 1200, height: int = 900) -> MapView:
    """A map view of ``document`` on screen (exposed), as the canvas tests drive it."""
    view = MapView(document, Selection())
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view
