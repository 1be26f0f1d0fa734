"""Migration 0005: email, phone and cadence of a person; quadrant cadences and assessment interval."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from stakemap.core.entities import QuadrantCadences
from stakemap.storage.database import alembic_config, create_map, open_map
from tests.conftest import small_map


def test_contact_fields_and_map_rhythm_survive_a_write_and_reload(tmp_path: Path) -> None:
    m = small_map()
    m.update_stakeholder("s-dana", email="dana@example.org", phone="+1 555 0100", cadence_days=14)
    m.update_stakeholder("s-eli", cadence_days=0)  # "none" must not come back as "quadrant default"
    m.update_info(cadences=QuadrantCadences(30, 91, 91, 0), assessment_every_days=91)
    path = tmp_path / "m.stakemap"
    create_map(path, m).close()
    opened = open_map(path)
    loaded = opened.load()
    assert loaded.info == m.info
    assert loaded.stakeholders == m.stakeholders
    opened.repository.write(loaded.update_stakeholder("s-dana", phone="", cadence_days=None))
    opened.close()
    assert loaded.stakeholders["s-eli"].cadence_days == 0
    again = open_map(path, read_only=True).load()
    dana = again.stakeholders["s-dana"]
    assert (dana.email, dana.phone, dana.cadence_days) == ("dana@example.org", "", None)
    assert again.info.cadences == QuadrantCadences(30, 91, 91, 0)
    assert again.info.assessment_every_days == 91


def test_a_map_from_before_0005_upgrades_with_no_rhythm_and_no_contact_details(map_file: Path) -> None:
    engine = create_engine(f"sqlite:///{map_file}")
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0002")
    engine.dispose()
    with sqlite3.connect(map_file) as db:
        assert "email" not in {row[1] for row in db.execute("PRAGMA table_info(stakeholder)")}
    db.close()
    opened = open_map(map_file)
    m = opened.load()
    opened.close()
    assert m.info.cadences == QuadrantCadences()
    assert m.info.assessment_every_days == 0
    assert all(p.email == "" and p.phone == "" and p.cadence_days is None for p in m.stakeholders.values())
