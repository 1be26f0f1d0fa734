"""A dialog no one answers is closed and named, never left waiting (the suite would hang)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.modal_answerer import ModalAnswerer, UnansweredModalGuard


def test_an_unanswered_message_box_is_closed_and_remembered_with_its_words(qtbot: QtBot) -> None:
    guard = UnansweredModalGuard()
    try:
        answer = QMessageBox.warning(None, "Change not saved", "The server cannot be reached.")
    finally:
        guard.stop()
    assert answer != QMessageBox.StandardButton.Ok  # rejected, not clicked
    assert guard.closed == ["“Change not saved” (QMessageBox) The server cannot be reached."]


def test_a_dialog_an_answerer_is_there_for_is_left_to_it(qtbot: QtBot) -> None:
    guard = UnansweredModalGuard()
    answers = ModalAnswerer()
    try:
        QMessageBox.information(None, "Saved", "All changes saved.")
    finally:
        answers.stop()
        guard.stop()
    assert answers.seen == ["QMessageBox: Saved"]
    assert guard.closed == []
