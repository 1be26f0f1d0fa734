"""Facilitator PDF of 2,000 people (1x) and 20,000 (10x), 3 ties and 1 engagement each, 10% in focus,
against plain reportlab building a key of the same length. Run: python -m benchmarks.bench_pdf_scale"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from benchmarks.common import generate_map, result
from stakemap.report.fonts import REGULAR, register_fonts
from stakemap.report.map_drawing import layout_map
from stakemap.report.pdf import Edition, export_plan_pdf, map_area


def plain_key(path: Path, people: int) -> None:
    style = ParagraphStyle("b", fontName=REGULAR, fontSize=7)
    rows = [
        [str(i), Paragraph(f"Person {i:05d}", style), Paragraph("Manager, Finance", style)]
        for i in range(people)
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build([Table(rows, repeatRows=0)])


def measure(people: int, folder: Path) -> float:
    the_map = generate_map(people, 3 * people, engagements=people)
    start = time.perf_counter()
    layout = layout_map(the_map, *map_area(A4))
    laid = time.perf_counter() - start
    start = time.perf_counter()
    export_plan_pdf(the_map, folder / f"plan-{people}.pdf", edition=Edition.FACILITATOR)
    took = time.perf_counter() - start
    start = time.perf_counter()
    plain_key(folder / f"plain-{people}.pdf", people)
    base = time.perf_counter() - start
    view = "density view" if layout.density else ("numbered dots" if layout.numbered else "cards")
    result(f"facilitator PDF of {people:,} people ({view}; map layout {laid:.2f} s): {took:.1f} s "
           f"vs a plain reportlab table of {people:,} rows {base:.1f} s = {took / base:.1f}x")  # fmt: skip
    return took


def main() -> None:
    register_fonts()
    folder = Path(tempfile.mkdtemp(prefix="stakemap-pdf-scale-"))
    small = measure(2_000, folder)
    large = measure(20_000, folder)
    result(f"growth 1x -> 10x: {large / small:.1f}x (aim: 2,000 under 15 s, 20,000 under 2 minutes)")


if __name__ == "__main__":
    main()
