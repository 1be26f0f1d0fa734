"""Property tests of the model: any text, any number: a clear ValueError or a valid map that comes back
from the file unchanged. Never another exception, never invalid state."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakemap.core.entities import Relationship, RelationshipKind, Stakeholder
from stakemap.storage.database import create_map, open_map
from tests.conftest import small_map

texts = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=150, max_size=400),
    st.sampled_from(["", " ", "\x00", "\u202e right-to-left", "<b>&amp;</b>", "🙂" * 60, "x" * 25_000]),
)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**12), 10**12),
    st.sampled_from([0, 100, 50.5, -0.0, math.nan]),
    st.booleans(),
    st.text(max_size=3),
)

_folder = Path(tempfile.mkdtemp(prefix="stakemap-props-"))
_path = _folder / "props.stakemap"
create_map(_path, small_map()).close()
_opened = open_map(_path)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=texts, role=texts, pain=texts, influence=numbers, interest=numbers, rank=numbers)
def test_any_stakeholder_is_refused_clearly_or_stored_exactly(
    name: str, role: str, pain: str, influence: object, interest: object, rank: object
) -> None:
    the_map = _opened.load()
    try:
        person = Stakeholder(
            name, role=role, pain_points=pain, influence=influence, interest=interest, rank=rank
        )  # type: ignore[arg-type]
    except ValueError as exc:
        assert str(exc)  # noqa: PT017 - a clear message is the expected outcome
        return
    change = the_map.add_stakeholder(person)
    _opened.repository.write(change)
    back = _opened.load().stakeholders[person.id]
    assert back == person
    assert 0 <= back.influence <= 100
    _opened.repository.write(change.inverted())


@settings(max_examples=60, deadline=None)
@given(strength=numbers, note=texts, kind=st.sampled_from(list(RelationshipKind)), directed=st.booleans())
def test_any_relationship_is_refused_clearly_or_valid(
    strength: object, note: str, kind: RelationshipKind, directed: bool
) -> None:
    the_map = small_map()
    try:
        tie = Relationship("s-fay", "s-eli", kind, directed=directed, strength=strength, note=note)  # type: ignore[arg-type]
        the_map.add_relationship(tie)
    except ValueError as exc:
        assert str(exc)  # noqa: PT017
        return
    assert 1 <= tie.strength <= 5
    assert the_map.relationships[tie.id] == tie
