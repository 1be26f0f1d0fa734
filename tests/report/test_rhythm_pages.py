"""The Movers page and going-cold flags: in the facilitator copy, never in the handout."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader

from stakemap.core.entities import Attitude, Engagement, Note, NoteKind, QuadrantCadences
from stakemap.report.edition import Edition
from stakemap.report.pdf import export_plan_pdf
from tests.conftest import small_map

TODAY = date(2026, 3, 1)


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_facilitator_copy_has_movers_and_cold_flags_and_the_handout_has_neither(tmp_path: Path) -> None:
    m = small_map()
    m.update_info(cadences=QuadrantCadences(30, 30, 30, 30))
    m.take_snapshot("Winter")
    m.update_stakeholder("s-eli", influence=90, attitude=Attitude.CHAMPION)
    m.add_note(Note("Lunch", NoteKind.MEETING, "s-dana", created_at=datetime(2026, 2, 20, tzinfo=UTC)))
    m.add_engagement(Engagement("s-eli", method="Email", due=date(2026, 3, 5)))
    facilitator, handout = tmp_path / "f.pdf", tmp_path / "h.pdf"
    export_plan_pdf(m, facilitator, today=TODAY)
    export_plan_pdf(m, handout, edition=Edition.HANDOUT, today=TODAY)
    text = text_of(facilitator)
    assert "Movers" in text
    assert "Who moved most since “Winter”" in text
    movers_part = text[text.index("Who moved most") :]
    assert "Eli" in movers_part
    assert "Neutral → Champion" in movers_part
    schedule = text[text.index("Action schedule") : text.index("Going cold with nothing planned")]
    assert "Eli\n(going cold)" in schedule  # never contacted
    assert "Dana\n(going cold)" not in schedule  # met on 20 Feb
    assert "Going cold with nothing planned:" in text
    cold_line = text[text.index("Going cold with nothing planned:") :].split("\n")[0]
    assert "Carla" in cold_line
    assert "Eli" not in cold_line
    assert "Dana" not in cold_line
    handout_text = text_of(handout)
    assert "Movers" not in handout_text
    assert "going cold" not in handout_text.lower()
