"""Help > About: the version, credits, and the full licence texts of the bundled fonts (gui layer).

The fonts' licences (OFL, Bitstream Vera/DejaVu, Apache 2.0; Noto Sans is OFL too) ask that their notices travel with the
fonts; a frozen build has no documentation folder a user would look in, so the texts are shown here,
read from the same bundled resources the fonts are loaded from.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from html import escape
from pathlib import Path

import PySide6
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stakemap import __version__
from stakemap.gui.paths import resource

#: Readable titles for the licence files in resources/fonts (a file not listed shows its own stem).
_LICENCE_TITLES = {
    "DejaVu": "DejaVu Sans",
    "DroidSansFallback": "Droid Sans Fallback",
    "Apache-2.0": "Apache License 2.0",
    "NanumGothic": "Nanum Gothic",
    "Noto": "Noto Sans (Devanagari, Bengali, Tamil, Thai, Ethiopic)",
}

#: Licence files that are a generic licence text rather than a font's own notice.
_GENERIC = {"Apache-2.0-LICENSE.txt"}

#: What Stakemap is built with: (name, what it does here, licence).
CREDITS: tuple[tuple[str, str, str], ...] = (
    ("Python", "the language and its standard library", "PSF License"),
    ("Qt and Qt for Python (PySide6)", "the user interface", "LGPLv3"),
    ("SQLAlchemy and Alembic", "map files and their upgrades", "MIT"),
    ("networkx", "relationship insights", "BSD-3-Clause"),
    ("ReportLab", "the PDF communications plan", "BSD"),
    ("HarfBuzz (uharfbuzz)", "text shaping in the PDF", "Old MIT / Apache-2.0"),
    ("openpyxl and defusedxml", "XLSX import and export", "MIT / PSF"),
    ("odfpy", "ODS (LibreOffice) export", "Apache-2.0 / GPL-2.0+ / LGPL-2.1+"),
    ("Pillow", "images for ReportLab", "MIT-CMU"),
)


@dataclass(frozen=True)
class Licence:
    title: str
    file_name: str
    text: str


def bundled_licences() -> list[Licence]:
    """Every licence file shipped beside the fonts, with its full text, in a stable order."""
    fonts = resource("fonts")
    if not fonts.is_dir():
        return []
    paths = sorted({*fonts.glob("*LICEN[CS]E*"), *fonts.glob("*COPYING*")}, key=_licence_order)
    return [
        Licence(_licence_title(path), path.name, path.read_text(encoding="utf-8", errors="replace"))
        for path in paths
    ]


def _licence_stem(path: Path) -> str:
    return path.name.split("-LICEN")[0].split("-COPYING")[0]


def _licence_title(path: Path) -> str:
    return _LICENCE_TITLES.get(_licence_stem(path), _licence_stem(path))


def _licence_order(path: Path) -> tuple[int, str]:
    # Known files in the order of _LICENCE_TITLES (the Apache text right after the font that uses
    # it), then any other licence file by name.
    known = list(_LICENCE_TITLES)
    stem = _licence_stem(path)
    return (known.index(stem) if stem in known else len(known), path.name)


def about_text(version: str) -> str:
    """The About tab as HTML: what Stakemap is, and where the licences are."""
    names = [escape(lic.title) for lic in bundled_licences() if lic.file_name not in _GENERIC]
    fonts = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
    bundled = (
        f"<p>Stakemap bundles the fonts {fonts} so that every script prints and shows the same "
        "everywhere; their licences are in full under <i>Font licences</i>.</p>"
        if fonts
        else ""
    )
    return (
        "<p>Stakeholder mapping for people who build influence through relationships: "
        "an influence × interest map, the ties between people, notes, and a communications plan "
        "to print.</p>"
        f"{bundled}"
        "<p>Stakemap is free software under the MIT licence; <i>Credits</i> lists what it is built with.</p>"
        f"<p><small>Stakemap {escape(version)} · Qt {escape(qVersion())} · PySide6 {escape(PySide6.__version__)}"
        f" · Python {escape(platform.python_version())}</small></p>"
    )


def credits_text() -> str:
    rows = "".join(
        f"<tr><td><b>{escape(name)}</b></td><td>{escape(role)}</td><td>{escape(licence)}</td></tr>"
        for name, role, licence in CREDITS
    )
    return (
        "<p>Stakemap is built with free software. Thank you to the people who make it.</p>"
        f"<table cellspacing='0' cellpadding='4'>{rows}</table>"
        "<p>Qt is used under the LGPLv3: its libraries ship as separate shared files and can be "
        "replaced. <i>About Qt</i> below has Qt's own notice.</p>"
    )


class AboutDialog(QDialog):
    """The About box: icon, name and version on top; About, Credits and Font licences tabs below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Stakemap")
        self.resize(860, 600)

        header = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(_app_icon().pixmap(QSize(64, 64)))
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel(
            f"<span style='font-size: 18pt; font-weight: 600'>Stakemap</span><br>"
            f"Version {escape(__version__)}"
        )
        self.version_label = title
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(title, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(_browser(about_text(__version__)), "About")
        self.tabs.addTab(_browser(credits_text()), "Credits")
        self.licences = bundled_licences()
        if self.licences:
            self.tabs.addTab(self._licences_page(), "Font licences")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        about_qt = buttons.addButton("About Qt", QDialogButtonBox.ButtonRole.HelpRole)
        about_qt.clicked.connect(QApplication.aboutQt)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _licences_page(self) -> QWidget:
        self.licence_list = QListWidget()
        for licence in self.licences:
            self.licence_list.addItem(licence.title)
            item = self.licence_list.item(self.licence_list.count() - 1)
            item.setToolTip(licence.file_name)
        self.licence_view = QPlainTextEdit()
        self.licence_view.setReadOnly(True)
        # The texts are laid out for a fixed-width terminal (indented clauses, ruled headings).
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(max(8.0, QApplication.font().pointSizeF() - 1))
        self.licence_view.setFont(mono)
        self.licence_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.licence_list.currentRowChanged.connect(self.show_licence)

        splitter = QSplitter()
        splitter.addWidget(self.licence_list)
        splitter.addWidget(self.licence_view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 660])
        self.licence_list.setCurrentRow(0)
        return splitter

    def show_licence(self, row: int) -> None:
        if 0 <= row < len(self.licences):
            licence = self.licences[row]
            self.licence_view.setPlainText(licence.text)


def _browser(html: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    browser.setHtml(html)
    return browser


def _app_icon() -> QIcon:
    icon = QApplication.windowIcon()
    if icon.isNull():  # a dialog built outside create_application (tests): load the bundled icon
        icon = QIcon(str(resource("icons", "stakemap.svg")))
    return icon
