"""File > Download a Copy: a server map, as you may see it, saved as a *.stakemap file (gui layer).

Works offline too: the copy is made from the map on screen (``save_as`` with ``current``), so it
holds exactly what this user may read (row-level security decided what was loaded) and nothing of
the server is asked. The window stays on the server map.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from stakemap.storage.database import FILE_SUFFIX, save_as
from stakemap.storage.errors import MapFileError

if TYPE_CHECKING:
    from stakemap.gui.dialog_host import MapHost
    from stakemap.gui.document import MapDocument


def download_copy(document: MapDocument, target: Path) -> Path:
    """Write the map on screen to a new file ``target``; raises ``MapFileError`` (never overwrites)."""
    target = target if target.name.endswith(FILE_SUFFIX) else target.with_name(target.name + FILE_SUFFIX)
    if target.exists():
        raise MapFileError(
            f"“{target.name}” already exists. Choose another name: maps are never overwritten."
        )
    copy = save_as(document.opened, target, current=document.map)
    copy.close()
    return target


def download_copy_dialog(host: MapHost) -> None:
    """Ask where, then save the copy of the map open in ``host``; the answer goes to its status bar."""
    document = host.document
    if document is None:
        return
    window = host.window()
    suggested = Path.home() / f"{document.title or 'map'}{FILE_SUFFIX}"
    name, _ = QFileDialog.getSaveFileName(
        window, "Download a Copy", str(suggested), f"Stakemap maps (*{FILE_SUFFIX})"
    )
    if not name:
        return
    try:
        target = download_copy(document, Path(name))
    except MapFileError as exc:
        QMessageBox.warning(window, "Download a Copy", str(exc))
        return
    host.statusBar().showMessage(f"A copy of what you may see was saved as {target}", 8000)
