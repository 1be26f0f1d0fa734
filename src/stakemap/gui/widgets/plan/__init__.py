"""The communications plan dock: every engagement, sortable, filterable, edited in place (gui layer).

``PlanPanel(document, selection)`` in ``panel.py`` is the widget a dock holds.
"""
