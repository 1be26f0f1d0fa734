"""Asks before deleting people who take notes, plans or ties with them, and offers "Erase Everywhere" (gui layer).

A person with nothing attached is deleted at once (Undo brings them back). When notes, planned
engagements or relationships go too, the user is told how many first. When the person is also
remembered in snapshots, a plain delete keeps them there (a snapshot is a record of then), and
"Erase Everywhere" removes every trace, for someone who asked to be forgotten.

Like the link dialog, the canvas does not call this directly: ``MapView.delete_confirmer`` is a
plain callable (``ask_delete_choice`` by default) so tests and other front ends can answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from stakemap.core.erase import Attached


class DeleteChoice(Enum):
    CANCEL = "cancel"
    DELETE = "delete"
    ERASE = "erase"  # delete, and remove them from every snapshot too


#: (parent, names of the people, what goes with them) -> the user's choice.
DeleteConfirmer = Callable[[QWidget | None, Sequence[str], Attached], DeleteChoice]


def needs_asking(attached: Attached) -> bool:
    return attached.goes_with or attached.snapshots > 0


def question_text(names: Sequence[str], attached: Attached) -> tuple[str, str]:
    """The dialog's question and its explanation, in the user's words."""
    who = names[0] if len(names) == 1 else f"{len(names)} people"
    question = f"Delete {who}?"
    details: list[str] = []
    if attached.goes_with:
        details.append(f"This also deletes {attached.sentence()}.")
    if attached.snapshots:
        where = "1 snapshot" if attached.snapshots == 1 else f"{attached.snapshots} snapshots"
        they = "They stay" if len(names) > 1 else f"{names[0]} stays"
        details.append(
            f"{they} in {where} unless you choose Erase Everywhere, which removes every trace "
            "(for someone who asked to be forgotten)."
        )
    details.append("You can undo this until the map is closed.")
    return question, " ".join(details)


def ask_delete_choice(parent: QWidget | None, names: Sequence[str], attached: Attached) -> DeleteChoice:
    question, details = question_text(names, attached)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Delete")
    # Names are user text: plain text only (informative text would guess rich text from a "<b>").
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{question}\n\n{details}")
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    erase = (
        box.addButton("Erase Everywhere", QMessageBox.ButtonRole.DestructiveRole)
        if attached.snapshots
        else None
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)  # a stray Enter must not delete someone's notes
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is delete:
        return DeleteChoice.DELETE
    if erase is not None and clicked is erase:
        return DeleteChoice.ERASE
    return DeleteChoice.CANCEL
