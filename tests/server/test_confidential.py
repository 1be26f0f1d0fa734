"""Confidential notes kept private by the database itself (issue 16, point 2), attacked as each role.

sam writes a confidential note on Dana. priya and sam are editors, cora the owner, vera a viewer who
is also a confidential reader: only sam and vera may read the note, only sam may change it. Every
connection is one of those non-superuser roles; the app's own checks are bypassed with raw SQL
wherever a forger would.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from stakemap.core.entities import Engagement, Note
from stakemap.core.model import Map
from stakemap.storage.errors import ProtectedNotesError, RefusedByServerError, RowGoneError
from stakemap.storage.server import grant, revoke
from tests.conftest import small_map
from tests.server.conftest import ADMIN, ROLES, TeamMap, address_as

pytestmark = pytest.mark.postgres

Team = Callable[[Map | None], TeamMap]
SECRET = "Dana is about to resign: tell nobody"


def _with_secret(make_team_map: Team) -> TeamMap:
    team = make_team_map(small_map())
    grant(address_as(ADMIN, team.database), team.name, "vera", "confidential")
    sam = team.open("sam")
    m = sam.load()
    sam.repository.write(m.add_note(Note(SECRET, stakeholder_id="s-dana", confidential=True, id="n-secret")))
    return team


def _sql(team: TeamMap, user: str, statement: str, **params: object) -> list[tuple[object, ...]]:
    engine = team.open(user).repository.engine
    with engine.begin() as connection:
        result = connection.execute(text(statement), params)
        return [tuple(row) for row in result] if result.returns_rows else []


def test_no_test_connection_is_a_superuser(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    for user in ROLES:
        if user != ADMIN:
            assert _sql(
                team, user, "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
            ) == [(False, False)]
    admin = address_as(ADMIN, team.database, team.name)
    from stakemap.storage.database import open_url

    opened = open_url(admin)
    try:
        with opened.repository.engine.connect() as connection:
            assert (
                connection.execute(
                    text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                ).scalar()
                is False
            )
    finally:
        opened.close()


def test_a_confidential_note_is_read_only_by_its_author_and_the_confidential_readers(
    make_team_map: Team,
) -> None:
    team = _with_secret(make_team_map)
    for user, sees in (("sam", True), ("vera", True), ("priya", False), ("cora", False)):
        notes = team.open(user).load().notes
        assert ("n-secret" in notes) is sees, user
        assert "n-1" in notes, user  # an ordinary note is everyone's
        # Not even by asking the table directly.
        rows = _sql(team, user, "SELECT text FROM note WHERE id = 'n-secret'")
        assert rows == ([(SECRET,)] if sees else []), user
    # The administrator (the tables' owner, with CREATEROLE) counts as a member of every map role,
    # readers included: the README says so. A plain owner of the map is held to the policies.
    assert _sql(team, ADMIN, f"SELECT count(*) FROM map_{team.name}.note WHERE id = 'n-secret'") == [(1,)]


def test_readers_come_and_go_through_grant_and_revoke(make_team_map: Team) -> None:
    team = _with_secret(make_team_map)
    admin = address_as(ADMIN, team.database)
    grant(admin, team.name, "priya", "confidential")
    assert "n-secret" in team.open("priya").load().notes
    revoke(admin, team.name, "priya", only_confidential=True)
    assert "n-secret" not in team.open("priya").load().notes
    assert team.open("priya").read_only_reason is None  # still an editor


def test_writing_a_note_as_someone_else_is_refused(make_team_map: Team) -> None:
    team = _with_secret(make_team_map)
    with pytest.raises(DBAPIError, match="row-level security"):
        _sql(
            team,
            "priya",
            "INSERT INTO note (id, text, kind, stakeholder_id, confidential, created_at, author) "
            "VALUES ('n-forged', 'Sam says: fire Dana', 'other', 's-dana', true, now(), 'sam')",
        )
    # Nor can an author be rewritten afterwards, even on an ordinary note priya may edit.
    with pytest.raises(DBAPIError, match="author of a row cannot be changed"):
        _sql(team, "priya", "UPDATE note SET author = 'priya' WHERE id = 'n-1'")
    with pytest.raises(DBAPIError, match="author of a row cannot be changed"):
        _sql(team, "priya", "UPDATE engagement SET author = 'sam' WHERE id = 'e-1'")
    # Her own note records her, whatever the app sends.
    priya = team.open("priya")
    m = priya.load()
    priya.repository.write(m.add_note(Note("Mine", stakeholder_id="s-eli", id="n-priya")))
    priya.repository.write(m.add_engagement(Engagement("s-eli", reason="Coffee", id="e-priya")))
    assert _sql(team, "vera", "SELECT author FROM note WHERE id = 'n-priya'") == [("priya",)]
    assert _sql(team, "vera", "SELECT author FROM engagement WHERE id = 'e-priya'") == [("priya",)]


def test_flipping_confidential_on_anothers_note_is_refused(make_team_map: Team) -> None:
    team = _with_secret(make_team_map)
    # n-1 was written by the administrator who published the map: priya may edit it, not hide it.
    with pytest.raises(DBAPIError, match="row-level security"):
        _sql(team, "priya", "UPDATE note SET confidential = true WHERE id = 'n-1'")
    # sam's secret: invisible to priya, so her UPDATE matches nothing and nothing changes.
    _sql(team, "priya", "UPDATE note SET confidential = false, text = 'leaked' WHERE id = 'n-secret'")
    _sql(team, "cora", "DELETE FROM note WHERE id = 'n-secret'")
    assert _sql(team, "sam", "SELECT text, confidential FROM note WHERE id = 'n-secret'") == [(SECRET, True)]


def test_a_reader_cannot_change_the_note_and_the_app_says_so(make_team_map: Team) -> None:
    team = _with_secret(make_team_map)
    grant(address_as(ADMIN, team.database), team.name, "priya", "confidential")
    priya = team.open("priya")
    m = priya.load()
    with pytest.raises(RefusedByServerError, match="only its author may change a confidential note"):
        priya.repository.write(m.update_note("n-secret", confidential=False))
    with pytest.raises(RefusedByServerError):
        priya.repository.write(m.remove_note("n-secret"))
    assert _sql(team, "sam", "SELECT confidential FROM note WHERE id = 'n-secret'") == [(True,)]
    # The author may.
    sam = team.open("sam")
    ms = sam.load()
    sam.repository.write(ms.update_note("n-secret", text="Dana stays after all"))
    assert team.open("vera").load().notes["n-secret"].text == "Dana stays after all"


def test_a_note_that_turned_confidential_is_gone_for_others(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    sam, priya = team.open("sam"), team.open("priya")
    ms, mp = sam.load(), priya.load()
    sam.repository.write(ms.add_note(Note("Draft", stakeholder_id="s-eli", id="n-2")))
    mp = priya.load()
    sam.repository.write(ms.update_note("n-2", confidential=True))
    with pytest.raises(RowGoneError):
        priya.repository.write(mp.update_note("n-2", text="edited"))


def test_deleting_a_person_with_notes_you_cannot_see_is_refused_without_saying_what(
    make_team_map: Team,
) -> None:
    team = _with_secret(make_team_map)
    for user in ("priya", "cora"):
        opened = team.open(user)
        m = opened.load()
        with pytest.raises(ProtectedNotesError) as caught:
            opened.repository.write(m.remove_stakeholders(["s-dana"]))
        message = str(caught.value)
        assert message.startswith("Dana was not deleted: they have notes you cannot see")
        assert "resign" not in message
        assert "1" not in message
        # The database refuses it too, whatever the app does (the cascade would bypass the policies).
        with pytest.raises(DBAPIError, match="stakemap-protected-notes"):
            _sql(team, user, "DELETE FROM stakeholder WHERE id = 's-dana'")
    # A confidential reader sees the note but may not delete it, so not Dana either.
    vera_can_read_only = team.open("vera").load()
    assert "n-secret" in vera_can_read_only.notes
    assert _sql(team, "sam", "SELECT count(*) FROM note WHERE id = 'n-secret'") == [(1,)]
    # The author's own notes go with the person.
    sam = team.open("sam")
    ms = sam.load()
    sam.repository.write(ms.remove_stakeholders(["s-dana"]))
    assert "s-dana" not in team.open("priya").load().stakeholders


def test_the_change_log_never_holds_a_confidential_notes_text(make_team_map: Team) -> None:
    team = _with_secret(make_team_map)
    sam = team.open("sam")
    ms = sam.load()
    sam.repository.write(ms.update_note("n-secret", text="Even more secret"))
    sam.repository.write(ms.update_note("n-secret", confidential=False, text="Now public"))
    # Not even the tables' owner finds the text in the log: it was never copied.
    everything = _sql(
        team, ADMIN, f"SELECT changed::text FROM map_{team.name}.change_log WHERE row_id = 'n-secret'"
    )
    assert len(everything) == 3
    assert not any(SECRET in str(row) or "Even more secret" in str(row) for row in everything)
    # The entries of a note priya could not see are hidden from her; the one that made it public is not.
    priya_sees = _sql(team, "priya", "SELECT action, changed FROM change_log WHERE row_id = 'n-secret'")
    assert len(priya_sees) == 1
    assert priya_sees[0][1]["text"] is None  # type: ignore[index]
    assert len(_sql(team, "vera", "SELECT 1 FROM change_log WHERE row_id = 'n-secret'")) == 3


def test_deleting_a_tie_with_a_note_you_cannot_see_is_refused(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    sam = team.open("sam")
    ms = sam.load()
    sam.repository.write(
        ms.add_note(Note("About the tie", relationship_id="r-1", confidential=True, id="n-t"))
    )
    priya = team.open("priya")
    mp = priya.load()
    with pytest.raises(
        ProtectedNotesError, match=r"^A relationship was not deleted: it has notes you cannot see"
    ):
        priya.repository.write(mp.remove_relationships(["r-1"]))
    assert "r-1" in team.open("vera").load().relationships
