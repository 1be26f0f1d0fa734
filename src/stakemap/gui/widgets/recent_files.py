"""The Open Recent list, kept in QSettings (gui layer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

MAX_RECENT = 10
KEY = "files/recent"


class RecentFiles(QObject):
    changed = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings

    def paths(self) -> list[Path]:
        value = self._settings.value(KEY, [])
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
        return [Path(p) for p in items if isinstance(p, str) and p]

    def add(self, path: Path) -> None:
        path = path.resolve()
        items = [path, *(p for p in self.paths() if p != path)][:MAX_RECENT]
        self._settings.setValue(KEY, [str(p) for p in items])
        self.changed.emit()

    def remove(self, path: Path) -> None:
        self._settings.setValue(KEY, [str(p) for p in self.paths() if p != path])
        self.changed.emit()

    def clear(self) -> None:
        self._settings.setValue(KEY, [])
        self.changed.emit()
