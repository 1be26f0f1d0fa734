"""Take a screenshot of a window and quit: for the README images and the packaged-app smoke test."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def schedule_screenshot_and_quit(window: QWidget, png: str | None, delay_ms: int) -> None:
    def shoot() -> None:
        if png:
            Path(png).parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(png)
        window.close()
        QApplication.quit()

    QTimer.singleShot(delay_ms, shoot)
