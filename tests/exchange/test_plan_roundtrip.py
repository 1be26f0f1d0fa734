"""The plan survives export and import: by person id, by name from another map, never as people."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stakemap.cli import main
from stakemap.core.entities import Engagement, EngagementStatus
from stakemap.core.model import Map
from stakemap.exchange.import_file import choose_sheets, plan_file_import
from stakemap.exchange.sources import read_table
from stakemap.exchange.writers import export_csv
from stakemap.storage.database import create_map, open_map
from tests.exchange.test_roundtrip_ids import export_both, namesakes


def with_plan() -> Map:
    m = namesakes()
    m.add_entities(
        [
            Engagement("s-alex-2", reason="Budget sign-off\nbefore the board", method="Interview request",
                       spiel="What would make this easy to say yes to?", offer="The audit pack", owner="Priya",
                       due=date(2026, 12, 14), status=EngagementStatus.IN_PROGRESS, outcome=""),
            Engagement("s-alex-1", reason="Budget sign-off\nbefore the board", method="Email",
                       due=None, status=EngagementStatus.DONE, outcome="Agreed, with a caveat"),
            Engagement("s-bea", reason="=cmd looks like a formula", method="My own method", owner="Sam"),
        ],
        "Plan",
    )  # fmt: skip
    return m


def entry_fields(m: Map, e: Engagement) -> tuple:
    person = m.stakeholders[e.stakeholder_id]
    return (
        person.name,
        person.role,
        e.reason,
        e.method,
        e.spiel,
        e.offer,
        e.owner,
        e.due,
        e.status,
        e.outcome,
    )


def plan_of(m: Map) -> list[tuple]:
    return sorted((entry_fields(m, e) for e in m.engagements.values()), key=repr)


def round_trip(m: Map, folder: Path, kind: str) -> Map:
    paths = export_both(m, folder, kind)
    if kind == "csv":
        export_csv(m, folder / "plan.csv", "plan")
        paths.append(folder / "plan.csv")
    target = Map()
    for path in paths:
        plan = plan_file_import(path, target)
        assert plan.problems == [], [str(p) for p in plan.problems]
        plan.apply_to(target)
    return target


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
def test_export_then_import_restores_the_plan_exactly(tmp_path: Path, kind: str) -> None:
    source = with_plan()
    copy = round_trip(source, tmp_path, kind)
    assert plan_of(copy) == plan_of(source)  # each entry on the Alex it was planned for
    assert len(copy.stakeholders) == len(source.stakeholders)


def test_a_plan_csv_is_never_read_as_people(tmp_path: Path) -> None:
    m = with_plan()
    export_csv(m, tmp_path / "plan.csv", "plan")
    people, ties = choose_sheets(read_table(tmp_path / "plan.csv"))
    assert (people, ties) == (None, None)
    plan = plan_file_import(tmp_path / "plan.csv", m)
    assert plan.stakeholders == []
    assert plan.engagements == []  # importing the map's own plan back changes nothing
    assert "3 planned engagements are already in the plan" in " ".join(plan.notes)


def test_a_plan_from_another_map_attaches_by_name(tmp_path: Path) -> None:
    source = with_plan()
    export_csv(source, tmp_path / "plan.csv", "plan")
    other = Map()
    from stakemap.core.entities import Stakeholder

    other.add_stakeholders([Stakeholder("Bea", id="s-other-bea")])
    plan = plan_file_import(tmp_path / "plan.csv", other)
    assert [e.stakeholder_id for e in plan.engagements] == ["s-other-bea"]
    # The two Alex Kims are not on this map: said per row, with the row the spreadsheet shows.
    reasons = [str(p) for p in plan.problems]
    assert len(reasons) == 2
    assert all("nobody called “Alex Kim”" in r for r in reasons)


def test_bad_plan_rows_are_reported_with_their_row_numbers(tmp_path: Path) -> None:
    m = with_plan()
    path = tmp_path / "plan.csv"
    path.write_text(
        "Person,Reason,Method,Due,Status\n"
        "Bea,Catch up,Email,2026-13-01,Planned\n"
        '"Bea","two\nlines",Email,,Someday\n'
        "Nobody,Hello,Email,,Done\n"
        "Bea,Fine,,2027-01-05,in progress\n",
        encoding="utf-8",
    )
    plan = plan_file_import(path, m)
    assert [(p.row_number, p.reason.split(":")[0]) for p in plan.problems] == [
        (2, "Due"),
        (3, "Status"),
        (4, "nobody called “Nobody” on the map or in the file"),
    ]
    (fine,) = plan.engagements
    assert (fine.due, fine.status, fine.method) == (
        date(2027, 1, 5),
        EngagementStatus.IN_PROGRESS,
        "Casual conversation",
    )


def test_the_cli_imports_a_plan_into_a_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = with_plan()
    target = tmp_path / "copy.stakemap"
    create_map(target, Map()).close()
    paths = export_both(source, tmp_path, "xlsx")
    assert main(["import", str(target), str(paths[0])]) == 0
    assert "3 planned engagements" in capsys.readouterr().out
    opened = open_map(target)
    try:
        assert plan_of(opened.load()) == plan_of(source)
    finally:
        opened.close()
