"""PlanModel: the engagements of a map as table rows; edits go through the document (gui layer).

The model holds only the row order (engagement ids); every value is read from
``document.map`` when Qt asks. Document changes refresh just the rows they touch
(insert, remove or repaint by id), so undo/redo keep the user's scroll position
and selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from stakemap.core.changes import Change
from stakemap.core.entities import ENGAGEMENT_METHODS, Engagement, EngagementStatus, Stakeholder
from stakemap.gui.document import MapDocument

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # "overdue" | "soon" | "" for filters and marks


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    chars: int  # starting width in average characters of the table's font; 0: sized by the panel


COLUMNS = (
    Column("due", "Due", 0),
    Column("status", "Status", 11),
    Column("stakeholder_id", "Person", 17),
    Column("reason", "Reason for getting in touch", 28),
    Column("method", "Method", 21),
    Column("spiel", "Spiel / key question", 28),
    Column("offer", "The offer", 22),
    Column("owner", "Owner", 11),
    Column("outcome", "Outcome", 22),
)
FIELD_COLUMN = {c.field: i for i, c in enumerate(COLUMNS)}
TEXT_FIELDS = ("reason", "spiel", "offer", "outcome")
SOON_DAYS = 7
MARKS = {"overdue": "⚠ overdue", "soon": "· soon"}
TIP_LIMIT = 2000  # a tooltip holding a 20,000-character text would cover the screen


def first_line(text: str) -> str:
    stripped = text.strip()
    return stripped.splitlines()[0] if stripped else ""


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


class PlanModel(QAbstractTableModel):
    def __init__(self, document: MapDocument, today: date | None = None) -> None:
        super().__init__()
        self._document = document
        self._fixed_today = today  # tests pin the date; the app follows the clock past midnight
        self._ids: list[str] = []
        self._warning_icon: QIcon | None = None
        document.changed.connect(self._changed)
        self._reset()

    @property
    def today(self) -> date:
        return self._fixed_today or date.today()

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

    def engagement(self, row: int) -> Engagement | None:
        """The engagement on this row; None for a row whose removal the model is still announcing."""
        return self._document.map.engagements.get(self._ids[row])

    def row_of(self, engagement_id: str) -> int:
        try:
            return self._ids.index(engagement_id)
        except ValueError:
            return -1

    def methods(self) -> list[str]:
        """The built-in methods, then the ones this map added."""
        own = self._document.map.info.engagement_methods
        return [*ENGAGEMENT_METHODS, *(m for m in own if m not in ENGAGEMENT_METHODS)]

    def state(self, engagement: Engagement) -> str:
        if engagement.is_overdue(self.today):
            return "overdue"
        if engagement.is_upcoming(self.today, SOON_DAYS):
            return "soon"
        return ""

    def counts(self) -> tuple[int, int]:
        """(overdue, due within a week) for the panel's header."""
        engagements = self._document.map.engagements
        states = [self.state(engagements[i]) for i in self._ids if i in engagements]
        return states.count("overdue"), states.count("soon")

    # ----------------------------------------------------------------- data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        engagement = self.engagement(index.row())
        if engagement is None:
            return None
        field = COLUMNS[index.column()].field
        value = getattr(engagement, field)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(engagement, field, value)
        if role == Qt.ItemDataRole.EditRole:
            if field == "due":
                return QDate(value.year, value.month, value.day) if value else QDate()
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(engagement, field, value)
        if role == SORT_ROLE:
            if field == "due":
                return value.toordinal() if value else 10**9  # undated last when ascending
            if field == "status":
                return list(EngagementStatus).index(value)
            return self._display(engagement, field, value).casefold()
        if field == "due" and self.state(engagement) == "overdue":
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.DecorationRole:
                return self._warning()
        if role == ID_ROLE:
            return engagement.id
        if role == STATE_ROLE:
            return self.state(engagement)
        return None

    def _display(self, engagement: Engagement, field: str, value: Any) -> str:
        if field == "due":
            if value is None:
                return "no date"
            mark = MARKS.get(self.state(engagement))
            return f"{value:%d %b %Y}  {mark}" if mark else f"{value:%d %b %Y}"
        if field == "stakeholder_id":
            return self._document.map.stakeholders[value].name
        if field == "status":
            return value.label
        return first_line(value)

    def _tooltip(self, engagement: Engagement, field: str, value: Any) -> str | None:
        if field in TEXT_FIELDS or field in ("method", "owner"):
            if not value:
                return None
            return value if len(value) <= TIP_LIMIT else value[:TIP_LIMIT] + "…"
        if field == "stakeholder_id":
            person = self._document.map.stakeholders[value]
            return f"{person.name} — {person.role}" if person.role else person.name
        if field == "due":
            if value is None:
                return "No due date"
            days = (value - self.today).days
            state = self.state(engagement)
            if state == "overdue":
                return f"Due {value:%d %b %Y}: overdue by {_days(-days)}"
            if state == "soon":
                return f"Due {value:%d %b %Y}: " + ("today" if days == 0 else f"in {_days(days)}")
            return f"Due {value:%d %b %Y}"
        return None

    def _warning(self) -> QIcon:
        if self._warning_icon is None:
            style = QApplication.style()
            self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    # ---------------------------------------------------------------- edits
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        engagement = self.engagement(index.row())
        if engagement is None:
            return False
        field = COLUMNS[index.column()].field
        if field == "due" and isinstance(value, QDate):
            value = value.toPython() if value.isValid() else None
        if field == "method" and isinstance(value, str):
            value = value.strip()
            if not value:
                return False
            known = {m.casefold(): m for m in self.methods()}
            if value.casefold() not in known:
                return self._set_new_method(engagement.id, value)
            value = known[value.casefold()]  # "email" picks the listed "Email", not a near-duplicate
        if value == getattr(engagement, field):
            return False
        change = self._document.try_edit(lambda m: m.update_engagement(engagement.id, **{field: value}))
        return change is not None

    def _set_new_method(self, engagement_id: str, method: str) -> bool:
        """A method typed in for the first time joins the map's list, in the same undo entry."""
        own = (*self._document.map.info.engagement_methods, method)
        change = self._document.try_edit(
            lambda m: m.combined(
                f"Use new method “{method}”",
                lambda mm: mm.update_info(engagement_methods=own),
                lambda mm: mm.update_engagement(engagement_id, method=method),
            )
        )
        return change is not None

    # --------------------------------------------------------------- follow
    def _changed(self, change: Change) -> None:
        engagements = self._document.map.engagements
        if change.touches(Engagement):
            for engagement_id in sorted(change.ids(Engagement)):
                row = self.row_of(engagement_id)
                if engagement_id in engagements and row < 0:
                    self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids))
                    self._ids.append(engagement_id)
                    self.endInsertRows()
                elif engagement_id not in engagements and row >= 0:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._ids[row]
                    self.endRemoveRows()
                elif row >= 0:
                    self._repaint_row(row)
        if change.touches(Stakeholder) and not change.only_positions():
            people = change.ids(Stakeholder)
            for row, engagement_id in enumerate(self._ids):
                engagement = engagements.get(engagement_id)
                if engagement is not None and engagement.stakeholder_id in people:
                    self._repaint_row(row)  # a renamed person
        if len(self._ids) != len(engagements):  # cannot happen by the rules above; never show a ghost row
            self._reset()

    def _repaint_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _reset(self) -> None:
        self.beginResetModel()
        self._ids = [e.id for e in self._document.map.plan()]
        self.endResetModel()
