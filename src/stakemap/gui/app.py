"""Application bootstrap: QApplication, settings identity, icon, and the first window (gui layer)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from stakemap import __version__
from stakemap.gui.diagnostics import install_crash_window, setup_logging
from stakemap.gui.paths import data_dir, resource, sample_copy, untitled_left_behind


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="stakemap-gui", description="Open Stakemap.")
    parser.add_argument("file", nargs="?", help="a map file to open")
    parser.add_argument("--sample", action="store_true", help="open a fresh copy of the bundled sample map")
    parser.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)  # docs and smoke tests
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    return parser.parse_args(list(argv))


def create_application(argv: Sequence[str] = ()) -> QApplication:
    QCoreApplication.setOrganizationName("Stakemap")
    QCoreApplication.setOrganizationDomain("stakemap.app")
    QCoreApplication.setApplicationName("Stakemap")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(["stakemap", *argv])
    assert isinstance(app, QApplication)
    app.setDesktopFileName("app.stakemap.Stakemap")
    # The bundled fonts also serve the screen: names in any script show even without system fonts.
    for font in sorted(resource("fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font))
    icon = resource("icons", "stakemap.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = create_application()
    from stakemap.gui.widgets.main_window import MainWindow

    setup_logging(data_dir() / "logs")
    window = MainWindow()
    install_crash_window(lambda: window)
    window.show()
    # Read before anything opens: the map this window is about to open is not "left behind".
    left_behind = untitled_left_behind()
    if args.sample:
        window.open_path(sample_copy())
    elif args.file:
        window.open_path(Path(args.file))
    else:
        window.open_last_or_new()
    if left_behind:
        window.offer_left_behind(left_behind)
    if args.screenshot or args.quit_after is not None:
        from stakemap.gui.smoke import schedule_screenshot_and_quit

        schedule_screenshot_and_quit(
            window, args.screenshot, 1500 if args.quit_after is None else args.quit_after
        )
    return app.exec()
