"""Names in Devanagari, Bengali, Tamil, Thai and Ethiopic print as letters: each run goes to a bundled font
that has its glyphs, HarfBuzz shapes it without a single .notdef, and the PDF embeds those fonts."""

from __future__ import annotations

from datetime import date
from importlib.resources import as_file, files
from pathlib import Path

import pytest
import uharfbuzz
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from stakemap.core.entities import Stakeholder
from stakemap.report import fonts
from stakemap.report.fonts import BOLD, REGULAR, runs
from stakemap.report.pdf import export_plan_pdf
from tests.conftest import small_map

TODAY = date(2026, 11, 22)

#: One real name per script, with conjuncts, reordered vowel signs and marks that only shaping places.
NAMES = {
    "Devanagari": "अमित शर्मा",
    "Bengali": "সৌরভ গঙ্গোপাধ্যায়",
    "Tamil": "முத்துவேல் கருணாநிதி",
    "Thai": "สมชาย ใจดี",
    "Ethiopic": "አበበ ቢቂላ",
}


def _glyph_ids(text: str, font_name: str) -> list[int]:
    """The glyphs HarfBuzz picks for ``text`` in the bundled file behind ``font_name``."""
    resource = files("stakemap").joinpath("resources", "fonts", fonts.font_file(font_name))
    with as_file(resource) as path:
        face = uharfbuzz.Face(uharfbuzz.Blob(Path(path).read_bytes()))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {})
    return [info.codepoint for info in buffer.glyph_infos]


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("script", list(NAMES))
def test_each_script_is_set_in_its_font_and_shapes_without_notdef(script: str, bold: bool) -> None:
    name = NAMES[script]
    expected = f"Stake{script}-Bold" if bold else f"Stake{script}"
    main = BOLD if bold else REGULAR
    for text in (name, f"({name})", f"“{name}”, Dr."):  # brackets and quotes: the Thai font has none
        pieces = runs(text, bold=bold)
        assert "".join(chunk for _, chunk in pieces) == text  # nothing dropped, nothing boxed
        for font, chunk in pieces:
            letters = {char for char in chunk if not char.isspace() and char in name}
            assert not letters or font == expected, (text, pieces)
            assert font in (expected, main), (text, pieces)
            assert 0 not in _glyph_ids(chunk, font), (script, font, chunk)


def test_a_plan_with_every_script_embeds_the_fonts_and_draws_no_notdef(tmp_path: Path) -> None:
    m = small_map()
    for index, (script, name) in enumerate(NAMES.items()):
        person = Stakeholder(name, role=f"({name}) Amit-{name}", influence=20 + 15 * index, interest=70 - 10 * index,
                             in_focus=True, id=f"s-{script.lower()}")  # fmt: skip
        m.add_stakeholders([person])
    m.update_info(title="अमित शर्मा की योजना")  # the footer is drawn on the canvas, not in a paragraph
    path = tmp_path / "scripts.pdf"
    export_plan_pdf(m, path, today=TODAY)

    reader = PdfReader(path)
    embedded = {str(font.get_object()["/BaseFont"]).split("+")[-1] for page in reader.pages
                for font in page["/Resources"]["/Font"].values()}  # fmt: skip
    for script in NAMES:
        assert f"NotoSans{script}-Regular" in embedded
        assert f"NotoSans{script}-Bold" in embedded  # names in cards and tables are bold
    # reportlab gives a shaped glyph without a character of its own a private-use code point: one that
    # stands for glyph 0 would be a .notdef box on the page.
    for name in (REGULAR, BOLD, *fonts.SCRIPT_FONTS, *(f"{f}-Bold" for f in fonts.SCRIPT_FONTS)):
        face = pdfmetrics.getFont(name).face
        notdef = [
            hex(code) for code, glyph in face.charToGlyph.items() if glyph == 0 and 0xE000 <= code <= 0xF8FF
        ]
        assert not notdef, (name, notdef)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    for script in ("Thai", "Ethiopic"):  # their shaped glyphs keep one character each, so the text reads back
        assert NAMES[script] in text
