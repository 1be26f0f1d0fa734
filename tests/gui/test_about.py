"""Help > About: the version, the credits and the bundled fonts' licences in full, from the menu."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from stakemap import __version__
from stakemap.gui.about import AboutDialog, about_text, bundled_licences
from stakemap.gui.widgets.main_window import MainWindow

#: A phrase from each licence text that a file-name list would not contain.
PHRASES = {
    "DejaVu Sans": "Bitstream Vera is a trademark of Bitstream, Inc.",
    "Droid Sans Fallback": "Droid is a trademark of Google Corp.",
    "Apache License 2.0": "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",
    "Nanum Gothic": "licensed under the SIL Open Font License, Version 1.1",
    "Noto Sans (Devanagari, Bengali, Tamil, Thai, Ethiopic)": "Copyright 2015-2020 Google LLC.",
}


def _about_from_the_menu(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> AboutDialog:
    shown: list[AboutDialog] = []
    # exec() would block the test in a modal loop: record the dialog instead of running it.
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    action = next(a for a in window.findChildren(QAction) if a.text() == "&About Stakemap")
    action.trigger()
    assert len(shown) == 1
    return shown[0]


def test_about_shows_the_version_and_every_font_licence_in_full(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    dialog = _about_from_the_menu(window, monkeypatch)
    qtbot.addWidget(dialog)
    assert f"Version {__version__}" in dialog.version_label.text()
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "About",
        "Credits",
        "Font licences",
    ]

    titles = [dialog.licence_list.item(row).text() for row in range(dialog.licence_list.count())]
    assert titles == list(PHRASES)
    for row, title in enumerate(titles):
        dialog.licence_list.setCurrentRow(row)
        text = " ".join(dialog.licence_view.toPlainText().split())  # phrases may wrap across lines
        assert PHRASES[title] in text, title
        assert dialog.licence_view.isReadOnly()


def test_the_licence_texts_are_the_bundled_files() -> None:
    licences = bundled_licences()
    assert {lic.file_name for lic in licences} == {
        "DejaVu-LICENSE.txt",
        "DroidSansFallback-LICENSE.txt",
        "Apache-2.0-LICENSE.txt",
        "NanumGothic-LICENSE.txt",
        "Noto-LICENSE.txt",
    }
    assert all(len(lic.text) > 1000 for lic in licences)


def test_about_text_names_the_version_and_the_fonts() -> None:
    html = about_text(__version__)
    assert __version__ in html
    assert "DejaVu Sans, Droid Sans Fallback, Nanum Gothic and Noto Sans" in html
