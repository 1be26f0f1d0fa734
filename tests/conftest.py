"""Shared fixtures. Qt tests run offscreen; maps are built once and copied per test."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Generator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from tests.gui.modal_answerer import UnansweredModalGuard


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


def _guarding_modals() -> UnansweredModalGuard | None:
    """An ``UnansweredModalGuard`` when Qt is in use in this process, else None (no Qt import)."""
    if "PySide6.QtWidgets" not in sys.modules:
        return None
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return None
    from tests.gui.modal_answerer import UnansweredModalGuard

    return UnansweredModalGuard()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    return (yield from _failing_on_unanswered_modals())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> object:
    return (yield from _failing_on_unanswered_modals())


def _failing_on_unanswered_modals() -> Generator[None, object, object]:
    """Run the phase; if a dialog opened that nothing answered, fail it with the dialog's words."""
    guard = _guarding_modals()
    try:
        outcome = yield
    finally:
        if guard is not None:
            guard.stop()
    if guard is not None and guard.closed:
        pytest.fail(
            "a dialog opened that the test did not answer (closed after 3 s): " + "; ".join(guard.closed)
        )
    return outcome
