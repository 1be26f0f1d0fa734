"""A map deleted, renamed or replaced while open: the next edit is refused, Save As keeps the screen."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage.database import open_map, save_as


def _delete(path: Path) -> None:
    path.unlink()


def _rename(path: Path) -> None:
    path.rename(path.with_name("moved.stakemap"))


def _replace(path: Path) -> None:
    other = path.with_name("restored.stakemap")
    shutil.copyfile(path, other)
    os.replace(other, path)


@pytest.mark.parametrize("vanish", [_delete, _rename, _replace], ids=["deleted", "renamed", "replaced"])
def test_next_edit_is_refused_and_save_as_keeps_the_screen(
    map_file: Path, tmp_path: Path, qapp: object, vanish: Callable[[Path], None]
) -> None:
    document = MapDocument(open_map(map_file))
    document.edit(lambda m: m.update_stakeholder("s-dana", role="Architect"))
    vanish(map_file)
    with pytest.raises(EditRejected, match="deleted, renamed or replaced") as caught:
        document.edit(lambda m: m.update_stakeholder("s-eli", role="Lead"))
    assert "Save As" in str(caught.value)
    with pytest.raises(EditRejected, match="deleted, renamed or replaced"):
        document.edit(lambda m: m.update_stakeholder("s-eli", role="Lead"))
    if vanish is not _replace:
        assert not map_file.exists(), "an empty file appeared at the old path"
    kept = tmp_path / "kept.stakemap"
    copy = save_as(document.opened, kept, current=document.map)
    document.close()
    m = copy.load()
    copy.close()
    assert m.stakeholders["s-dana"].role == "Architect"
    assert m.stakeholders["s-eli"].role == "Analyst"
    if vanish is not _replace:
        assert not map_file.exists()
