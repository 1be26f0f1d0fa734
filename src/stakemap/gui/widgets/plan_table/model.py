"""PlanModel: the engagements of a map as table rows; edits go through the document (gui layer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from stakemap.core.changes import Change
from stakemap.core.entities import ENGAGEMENT_METHODS, Engagement, EngagementStatus, Stakeholder
from stakemap.gui.document import MapDocument

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # "overdue" | "soon" | "" for filters


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    width: int


COLUMNS = (
    Column("due", "Due", 150),
    Column("stakeholder_id", "Person", 150),
    Column("reason", "Reason for getting in touch", 240),
    Column("method", "Method", 150),
    Column("spiel", "Spiel / key question", 240),
    Column("offer", "The offer", 180),
    Column("owner", "Owner", 100),
    Column("status", "Status", 100),
    Column("outcome", "Outcome", 180),
)
FIELD_COLUMN = {c.field: i for i, c in enumerate(COLUMNS)}
SOON_DAYS = 7


def first_line(text: str) -> str:
    stripped = text.strip()
    return stripped.splitlines()[0] if stripped else ""


class PlanModel(QAbstractTableModel):
    def __init__(self, document: MapDocument, today: date | None = None) -> None:
        super().__init__()
        self._document = document
        self.today = today or date.today()
        self._ids: list[str] = []
        document.changed.connect(self._changed)
        self._reload()

    # ------------------------------------------------------------ structure
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and not self._document.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def engagement(self, row: int) -> Engagement:
        return self._document.map.engagements[self._ids[row]]

    def row_of(self, engagement_id: str) -> int:
        return self._ids.index(engagement_id) if engagement_id in self._ids else -1

    def methods(self) -> list[str]:
        own = self._document.map.info.engagement_methods
        return [*ENGAGEMENT_METHODS, *(m for m in own if m not in ENGAGEMENT_METHODS)]

    def state(self, engagement: Engagement) -> str:
        if engagement.is_overdue(self.today):
            return "overdue"
        if engagement.is_upcoming(self.today, SOON_DAYS):
            return "soon"
        return ""

    # ----------------------------------------------------------------- data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        engagement = self.engagement(index.row())
        field = COLUMNS[index.column()].field
        value = getattr(engagement, field)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(engagement, field, value)
        if role == Qt.ItemDataRole.EditRole:
            if field == "due":
                return QDate(value.year, value.month, value.day) if value else QDate()
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            if field in ("reason", "spiel", "offer", "outcome") and value:
                return value[:2000]
            if field == "stakeholder_id":
                person = self._document.map.stakeholders[value]
                return f"{person.name} — {person.role}" if person.role else person.name
            return None
        if role == SORT_ROLE:
            if field == "due":
                return value.toordinal() if value else 10**9  # undated last
            if field == "status":
                return list(EngagementStatus).index(value)
            return self._display(engagement, field, value).casefold()
        if role == Qt.ItemDataRole.FontRole and field == "due" and self.state(engagement) == "overdue":
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return engagement.id
        if role == STATE_ROLE:
            return self.state(engagement)
        return None

    def _display(self, engagement: Engagement, field: str, value: Any) -> str:
        if field == "due":
            if value is None:
                return "no date"
            mark = {"overdue": "  ⚠ overdue", "soon": "  · soon"}.get(self.state(engagement), "")
            return f"{value:%d %b %Y}{mark}"
        if field == "stakeholder_id":
            return self._document.map.stakeholders[value].name
        if field == "status":
            return value.label
        return first_line(value)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        engagement = self.engagement(index.row())
        field = COLUMNS[index.column()].field
        if field == "due" and isinstance(value, QDate):
            value = value.toPython() if value.isValid() else None
        if value == getattr(engagement, field):
            return False
        if field == "method" and value and value not in self.methods():
            return self._set_new_method(engagement.id, str(value))
        return (
            self._document.try_edit(lambda m: m.update_engagement(engagement.id, **{field: value}))
            is not None
        )

    def _set_new_method(self, engagement_id: str, method: str) -> bool:
        """A method typed in for the first time joins the map's list, in the same undo entry."""
        own = (*self._document.map.info.engagement_methods, method)
        change = self._document.try_edit(
            lambda m: m.combined(
                f"Use new method {method}",
                lambda mm: mm.update_info(engagement_methods=own),
                lambda mm: mm.update_engagement(engagement_id, method=method),
            )
        )
        return change is not None

    # --------------------------------------------------------------- follow
    def _changed(self, change: Change) -> None:
        if change.touches(Engagement) or (change.touches(Stakeholder) and not change.only_positions()):
            self._reload()

    def _reload(self) -> None:
        ids = [e.id for e in self._document.map.plan()]
        if ids == self._ids:
            if ids:
                last = self.index(len(ids) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()

    def counts(self) -> tuple[int, int]:
        """(overdue, due within a week) for the panel's header."""
        states = [self.state(self._document.map.engagements[i]) for i in self._ids]
        return states.count("overdue"), states.count("soon")
