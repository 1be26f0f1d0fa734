"""Make real hot journals: a transaction that spilled pages into the map, then a process that died."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

_CRASH_MID_EDIT = """
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA cache_size=1")  # spill changed pages into the file before the commit
db.execute("BEGIN")
db.execute(sys.argv[2])
db.execute("CREATE TABLE ballast(x)")
for n in range(200):
    db.execute("INSERT INTO ballast VALUES (?)", (os.urandom(2000),))
os._exit(0)  # dies mid-transaction: the journal stays hot
"""


def crash_mid_edit(path: Path, sql: str) -> Path:
    """Leave ``path`` with a hot journal that rolls back ``sql`` (and more); return the journal."""
    subprocess.run([sys.executable, "-c", _CRASH_MID_EDIT, str(path), sql], check=True)
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0, "no hot journal was left"
    return journal


def planted_journal(victim: Path, scratch: Path, wanted_sql: str) -> Path:
    """A hostile journal beside ``victim``: rolling it back writes pages where ``wanted_sql`` holds.

    Made on a copy where ``wanted_sql`` was committed, by crashing an edit that undoes it: the
    journal then holds the wanted pages, which SQLite would copy into the victim.
    """
    copy = scratch / "copy.stakemap"
    shutil.copyfile(victim, copy)
    db = __import__("sqlite3").connect(copy)
    with db:
        db.execute(wanted_sql)
    db.close()
    journal = crash_mid_edit(copy, "UPDATE stakeholder SET version = version + 1")
    target = victim.with_name(victim.name + "-journal")
    shutil.copyfile(journal, target)
    return target
