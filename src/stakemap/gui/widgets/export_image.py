"""Export the map as PNG (at a chosen scale) or SVG, and print it, for an audience or as on screen (gui layer).

A picture for slides or paper leaves the screen, so the dialogs offer the
audience first: the picture is then drawn by a canvas built on
``for_audience(map, settings)`` (no confidential people, attitude, trust,
conflicts or marks), never by the editing canvas with things hidden. "Private"
draws the editing canvas exactly as it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from stakemap.core.audience import AUDIENCE, AudienceSettings, redact_text
from stakemap.core.files import write_private_atomically
from stakemap.gui.canvas.options import DisplayOptions
from stakemap.gui.canvas.view import MapView
from stakemap.gui.dialog_host import DialogHost
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.export_folder import export_folder, remember_export_folder

PNG_SCALES = ("1x (screen)", "2x (slides)", "3x (print)", "4x (poster)")
#: Who the picture is for; the first (the default) is an audience.
AUDIENCE_CHOICES: tuple[tuple[str, AudienceSettings | None], ...] = (
    ("Audience: no confidential people, attitude, trust, conflicts or marks", AUDIENCE),
    ("Audience, with initials instead of names and roles", replace(AUDIENCE, initials=True)),
    ("Private: everything, as the canvas shows it", None),
)


def audience_view(view: MapView, settings: AudienceSettings | None) -> MapView:
    """The canvas that draws for this audience: ``view`` itself when private, else an off-screen canvas on
    the audience's map (the caller deletes it)."""
    if settings is None:
        return view
    from stakemap.gui.widgets.audience_document import AudienceDocument
    from stakemap.gui.widgets.presenter import make_view_only, presented_map

    document = AudienceDocument(presented_map(view.document.map, settings), settings)
    shown = MapView(document, Selection(document), None)  # type: ignore[arg-type]  # an AudienceDocument stands in for the MapDocument (see presenter.py)
    document.setParent(shown)
    make_view_only(shown)
    shown.resize(view.size())
    options = view.map_scene.display_options
    shown.set_display_options(DisplayOptions(hide_trust_attitude=not settings.attitude, large_text=options.large_text,
                                             show_legend=options.show_legend, legend_marks=settings.marks))  # fmt: skip
    return shown


def ask_audience(parent: QWidget, caption: str) -> tuple[bool, AudienceSettings | None]:
    labels = [label for label, _ in AUDIENCE_CHOICES]
    choice, ok = QInputDialog.getItem(parent, caption, "For:", labels, 0, False)
    if not ok:
        return False, None
    return True, dict(AUDIENCE_CHOICES)[choice]


def _done_with(shown: MapView, view: MapView) -> None:
    if shown is not view:
        shown.deleteLater()


def export_png(view: MapView, path: Path, scale: float) -> None:
    source = view.map_scene.content_rect()
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(view.map_scene.backgroundBrush().color())
    view.render_to(image)

    def write(tmp: Path) -> None:
        if not image.save(str(tmp), "PNG"):  # type: ignore[call-overload]  # PySide6 takes the format as str; the stubs ask for bytes
            raise OSError(f"Cannot write “{path}”")

    # Like every export: user-only (it names colleagues), and never half a file at the target.
    write_private_atomically(Path(path), write)


def export_svg(view: MapView, path: Path, title: str) -> None:
    source = view.map_scene.content_rect()

    def write(tmp: Path) -> None:
        generator = QSvgGenerator()
        generator.setFileName(str(tmp))
        generator.setSize(QSize(round(source.width()), round(source.height())))
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(title)
        generator.setDescription("Stakeholder map exported from Stakemap")
        view.render_to(generator)  # the painter ends inside: the file is complete here
        if tmp.stat().st_size == 0:
            raise OSError(f"Cannot write “{path}”")

    write_private_atomically(Path(path), write)


def _target(parent: QWidget, view: MapView, caption: str, suffix: str, filter_: str,
            settings: AudienceSettings | None = None) -> Path | None:  # fmt: skip
    document = view.document
    folder = export_folder(document)
    title = document.title if settings is None else redact_text(document.map, settings, document.title)
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in title).strip() or "map"
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(folder / f"{safe}.{suffix}"), filter_)
    if not name:
        return None
    path = Path(name if name.lower().endswith(f".{suffix}") else f"{name}.{suffix}")
    remember_export_folder(path)
    return path


def export_png_interactively(host: DialogHost, view: MapView) -> None:
    parent = host.window()
    ok, settings = ask_audience(parent, "Export PNG")
    if not ok:
        return
    choice, ok = QInputDialog.getItem(parent, "Export PNG", "Size:", PNG_SCALES, 1, False)
    if not ok:
        return
    scale = float(choice[0])
    _export(
        host, view, settings, "PNG", "PNG image (*.png)", lambda shown, path: export_png(shown, path, scale)
    )


def export_svg_interactively(host: DialogHost, view: MapView) -> None:
    ok, settings = ask_audience(host.window(), "Export SVG")
    if not ok:
        return
    _export(host, view, settings, "SVG", "SVG drawing (*.svg)",
            lambda shown, path: export_svg(shown, path, shown.document.title))  # fmt: skip


def _export(host: DialogHost, view: MapView, settings: AudienceSettings | None, kind: str, filter_: str,
            write: Callable[[MapView, Path], None]) -> None:  # fmt: skip
    """Ask where, draw the map for ``settings`` on a view of its own, write it, say so."""
    parent = host.window()
    path = _target(parent, view, f"Export Map as {kind}", kind.lower(), filter_, settings)
    if path is None:
        return
    shown = audience_view(view, settings)
    try:
        write(shown, path)
    except OSError as exc:
        QMessageBox.warning(parent, f"Export {kind}", str(exc))
        return
    finally:
        _done_with(shown, view)
    host.statusBar().showMessage(f"Exported {path}", 6000)


def print_map(host: DialogHost, view: MapView) -> None:
    parent = host.window()
    ok, settings = ask_audience(parent, "Print Map")
    if not ok:
        return
    shown = audience_view(view, settings)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setDocName(shown.document.title)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        try:
            page = printer.pageRect(QPrinter.Unit.DevicePixel)
            shown.render_to(painter, QRectF(0, 0, page.width(), page.height()))
        finally:
            painter.end()
    finally:
        _done_with(shown, view)


__all__ = ["AUDIENCE_CHOICES", "Qt", "audience_view", "export_png", "export_svg", "print_map"]
