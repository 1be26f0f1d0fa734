"""Every output for an audience, run on the leak corpus: none may name a hidden person, in any spelling."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from stakemap.cli import main
from stakemap.core.audience import AUDIENCE, PRIVATE, for_audience
from stakemap.core.entities import RelationshipKind
from stakemap.exchange.writers import export_csv, export_xlsx
from stakemap.report.pdf import Edition, export_plan_pdf
from stakemap.storage.database import create_map
from tests.audience.corpus import (
    HIDDEN_ID,
    SECRETS,
    TODAY,
    VARIANTS,
    VISIBLE_NAMES,
    assert_no_leak,
    leak_map,
    leaks,
)


def test_the_corpus_names_the_hidden_people_everywhere() -> None:
    """The attack is real: without the filter every field would leak (so a pass below means something)."""
    m = leak_map()
    assert leaks(repr(m.info))
    for person in m.stakeholders.values():
        if person.id != HIDDEN_ID:
            assert leaks(person.role + person.offer + person.unit)
    assert all(leaks(v) for v in VARIANTS)


def test_the_filtered_map_holds_no_variant_in_any_field() -> None:
    shown = for_audience(leak_map(), AUDIENCE)
    for table in (shown.stakeholders, shown.relationships, shown.notes, shown.engagements, shown.snapshots):
        for entity in table.values():
            assert_no_leak(repr(entity), repr(type(entity)))
    assert_no_leak(repr(shown.info), "map info")
    assert HIDDEN_ID not in shown.stakeholders
    assert shown.info.me_id is None
    assert not shown.notes  # an audience sees no notes
    assert not any(r.kind is RelationshipKind.CONFLICTS_WITH for r in shown.relationships.values())
    assert {p.trust.value for p in shown.stakeholders.values()} == {"unknown"}
    assert not any(p.pain_points for p in shown.stakeholders.values())


def test_private_keeps_everything() -> None:
    m = leak_map()
    shown = for_audience(m, PRIVATE)
    assert shown.stakeholders == m.stakeholders
    assert shown.notes == m.notes
    assert shown.relationships == m.relationships
    assert shown.info == m.info


def _pdf_text(path: Path) -> tuple[str, str]:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    meta = reader.metadata or {}
    fields = " ".join(
        str(meta.get(k, "")) for k in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator")
    )
    outline = repr(reader.outline)
    xmp = reader.xmp_metadata
    return text, f"{fields} {outline} {xmp.stream.get_data().decode('utf-8', 'replace') if xmp else ''}"


@pytest.mark.parametrize("insights", [False, True])
def test_handout_pdf_text_and_metadata(tmp_path: Path, insights: bool) -> None:
    path = tmp_path / "handout.pdf"
    export_plan_pdf(leak_map(), path, edition=Edition.HANDOUT, today=TODAY, insights=insights,
                    comparison_snapshot_id="snap-1")  # fmt: skip
    text, meta = _pdf_text(path)
    assert_no_leak(text, "handout PDF text")
    assert_no_leak(meta, "handout PDF metadata")
    assert "Priya Raman" in text  # the visible people are all there
    assert (
        f"People on the map\n{len(VISIBLE_NAMES)}" in text
        or f"People on the map {len(VISIBLE_NAMES)}" in text
    )
    assert "someone" in text
    assert ("Relationship insights" in text) is insights
    for jargon in ("PageRank", "Louvain", "modularity", "you rated"):
        assert jargon not in text
    assert "Since the last snapshot" in text


def test_facilitator_pdf_has_everything(tmp_path: Path) -> None:
    """The other side of the promise: the facilitator's copy names everyone, and prints every note."""
    path = tmp_path / "facilitator.pdf"
    m = leak_map()
    export_plan_pdf(m, path, today=TODAY)
    text, meta = _pdf_text(path)
    assert "María Greene" in text
    assert "Greene" in meta
    for secret in SECRETS:
        assert " ".join(secret.split()) in " ".join(text.split())
    # Cards for everyone with a plan or notes, not only people in focus.
    planned = {m.stakeholders[e.stakeholder_id].name.split(" (")[0] for e in m.engagements.values()}
    for name in planned:
        assert name in text


def test_audience_csv_and_xlsx_cells(tmp_path: Path) -> None:
    m = leak_map()
    for what in ("stakeholders", "relationships", "plan"):
        path = tmp_path / f"{what}.csv"
        export_csv(m, path, what, audience=AUDIENCE)  # type: ignore[arg-type]
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
        for row in table:
            for value in row:
                assert_no_leak(value, f"{what}.csv")
        for private in ("Attitude", "Trust", "Where they are hurting", "Note", "Confidential"):
            assert private not in table[0]
    export_xlsx(m, tmp_path / "map.xlsx", audience=AUDIENCE)
    workbook = load_workbook(tmp_path / "map.xlsx")
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert_no_leak(str(value or ""), f"xlsx {sheet.title}")


@pytest.fixture
def leak_file(tmp_path: Path) -> Path:
    path = tmp_path / "leak.stakemap"
    create_map(path, leak_map()).close()
    return path


@pytest.mark.parametrize("flag", ["--audience", "--hide-confidential", "--no-confidential"])
def test_cli_outputs(leak_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str) -> None:
    assert main(["analyse", str(leak_file), flag]) == 0
    text = capsys.readouterr().out
    assert_no_leak(text, f"analyse {flag}")
    assert main(["analyse", str(leak_file), flag, "--json"]) == 0
    out = capsys.readouterr().out
    assert_no_leak(out, f"analyse {flag} --json")
    assert HIDDEN_ID not in out
    report = json.loads(out)
    assert report["people"] == len(VISIBLE_NAMES)
    if flag != "--hide-confidential":
        assert main(["export", str(leak_file), str(tmp_path / "p.csv"), flag]) == 0
        assert_no_leak((tmp_path / "p.csv").read_text(encoding="utf-8-sig"), "export csv")
    assert main(["export-pdf", str(leak_file), str(tmp_path / "h.pdf"), "--handout", "--insights"]) == 0
    text, meta = _pdf_text(tmp_path / "h.pdf")
    assert_no_leak(text + meta, "export-pdf --handout")


def test_the_full_analysis_still_names_them(leak_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", str(leak_file)]) == 0
    assert leaks(capsys.readouterr().out)
