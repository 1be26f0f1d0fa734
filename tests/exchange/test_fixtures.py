"""Spreadsheets as Kumu, Gephi and LibreOffice write them (tests/exchange/fixtures, built by its
make_fixtures.py), each imported into an empty map and compared with fixtures/expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stakemap.core.model import Map
from stakemap.exchange.fields import parse_kind
from stakemap.exchange.import_file import plan_file_import
from stakemap.exchange.importing import ImportPlan
from stakemap.exchange.ties import TieChoices

FIXTURES = Path(__file__).parent / "fixtures"
CASES = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["cases"]


def _import(case: dict[str, Any]) -> tuple[Map, list[ImportPlan]]:
    m = Map()
    choices = TieChoices(kind=parse_kind(case["kind"]) if "kind" in case else None)
    plans = []
    for name in case["files"]:
        plan = plan_file_import(
            FIXTURES / name, m, mappings={"kinds": case.get("kinds", {})}, choices=choices
        )
        plan.apply_to(m)
        plans.append(plan)
    return m, plans


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture_imports_as_expected(case: dict[str, Any]) -> None:
    m, plans = _import(case)
    # 50/50 in expected.json means "the file gives no scores": such people are spread around the middle
    # (core.placement), so for them only the name and role are compared.
    unscored = {tuple(row[:2]) for row in case["people"] if row[2:] == [50, 50]}

    def shown(row: list[Any]) -> list[Any]:
        return [*row[:2], 50, 50] if tuple(row[:2]) in unscored else row

    people = sorted(shown([p.name, p.role, p.influence, p.interest]) for p in m.stakeholders.values())
    assert people == sorted(case["people"])
    by_id = {p.id: p.name for p in m.stakeholders.values()}
    ties = sorted(
        [by_id[r.source_id], by_id[r.target_id], r.kind.value, r.directed, r.strength]
        for r in m.relationships.values()
    )
    assert ties == sorted(case.get("ties", []))
    for name, tags in case.get("tags", {}).items():
        assert next(p.tags for p in m.stakeholders.values() if p.name == name) == tuple(tags)
    notes = [n for plan in plans for n in plan.notes]
    for expected in case.get("notes", []):
        assert any(expected in n for n in notes), (expected, notes)
    unknown: dict[str, int] = {}
    for plan in plans:
        unknown.update(plan.unknown_kinds)
    assert unknown == case.get("unknown_kinds", {})
    assert [p.row_number for plan in plans for p in plan.problems] == case.get("problem_rows", [])
    questions = [q for plan in plans for q in plan.questions]
    assert len(questions) == len(case.get("questions", []))
    for expected, question in zip(case.get("questions", []), questions, strict=True):
        assert expected in question


def test_the_cli_asks_what_the_file_cannot_tell(map_file: Path, tmp_path: Path, capsys) -> None:
    from stakemap.cli import main

    assert main(["import", str(map_file), str(FIXTURES / "gephi/nodes.csv")]) == 0
    assert main(["import", str(map_file), str(FIXTURES / "gephi/edges.csv")]) != 0
    assert "no kind column" in capsys.readouterr().err
    assert main(["import", str(map_file), str(FIXTURES / "gephi/edges.csv"), "--kind", "informal"]) == 0
    assert "Imported 0 stakeholders and 4 relationships." in capsys.readouterr().out
    assert main(["import", str(map_file), str(FIXTURES / "kumu/connections.csv"), "--kind", "advises"]) != 0
    err = capsys.readouterr().err
    assert "kinds to map: “collaboration” (2 rows), “funding” (1 rows)" in err
    mapping = tmp_path / "kinds.json"
    mapping.write_text('{"kinds": {"collaboration": "allies with", "funding": "nonsense"}}', encoding="utf-8")
    assert (
        main(["import", str(map_file), str(FIXTURES / "kumu/connections.csv"), "--mapping", str(mapping)])
        != 0
    )
    assert "“funding” is mapped to “nonsense”, which is not a kind of ours" in capsys.readouterr().err
