"""Server maps: one edit and one open of a 2,000-person map on PostgreSQL vs the same on SQLite, and
through a simulated 10 ms and 40 ms round trip (a sleep before every statement and commit).

Needs the test server (STAKEMAP_TEST_PG_SERVER, STAKEMAP_TEST_PG_ROLES as in .ci/run); makes a
database of its own and drops it. Run: python -m benchmarks.bench_server
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from sqlalchemy import Engine, event, text

from benchmarks.common import best_of, generate_map, result
from stakemap.gui.document import MapDocument
from stakemap.storage.database import create_map, open_map, open_url
from stakemap.storage.server import create_server_map, grant, init_server, server_engine
from stakemap.storage.server_address import ServerAddress


def _address(user: str, database: str) -> ServerAddress:
    roles = dict(p.split(":", 1) for p in os.environ["STAKEMAP_TEST_PG_ROLES"].split(",") if ":" in p)
    host, _, port = os.environ["STAKEMAP_TEST_PG_SERVER"].rpartition(":")
    return ServerAddress(host=host, port=int(port), database=database, user=user, password=roles[user])


@contextmanager
def _scratch_database() -> Iterator[str]:
    name = f"smbench_{uuid.uuid4().hex[:8]}"
    admin = _address("stakemap_admin", os.environ.get("STAKEMAP_TEST_PG_SERVER_DB", "postgres"))
    engine = server_engine(admin)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield name
    finally:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        engine.dispose()


class RoundTrip:
    """A sleep before every statement and every commit of every engine: a server far away."""

    def __init__(self) -> None:
        self.delay = 0.0
        self.trips = 0
        event.listen(Engine, "before_cursor_execute", self._wait)
        event.listen(Engine, "commit", self._wait)

    def _wait(self, *_args: object) -> None:
        self.trips += 1
        if self.delay:
            time.sleep(self.delay)


def main() -> None:
    if not os.environ.get("STAKEMAP_TEST_PG_SERVER"):
        print("set STAKEMAP_TEST_PG_SERVER and STAKEMAP_TEST_PG_ROLES (see .ci/run)", file=sys.stderr)
        raise SystemExit(2)
    app = QCoreApplication([])
    big = generate_map(2000, 6000)
    path = Path(tempfile.mkdtemp(prefix="stakemap-bench-")) / "big.stakemap"
    create_map(path, big).close()
    counter = iter(range(10**9))

    def edit_once(document: MapDocument) -> None:
        document.edit(lambda m: m.update_stakeholder("p1", role=f"r{next(counter)}"))

    sqlite_doc = MapDocument(open_map(path))
    sqlite_edit = best_of(lambda: edit_once(sqlite_doc), 20)
    sqlite_doc.close()

    def sqlite_open() -> None:
        opened = open_map(path, read_only=True)
        opened.load()
        opened.close()

    sqlite_read = best_of(sqlite_open, 5)
    trip = RoundTrip()  # from here on every statement pays ``trip.delay``

    with _scratch_database() as database:
        admin = _address("stakemap_admin", database)
        init_server(admin)
        create_server_map(admin, "bench", big)
        grant(admin, "bench", "priya", "editor")
        address = replace(_address("priya", database), map="bench")
        document = MapDocument(open_url(address))

        def server_open() -> None:
            # Connect, check registry, privileges and schema, then load in one REPEATABLE READ snapshot.
            opened = open_url(address)
            opened.load()
            opened.close()

        figures = {}
        for delay in (0.0, 0.010, 0.040):
            trip.delay, trip.trips = delay, 0
            edit = best_of(lambda: edit_once(document), 5)
            edit_trips = trip.trips / 5
            trip.trips = 0
            load = best_of(server_open, 3)
            figures[delay] = (edit, edit_trips, load, trip.trips / 3)
        trip.delay = 0.0
        document.close()

    for delay, (edit, edit_trips, load, open_trips) in figures.items():
        label = "local server" if delay == 0 else f"simulated {delay * 1000:.0f} ms round trip"
        result(f"{label}: one edit {edit * 1000:.1f} ms ({edit_trips:.0f} round trip{'s' if edit_trips != 1 else ''}) vs SQLite "
               f"{sqlite_edit * 1000:.2f} ms = {edit / sqlite_edit:.1f}x; open + load of 2,000 people / "
               f"6,000 links {load * 1000:.0f} ms ({open_trips:.0f} round trips) vs SQLite "
               f"{sqlite_read * 1000:.0f} ms = {load / sqlite_read:.1f}x")  # fmt: skip
    del app


if __name__ == "__main__":
    main()
