"""The storage promises that hold for a map file hold for a server map too: each test runs on both."""

from __future__ import annotations

import pytest

from stakemap.core.entities import Engagement, Note, QuadrantCadences, Stakeholder
from stakemap.storage.errors import ReadOnlyMapError, StaleWriteError
from tests.conftest import small_map
from tests.storage.conftest import Backend


def test_everything_written_comes_back_equal(backend: Backend) -> None:
    opened = backend.open()
    m = opened.load()
    assert m.stakeholders == small_map().stakeholders
    opened.repository.write(
        m.add_note(Note("Ставка на доверие — 信任 — ثقة 🙂 <b>&", stakeholder_id="s-eli", id="n-u"))
    )
    opened.repository.write(m.take_snapshot("Before the reorg"))
    opened.repository.write(m.update_stakeholder("s-dana", email="dana@example.org", cadence_days=14))
    opened.repository.write(m.update_info(cadences=QuadrantCadences(30, 91, 91, 0), assessment_every_days=91))
    again = backend.read()
    assert again.info == m.info
    assert again.stakeholders == m.stakeholders
    assert again.relationships == m.relationships
    assert again.notes == m.notes
    assert again.engagements == m.engagements
    assert again.snapshots == m.snapshots


def test_a_delete_and_its_undo_are_stored_at_once(backend: Backend) -> None:
    opened = backend.open()
    m = opened.load()
    change = m.remove_stakeholders(["s-dana"])
    opened.repository.write(change)
    assert "s-dana" not in backend.read().stakeholders
    m.apply(change.inverted())
    opened.repository.write(change.inverted())
    again = backend.read()
    assert again.stakeholders["s-dana"].name == "Dana"
    assert set(again.relationships) == {"r-1", "r-2"}
    assert set(again.notes) == {"n-1"}
    assert set(again.engagements) == {"e-1"}


def test_undo_after_writes_keeps_versions_in_step(backend: Backend) -> None:
    opened = backend.open()
    m = opened.load()
    steps = [m.update_stakeholder("s-dana", role=f"Role {i}") for i in range(3)]
    for step in steps:
        opened.repository.write(step)
    for step in reversed(steps):
        m.apply(step.inverted())
        opened.repository.write(step.inverted())
    assert backend.read().stakeholders["s-dana"].role == "Engineer"


def test_an_engagement_and_a_note_keep_their_fields_and_never_carry_the_author(backend: Backend) -> None:
    opened = backend.open()
    m = opened.load()
    opened.repository.write(m.add_engagement(Engagement("s-eli", reason="Coffee", owner="Sam", id="e-2")))
    opened.repository.write(m.update_engagement("e-2", outcome="Agreed"))
    loaded = backend.read()
    assert loaded.engagements["e-2"] == m.engagements["e-2"]
    assert not hasattr(loaded.notes["n-1"], "author")  # the server's record, not the entity's


def test_a_change_made_elsewhere_to_the_same_field_is_never_overwritten(backend: Backend) -> None:
    if backend.name == "sqlite":
        pytest.skip("a map file has one writer: test_row_versions writes behind the lock's back instead")
    first, second = backend.open(), backend.open()
    m1, m2 = first.load(), second.load()
    first.repository.write(m1.update_stakeholder("s-dana", role="Architect"))
    with pytest.raises(StaleWriteError):
        second.repository.write(m2.update_stakeholder("s-dana", role="Manager"))
    assert backend.read().stakeholders["s-dana"].role == "Architect"


def test_read_only_refuses_edits_with_the_reason(backend: Backend) -> None:
    read_only = backend.open(read_only=True)
    m = read_only.load()
    with pytest.raises(ReadOnlyMapError, match="read-only"):
        read_only.repository.write(m.add_stakeholder(Stakeholder("Nobody")))
