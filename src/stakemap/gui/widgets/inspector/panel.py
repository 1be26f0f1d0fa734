"""InspectorPanel: follows the selection and shows the person, the relationship, or the map (gui layer).

The widget the main window puts in the inspector dock. One person selected:
their profile; one relationship: the tie; nothing or several: the map's own
details. A read-only map shows a banner saying why, and nothing can be edited.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.entities import Relationship, Stakeholder
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.inspector.form import FieldForm, plain_label
from stakemap.gui.widgets.inspector.map_page import MapPage
from stakemap.gui.widgets.inspector.person_page import PersonPage
from stakemap.gui.widgets.inspector.relationship_page import RelationshipPage
from stakemap.gui.widgets.overdue_notice import style_as_note


class ReadOnlyBanner(QFrame):
    def __init__(self, reason: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style_as_note(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = plain_label()
        self.text.setForegroundRole(QPalette.ColorRole.ToolTipText)
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        self.show_reason(reason)

    def show_reason(self, reason: str | None) -> None:
        """Say why the map is read-only; hidden when it is not (``None``)."""
        self.text.setText(f"Read-only: {reason}. Nothing here can be changed." if reason else "")
        self.setVisible(bool(reason))


class InspectorPanel(QWidget):
    #: "Plan Engagement…" added this engagement: the plan dock may show it.
    engagement_added = Signal(str)
    #: The user double-clicked one of the person's engagements.
    engagement_activated = Signal(str)

    def __init__(self, document: MapDocument, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self._in_change = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = ReadOnlyBanner(document.read_only_reason)
        layout.addWidget(self.banner)

        self.map_page = MapPage(document)
        self.person_page = PersonPage(document)
        self.relationship_page = RelationshipPage(document)
        self.person_page.engagement_added.connect(self.engagement_added)
        self.person_page.engagement_activated.connect(self.engagement_activated)
        for page in (self.person_page, self.relationship_page):
            page.person_activated.connect(self.show_person)
        self.pages = QStackedWidget()
        self._scrolls: dict[FieldForm, QScrollArea] = {}
        every_page: tuple[FieldForm, ...] = (self.map_page, self.person_page, self.relationship_page)
        for form in every_page:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            # A narrow dock scrolls sideways rather than cutting fields and buttons off at the right.
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            scroll.setWidget(form)
            self._scrolls[form] = scroll
            self.pages.addWidget(scroll)
        layout.addWidget(self.pages, 1)
        selection.changed.connect(self.follow_selection)
        document.changed.connect(self._changed)
        # The server going out of reach makes the map read-only while it is on screen, and back.
        document.offline_changed.connect(self._access_changed)
        self.follow_selection()

    # ------------------------------------------------------------------ api
    @property
    def current_page(self) -> FieldForm:
        scroll = self.pages.currentWidget()
        assert isinstance(scroll, QScrollArea)
        page = scroll.widget()
        assert isinstance(page, FieldForm)
        return page

    def follow_selection(self) -> None:
        m = self._document.map
        person_id = self._selection.current_stakeholder
        tie_id = self._selection.current_relationship
        # Inside a document change, committing half-typed text would nest an edit in another.
        flush = not self._in_change
        if person_id is not None and person_id in m.stakeholders:
            if self.current_page is not self.person_page and flush:
                self.current_page.flush()
            self.person_page.show_person(person_id, flush=flush)
            self._show(self.person_page)
        elif tie_id is not None and tie_id in m.relationships:
            if self.current_page is not self.relationship_page and flush:
                self.current_page.flush()
            self.relationship_page.show_relationship(tie_id, flush=flush)
            self._show(self.relationship_page)
        else:
            if self.current_page is not self.map_page and flush:
                self.current_page.flush()
            self.map_page.set_selection_count(
                len(self._selection.stakeholder_ids), len(self._selection.relationship_ids)
            )
            self._show(self.map_page)

    def show_person(self, stakeholder_id: str) -> None:
        """Select this person (a name was clicked); the canvas follows the shared selection."""
        if stakeholder_id in self._document.map.stakeholders:
            self._selection.set([stakeholder_id])

    def focus_first_field(self) -> None:
        """Put the cursor in the shown page's first field (e.g. the name of a person just added)."""
        page = self.current_page
        first = next(iter(page.fields.values()), None)
        if first is not None:
            first.widget.setFocus(Qt.FocusReason.OtherFocusReason)
            select_all = getattr(first.widget, "selectAll", None)
            if select_all is not None:
                select_all()  # typing replaces the placeholder name

    def kept_offline_count(self) -> int:
        """How many fields hold typing finished offline, waiting for the server (lost if the map closes)."""
        return sum(
            page.kept_offline_count() for page in (self.map_page, self.person_page, self.relationship_page)
        )

    # ------------------------------------------------------------- internal
    def _access_changed(self, _since: object) -> None:
        self.banner.show_reason(self._document.read_only_reason)
        for page in (self.map_page, self.person_page, self.relationship_page):
            page.show_access()

    def _show(self, page: FieldForm) -> None:
        scroll = self._scrolls[page]
        if self.pages.currentWidget() is not scroll:
            self.pages.setCurrentWidget(scroll)
            scroll.verticalScrollBar().setValue(0)

    def _changed(self, change: Change) -> None:
        if not change.touches(Stakeholder, Relationship):
            return
        m = self._document.map
        gone_people = [i for i in change.ids(Stakeholder) if i not in m.stakeholders]
        gone_ties = [i for i in change.ids(Relationship) if i not in m.relationships]
        if not gone_people and not gone_ties:
            return
        # Deleted, or their adding undone: leave the selection (and this panel) on what remains.
        self._in_change = True
        try:
            self._selection.forget(gone_people, gone_ties)
            self.follow_selection()
        finally:
            self._in_change = False
