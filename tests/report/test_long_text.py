"""Any amount of text in any field paginates: a pasted list of 80 short lines (or 400) in a card
field, an engagement, a note or the map's description must not fail with "Flowable too large"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from stakemap.core.entities import Engagement, Note, Stakeholder
from stakemap.core.model import Map
from stakemap.report.pdf import Edition, export_plan_pdf
from tests.report.test_pdf import TODAY, text_of


def _long(lines: int) -> str:
    return "\n".join(f"- item {i}" for i in range(lines))


@pytest.mark.parametrize("lines", [80, 400])
@pytest.mark.parametrize(
    "field", ["drivers_long_term", "drivers_short_term", "pain_points", "offer", "past_service"]
)
def test_a_long_pasted_list_in_a_card_field_paginates(tmp_path: Path, field: str, lines: int) -> None:
    m = Map()
    person = replace(Stakeholder("Ann", in_focus=True, id="a"), **{field: _long(lines)})
    m.add_stakeholders([person])
    path = tmp_path / "plan.pdf"
    export_plan_pdf(m, path, today=TODAY, edition=Edition.FACILITATOR)
    assert "item 1" in text_of(path)


def test_long_engagements_and_notes_paginate(tmp_path: Path) -> None:
    m = Map()
    m.add_stakeholders([Stakeholder("Ann", in_focus=True, id="a")])
    m.add_engagement(
        Engagement("a", reason=_long(300), spiel=_long(300), outcome=_long(300), due=date(2026, 1, 2))
    )
    m.add_note(Note(_long(300), stakeholder_id="a"))
    path = tmp_path / "plan.pdf"
    export_plan_pdf(m, path, today=TODAY)
    assert "item 2" in text_of(path)
