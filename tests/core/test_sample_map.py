"""The bundled sample map is a realistic map that exercises every feature a new user will look for."""

from __future__ import annotations

from collections import Counter
from datetime import date
from importlib.resources import files

from stakemap.core.entities import RelationshipKind
from stakemap.core.grid import Quadrant, quadrant_of
from stakemap.samples.library import build_library_map
from stakemap.storage.database import open_map

TODAY = date(2026, 11, 22)


def test_sample_covers_the_method() -> None:
    m = build_library_map(TODAY)
    assert 16 <= len(m.stakeholders) <= 20
    assert {quadrant_of(p.influence, p.interest) for p in m.stakeholders.values()} == set(Quadrant)
    assert {r.kind for r in m.relationships.values()} == set(RelationshipKind)
    assert m.overdue(TODAY)
    assert any(e.is_upcoming(TODAY) for e in m.engagements.values())
    assert any(p.confidential for p in m.stakeholders.values())
    assert any(n.confidential for n in m.notes.values())
    assert m.info.me_id == "s-ulla"
    assert len(m.snapshots) == 1


def test_de_facto_leader_is_the_hub_of_advice() -> None:
    m = build_library_map(TODAY)
    advised = Counter(r.source_id for r in m.relationships.values() if r.kind is RelationshipKind.ADVISES)
    hub, _count = advised.most_common(1)[0]
    assert hub == "s-aiko"
    assert m.stakeholders[hub].rank == 5


def test_sample_is_deterministic() -> None:
    a, b = build_library_map(TODAY), build_library_map(TODAY)
    assert a.stakeholders == b.stakeholders
    assert a.relationships == b.relationships
    assert a.notes == b.notes
    assert a.engagements == b.engagements


def test_bundled_file_opens_and_matches_the_builder() -> None:
    bundled = files("stakemap") / "resources" / "samples" / "library-outreach.stakemap"
    opened = open_map(bundled, read_only=True)  # type: ignore[arg-type]
    m = opened.load()
    opened.close()
    built = build_library_map(TODAY)
    assert {p.name for p in m.stakeholders.values()} == {p.name for p in built.stakeholders.values()}
    assert set(m.relationships) == set(built.relationships)
