"""Whatever makes a write fail, the document puts the screen back to what the file holds and says why.

Found by fault injection: a lone surrogate (legal in a Python str, and in Qt's UTF-16 strings) passed
the model's checks, then the SQLite driver raised ``UnicodeEncodeError``, which is not a storage error;
the document left the refused text on screen while the file kept the old one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stakemap.core.entities import Note, Stakeholder
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage.database import open_map
from tests.conftest import stored
from tests.faults.edit_worker import fingerprint


@pytest.fixture
def document(map_file: Path, qapp: object) -> Iterator[MapDocument]:
    doc = MapDocument(open_map(map_file))
    yield doc
    doc.close()


@pytest.mark.parametrize(
    "edit",
    [
        lambda m: m.update_stakeholder("s-dana", role="Lead \ud800 engineer"),
        lambda m: m.add_stakeholder(Stakeholder("\udfff", id="s-half")),
        lambda m: m.add_note(Note("half an emoji \ud83d", stakeholder_id="s-eli")),
        lambda m: m.update_info(title="Map \udc80"),
    ],
    ids=["update", "add", "note", "map-title"],
)
def test_text_the_file_cannot_hold_is_refused_and_not_shown(
    document: MapDocument, map_file: Path, edit: object
) -> None:
    before = fingerprint(document.map)
    # Refused by the core's own validation now (before any write); the storage refuses it too.
    with pytest.raises(EditRejected, match="unpaired surrogate code point\\) that cannot be stored"):
        document.edit(edit)  # type: ignore[arg-type]
    assert fingerprint(document.map) == before
    assert fingerprint(stored(map_file)) == before
    assert document.undo_stack.count() == 0
    document.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))  # the next edit works
    assert stored(map_file).stakeholders["s-dana"].role == "Lead engineer"


def test_an_unexpected_error_during_undo_is_reported_and_the_screen_follows_the_file(
    document: MapDocument, map_file: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    document.edit(lambda m: m.move_stakeholders({"s-dana": (10.0, 20.0)}))
    moved = fingerprint(document.map)
    repository = document.opened.repository

    def broken(change: object) -> None:
        raise RuntimeError("driver bug")

    monkeypatch.setattr(repository, "write", broken)
    with qtbot.waitSignal(document.write_failed) as blocker:
        document.undo_stack.undo()
    assert "could not be saved: RuntimeError: driver bug" in blocker.args[0]
    assert "undo history was cleared" in blocker.args[0]
    assert fingerprint(document.map) == moved == fingerprint(stored(map_file))
    qtbot.waitUntil(lambda: document.undo_stack.count() == 0)
