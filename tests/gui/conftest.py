"""GUI fixtures: a MapDocument on a fresh copy of the small test map."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stakemap.gui.document import MapDocument
from stakemap.storage.database import open_map


@pytest.fixture
def document(map_file: Path, qapp: object) -> Iterator[MapDocument]:
    doc = MapDocument(open_map(map_file))
    yield doc
    doc.close()
