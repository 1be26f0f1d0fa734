"""People without scores are spread around the middle of the grid, never piled on one spot."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from stakemap.core.entities import Stakeholder
from stakemap.core.placement import spread_unplaced
from stakemap.exchange.import_file import plan_file_import
from tests.conftest import small_map


@given(st.integers(min_value=0, max_value=400))
def test_every_spot_is_different_and_inside_the_grid(n: int) -> None:
    people = [Stakeholder(f"P{i}") for i in range(n)]
    placed = spread_unplaced(people)
    assert [p.id for p in placed] == [p.id for p in people]  # same people, same order
    spots = {(p.influence, p.interest) for p in placed}
    assert len(spots) == n
    assert all(10 <= p.influence <= 90 and 10 <= p.interest <= 90 for p in placed)


def test_a_csv_of_names_is_not_piled_up_but_scores_are_kept(tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("Name\n" + "\n".join(f"Person {i}" for i in range(12)) + "\n", encoding="utf-8")
    plan = plan_file_import(names, small_map())
    assert len({(p.influence, p.interest) for p in plan.stakeholders}) == 12
    scored = tmp_path / "scored.csv"
    scored.write_text("Name,Influence,Interest\nAna,80,20\nBo,80,20\n", encoding="utf-8")
    plan = plan_file_import(scored, small_map())
    assert [(p.influence, p.interest) for p in plan.stakeholders] == [(80, 20), (80, 20)]  # the file's word
