"""A write the file no longer matches is refused on screen with the person's name, never "All changes saved"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from stakemap.gui.document import MapDocument
from stakemap.storage.database import open_map

GONE = "Dana is no longer in this file: it was changed outside Stakemap. Reopen it to see the file as it is."


@pytest.fixture
def document(map_file: Path, qapp: object) -> Iterator[MapDocument]:
    doc = MapDocument(open_map(map_file))
    yield doc
    doc.close()


def _remove_dana_outside(path: Path) -> None:
    db = sqlite3.connect(path)
    with db:
        for table, where in (
            ("engagement", "stakeholder_id='s-dana'"),
            ("note", "stakeholder_id='s-dana'"),
            ("relationship", "source_id='s-dana' OR target_id='s-dana'"),
            ("stakeholder", "id='s-dana'"),
        ):
            db.execute(f"DELETE FROM {table} WHERE {where}")
    db.close()


def test_edit_to_a_person_removed_outside_is_refused_and_put_back(
    document: MapDocument, map_file: Path
) -> None:
    _remove_dana_outside(map_file)
    failures: list[str] = []
    statuses: list[str] = []
    document.write_failed.connect(failures.append)
    document.storage_status.connect(statuses.append)
    assert document.try_edit(lambda m: m.update_stakeholder("s-dana", role="Architect")) is None
    assert failures == [GONE]
    assert statuses
    assert not any("All changes saved" in s for s in statuses)
    assert document.map.stakeholders["s-dana"].role == "Engineer"
    assert document.undo_stack.count() == 0


def test_undo_of_an_edit_to_a_person_removed_outside_says_so(document: MapDocument, map_file: Path) -> None:
    document.edit(lambda m: m.update_stakeholder("s-dana", role="Architect"))
    _remove_dana_outside(map_file)
    failures: list[str] = []
    statuses: list[str] = []
    document.write_failed.connect(failures.append)
    document.storage_status.connect(statuses.append)
    document.undo_stack.undo()
    assert failures
    assert failures[0].startswith(GONE)
    assert not any("All changes saved" in s for s in statuses)
