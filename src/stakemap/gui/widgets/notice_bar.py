"""The notice bar under the toolbar: follow-ups overdue and a re-assessment due, on opening a map (gui layer).

One owner for when the bar shows: a line shows until it is dismissed, the bar while some line is live
and a map is open, and never during a presentation (the notices are not for the audience).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QToolBar, QVBoxLayout, QWidget

from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.overdue_notice import Notice, OverdueNotice, overdue_lines
from stakemap.gui.widgets.rhythm.actions import assessment_reminder


class NoticeBar(QToolBar):
    """The window's notice lines, stacked in one toolbar row that cannot be moved or turned off."""

    def __init__(
        self,
        show_overdue: Callable[[], None],
        show_snapshots: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Notices", parent)
        self.setObjectName("toolbar-notices")  # the window's saved layout knows it by this name
        self.setMovable(False)
        self.toggleViewAction().setVisible(False)
        self.overdue = OverdueNotice(show_overdue, self)
        self.assessment = Notice("assessment-notice", "Show Snapshots", show_snapshots, self)
        lines = QWidget(self)
        stack = QVBoxLayout(lines)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        for notice in self.notices():
            stack.addWidget(notice)
            notice.close_button.clicked.connect(self._update)
        self.addWidget(lines)
        self.hide()
        self._held_back = False  # presenting
        self._map_open = False

    def notices(self) -> list[Notice]:
        """The lines of the bar, in the order shown."""
        return [self.overdue, self.assessment]

    def map_changed(self, document: MapDocument | None) -> None:
        """The window shows ``document`` now; closing the map (None) takes its notices away."""
        self._map_open = document is not None
        if document is None:
            self.overdue.set_lines([])
            self.assessment.set_message("")
        self._update()

    def announce(self, document: MapDocument, today: date | None = None) -> None:
        """On opening ``document``: its follow-ups overdue (on a team map, yours) and a re-assessment due."""
        today = today or date.today()
        own = document.own_name
        self.overdue.set_lines(overdue_lines(document.map, today, own), yours=own is not None)
        self.assessment.set_message(assessment_reminder(document, today))
        self._update()

    def hide_notices(self) -> None:
        """Keep the notices out of sight (presenter mode: not on the projector) until show_notices."""
        self._held_back = True
        self._update()

    def show_notices(self) -> None:
        self._held_back = False
        self._update()

    def follow_presentation(self, presenting: bool) -> None:
        """Hidden while presenting, and back afterwards (connected to ``presentation_changed``)."""
        if presenting:
            self.hide_notices()
        else:
            self.show_notices()

    def notices_shown(self) -> bool:
        return not self.isHidden()

    def _update(self) -> None:
        for notice in self.notices():
            notice.setVisible(not notice.dismissed)
        live = any(not notice.dismissed for notice in self.notices())
        self.setVisible(not self._held_back and live and self._map_open)
