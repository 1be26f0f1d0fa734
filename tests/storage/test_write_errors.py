"""Text no database can hold (lone surrogates) is refused by the core, and, should it reach the
repository another way, refused there as a storage error with nothing of the change stored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from stakemap.core.changes import Change
from stakemap.core.entities import Note, Stakeholder
from stakemap.storage.database import open_map
from stakemap.storage.errors import StorageWriteError

BROKEN = "Dana \udc80 Smith"  # e.g. a file name decoded with surrogateescape


def test_core_refuses_lone_surrogates() -> None:
    with pytest.raises(ValueError, match="unpaired surrogate"):
        Stakeholder(BROKEN)
    with pytest.raises(ValueError, match="The note contains a broken character"):
        Note("fine \ud800")
    assert Stakeholder("Zoë 🙂 Łukasz").name == "Zoë 🙂 Łukasz"  # real non-ASCII text is welcome


def test_repository_turns_unencodable_text_into_a_storage_error(map_file: Path) -> None:
    opened = open_map(map_file)
    m = opened.load()
    eli = m.stakeholders["s-eli"]
    # Built past validation, as a caller bypassing the core could: a removal and a broken insert.
    broken = replace(Stakeholder("Placeholder"), id="s-new")
    object.__setattr__(broken, "name", BROKEN)
    change = Change.of("Import", [eli], [broken])
    with pytest.raises(
        StorageWriteError, match="could not be saved: it contains a broken character"
    ) as caught:
        opened.repository.write(change)
    assert isinstance(caught.value.__cause__, UnicodeEncodeError)
    stored = opened.repository.load()
    assert eli.id in stored.stakeholders  # the removal in the same change was rolled back
    assert "s-new" not in stored.stakeholders
    opened.repository.write(m.update_info(title="Still writable"))  # the connection is usable after
    assert opened.repository.load().info.title == "Still writable"
    opened.close()
