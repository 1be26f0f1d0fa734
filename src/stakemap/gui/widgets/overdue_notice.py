"""The notice bar's lines, and the first of them: engagements whose follow-up date has passed (gui layer).

A bar inside the window, not a dialog: the user sees what slipped, can jump to the
plan, and is not blocked from working.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QToolButton, QWidget

from stakemap.core.model import Map
from stakemap.gui.widgets.elided_label import ElidedLabel

MAX_LISTED = 8


def overdue_lines(the_map: Map, today: date, owner: str | None = None) -> list[str]:
    """One line per engagement past due; with ``owner`` (a team map), only that planner's own."""
    lines = []
    mine = owner.strip().casefold() if owner else None
    for engagement in the_map.overdue(today):
        if mine is not None and engagement.owner.strip().casefold() != mine:
            continue
        person = the_map.stakeholders[engagement.stakeholder_id].name
        assert engagement.due is not None
        days = (today - engagement.due).days
        reason = engagement.reason.strip().splitlines()[0] if engagement.reason.strip() else engagement.method
        lines.append(
            f"• {person}: {reason} (due {engagement.due:%d %b}, {days} day{'s' if days != 1 else ''} ago)"
        )
    return lines


def style_as_note(frame: QFrame) -> None:
    """A framed strip in the palette's own "note" colours, so it follows light and dark themes."""
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setAutoFillBackground(True)
    frame.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
    frame.setForegroundRole(QPalette.ColorRole.ToolTipText)


class Notice(QFrame):
    """One line in the notice bar at the top of the window: a message, a way to act on it, Dismiss.

    It blocks nothing: the map stays usable underneath, and presenter mode hides the bar from the audience.
    """

    def __init__(
        self, name: str, button_text: str, act: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        style_as_note(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self._text = ElidedLabel()
        self._text.setTextFormat(Qt.TextFormat.PlainText)  # names are user text
        # One line, cut to the room there is (the full text is the tooltip): in a toolbar a wrapping
        # label asks for the height of a narrow column and the bar took a tenth of the window.
        self._text.setWordWrap(False)
        self._text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._text.setMinimumWidth(120)
        self._details = ""
        self._summary = ""
        layout.addWidget(self._text, 1)
        self.action_button = QPushButton(button_text)
        self.action_button.clicked.connect(act)
        layout.addWidget(self.action_button)
        self.close_button = QToolButton()
        self.close_button.setText("Dismiss")
        self.close_button.setToolTip("Hide this notice until the map is opened again")
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button)
        self.dismissed = True

    def set_message(self, summary: str, shown: str = "", details: str = "") -> None:
        """Show ``summary`` (followed by ``shown``, cut to fit; ``details`` as the tooltip); "" shows nothing."""
        self.dismissed = not summary
        self._summary = summary
        self._details = details or summary
        self._text.setText(summary + ("  " + shown if shown else ""))
        self.setToolTip(self._details)

    def text(self) -> str:
        return self._summary

    def informativeText(self) -> str:
        return self._details

    def dismiss(self) -> None:
        """The window hides this line, and the bar when no line is left (see NoticeBar)."""
        self.dismissed = True


class OverdueNotice(Notice):
    """What slipped: the engagements past their follow-up date, and a way to the plan."""

    def __init__(self, show_plan: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__("overdue-notice", "Show in Plan", show_plan, parent)
        self.plan_button = self.action_button

    def set_lines(self, lines: list[str], *, yours: bool = False) -> None:
        """Show these overdue engagements, or nothing when there are none (``yours``: a planner's own)."""
        if not lines:
            self.set_message("")
            return
        count = len(lines)
        verb = "are" if count != 1 else "is"
        if yours:
            summary = f"{count} of your planned engagements {verb} past due."
        else:
            summary = f"{count} planned engagement{'s' if count != 1 else ''} {verb} past due."
        extra = f"\n…and {count - MAX_LISTED} more." if count > MAX_LISTED else ""
        shown = "  ".join(lines[:2]) + ("  …" if count > 2 else "")
        self.set_message(summary, shown, "\n".join(lines[:MAX_LISTED]) + extra)
