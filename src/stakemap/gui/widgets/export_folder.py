"""Where exports go: the folder the user last exported to, else the map's own folder (gui layer).

Remembered in QSettings for every export (PDF, PNG/SVG, CSV/XLSX, calendar), so a planner who keeps
handouts in one folder is not sent back to the map's folder each time. A remembered folder that no
longer exists (an unplugged drive) is skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSettings, QStandardPaths


class HasPath(Protocol):
    """A map document, or the audience's copy shown while presenting."""

    @property
    def path(self) -> Path | None: ...

    untitled: bool


KEY = "export/last_folder"


def export_folder(document: HasPath | None) -> Path:
    remembered = QSettings().value(KEY)
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    if document is not None and document.path is not None and not document.untitled:
        return document.path.parent
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_export_folder(written: Path) -> None:
    """After a file was written: its folder is where the next export starts."""
    QSettings().setValue(KEY, str(written.parent))
