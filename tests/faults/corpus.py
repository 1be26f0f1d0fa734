"""A generated corpus of broken, hostile and odd map files, and a runner that opens each in a subprocess.

Every case must end one of three ways: opened, opened read-only with a reason, or
refused with a ``MapFileError`` subclass and a message. Any other exception, a
dead interpreter or a hang (past the case's time limit) is a failure. No file may
change, except an older-schema map, which is upgraded after a backup beside it.
Used by ``test_hostile_corpus`` and ``benchmarks/bench_faults`` (bigger counts).
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import random
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine

from stakemap.storage.database import alembic_config, create_map
from tests.conftest import small_map

ROOT = Path(__file__).resolve().parents[2]
PAGE = 4096


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    may_change: bool = False  # an older schema is backed up, then upgraded in place
    timeout: float = 20.0
    # The storage bug this case found (fixed since; test_storage_bugs_found_by_the_corpus_stay_fixed).
    known_bug: str = ""


@dataclass(frozen=True)
class Outcome:
    name: str
    kind: str  # opened, read-only, refused, crash, died, hang
    detail: str = ""
    error_type: str = ""


Maker = Callable[[Path, bytes], None]


# ------------------------------------------------------------------ makers
def _bytes(transform: Callable[[bytes], bytes]) -> Maker:
    return lambda path, template: path.write_bytes(transform(template))


def _sql(*statements: str) -> Maker:
    def make(path: Path, template: bytes) -> None:
        path.write_bytes(template)
        db = sqlite3.connect(path)
        try:
            for statement in statements:
                db.execute(statement)
            db.commit()
        finally:
            db.close()

    return make


def _older_schema(path: Path, template: bytes) -> None:
    from alembic import command

    path.write_bytes(template)
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0001")
    engine.dispose()


def _other_app(path: Path, _template: bytes) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE cookies (host TEXT, name TEXT, value TEXT)")
    db.execute("INSERT INTO cookies VALUES ('example.org', 'id', 'x')")
    db.commit()
    db.close()


def _our_mark_no_schema(path: Path, _template: bytes) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id=1400138605")
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()


def _flip(rng: random.Random, template: bytes, count: int, header: bool) -> Maker:
    limit = 100 if header else len(template)
    changes = [(rng.randrange(limit), rng.randrange(1, 256)) for _ in range(count)]

    def transform(data: bytes) -> bytes:
        out = bytearray(data)
        for position, mask in changes:
            out[position] ^= mask
        return bytes(out)

    return _bytes(transform)


def _page(number: int, fill: bytes) -> Maker:
    def transform(data: bytes) -> bytes:
        start = number * PAGE
        return data[:start] + fill[:PAGE] + data[start + PAGE :]

    return _bytes(transform)


# -------------------------------------------------------------------- corpus
def file_makers(template: bytes, *, truncations: int, flips: int, seed: int) -> list[tuple[str, Maker, dict]]:
    rng = random.Random(seed)
    pages = len(template) // PAGE
    offsets = {0, 1, 15, 16, 17, 99, 100, 101, 511, 512, 4095, 4096, 4097, len(template) - 1}
    offsets |= {p * PAGE + d for p in range(1, pages) for d in (-1, 0, 1)}
    offsets |= {rng.randrange(1, len(template)) for _ in range(truncations)}
    cases: list[tuple[str, Maker, dict]] = [
        (f"truncated@{o}", _bytes(lambda t, o=o: t[:o]), {}) for o in sorted(offsets) if 0 < o < len(template)
    ]
    cases += [(f"grown-by-{n}", _bytes(lambda t, n=n: t + b"\x00" * n), {}) for n in (1, 100, PAGE)]
    for n in range(flips):
        header = n % 5 == 0
        cases.append(
            (
                f"flipped-{n}{'-header' if header else ''}",
                _flip(rng, template, rng.choice([1, 3, 20]), header),
                {},
            )
        )
    for number in range(1, pages):
        cases.append((f"page-{number}-zeroed", _page(number, bytes(PAGE)), {}))
        cases.append((f"page-{number}-random", _page(number, rng.randbytes(PAGE)), {}))
    cases += [
        ("zero-length", _bytes(lambda t: b""), {}),
        ("csv-renamed", lambda p, t: p.write_text("Name,Role\nAnn,CFO\n", encoding="utf-8"), {}),
        ("random-bytes", _bytes(lambda t: random.Random(3).randbytes(len(t))), {}),
        ("sqlite-header-only", _bytes(lambda t: t[:16] + bytes(84)), {}),
        ("other-sqlite-app", _other_app, {}),
        ("our-mark-other-schema", _our_mark_no_schema, {}),
        ("newer-schema", _sql("UPDATE alembic_version SET version_num='9999_future'"), {}),
        ("older-schema", _older_schema, {"may_change": True}),
        ("no-schema-version-row", _sql("DELETE FROM alembic_version"), {}),
        ("trigger-added", _sql("CREATE TRIGGER t AFTER INSERT ON note BEGIN DELETE FROM stakeholder; END"), {}),
        ("view-added", _sql("CREATE VIEW v AS SELECT * FROM stakeholder"), {}),
        ("table-added", _sql("CREATE TABLE extra (x)"), {}),
        ("wal-mode", _sql("PRAGMA journal_mode=WAL"), {}),
        ("note-50MB", _sql("UPDATE note SET text=hex(zeroblob(25000000))"), {"timeout": 60.0}),
        ("name-1MB", _sql("UPDATE stakeholder SET name=hex(zeroblob(500000))"), {}),
        ("no-map-row", _sql("DELETE FROM map_info"), {}),
        ("bad-enum", _sql("PRAGMA ignore_check_constraints=ON", "UPDATE stakeholder SET trust='total'"), {}),
        ("score-1e9", _sql("PRAGMA ignore_check_constraints=ON", "UPDATE stakeholder SET influence=1e9"), {}),
        ("score-blob", _sql("PRAGMA ignore_check_constraints=ON", "UPDATE stakeholder SET interest=x'00'"), {}),
        ("rank-text", _sql("PRAGMA ignore_check_constraints=ON", "UPDATE stakeholder SET rank='abc'"), {}),
        ("id-too-long", _sql("PRAGMA foreign_keys=OFF", "UPDATE note SET id=printf('%070d', 1)"), {}),
        ("not-utf8-text", _sql("UPDATE stakeholder SET role=CAST(x'ff00fe' AS TEXT)"), {}),
        ("nul-in-text", _sql("UPDATE stakeholder SET role='a' || char(0) || 'b'"), {}),
        ("tags-not-json", _sql("UPDATE stakeholder SET tags='{not json'"), {}),
        ("tags-json-null", _sql("UPDATE stakeholder SET tags='null'"), {}),
        ("time-not-a-time", _sql("UPDATE note SET created_at='yesterday'"), {}),
        ("due-not-a-date", _sql("UPDATE engagement SET due='soon'"), {}),
        ("dangling-tie", _sql("PRAGMA foreign_keys=OFF", "DELETE FROM stakeholder WHERE id='s-ceo'"), {}),
        ("bad-snapshot-entry", _sql(
            "INSERT INTO snapshot(id, name, taken_at) VALUES ('sn', 'S', '2026-01-01 00:00:00')",
            "INSERT INTO snapshot_entry(snapshot_id, position, stakeholder_id, name, influence, interest, "
            "attitude, trust) VALUES ('sn', 0, 'x', 'n', 1, 2, 'zzz', 'high')"), {}),
        # Found by this corpus; the fix belongs in storage (repository.load should refuse TypeError too).
        ("tags-json-number", _sql("UPDATE stakeholder SET tags='5'"),
         {"known_bug": "orm.to_stakeholder: tuple(5) raises TypeError, not caught by load()"}),
        ("methods-json-number", _sql("UPDATE map_info SET engagement_methods='7'"),
         {"known_bug": "orm.to_map_info: tuple(7) raises TypeError, not caught by load()"}),
        ("time-a-number", _sql("UPDATE note SET created_at=5"),
         {"known_bug": "SQLAlchemy's SQLite DATETIME parser raises TypeError on an integer"}),
        ("due-a-number", _sql("UPDATE engagement SET due=12"),
         {"known_bug": "SQLAlchemy's SQLite DATE parser raises TypeError on an integer"}),
    ]  # fmt: skip
    return cases


def build_corpus(folder: Path, *, truncations: int = 30, flips: int = 60, seed: int = 7) -> list[Case]:
    """Write every case into ``folder``; returns them in a stable order."""
    template_path = folder / "template.stakemap"
    template_map = small_map()
    template_map.take_snapshot("Before")
    create_map(template_path, template_map).close()
    template = template_path.read_bytes()
    cases: list[Case] = []
    for name, make, options in file_makers(template, truncations=truncations, flips=flips, seed=seed):
        path = folder / f"{name}.stakemap"
        make(path, template)
        cases.append(Case(name, path, **options))
    cases += _filesystem_cases(folder, template_path)
    return cases


def _filesystem_cases(folder: Path, template_path: Path) -> list[Case]:
    (folder / "a folder.stakemap").mkdir()
    loop = folder / "loop.stakemap"
    os.symlink(loop, loop)
    os.symlink(folder / "nowhere.stakemap", folder / "dangling.stakemap")
    os.symlink("/dev/zero", folder / "dev-zero.stakemap")
    os.symlink(template_path, folder / "symlink-to-map.stakemap")
    os.symlink(folder, folder / "symlink-to-folder.stakemap")
    with_journal = folder / "stray-journal.stakemap"
    with_journal.write_bytes(template_path.read_bytes())
    with_journal.with_name(with_journal.name + "-journal").write_bytes(random.Random(5).randbytes(5000))
    fifo = folder / "named-pipe.stakemap"
    os.mkfifo(fifo)
    return [
        Case("a folder", folder / "a folder.stakemap"),
        Case("symlink-loop", loop),
        Case("dangling-symlink", folder / "dangling.stakemap"),
        Case("symlink-to-dev-zero", folder / "dev-zero.stakemap"),
        Case("symlink-to-map", folder / "symlink-to-map.stakemap"),
        Case("symlink-to-folder", folder / "symlink-to-folder.stakemap"),
        Case("stray-garbage-journal", with_journal),
        Case("named-pipe", fifo, timeout=4.0,
             known_bug="file_check opens the path before checking it is a regular file: a FIFO blocks forever"),
    ]  # fmt: skip


# -------------------------------------------------------------------- runner
def digest(path: Path) -> str | None:
    """sha256 of a regular file's bytes (None for anything else: folders, pipes, loops)."""
    try:
        if not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class _Opener:
    def __init__(self) -> None:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(ROOT)])),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.open_worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put("")

    def send(self, case: Case) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"name": case.name, "path": str(case.path)}) + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(10)


def open_each(cases: list[Case], startup_timeout: float = 60.0) -> list[Outcome]:
    """Open every case in a worker process; a hang or a dead worker is recorded, and a new worker goes on."""
    outcomes: list[Outcome] = []
    opener: _Opener | None = None
    try:
        for case in cases:
            if opener is None:
                opener = _Opener()
                ready = opener.lines.get(timeout=startup_timeout)
                assert ready.strip() == "READY", f"the open worker did not start: {ready!r}"
            opener.send(case)
            try:
                line = opener.lines.get(timeout=case.timeout)
            except queue.Empty:
                outcomes.append(Outcome(case.name, "hang", f"no answer after {case.timeout:g} s"))
                opener.stop()
                opener = None
                continue
            if not line:
                outcomes.append(Outcome(case.name, "died", f"exit status {opener.process.wait(10)}"))
                opener = None
                continue
            answer = json.loads(line)
            outcomes.append(Outcome(case.name, answer["kind"], answer["detail"], answer["type"]))
    finally:
        if opener is not None:
            opener.stop()
    return outcomes
