"""Relationship import at scale: the tie index answers exactly what comparing every pair answered."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from stakemap.core.entities import Relationship, RelationshipKind, Stakeholder
from stakemap.core.model import Map
from stakemap.exchange.import_file import plan_file_import
from stakemap.exchange.ties import TieIndex

PEOPLE = ("a", "b", "c")
tie_strategy = st.builds(
    lambda ends, kind, directed: Relationship(ends[0], ends[1], kind, directed=directed),
    st.permutations(PEOPLE),
    st.sampled_from([RelationshipKind.ADVISES, RelationshipKind.ALLIES_WITH]),
    st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(tie_strategy, max_size=8), tie_strategy)
def test_index_agrees_with_pairwise_same_tie(known: list[Relationship], new: Relationship) -> None:
    assert TieIndex(known).has_same(new) == any(r.same_tie(new) for r in known)


def test_duplicates_within_the_file_and_against_the_map(tmp_path: Path) -> None:
    m = Map()
    m.add_stakeholders([Stakeholder("Ann", id="a"), Stakeholder("Bob", id="b"), Stakeholder("Cy", id="c")])
    m.add_relationship(Relationship("a", "b", RelationshipKind.ALLIES_WITH, directed=False))
    path = tmp_path / "ties.csv"
    path.write_text(
        "From,To,Kind,Direction\n"
        "Bob,Ann,allies with,one way\n"  # the map's both-ways tie covers it
        "Ann,Cy,advises,one way\n"
        "Cy,Ann,advises,one way\n"  # the reverse of a one-way tie is a different tie
        "Ann,Cy,advises,one way\n",  # twice in the file
        encoding="utf-8",
    )
    plan = plan_file_import(path, m)
    assert [(r.source_id, r.target_id) for r in plan.relationships] == [("a", "c"), ("c", "a")]
    assert [p.row_number for p in plan.problems] == [2, 5]


def test_leading_apostrophes_are_kept_unless_the_file_is_stakemaps_own_export(tmp_path: Path) -> None:
    from stakemap.exchange.sources import read_table
    from stakemap.exchange.writers import export_csv

    theirs = tmp_path / "theirs.csv"
    theirs.write_text("Name,Role\n't Hooft,Physicist\n", encoding="utf-8")
    assert read_table(theirs).rows[0][0] == "'t Hooft"
    m = Map()
    m.add_stakeholders([Stakeholder("=SUM(A1)", role="'quoted", id="x")])
    ours = tmp_path / "ours.csv"
    export_csv(m, ours, "stakeholders")
    row = read_table(ours).rows[0]
    assert row[:2] == ["=SUM(A1)", "'quoted"]
