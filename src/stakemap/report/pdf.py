"""Build the communications plan PDF: the entry point of the report layer.

Written to a temporary file beside the target and moved into place at the end,
so a failure or a cancel never leaves half a file, and never replaces a good one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable

from stakemap.core.audience import AudienceSettings, for_audience
from stakemap.core.compare import compare
from stakemap.core.entities import RelationshipKind
from stakemap.core.files import private_file_replacing
from stakemap.core.model import Map
from stakemap.report.cells import MARGIN, split_rows_anywhere
from stakemap.report.edition import Edition, plan_insights
from stakemap.report.fonts import REGULAR, draw_text, fit, register_fonts
from stakemap.report.map_drawing import MapFlowable, layout_map
from stakemap.report.map_key import map_key
from stakemap.report.map_layout import LayoutCancelled
from stakemap.report.rhythm_pages import cold_without_plan, going_cold, movers_page
from stakemap.report.sections import (
    conversation_card,
    cover,
    focus_people,
    other_notes,
    para,
    quadrant_summary,
    schedule,
    text_sections,
)
from stakemap.report.styles import MUTED, needs_shaping, set_shaping

__all__ = ["Edition", "ExportCancelled", "ReportError", "export_plan_pdf"]

PAGE_SIZES = {"a4": A4, "letter": LETTER}
#: The key to a numbered map is a long narrow list: it reads best in columns.
KEY_COLUMNS = 3
KEY_GUTTER = 14.0
#: Height of the "The map" heading above the drawing (h2: 16 leading + 4 after).
MAP_HEADING = 20.0

log = logging.getLogger(__name__)


class ReportError(Exception):
    """The plan could not be written; the message says why, for the user."""


class ExportCancelled(ReportError):
    """The user cancelled the export; nothing was written."""


def _numbered_canvas(title: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Holds pages back until the end, to print "Page 3 of 9" and the map title on each."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab Canvas internals, missing from the stubs

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize  # type: ignore[attr-defined]  # reportlab Canvas internals
            self.saveState()
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            draw_text(self, MARGIN, 9 * mm, fit(title, width / 2, 7.5), 7.5)
            self.setFont(REGULAR, 7.5)
            self.drawRightString(width - MARGIN, 9 * mm, f"Page {self._pageNumber} of {total}")  # type: ignore[attr-defined]  # Canvas internals
            self.restoreState()

    return NumberedCanvas


def key_column_width(page_size: tuple[float, float]) -> float:
    wide = landscape(page_size)
    return (wide[0] - 2 * MARGIN - (KEY_COLUMNS - 1) * KEY_GUTTER) / KEY_COLUMNS


def map_area(page_size: tuple[float, float]) -> tuple[float, float]:
    """The space the map drawing gets on its landscape page: the frame less its padding and heading."""
    wide = landscape(page_size)
    return wide[0] - 2 * MARGIN - 12, wide[1] - 2 * MARGIN - 4 * mm - 12 - MAP_HEADING


class _PlanDocument(BaseDocTemplate):
    def __init__(self, target: str, page_size: tuple[float, float], cancelled: Callable[[], bool] | None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(target, pagesize=page_size, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, **kwargs)  # fmt: skip
        self._cancelled = cancelled
        portrait = Frame(
            MARGIN, MARGIN + 4 * mm, page_size[0] - 2 * MARGIN, page_size[1] - 2 * MARGIN - 4 * mm, id="p"
        )
        wide = landscape(page_size)
        land = Frame(MARGIN, MARGIN + 4 * mm, wide[0] - 2 * MARGIN, wide[1] - 2 * MARGIN - 4 * mm, id="l")
        column = key_column_width(page_size)
        key_frames = [
            Frame(MARGIN + i * (column + KEY_GUTTER), MARGIN + 4 * mm, column, wide[1] - 2 * MARGIN - 4 * mm,
                  id=f"k{i}", leftPadding=0, rightPadding=0)
            for i in range(KEY_COLUMNS)
        ]  # fmt: skip
        self.addPageTemplates([
            PageTemplate(id="portrait", frames=[portrait], pagesize=page_size),
            PageTemplate(id="landscape", frames=[land], pagesize=wide),
            PageTemplate(id="key", frames=key_frames, pagesize=wide),
        ])  # fmt: skip

    def afterFlowable(self, flowable: Flowable) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled("The export was cancelled.")


def export_plan_pdf(
    map: Map,
    out_path: Path,
    *,
    edition: Edition = Edition.FACILITATOR,
    audience: AudienceSettings | None = None,
    page_size: str = "a4",
    today: date | None = None,
    insights: bool | None = None,
    comparison_snapshot_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    include_map: bool = True,
) -> None:
    """Write the communications plan of ``map`` to ``out_path`` (see the module docstring).

    ``audience``: what the readers may see (default: the edition's preset); ``insights`` turns the
    relationship insights on or off (default: the audience's choice). Everything, metadata included,
    is made from ``for_audience(map, audience)``. ``include_map=False`` leaves out the map page and
    its key (``export-pdf --no-map``).
    """
    if page_size not in PAGE_SIZES:
        raise ReportError(f"Unknown page size “{page_size}”: use a4 or letter.")
    settings = audience or edition.settings
    if insights is not None:
        settings = replace(settings, insights=insights)
    register_fonts()
    today = today or date.today()
    out_path = Path(out_path)
    shown = for_audience(map, settings)
    # Cards go to everyone the plan is about; "in focus" is a mark the audience may not see, so it is
    # read from the full map, for the people this audience may see.
    focus = {p.id for p in map.stakeholders.values() if p.in_focus and p.id in shown.stakeholders}
    people = focus_people(shown, focus)
    total = 4 + len(people)
    done = 0

    def step() -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            raise ExportCancelled("The export was cancelled.")
        done += 1
        if progress is not None:
            progress(min(done, total), total)

    marks = settings.attitude or settings.trust
    story: list[Flowable] = list(cover(shown, edition, today))
    size = PAGE_SIZES[page_size]
    if include_map:
        try:
            layout = layout_map(shown, *map_area(size), cancelled=cancelled)
        except LayoutCancelled:
            raise ExportCancelled("The export was cancelled.") from None
        story += [NextPageTemplate("landscape"), PageBreak(), para("The map", "h2", bold=True),
                  MapFlowable(shown, show_marks=marks, layout=layout, kinds=_drawn_kinds(settings))]  # fmt: skip
        if layout.numbered:
            story += [NextPageTemplate("key"), PageBreak(),
                      *map_key(shown, layout.numbers, key_column_width(size), show_marks=marks,
                               cells=layout.cells)]  # fmt: skip
    story += [NextPageTemplate("portrait"), PageBreak(), *quadrant_summary(shown)]
    step()
    if people:
        story += [PageBreak(), para("Conversation cards", "h1", bold=True)]
        for person in people:
            story.append(conversation_card(shown, person, settings, today))
            step()
    # Going cold and movers come from notes, attitude and trust: only where the audience may see those,
    # and computed on the filtered map like everything else.
    private_marks = settings.marks and settings.notes and settings.attitude and settings.trust
    cold = going_cold(shown, today) if private_marks else {}
    story += [PageBreak(), *schedule(shown, today, cold, overdue=settings.marks)]
    story += other_notes(shown)
    if private_marks:
        story += [*cold_without_plan(shown, today), *movers_page(shown)]
    step()
    insight_sections = plan_insights(shown, settings, cancelled) if settings.insights else []
    if insight_sections:
        story += [PageBreak(), *text_sections("Relationship insights", insight_sections,
                                              "Who is listened to, who connects whom, and how to reach people.")]  # fmt: skip
    snapshot = shown.snapshots.get(comparison_snapshot_id or "")
    if snapshot is not None:
        lines = compare(snapshot, shown).summary(shown, marks=settings.attitude and settings.trust)
        story += text_sections("Since the last snapshot", [(lines[0], lines[1:])])
    step()
    try:
        _write(story, out_path, page_size, shown, cancelled)
    except _ShapingFailed:
        # reportlab's shaper can fail on rare glyph combinations: the plan still prints, unshaped.
        set_shaping(False)
        try:
            export_plan_pdf(map, out_path, edition=edition, audience=settings, page_size=page_size, today=today,
                            comparison_snapshot_id=comparison_snapshot_id, progress=progress,
                            cancelled=cancelled, include_map=include_map)  # fmt: skip
        finally:
            set_shaping(True)
        return
    step()


def _drawn_kinds(settings: AudienceSettings) -> list[RelationshipKind]:
    return [k for k in RelationshipKind if settings.conflict_ties or k is not RelationshipKind.CONFLICTS_WITH]


def _write(story: list[Flowable], out_path: Path, page_size: str, the_map: Map,
           cancelled: Callable[[], bool] | None) -> None:  # fmt: skip
    try:
        with private_file_replacing(out_path) as temp:
            document = _PlanDocument(
                str(temp), PAGE_SIZES[page_size], cancelled,
                title=the_map.info.title, author=the_map.info.author, subject="Communications plan",
                creator="Stakemap", keywords=[],
            )  # fmt: skip
            document.build(split_rows_anywhere(story), canvasmaker=_numbered_canvas(the_map.info.title))
    except ExportCancelled:
        raise
    except OSError as exc:
        raise ReportError(f"Cannot write “{out_path}”: {exc.strerror or exc}.") from exc
    except Exception as exc:  # reportlab layout errors: the user gets a message, not a half file
        if "hbAddPrivate" in str(exc) and needs_shaping("\u0627"):
            raise _ShapingFailed() from exc
        log.exception("Laying out the plan failed")
        raise ReportError(f"The plan could not be laid out: {exc}") from exc


class _ShapingFailed(Exception):
    pass
