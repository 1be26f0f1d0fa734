"""The printed plan: text people can find, hostile text printed literally, every script, the handout's
discretion, paper sizes, and a file that is never left half-written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from stakemap.core.entities import Note, Stakeholder
from stakemap.report.pdf import Edition, ExportCancelled, ReportError, export_plan_pdf
from stakemap.samples.library import build_library_map
from tests.conftest import small_map

TODAY = date(2026, 11, 22)


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    m = build_library_map(TODAY)
    folder = tmp_path_factory.mktemp("pdf")
    paths = {"facilitator": folder / "facilitator.pdf", "handout": folder / "handout.pdf"}
    m.update_stakeholder("s-priya", offer="Same-day fact checks; Marcus Greene could help too.")
    export_plan_pdf(m, paths["facilitator"], today=TODAY)
    export_plan_pdf(m, paths["handout"], edition=Edition.HANDOUT, page_size="letter", today=TODAY,
                    insights=True)  # fmt: skip
    return paths


def test_facilitator_copy_has_names_plan_and_insights(sample_pdfs: dict[str, Path]) -> None:
    text = text_of(sample_pdfs["facilitator"])
    for expected in ("Information Centre", "Priya Raman", "Conversation cards", "Action schedule",
                     "What would make the next board pack easier for you?", "OVERDUE", "Relationship insights",
                     "Marcus Greene", "Recent notes", "Page 1 of", "whose trust you have not won"):  # fmt: skip
        assert expected in text, expected


def test_handout_leaves_out_everything_confidential(sample_pdfs: dict[str, Path]) -> None:
    m = build_library_map(TODAY)
    text = text_of(sample_pdfs["handout"])
    assert "Priya Raman" in text
    assert "Marcus Greene" not in text
    assert "Recent notes" not in text
    for note in m.notes.values():
        assert note.text[:40] not in text
    assert "Trust" not in text.replace("trust", "")  # no trust field rows
    assert "Where they are hurting" not in text
    assert "whose trust you have not won" not in text  # trust judgements stay in the facilitator copy
    assert "someone could help too" in text  # a confidential name in someone else's text is replaced


def test_page_sizes(sample_pdfs: dict[str, Path]) -> None:
    a4 = PdfReader(sample_pdfs["facilitator"]).pages[0].mediabox
    letter = PdfReader(sample_pdfs["handout"]).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    landscape = PdfReader(sample_pdfs["facilitator"]).pages[1].mediabox
    assert float(landscape.width) > float(landscape.height)


def hostile_map():
    m = small_map()
    names = [
        "Ольга Смирнова",
        "Γιώργος Παπαδόπουλος",
        "محمد الأحمد",
        "王小明",
        "山田太郎",
        "김민준",
        "José Müller-Ørsted",
    ]
    m.add_stakeholders(
        [
            Stakeholder(n, role="<b>Boss</b> & <img src='http://example.org/x.png'/>", in_focus=True)
            for n in names
        ]
    )
    m.add_stakeholder(
        Stakeholder("<font color=red>Eve</font> 🙂👍🏽", role="<para>", in_focus=True, id="s-eve")
    )
    m.add_note(Note("x" * 10_000 + " end", stakeholder_id="s-eve"))
    m.add_note(Note("<b>not bold</b> & <i>not italic</i>", stakeholder_id="s-eve"))
    return m


def test_every_script_and_hostile_markup_print_literally(tmp_path: Path) -> None:
    path = tmp_path / "hostile.pdf"
    export_plan_pdf(hostile_map(), path, today=TODAY)
    text = text_of(path)
    for literal in ("Ольга Смирнова", "Γιώργος Παπαδόπουλος", "王小明", "山田太郎", "김민준", "José Müller-Ørsted",
                    "<b>Boss</b> &", "<font color=red>Eve</font>", "<b>not bold</b>"):  # fmt: skip
        assert literal in text, literal
    fonts = {str(f) for page in PdfReader(path).pages for f in page["/Resources"]["/Font"].values()}
    assert fonts  # embedded fonts, not Helvetica
    # Arabic is shaped into presentation forms, so search for the name's letters, not its code points.
    assert any(0x0600 <= ord(c) <= 0x06FF or 0xFB50 <= ord(c) <= 0xFEFF for c in text)


def test_failure_and_cancel_never_leave_a_half_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.4 the good old plan")
    with pytest.raises(ExportCancelled):
        export_plan_pdf(small_map(), path, cancelled=lambda: True)
    assert path.read_bytes() == b"%PDF-1.4 the good old plan"
    with pytest.raises(ReportError, match="page size"):
        export_plan_pdf(small_map(), path, page_size="a5")
    with pytest.raises(ReportError, match="Cannot write"):
        export_plan_pdf(small_map(), tmp_path / "missing-folder" / "plan.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_plan_pdf(small_map(), tmp_path / "p.pdf", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cjk_labels_drawn_on_the_page_are_not_boxes(tmp_path: Path) -> None:
    m = small_map()
    m.update_info(
        title="图书馆 外联计划", quadrant_labels=type(m.info.quadrant_labels)(key_players="关键人物")
    )
    path = tmp_path / "cjk.pdf"
    export_plan_pdf(m, path, today=TODAY)
    text = text_of(path)
    assert "关键人物" in text
    assert "图书馆 外联计划" in text


def test_the_pdf_is_user_only_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    export_plan_pdf(small_map(), path, today=TODAY)
    assert path.stat().st_mode & 0o777 == 0o600  # it names colleagues: nobody else on the machine reads it


def test_facilitator_cards_go_to_everyone_with_plans_or_notes(tmp_path: Path) -> None:
    """Issue 14: ticking one person "in focus" must not drop the cards of people with plans or notes."""
    from stakemap.core.entities import Engagement

    m = small_map()
    m.add_stakeholder(Stakeholder("Gus Quiet", role="Archivist", influence=10, interest=20, id="s-gus"))
    m.add_engagement(Engagement("s-gus", reason="Planned interview about the archive", id="e-gus"))
    m.add_stakeholder(Stakeholder("Hana Noted", influence=12, interest=22, id="s-hana"))
    m.add_note(
        Note("Hana said the budget is frozen", stakeholder_id="s-hana", confidential=True, id="n-hana")
    )
    m.add_note(Note("The whole map needs a refresh", id="n-map"))
    path = tmp_path / "facilitator.pdf"
    export_plan_pdf(m, path, today=TODAY)
    text = text_of(path)
    cards = text[text.index("Conversation cards") :]
    for expected in ("Gus Quiet", "Planned interview about the archive", "Hana Noted", "Hana said the budget is frozen",
                     "The whole map needs a refresh", "Dana"):  # fmt: skip
        assert expected in cards, expected
