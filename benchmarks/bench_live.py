"""Live updates: how soon one planner's edit is on another's screen, and what a pull costs at 2,000 people.

Two roles on one 2,000-person / 6,000-link server map: sam writes 100 edits through his document,
one at a time; priya's window-side ``LiveUpdates`` (a QSocketNotifier on her listening connection)
pulls and applies each. Timed per edit: from sam's write returning (committed, NOTIFY sent) to
priya's document emitting ``changed`` (notification-to-apply), and from the write starting (what a
user sees). Then the pull of one changed row against a full reload, both on the same map, same run.

Needs the test server (STAKEMAP_TEST_PG_SERVER, STAKEMAP_TEST_PG_ROLES as in .ci/run); makes a
database of its own and drops it. Run: python -m benchmarks.bench_live
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from benchmarks.bench_server import _address, _scratch_database
from benchmarks.common import best_of, generate_map, result
from stakemap.gui.document import MapDocument
from stakemap.gui.live_updates import LiveUpdates
from stakemap.storage.database import open_url
from stakemap.storage.server import create_server_map, grant, init_server

EDITS = 100


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    if not os.environ.get("STAKEMAP_TEST_PG_SERVER"):
        print("set STAKEMAP_TEST_PG_SERVER and STAKEMAP_TEST_PG_ROLES (see .ci/run)", file=sys.stderr)
        raise SystemExit(2)
    app = QApplication([])
    big = generate_map(2000, 6000)
    with _scratch_database() as database:
        admin = _address("stakemap_admin", database)
        init_server(admin)
        create_server_map(admin, "bench", big)
        grant(admin, "bench", "priya", "editor")
        grant(admin, "bench", "sam", "editor")
        sam = MapDocument(open_url(replace(_address("sam", database), map="bench")))
        priya = MapDocument(open_url(replace(_address("priya", database), map="bench")))
        live = LiveUpdates(priya)
        live.start()
        started_at = time.monotonic()
        while not live.connected and time.monotonic() - started_at < 10:
            app.processEvents()
            time.sleep(0.01)
        applied: list[float] = []
        loop = QEventLoop()

        def arrived(*_args: object) -> None:
            applied.append(time.perf_counter())
            loop.quit()

        priya.remote_changed.connect(arrived)
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        people = list(sam.map.stakeholders)[:EDITS]
        after_commit: list[float] = []
        after_start: list[float] = []
        for index, person in enumerate(people):
            applied.clear()
            started = time.perf_counter()
            sam.edit(lambda m, p=person, i=index: m.update_stakeholder(p, role=f"role {i}"))
            committed = time.perf_counter()
            if not applied:  # (no events ran during the write: it is always still to come)
                deadline.start(10_000)
                loop.exec()
                deadline.stop()
            if not applied:
                raise SystemExit(f"edit {index} did not arrive within 10 s")
            after_commit.append(applied[0] - committed)
            after_start.append(applied[0] - started)
        live.stop()

        # One changed row pulled vs the whole map read again (what refresh() or a reopen costs).
        counter = iter(range(10**9))

        def one_edit_then_pull() -> None:
            sam.edit(lambda m: m.update_stakeholder(people[0], unit=f"u{next(counter)}"))
            started = time.perf_counter()
            priya.pull_remote()
            timings.append(time.perf_counter() - started)

        timings: list[float] = []
        for _ in range(20):
            one_edit_then_pull()
        pull = statistics.median(timings)
        reload = best_of(priya.opened.repository.load, 5)
        sam.close()
        priya.close()

    ms = [t * 1000 for t in after_commit]
    total = [t * 1000 for t in after_start]
    result(
        f"notification-to-apply over {EDITS} edits (write committed -> priya's document changed): "
        f"median {statistics.median(ms):.1f} ms, p90 {_percentile(ms, 0.9):.1f} ms, max {max(ms):.1f} ms"
    )
    result(
        f"edit-to-screen (sam's write starts -> priya's document changed): median {statistics.median(total):.1f} ms, "
        f"p90 {_percentile(total, 0.9):.1f} ms, max {max(total):.1f} ms"
    )
    result(
        f"pull of one changed person at 2,000 people / 6,000 links: median {pull * 1000:.1f} ms vs full reload "
        f"{reload * 1000:.0f} ms (best of 5) = {reload / pull:.0f}x cheaper"
    )
    del app


if __name__ == "__main__":
    main()
