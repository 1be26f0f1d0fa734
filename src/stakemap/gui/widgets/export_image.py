"""Export the map as PNG (at a chosen scale) or SVG, and print it: exactly what the canvas shows,
presenter options included when they are on (gui layer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from stakemap.gui.canvas.view import MapView

PNG_SCALES = ("1x (screen)", "2x (slides)", "3x (print)", "4x (poster)")


def export_png(view: MapView, path: Path, scale: float) -> None:
    source = view.map_scene.content_rect()
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(view.map_scene.backgroundBrush().color())
    view.render_to(image)
    if not image.save(str(path), "PNG"):
        raise OSError(f"Cannot write “{path}”")


def export_svg(view: MapView, path: Path, title: str) -> None:
    source = view.map_scene.content_rect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    generator.setDescription("Stakeholder map exported from Stakemap")
    view.render_to(generator)
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"Cannot write “{path}”")


def _target(parent: QWidget, view: MapView, caption: str, suffix: str, filter_: str) -> Path | None:
    document = view.document
    folder = document.path.parent if document.path and not document.untitled else Path.home()
    name, _ = QFileDialog.getSaveFileName(
        parent, caption, str(folder / f"{document.title}.{suffix}"), filter_
    )
    if not name:
        return None
    return Path(name if name.lower().endswith(f".{suffix}") else f"{name}.{suffix}")


def export_png_interactively(parent: QWidget, view: MapView) -> None:
    choice, ok = QInputDialog.getItem(parent, "Export PNG", "Size:", PNG_SCALES, 1, False)
    if not ok:
        return
    path = _target(parent, view, "Export Map as PNG", "png", "PNG image (*.png)")
    if path is None:
        return
    try:
        export_png(view, path, float(choice[0]))
    except OSError as exc:
        QMessageBox.warning(parent, "Export PNG", str(exc))
        return
    parent.window().statusBar().showMessage(f"Exported {path}", 6000)  # type: ignore[attr-defined]


def export_svg_interactively(parent: QWidget, view: MapView) -> None:
    path = _target(parent, view, "Export Map as SVG", "svg", "SVG drawing (*.svg)")
    if path is None:
        return
    try:
        export_svg(view, path, view.document.title)
    except OSError as exc:
        QMessageBox.warning(parent, "Export SVG", str(exc))
        return
    parent.window().statusBar().showMessage(f"Exported {path}", 6000)  # type: ignore[attr-defined]


def print_map(parent: QWidget, view: MapView) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setDocName(view.document.title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    painter = QPainter(printer)
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        view.render_to(painter, QRectF(0, 0, page.width(), page.height()))
    finally:
        painter.end()


__all__ = ["Qt", "export_png", "export_svg", "print_map"]
