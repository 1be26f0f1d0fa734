"""The inspector's notes list for a person with 10,000 notes (1x) and 100,000 (10x), against building a
bare QListWidget of one page of the same items. Run: python -m benchmarks.bench_notes"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QApplication, QListWidget

from benchmarks.common import result
from stakemap.core.entities import Note, Stakeholder
from stakemap.core.model import Map
from stakemap.gui.widgets.inspector.notes_view import PAGE, NotesView


class _Doc:
    """What NotesView reads of a MapDocument, without a file behind it."""

    def __init__(self, the_map: Map) -> None:
        from PySide6.QtCore import QObject, Signal

        class Signals(QObject):
            changed = Signal(object)
            write_failed = Signal(str)

        self._signals = Signals()
        self.changed = self._signals.changed
        self.write_failed = self._signals.write_failed
        self.map = the_map
        self.read_only = False


def measure(count: int) -> float:
    the_map = Map()
    the_map.add_stakeholders([Stakeholder("Ann", id="a")])
    start = datetime(2020, 1, 1, tzinfo=UTC)
    the_map.add_entities(
        [Note(f"Met about item {i}.\nSecond line.", stakeholder_id="a", created_at=start + timedelta(minutes=i))
         for i in range(count)], "Generate")  # fmt: skip
    view = NotesView(_Doc(the_map))  # type: ignore[arg-type]
    view.resize(360, 600)
    view.show()
    QApplication.processEvents()
    began = time.perf_counter()
    view.set_subject(stakeholder_id="a")
    QApplication.processEvents()
    took = time.perf_counter() - began
    began = time.perf_counter()
    bare = QListWidget()
    bare.addItems([f"heading {i}\nMet about item {i}." for i in range(PAGE)])
    bare.show()
    QApplication.processEvents()
    base = time.perf_counter() - began
    result(f"notes list of a person with {count:,} notes shown: {took * 1000:.0f} ms "
           f"vs a bare QListWidget of {PAGE} items {base * 1000:.0f} ms = {took / base:.1f}x")  # fmt: skip
    view.close()
    bare.close()
    return took


def main() -> None:
    QApplication([])
    small = measure(10_000)
    large = measure(100_000)
    result(
        f"growth 1x -> 10x: {large / small:.1f}x (the list shows {PAGE} at a time; sorting the notes grows)"
    )


if __name__ == "__main__":
    main()
