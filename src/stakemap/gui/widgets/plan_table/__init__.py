"""The communications plan dock: every engagement, sortable, filterable, edited in place (gui layer)."""
