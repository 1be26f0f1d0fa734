"""Schema versions: migrations match the ORM; older maps are backed up and upgraded; newer ones open read-only."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from stakemap.storage.database import alembic_config, head_revision, open_map
from stakemap.storage.orm import metadata


def test_migrated_schema_equals_the_orm_metadata(map_file: Path) -> None:
    engine = create_engine(f"sqlite:///{map_file}")
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert diff == []


def test_older_map_is_backed_up_then_upgraded(map_file: Path) -> None:
    engine = create_engine(f"sqlite:///{map_file}")
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0001")
    engine.dispose()
    old_bytes = map_file.read_bytes()

    opened = open_map(map_file)
    m = opened.load()
    assert opened.backup_path is not None
    assert opened.backup_path.exists()
    assert "older Stakemap" in opened.notices[0]
    assert m.stakeholders["s-dana"].name == "Dana"
    assert m.info.engagement_methods == ()
    opened.repository.write(m.update_info(engagement_methods=("Walk-and-talk",)))
    opened.close()

    with sqlite3.connect(opened.backup_path) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert hashlib.sha256(old_bytes).digest() != hashlib.sha256(map_file.read_bytes()).digest()
    assert open_map(map_file, read_only=True).load().info.engagement_methods == ("Walk-and-talk",)


def test_newer_map_opens_read_only_and_is_never_downgraded(map_file: Path) -> None:
    with sqlite3.connect(map_file) as db:
        db.execute("UPDATE alembic_version SET version_num='9999_future'")
    db.close()
    before = map_file.read_bytes()
    opened = open_map(map_file)
    assert opened.read_only
    assert "newer version of Stakemap" in (opened.read_only_reason or "")
    assert opened.load().stakeholders["s-dana"].name == "Dana"
    opened.close()
    assert map_file.read_bytes() == before


def test_map_with_a_foreign_trigger_opens_read_only(map_file: Path) -> None:
    with sqlite3.connect(map_file) as db:
        db.execute("CREATE TRIGGER wipe AFTER UPDATE ON stakeholder BEGIN DELETE FROM note; END")
    db.close()
    opened = open_map(map_file)
    assert opened.read_only
    assert "trigger wipe" in (opened.read_only_reason or "")
    opened.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_opens_read_only(map_file: Path) -> None:
    map_file.chmod(0o444)
    opened = open_map(map_file)
    assert opened.read_only
    assert "read-only" in (opened.read_only_reason or "")
    opened.close()


def test_head_is_the_latest_revision() -> None:
    assert head_revision() == "0008"


def test_revision_chain_read_from_the_files_matches_alembic() -> None:
    from alembic.script import ScriptDirectory

    from stakemap.storage.database import known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == head_revision()
    assert {rev.revision for rev in script.walk_revisions()} == known_revisions()
