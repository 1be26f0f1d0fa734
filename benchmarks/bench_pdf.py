"""PDF export of 500 people and 1,000 engagements vs plain reportlab laying out the same amount of content.
Run: python -m benchmarks.bench_pdf"""

from __future__ import annotations

import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

from benchmarks.common import best_of, generate_map, result
from stakemap.report.fonts import REGULAR, register_fonts
from stakemap.report.pdf import export_plan_pdf


def plain_reportlab(path: Path, people: int, engagements: int) -> None:
    """The same volume without the app: a map-sized table, one card table per person in focus, a schedule."""
    style = ParagraphStyle("b", fontName=REGULAR, fontSize=9)
    story: list = [Paragraph("Cover", style), PageBreak()]
    story.append(Table([[Paragraph(f"Person {i}", style), Paragraph("Role", style)] for i in range(people)]))
    for i in range(people // 10):
        story.append(
            Table([[Paragraph(str(k), style), Paragraph(f"value {i} " * 8, style)] for k in range(9)])
        )
    story.append(Table([[Paragraph(f"{c} {i}", style) for c in range(6)] for i in range(engagements)]))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def main() -> None:
    register_fonts()
    folder = Path(tempfile.mkdtemp(prefix="stakemap-pdf-"))
    the_map = generate_map(500, 1000, engagements=1000, notes=500)
    ours = best_of(lambda: export_plan_pdf(the_map, folder / "plan.pdf"), 3)
    base = best_of(lambda: plain_reportlab(folder / "plain.pdf", 500, 1000), 3)
    result(f"PDF of 500 people / 1,000 engagements: {ours:.2f} s vs plain reportlab {base:.2f} s = "
           f"{ours / base:.2f}x (aim within 1.5x and under 3 s)")  # fmt: skip


if __name__ == "__main__":
    main()
