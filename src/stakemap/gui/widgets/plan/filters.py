"""Sorting and filtering the plan: free text, by state, and by the selected people (gui layer)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from stakemap.gui.widgets.plan.model import COLUMNS, SORT_ROLE, STATE_ROLE, PlanModel

Index = QModelIndex | QPersistentModelIndex

#: (label, key) for the "Show" combo, in the order the user reads them.
SHOW_CHOICES = (
    ("Open", "open"),
    ("Overdue", "overdue"),
    ("Due this week", "soon"),
    ("Done", "done"),
    ("All", "all"),
)


class PlanFilter(QSortFilterProxyModel):
    def __init__(self, source: PlanModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self._show = "all"
        self._people: frozenset[str] | None = None

    @property
    def plan(self) -> PlanModel:
        source = self.sourceModel()
        assert isinstance(source, PlanModel)
        return source

    @property
    def show(self) -> str:
        return self._show

    def set_text(self, text: str) -> None:
        """Rows holding every word of ``text`` (any column, full text), case-insensitive."""
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show(self, show: str) -> None:
        self.beginFilterChange()
        self._show = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_people(self, stakeholder_ids: Iterable[str] | None) -> None:
        """Only these people's engagements; None shows everyone's."""
        self.beginFilterChange()
        self._people = None if stakeholder_ids is None else frozenset(stakeholder_ids)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        plan = self.plan
        engagement = plan.engagement(source_row)
        if engagement is None:
            return False
        if self._people is not None and engagement.stakeholder_id not in self._people:
            return False
        if self._show != "all":
            state = plan.data(plan.index(source_row, 0), STATE_ROLE)
            wanted = {
                "open": engagement.status.is_open,
                "overdue": state == "overdue",
                "soon": state == "soon",
                "done": not engagement.status.is_open,
            }.get(self._show, True)
            if not wanted:
                return False
        if self._words:
            cells = [
                str(plan.data(plan.index(source_row, c), Qt.ItemDataRole.DisplayRole))
                for c in range(len(COLUMNS))
            ]
            # The cells show first lines only; search the whole texts too.
            full = " ".join(
                [*cells, engagement.reason, engagement.spiel, engagement.offer, engagement.outcome]
            )
            haystack = full.casefold()
            return all(word in haystack for word in self._words)
        return True
