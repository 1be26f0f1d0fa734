"""The inspector dock: the selected person's profile, a relationship, or the map, edited in place (gui layer).

``InspectorPanel(document, selection)`` in ``panel.py`` is the widget a dock holds.
"""

from stakemap.gui.widgets.inspector.panel import InspectorPanel

__all__ = ["InspectorPanel"]
