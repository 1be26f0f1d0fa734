"""File menu actions of the contact rhythm: the plan to a calendar, logging an interaction from a
file, and the assessment reminder on opening a map (gui layer)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from stakemap.core.assessment import assessment_due
from stakemap.exchange.calendar import export_plan_ics
from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.interactions import plan_interaction_notes, read_interaction
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.export_folder import export_folder, remember_export_folder

if TYPE_CHECKING:
    from stakemap.gui.dialog_host import MapHost
    from stakemap.gui.selection import Selection

EVERYONE = "Everyone"


class InteractionHost(Protocol):
    """What logging an interaction from a file needs of the window: the open map, the person selected
    there (who took part, if the file does not say), and a widget to open the dialogs over."""

    @property
    def document(self) -> MapDocument | None: ...

    @property
    def selection(self) -> Selection: ...

    def window(self) -> QWidget: ...


def export_calendar(host: MapHost) -> None:
    """Ask whose engagements and where, then write the open map's plan as an .ics file."""
    document = host.document
    if document is None:
        return
    window = host.window()
    owners = sorted({e.owner for e in document.map.engagements.values() if e.owner and e.status.is_open},
                    key=str.casefold)  # fmt: skip
    owner: str | None = None
    if owners:
        choice, ok = QInputDialog.getItem(window, "Plan to Calendar", "Whose engagements?", [EVERYONE, *owners],
                                          0, False)  # fmt: skip
        if not ok:
            return
        owner = None if choice == EVERYONE else choice
    start = export_folder(document) / "plan.ics"
    name, _ = QFileDialog.getSaveFileName(window, "Plan to Calendar", str(start), "iCalendar (*.ics)")
    if not name:
        return
    path = Path(name) if name.lower().endswith(".ics") else Path(name + ".ics")
    remember_export_folder(path)
    try:
        result = export_plan_ics(document.map, path, owner=owner)
    except ExchangeError as exc:
        QMessageBox.warning(window, "Plan to Calendar", str(exc))
        return
    undated = f" {result.undated} without a due date are tasks." if result.undated else ""
    host.statusBar().showMessage(
        f"Wrote {result.written} engagements to {path.name}; importing it again updates them.{undated}", 8000
    )


def log_interaction_file(
    parent: QWidget, document: MapDocument, path: Path, person_id: str | None = None
) -> bool:
    """Log the .ics/.eml at ``path`` as notes; a drop on a person passes ``person_id``."""
    try:
        log = plan_interaction_notes(document.map, read_interaction(path), also=person_id)
    except ExchangeError as exc:
        QMessageBox.warning(parent, "Log Interaction", str(exc))
        return False
    if log.notes:
        notes = log.notes
        if document.try_edit(lambda m: m.add_entities(notes, f"Log interaction from {path.name}")) is None:
            return False
    QMessageBox.information(parent, "Log Interaction", log.summary() + "\nOnly the date, subject and who took "
                            "part were kept, never the message itself.")  # fmt: skip
    return True


def log_interaction(host: InteractionHost) -> None:
    document = host.document
    if document is None or document.read_only:
        return
    name, _ = QFileDialog.getOpenFileName(
        host.window(), "Log Interaction from File", str(Path.home()), "Invitations and emails (*.ics *.eml)"
    )
    if name:
        log_interaction_file(host.window(), document, Path(name), host.selection.current_stakeholder)


def assessment_reminder(document: MapDocument, today: date | None = None) -> str:
    """The notice to show when ``document`` opens if a re-assessment round is due ("" when none is)."""
    due = assessment_due(document.map, today or date.today())
    return "" if due is None else due.message()
