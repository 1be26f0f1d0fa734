"""Broken, hostile and odd map files, each opened in a worker process with a time limit: every one opens
(perhaps read-only, with a reason) or is refused with a MapFileError and a message; none crashes, none
hangs, none is changed (an older schema is backed up first, then upgraded), no lock is left behind.

About 250 files by default (STAKEMAP_SOAK=1: about 1,000): truncations at every page boundary and at
random offsets, flipped bytes (seeded), zeroed and random pages, other applications' files, schema
revisions, added triggers and views, oversized and invalid cells, folders, pipes and symlinks.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter

import pytest

from stakemap.storage.lock import lock_path_for
from tests.faults.corpus import Case, Outcome, build_corpus, digest, open_each

SOAK = bool(os.environ.get("STAKEMAP_SOAK"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    folder = tmp_path_factory.mktemp("corpus")
    return build_corpus(folder, truncations=300 if SOAK else 30, flips=600 if SOAK else 60)


def _problems(case: Case, outcome: Outcome, before: str | None) -> list[str]:
    problems = []
    if outcome.kind in ("crash", "died", "hang"):
        problems.append(f"{outcome.kind}: {outcome.error_type} {outcome.detail}")
    elif not outcome.detail.strip():
        problems.append(f"{outcome.kind} without a message or reason")
    if case.may_change:
        if "backup" not in outcome.detail:
            problems.append(f"changed without a backup ({outcome.detail})")
    elif digest(case.path) != before:
        problems.append("the file was changed by opening it")
    if lock_path_for(case.path).exists():
        problems.append("a lock was left behind")
    return [f"{case.name}: {p}" for p in problems]


def test_every_hostile_file_is_opened_or_refused_clearly_and_never_changed(corpus: list[Case]) -> None:
    cases = [c for c in corpus if not c.known_bug]
    before = {c.name: digest(c.path) for c in cases}
    outcomes = open_each(cases)
    problems = [p for c, o in zip(cases, outcomes, strict=True) for p in _problems(c, o, before[c.name])]
    tally = Counter(o.kind for o in outcomes)
    print(
        f"{len(cases)} files tried: {dict(tally)}; plus {len(corpus) - len(cases)} that once found storage "
        "bugs, fixed since and tried by their own test"
    )
    assert not problems, "\n".join(problems)

    by_name = {o.name: o for o in outcomes}
    # What a user sees for the files they are most likely to meet:
    for name in ("zero-length", "csv-renamed", "other-sqlite-app", "a folder", "symlink-loop", "note-50MB"):
        assert by_name[name].kind == "refused", by_name[name]
    assert "another application" in by_name["other-sqlite-app"].detail
    assert "folder" in by_name["a folder"].detail
    assert "too long" in by_name["note-50MB"].detail
    assert "newer version" in by_name["newer-schema"].detail
    assert by_name["trigger-added"].kind == by_name["view-added"].kind == "read-only"
    assert by_name["symlink-to-map"].kind == by_name["wal-mode"].kind == "opened"
    assert tally["refused"] >= len(cases) // 3  # truncated and damaged files are really refused

    backup = next(cases[0].path.parent.glob("older-schema.schema-0001.backup*.stakemap"))
    db = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    finally:
        db.close()


def test_storage_bugs_found_by_the_corpus_stay_fixed(corpus: list[Case]) -> None:
    cases = [c for c in corpus if c.known_bug]
    before = {c.name: digest(c.path) for c in cases}
    outcomes = open_each(cases)
    problems = [p for c, o in zip(cases, outcomes, strict=True) for p in _problems(c, o, before[c.name])]
    assert not problems, "\n".join(problems)
