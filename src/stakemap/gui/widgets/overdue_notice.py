"""On opening a map, list the engagements whose follow-up date has passed (gui layer).

A non-modal note: the user sees what slipped, can jump to the plan, and is not
blocked from working.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QMessageBox, QWidget

from stakemap.core.model import Map

MAX_LISTED = 8


def overdue_lines(the_map: Map, today: date) -> list[str]:
    lines = []
    for engagement in the_map.overdue(today):
        person = the_map.stakeholders[engagement.stakeholder_id].name
        assert engagement.due is not None
        days = (today - engagement.due).days
        reason = engagement.reason.strip().splitlines()[0] if engagement.reason.strip() else engagement.method
        lines.append(
            f"• {person}: {reason} (due {engagement.due:%d %b}, {days} day{'s' if days != 1 else ''} ago)"
        )
    return lines


def show_overdue_notice(
    parent: QWidget, the_map: Map, show_plan: Callable[[], None], today: date | None = None
) -> QMessageBox | None:
    lines = overdue_lines(the_map, today or date.today())
    if not lines:
        return None
    box = QMessageBox(QMessageBox.Icon.Information, "Follow-ups overdue", "", parent=parent)
    count = len(lines)
    box.setText(f"{count} planned engagement{'s are' if count != 1 else ' is'} past due.")
    extra = f"\n…and {count - MAX_LISTED} more." if count > MAX_LISTED else ""
    box.setInformativeText("\n".join(lines[:MAX_LISTED]) + extra)
    plan_button = box.addButton("Show in Plan", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setModal(False)
    box.buttonClicked.connect(lambda button: show_plan() if button is plan_button else None)
    box.show()
    return box
