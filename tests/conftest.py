"""Shared fixtures. Qt tests run offscreen; maps are built once and copied per test."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stakemap.core.entities import (
    Attitude,
    Engagement,
    MapInfo,
    Note,
    Relationship,
    RelationshipKind,
    Stakeholder,
    Trust,
)
from stakemap.core.model import Map


def stored(path: Path) -> Map:
    """The map as the file holds it, read by a second, read-only connection."""
    from stakemap.storage.database import open_map

    opened = open_map(path, read_only=True)
    try:
        return opened.load()
    finally:
        opened.close()


def small_map() -> Map:
    """Four people, one per quadrant, with ties, notes and a plan: enough to see every feature."""
    m = Map(info=MapInfo(title="Test map", organisation="Acme & Sons", author="Tester"))
    ceo = Stakeholder("Carla <CEO>", role="Chief Executive", influence=90, interest=30, rank=1, id="s-ceo")
    dana = Stakeholder(
        "Dana", role="Engineer", influence=80, interest=85, rank=4, attitude=Attitude.CHAMPION,
        trust=Trust.HIGH, in_focus=True, id="s-dana",
    )  # fmt: skip
    eli = Stakeholder("Eli", role="Analyst", influence=20, interest=75, id="s-eli")
    fay = Stakeholder("Fay", role="Clerk", influence=15, interest=10, confidential=True, id="s-fay")
    m.add_stakeholders([ceo, dana, eli, fay])
    m.add_relationship(Relationship("s-dana", "s-ceo", RelationshipKind.ADVISES, strength=4, id="r-1"))
    m.add_relationship(Relationship("s-eli", "s-dana", RelationshipKind.REPORTS_TO, id="r-2"))
    m.add_note(Note("Met at the <b>board</b> & lunch", stakeholder_id="s-dana", id="n-1"))
    m.add_engagement(Engagement("s-dana", reason="Joint goals", due=date(2026, 1, 15), id="e-1"))
    return m


@pytest.fixture(scope="session")
def _template_map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from stakemap.storage.database import create_map

    path = tmp_path_factory.mktemp("template") / "template.stakemap"
    create_map(path, small_map()).close()
    return path


@pytest.fixture
def map_file(_template_map_file: Path, tmp_path: Path) -> Path:
    """A fresh copy of a small, valid map file."""
    path = tmp_path / "test.stakemap"
    shutil.copyfile(_template_map_file, path)
    return path
