"""Storage: one edit written through vs a raw sqlite3 single-row commit; opening a 2,000-person map vs a raw
SELECT of the same rows. Run: python -m benchmarks.bench_storage"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from benchmarks.common import best_of, generate_map, result
from stakemap.gui.document import MapDocument
from stakemap.storage.database import create_map, open_map


def main() -> None:
    app = QCoreApplication([])
    folder = Path(tempfile.mkdtemp(prefix="stakemap-bench-"))
    path = folder / "big.stakemap"
    create_map(path, generate_map(2000, 6000)).close()

    # One edit, written through, vs one raw single-row UPDATE + COMMIT (same journal and synchronous mode).
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA synchronous=FULL")
    counter = iter(range(10**9))

    def raw_commit() -> None:
        raw.execute("UPDATE stakeholder SET role=? WHERE id='p1'", (f"r{next(counter)}",))
        raw.commit()

    baseline = best_of(raw_commit, 30)
    raw.close()
    document = MapDocument(open_map(path))
    ours = best_of(lambda: document.edit(lambda m: m.update_stakeholder("p1", role=f"r{next(counter)}")), 30)
    repo = document.opened.repository
    bare = best_of(lambda: repo.write(document.map.update_stakeholder("p1", role=f"r{next(counter)}")), 30)
    document.close()
    result(f"one edit written through (MapDocument.edit): {ours * 1000:.2f} ms vs raw sqlite3 commit "
           f"{baseline * 1000:.2f} ms = {ours / baseline:.2f}x (aim within 3x); repository.write alone "
           f"{bare * 1000:.2f} ms = {bare / baseline:.2f}x")  # fmt: skip

    def raw_read() -> None:
        db = sqlite3.connect(path)
        for table in ("stakeholder", "relationship", "note", "engagement", "map_info"):
            db.execute(f"SELECT * FROM {table}").fetchall()
        db.close()

    def ours_read() -> None:
        opened = open_map(path, read_only=True)
        opened.load()
        opened.close()

    base_read, our_read = best_of(raw_read, 5), best_of(ours_read, 5)
    result(f"open + load 2,000 people / 6,000 links: {our_read * 1000:.0f} ms vs raw sqlite3 read "
           f"{base_read * 1000:.0f} ms = {our_read / base_read:.1f}x")  # fmt: skip
    del app


if __name__ == "__main__":
    main()
