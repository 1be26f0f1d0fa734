"""Email, phone and contact cadence export and import like the other fields (CSV and XLSX)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakemap.core.entities import Stakeholder
from stakemap.core.model import Map
from stakemap.exchange.import_file import plan_file_import
from stakemap.exchange.writers import export_csv, export_xlsx


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_contact_fields_round_trip(tmp_path: Path, kind: str) -> None:
    m = Map()
    m.add_stakeholders([
        Stakeholder("A", email="a@example.org", phone="+44 20 7946 0000", cadence_days=14),
        Stakeholder("B", cadence_days=0),  # "none" is not "the quadrant's default"
        Stakeholder("C", cadence_days=45),
        Stakeholder("D"),
    ])  # fmt: skip
    path = tmp_path / f"people.{kind}"
    export_csv(m, path, "stakeholders") if kind == "csv" else export_xlsx(m, path)
    plan = plan_file_import(path, Map())
    assert plan.problems == []
    got = {p.name: (p.email, p.phone, p.cadence_days) for p in plan.stakeholders}
    assert got == {p.name: (p.email, p.phone, p.cadence_days) for p in m.stakeholders.values()}


def test_a_bad_email_or_cadence_in_an_import_is_a_row_problem(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email,Keep in touch\nA,not-an-address,\nB,b@x.org,sometimes\nC,c@x.org,monthly\n")
    plan = plan_file_import(path, Map())
    assert [p.name for p in plan.stakeholders] == ["C"]
    assert len(plan.problems) == 2
    assert plan.stakeholders[0].cadence_days == 30
