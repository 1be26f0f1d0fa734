"""The map canvas: the influence x interest grid with people, their ties, and the gestures that edit them.

Public surface for the main window: ``MapView(document, selection)``, its
``actions_`` (``CanvasActions``), ``set_filter``, ``set_display_options``
(``DisplayOptions``), ``inspector_requested``, ``status_message`` and
``render_to``; the scene's overlay hooks (``set_halo``,
``set_highlight_path``, ``set_group_colours``).
"""

from __future__ import annotations

from stakemap.gui.canvas.actions import CanvasActions
from stakemap.gui.canvas.link_dialog import LinkOptions
from stakemap.gui.canvas.options import DisplayOptions
from stakemap.gui.canvas.scene import MapScene
from stakemap.gui.canvas.view import MapView

__all__ = ["CanvasActions", "DisplayOptions", "LinkOptions", "MapScene", "MapView"]
