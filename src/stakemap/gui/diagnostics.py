"""Errors leave a trace: a private rotating log, a diagnostic report, and a window for a crash (gui layer).

Every broad ``except`` in Stakemap turns a failure into a message a user can act on; without a log
the traceback behind it was gone. The log lives in the app's data folder, user-only like every file
Stakemap writes, and rotates at a megabyte. Help > Copy Diagnostic Report puts the versions and the
last log lines on the clipboard for a bug report: no map is read for it, and log messages are
written not to quote map content (an exception's own text may, so the window says to look first).

An exception that escapes a Qt slot would otherwise only reach stderr, which a desktop user never
sees: ``install_crash_window`` logs it and shows it with the report.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sqlite3
import sys
from collections import deque
from collections.abc import Callable
from importlib import metadata
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType

from stakemap import __version__
from stakemap.core.files import PRIVATE_FILE_MODE, ensure_private_dir

LOG_NAME = "stakemap.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
REPORT_LINES = 60
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("stakemap")


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is user-only (0600), whatever the umask."""

    def _open(self) -> TextIOWrapper:
        stream = super()._open()
        os.chmod(self.baseFilename, PRIVATE_FILE_MODE)
        return stream


def log_file(folder: Path) -> Path:
    return folder / LOG_NAME


def setup_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Log Stakemap's messages to ``folder``/stakemap.log (created user-only); returns the file."""
    ensure_private_dir(folder)
    path = log_file(folder)
    for handler in list(log.handlers):
        if isinstance(handler, _PrivateRotatingHandler):
            log.removeHandler(handler)
            handler.close()
    handler = _PrivateRotatingHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    log.addHandler(handler)
    log.setLevel(level)
    log.info("Stakemap %s started (%s)", __version__, platform.platform())
    return path


def current_log_file() -> Path | None:
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def last_log_lines(path: Path | None, count: int = REPORT_LINES) -> list[str]:
    if path is None or not path.exists():
        return []
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in deque(handle, maxlen=count)]
    except OSError as exc:
        return [f"(the log could not be read: {exc.strerror or exc})"]


def diagnostic_report(count: int = REPORT_LINES) -> str:
    """Versions, platform and the last log lines: what a bug report needs, and no map content."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    for handler in log.handlers:
        handler.flush()
    path = current_log_file()
    lines = [
        f"Stakemap {__version__}",
        f"Platform: {platform.platform()}",
        f"Python {platform.python_version()} ({sys.executable})",
        f"Qt {qVersion()} · PySide6 {pyside_version}",
        f"SQLite {sqlite3.sqlite_version} · SQLAlchemy {metadata.version('SQLAlchemy')}",
        f"Log: {path if path is not None else '(not set up)'}",
        "",
        f"Last {count} log lines:",
        *(last_log_lines(path, count) or ["(none)"]),
    ]
    return "\n".join(lines)


def copy_diagnostic_report() -> str:
    from PySide6.QtGui import QGuiApplication

    report = diagnostic_report()
    QGuiApplication.clipboard().setText(report)
    return report


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install_crash_window(parent: Callable[[], object]) -> ExceptHook:
    """Log any exception no code caught and show it in a window with the report; returns the old hook."""
    previous = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        nonlocal showing
        log.critical("Unexpected error", exc_info=(kind, error, trace))
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        if showing:
            return  # one window at a time; the rest is in the log
        showing = True
        try:
            show_crash_window(parent(), f"{kind.__name__}: {error}")
        finally:
            showing = False

    sys.excepthook = hook
    return previous


def show_crash_window(parent: object, summary: str) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    box = QMessageBox(parent if isinstance(parent, QWidget) else None)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Stakemap hit an unexpected error")
    box.setText(
        "Something went wrong that Stakemap did not expect. Every change the status bar called saved "
        "is in the map file; the last action may not have finished."
    )
    box.setInformativeText(
        "Copy Diagnostic Report puts the versions and the last lines of the log on the clipboard for a "
        "bug report. Read it before you send it: an error message may quote a name."
    )
    box.setDetailedText(summary[:2000])
    copy = box.addButton("Copy Diagnostic Report", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        copy_diagnostic_report()
