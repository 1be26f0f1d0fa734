"""Sorting and filtering the plan: free text, by state, and by the selected person (gui layer)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from stakemap.gui.widgets.plan_table.model import COLUMNS, SORT_ROLE, STATE_ROLE, PlanModel

Index = QModelIndex | QPersistentModelIndex

SHOW_CHOICES = (
    ("All engagements", "all"),
    ("Open", "open"),
    ("Overdue", "overdue"),
    ("Due this week", "soon"),
    ("Done", "done"),
)


class PlanFilter(QSortFilterProxyModel):
    def __init__(self, source: PlanModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._show = "all"
        self._person: str | None = None

    @property
    def plan(self) -> PlanModel:
        source = self.sourceModel()
        assert isinstance(source, PlanModel)
        return source

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.casefold().strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show(self, show: str) -> None:
        self.beginFilterChange()
        self._show = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_person(self, stakeholder_id: str | None) -> None:
        self.beginFilterChange()
        self._person = stakeholder_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        plan = self.plan
        engagement = plan.engagement(source_row)
        if self._person is not None and engagement.stakeholder_id != self._person:
            return False
        state = plan.data(plan.index(source_row, 0), STATE_ROLE)
        if self._show == "open" and not engagement.status.is_open:
            return False
        if self._show == "overdue" and state != "overdue":
            return False
        if self._show == "soon" and state != "soon":
            return False
        if self._show == "done" and engagement.status.is_open:
            return False
        if self._text:
            cells = (
                plan.data(plan.index(source_row, c), Qt.ItemDataRole.DisplayRole) for c in range(len(COLUMNS))
            )
            full = (engagement.reason, engagement.spiel, engagement.offer, engagement.outcome)
            return any(self._text in str(text).casefold() for text in (*cells, *full))
        return True
