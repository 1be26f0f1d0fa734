"""A generated corpus of broken and hostile map files: each opens with a clear message or is refused;
none crashes, none hangs, none is modified."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from stakemap.storage.database import create_map, open_map
from stakemap.storage.errors import MapFileError
from tests.conftest import small_map

Maker = Callable[[Path, bytes], None]


def truncations(template: bytes) -> list[tuple[str, Maker]]:
    rng = random.Random(7)
    offsets = sorted(
        {0, 1, 15, 16, 99, 100, 101, 512, 1024, 4095, 4096, 4097}
        | {rng.randrange(len(template)) for _ in range(30)}
    )
    return [(f"truncated@{o}", lambda p, t, o=o: p.write_bytes(t[:o])) for o in offsets if o < len(template)]


def flips(template: bytes) -> list[tuple[str, Maker]]:
    rng = random.Random(11)
    cases = []
    for n in range(40):
        positions = [rng.randrange(len(template)) for _ in range(rng.choice([1, 3, 20]))]

        def make(p: Path, t: bytes, positions: list[int] = positions) -> None:
            data = bytearray(t)
            for pos in positions:
                data[pos] ^= 0xFF
            p.write_bytes(bytes(data))

        cases.append((f"flipped-{n}", make))
    return cases


def _sql(statements: list[str]) -> Maker:
    def make(p: Path, t: bytes) -> None:
        p.write_bytes(t)
        with sqlite3.connect(p) as db:
            for statement in statements:
                db.execute(statement)
        db.close()

    return make


def specials() -> list[tuple[str, Maker]]:
    def other_app(p: Path, _t: bytes) -> None:
        with sqlite3.connect(p) as db:
            db.execute("CREATE TABLE cookies (name TEXT, value TEXT)")
        db.close()

    return [
        ("zero-length", lambda p, t: p.write_bytes(b"")),
        ("text", lambda p, t: p.write_text("Name,Role\nAnn,CFO\n")),
        ("random-bytes", lambda p, t: p.write_bytes(random.Random(3).randbytes(8192))),
        ("other-sqlite-app", other_app),
        ("newer-schema", _sql(["UPDATE alembic_version SET version_num='9999'"])),
        ("trigger-added", _sql(["CREATE TRIGGER t AFTER INSERT ON note BEGIN DELETE FROM stakeholder; END"])),
        ("view-added", _sql(["CREATE VIEW v AS SELECT * FROM stakeholder"])),
        ("no-alembic-table", _sql(["DROP TABLE alembic_version"])),
        ("empty-version", _sql(["DELETE FROM alembic_version"])),
        ("no-map-row", _sql(["DELETE FROM map_info"])),
        ("bad-enum", _sql(["PRAGMA ignore_check_constraints=ON", "UPDATE stakeholder SET trust='total'"])),
        ("bad-score", _sql(["PRAGMA ignore_check_constraints=ON", "UPDATE stakeholder SET influence=1e9"])),
        ("huge-note", _sql(["UPDATE note SET text=(SELECT group_concat('x', '') FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 3000000) SELECT x FROM c))"])),
        ("null-name", _sql(["PRAGMA ignore_check_constraints=ON", "PRAGMA writable_schema=ON", "UPDATE stakeholder SET name=''"])),
        ("dangling-tie", _sql(["PRAGMA foreign_keys=OFF", "DELETE FROM stakeholder WHERE id='s-ceo'"])),
    ]  # fmt: skip


def test_every_broken_file_is_refused_or_opened_with_a_reason(tmp_path: Path) -> None:
    template_path = tmp_path / "template.stakemap"
    create_map(template_path, small_map()).close()
    template = template_path.read_bytes()
    cases = [*truncations(template), *flips(template), *specials()]
    outcomes: dict[str, int] = {"refused": 0, "read-only": 0, "opened": 0}
    for name, make in cases:
        path = tmp_path / f"{name}.stakemap"
        make(path, template)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        try:
            opened = open_map(path)
        except MapFileError as exc:
            assert str(exc).strip(), name  # noqa: PT017 - refusing is the expected outcome here
            outcomes["refused"] += 1
        except Exception as exc:  # any other type is a crash the user would see as a traceback
            pytest.fail(f"{name}: {type(exc).__name__}: {exc}")
        else:
            outcomes["read-only" if opened.read_only else "opened"] += 1
            if opened.read_only:
                assert opened.read_only_reason, name
            opened.close()
        if not name.startswith("flipped"):  # a flipped byte may hit a page SQLite itself never reads
            assert hashlib.sha256(path.read_bytes()).hexdigest() == before, f"{name} was modified"
        assert not Path(str(path) + ".lock").exists(), f"{name}: a lock was left behind"
    print(f"{len(cases)} files tried: {outcomes}")
    assert outcomes["refused"] >= len(cases) // 2


def test_a_directory_and_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "dir.stakemap").mkdir()
    with pytest.raises(MapFileError):
        open_map(tmp_path / "dir.stakemap")
    loop = tmp_path / "loop.stakemap"
    os.symlink(loop, loop)
    with pytest.raises(MapFileError):
        open_map(loop)
