"""Property tests through the document, as the GUI edits: any text (control characters, NUL, lone
surrogates, right-to-left marks, huge strings) and any number (NaN, infinities, negatives, huge, bools,
strings) fed to new people, field updates, moves, ties, notes and map details.

Each edit is either refused with ``EditRejected`` and a message, leaving screen and file as they were,
or accepted: then the file reloads equal to the screen, and undo restores both. Never another exception,
never a map that the model's own checks refuse on reload.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from stakemap.core.entities import (
    MAX_TEXT,
    Attitude,
    Confidence,
    Note,
    NoteKind,
    Relationship,
    RelationshipKind,
    Stakeholder,
    Trust,
)
from stakemap.core.model import Map
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage.database import create_map, open_map
from stakemap.storage.errors import MapFileError
from tests.conftest import small_map
from tests.faults.edit_script import copy_of

PEOPLE = ["s-ceo", "s-dana", "s-eli", "s-fay"]

any_char = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())
texts = st.one_of(
    st.text(any_char, max_size=40),
    st.text(
        st.sampled_from("\x00\x01\x1b\r\n\t\u200f\u202e\u2066\ufeff\ud800\udfff\ufffe a<&>'\""), max_size=30
    ),
    st.sampled_from(["", " ", "\u200b", "<script>alert(1)</script>", "ثقة 信任 🙂", "=1+1"]),
    st.integers(MAX_TEXT - 1, MAX_TEXT + 1).map(lambda n: "é" * n),
    st.just("x" * 1_000_000),
)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**20), 10**20),
    st.integers(-2, 102),
    st.sampled_from([-0.0, 0, 100, 100.000001, -1e-300, math.inf, -math.inf, math.nan, True, False]),
    st.text(max_size=4),
    st.none(),
)
anything = st.one_of(
    texts,
    numbers,
    st.sampled_from([*Attitude, *Trust, *RelationshipKind, *Confidence, *NoteKind]),
    st.tuples(texts, texts),
    st.lists(texts, max_size=3).map(tuple),
)
# Mostly plausible values, so that edits are stored (and undone) about as often as refused.
plain_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    str.strip
)
some_text = st.one_of(plain_text, plain_text, st.text(any_char, min_size=1, max_size=60), texts)
some_score = st.one_of(st.floats(0, 100), st.floats(0, 100), st.integers(0, 100), numbers)
some_person = st.one_of(st.sampled_from(PEOPLE), st.sampled_from(PEOPLE), st.sampled_from(PEOPLE), texts)
TEXT_FIELDS = ["name", "role", "unit", "constituency", "drivers_long_term", "pain_points", "offer", "colour"]
FLAGS = ["in_focus", "confidential", "contact_permitted"]
STAKEHOLDER_FIELDS = [f.name for f in fields(Stakeholder)]


def operations() -> st.SearchStrategy[tuple[str, Callable[[Map], Any]]]:
    def update(who: str, field: str, value: object) -> tuple[str, Callable[[Map], Any]]:
        return f"update {field}", lambda m: m.update_stakeholder(who, **{field: value})

    def add(name: str, influence: object, interest: object, field: str, value: object) -> tuple[str, Any]:
        return f"add person with odd {field}", lambda m: m.add_stakeholder(
            Stakeholder(name, influence=influence, interest=interest, **{field: value})  # type: ignore[arg-type]
        )

    new_person = st.one_of(
        st.builds(add, some_text, some_score, some_score, st.sampled_from(TEXT_FIELDS[1:]), some_text),
        st.builds(add, plain_text, some_score, some_score, st.just("rank"), anything),
        st.builds(
            add,
            plain_text,
            some_score,
            some_score,
            st.sampled_from(FLAGS),
            st.one_of(st.booleans(), anything),
        ),
    )
    updates = st.one_of(
        st.builds(update, some_person, st.sampled_from(TEXT_FIELDS), some_text),
        st.builds(update, some_person, st.sampled_from(["influence", "interest", "rank"]), some_score),
        st.builds(update, some_person, st.sampled_from(["attitude", "trust", "desired_attitude"]),
                  st.one_of(st.sampled_from([*Attitude, *Trust]), anything)),
        st.builds(update, some_person, st.sampled_from(["tags"]), st.lists(some_text, max_size=4).map(tuple)),
        st.builds(update, some_person, st.sampled_from(STAKEHOLDER_FIELDS), anything),
    )  # fmt: skip
    move = st.builds(
        lambda moves: ("move", lambda m: m.move_stakeholders(moves)),
        st.dictionaries(some_person, st.tuples(some_score, some_score), min_size=1, max_size=4),
    )
    tie = st.builds(
        lambda a, b, kind, strength, note, directed: (
            "add tie",
            lambda m: m.add_relationship(Relationship(a, b, kind, directed=directed, strength=strength, note=note)),
        ),
        some_person, some_person, st.one_of(st.sampled_from(list(RelationshipKind)), texts),
        st.one_of(st.integers(1, 5), st.integers(1, 5), numbers), some_text, st.one_of(st.booleans(), st.booleans(), numbers),
    )  # fmt: skip
    note = st.builds(
        lambda text, who: ("add note", lambda m: m.add_note(Note(text, stakeholder_id=who))),
        some_text,
        some_person,
    )
    info = st.builds(
        lambda field, value: (f"map {field}", lambda m: m.update_info(**{field: value})),
        st.sampled_from(["title", "purpose", "organisation", "author", "me_id", "engagement_methods"]),
        st.one_of(some_text, some_person, anything),
    )  # fmt: skip
    return st.one_of(new_person, updates, move, tie, note, info)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[MapDocument]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.stakemap"
    create_map(path, small_map()).close()
    doc = MapDocument(open_map(path))
    yield doc
    doc.close()


def file_state(document: MapDocument) -> Map:
    assert document.path is not None
    opened = open_map(document.path, read_only=True)  # the model's checks run again on load
    try:
        return opened.load()
    finally:
        opened.close()


def content(m: Map) -> tuple[object, ...]:
    """Equality as the storage promises it (-0.0 comes back as 0.0, which compares equal)."""
    return (m.info, m.stakeholders, m.relationships, m.notes, m.engagements, m.snapshots)


_START: list[tuple[object, ...]] = []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operation=operations())
def test_any_edit_is_refused_clearly_or_stored_exactly(
    document: MapDocument, operation: tuple[str, Callable[[Map], Any]]
) -> None:
    label, mutation = operation
    document.undo_stack.clear()  # each example starts from the same map and an empty history
    if not _START:
        _START.append(content(copy_of(document.map)))
    assert content(document.map) == _START[0], "the previous example was not undone completely"
    before = content(copy_of(document.map))
    try:
        _check_one_edit(document, label, mutation, before)
    finally:
        while document.undo_stack.canUndo():  # leave the next example the same start, even after a failure
            document.undo_stack.undo()


def _check_one_edit(
    document: MapDocument, label: str, mutation: Callable[[Map], Any], before: tuple[object, ...]
) -> None:
    try:
        document.edit(mutation)
    except EditRejected as exc:
        cause = exc.__cause__
        # The model refuses with ValueError (KeyError for an id not on the map); the storage may refuse
        # only text SQLite cannot hold. Anything else is a crash the document papered over.
        assert isinstance(cause, ValueError | KeyError | MapFileError), f"{label}: {cause!r}"
        if isinstance(cause, MapFileError):
            assert "cannot be stored" in str(exc), f"{label}: the storage refused a valid value: {exc}"  # noqa: PT017
        event(f"{label} refused by {'the storage' if isinstance(cause, MapFileError) else 'the model'}")
        assert str(exc).strip(), label  # noqa: PT017 - a refusal must say why
        assert content(document.map) == before, f"a refused {label} changed the screen"
        assert document.undo_stack.count() == 0
        assert content(file_state(document)) == before, f"a refused {label} reached the file"
        return
    event(f"{label} stored" if document.undo_stack.count() else "no change")
    assert content(file_state(document)) == content(document.map), (
        f"{label}: the file differs from the screen"
    )
    for person in document.map.stakeholders.values():
        assert 0 <= person.influence <= 100
        assert 0 <= person.interest <= 100
    if document.undo_stack.count():
        document.undo_stack.undo()
        assert content(document.map) == before
        assert content(file_state(document)) == before, f"undo of {label} did not reach the file"


ODD_FLAGS = [None, "yes", "", 2, 0.5, []]


@pytest.mark.parametrize("value", ODD_FLAGS, ids=repr)
def test_flags_that_are_not_true_or_false_are_refused_by_the_model(value: object) -> None:
    # in_focus=None used to be accepted, shown as None, and stored as False: screen and file disagreed.
    for make in (
        lambda: Stakeholder("X", in_focus=value),  # type: ignore[arg-type]
        lambda: Stakeholder("X", confidential=value),  # type: ignore[arg-type]
        lambda: Stakeholder("X", contact_permitted=value),  # type: ignore[arg-type]
        lambda: Note("x", confidential=value),  # type: ignore[arg-type]
        lambda: Relationship("a", "b", directed=value),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValueError, match="must be"):
            make()
