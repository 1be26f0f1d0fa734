"""InspectorPanel: follows the selection and shows the person, the relationship, or the map (gui layer)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from stakemap.core.changes import Change
from stakemap.core.entities import Relationship, Stakeholder
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.profile.map_form import MapForm
from stakemap.gui.widgets.profile.person_form import PersonForm
from stakemap.gui.widgets.profile.tie_form import TieForm


class InspectorPanel(QWidget):
    engagement_added = Signal(str)
    engagement_activated = Signal(str)

    def __init__(self, document: MapDocument, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._selection = selection
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel(f"Read-only: {document.read_only_reason}")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setMargin(6)
        self.banner.setVisible(document.read_only)
        layout.addWidget(self.banner)

        self.person = PersonForm(document, selection)
        self.tie = TieForm(document)
        self.map_form = MapForm(document)
        self.person.engagement_added.connect(self.engagement_added)
        self.person.engagement_activated.connect(self.engagement_activated)
        self.pages = QStackedWidget()
        for page in (self.map_form, self.person, self.tie):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.pages.addWidget(scroll)
        layout.addWidget(self.pages)
        selection.changed.connect(self.follow_selection)
        document.changed.connect(self._changed)
        self.follow_selection()

    @property
    def current_page(self) -> QWidget:
        scroll = self.pages.currentWidget()
        assert isinstance(scroll, QScrollArea)
        return scroll.widget()

    def follow_selection(self) -> None:
        m = self._document.map
        person_id = self._selection.current_stakeholder
        tie_id = self._selection.current_relationship
        if person_id in m.stakeholders:
            self.person.show_person(person_id)
            self.pages.setCurrentIndex(1)
        elif tie_id in m.relationships:
            self.tie.show_relationship(tie_id)
            self.pages.setCurrentIndex(2)
        else:
            self.map_form.set_selection_count(len(self._selection.stakeholder_ids))
            self.pages.setCurrentIndex(0)

    def _changed(self, change: Change) -> None:
        # A deleted (or un-added by undo) person or tie leaves the inspector on the map page.
        if change.touches(Stakeholder, Relationship):
            gone_people = [i for i in change.ids(Stakeholder) if i not in self._document.map.stakeholders]
            gone_ties = [i for i in change.ids(Relationship) if i not in self._document.map.relationships]
            if gone_people or gone_ties:
                self._selection.forget(gone_people, gone_ties)
                self.follow_selection()
