"""MapView: the canvas widget: zoom, pan, keyboard, search fading, export rendering (gui layer).

The view builds and keeps its ``MapScene`` (a QGraphicsView does not own its
scene), the ``CanvasEditor`` that turns gestures into edits, and the
selection sync. The main window only needs the constructor, ``actions_``,
``set_filter``, ``inspector_requested`` and ``render_to``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPaintDevice,
    QPainter,
    QPixmapCache,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QMessageBox, QWidget

from stakemap.core.erase import attached_to
from stakemap.gui.canvas.actions import CanvasActions, build_actions
from stakemap.gui.canvas.changed_marks import ChangedMarks
from stakemap.gui.canvas.delete_dialog import DeleteChoice, DeleteConfirmer, ask_delete_choice, needs_asking
from stakemap.gui.canvas.drag_snapshot import DragSnapshot
from stakemap.gui.canvas.editor import CanvasEditor
from stakemap.gui.canvas.geometry import clamp_point
from stakemap.gui.canvas.legend_button import LegendButton
from stakemap.gui.canvas.legend_item import LEGEND_MIN_ZOOM
from stakemap.gui.canvas.link_dialog import LinkOptions, ask_link_options, ask_link_target
from stakemap.gui.canvas.options import DisplayOptions
from stakemap.gui.canvas.scene import MapScene
from stakemap.gui.canvas.selection_sync import SelectionSync
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection

PIXMAP_CACHE_KB = 64 * 1024
MIN_ZOOM = 0.08
MAX_ZOOM = 6.0
ZOOM_STEP = 1.2

LinkOptionsProvider = Callable[[QWidget | None, str, str], LinkOptions | None]
LinkTargetProvider = Callable[[QWidget | None, str, list[tuple[str, str]]], tuple[str, LinkOptions] | None]
#: How far (in scene units) a new person is put from one already there, so cards never pile up.
FREE_SPOT_STEP = 36.0


class MapView(QGraphicsView):
    #: Enter, or a double-click on a card or link: show the selection in the inspector.
    inspector_requested = Signal()
    #: A short message for the status bar ("3 people match", "Link mode: ...").
    status_message = Signal(str)
    #: A person was added by the user (menu, shortcut, double-click): the window puts the cursor in their name.
    stakeholder_added = Signal(str)

    def __init__(self, document: MapDocument, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self.map_scene = MapScene(document, self.palette(), self)
        self.setScene(self.map_scene)
        #: Seams: how to ask for a new link's kind, and how to show a refused edit. Tests replace them.
        self.link_options_provider: LinkOptionsProvider = ask_link_options
        self.link_target_provider: LinkTargetProvider = ask_link_target
        self.report: Callable[[str, str], None] = self._show_refusal
        self.delete_confirmer: DeleteConfirmer = ask_delete_choice
        self.editor = CanvasEditor(document, self.map_scene, selection, lambda t, m: self.report(t, m), self)
        self.selection_sync = SelectionSync(self.map_scene, selection, self)
        self._auto_fit = True
        self.snapshot = DragSnapshot(self)
        self._pan_from: QPoint | None = None
        self._space_panning = False

        # Cards cache their look as pixmaps in QPixmapCache; Qt's default 10 MB holds ~400 cards at
        # normal zoom, and a big map would redraw them all on every repaint. 64 MB holds ~2,500.
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # The scene runs the rubber band (a RubberBand gesture) like every other drag: the view's own
        # is off, so that one press starts exactly one gesture.
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Stakeholder map")

        self.actions_: CanvasActions = build_actions(self)
        # A child of the view, not of the viewport: the viewport scrolls its children with the map.
        self.legend_button = LegendButton(self.map_scene.context, self)
        # On a server map, a card others just changed says who, for a few seconds.
        self.changed_marks = ChangedMarks(self.map_scene)
        if isinstance(document, MapDocument):  # an audience's copy has no colleagues' edits
            document.remote_changed.connect(self.changed_marks.show_changes)
        self.actions_.open_inspector.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.map_scene.link_requested.connect(self._link_requested)
        self.map_scene.add_requested.connect(self._add_requested)
        self.map_scene.inspector_requested.connect(self.inspector_requested)
        self.map_scene.selectionChanged.connect(self._update_enabled)
        if isinstance(document, MapDocument):
            document.offline_changed.connect(lambda _since: self._update_enabled())
        self.map_scene.cards_drag_started.connect(
            lambda: self.snapshot.begin(self.map_scene.selected_cards())
        )
        self.map_scene.cards_drag_finished.connect(self.snapshot.end)
        document.changed.connect(lambda _change: self.snapshot.end())
        self._update_enabled()

    def sizeHint(self) -> QSize:
        return QSize(960, 680)

    def minimumSizeHint(self) -> QSize:
        # Docks around the canvas must not squeeze the map below where a few cards can be read.
        return QSize(420, 320)

    # ------------------------------------------------------------- options
    def set_filter(self, text: str) -> int:
        """Fade everyone who does not match ``text``; returns how many match (all, when empty)."""
        self.map_scene.set_filter(text)
        count = sum(1 for c in self.map_scene.cards.values() if c.isVisible() and not c.faded)
        if text.strip():
            self.status_message.emit(
                f"{count} {'person matches' if count == 1 else 'people match'} “{text.strip()}”"
            )
        return count

    def matching_ids(self) -> list[str]:
        """The people the current filter leaves unfaded, by name."""
        cards = [c for c in self.map_scene.cards.values() if c.isVisible() and not c.faded]
        return [c.stakeholder_id for c in sorted(cards, key=lambda c: c.person.name.casefold())]

    def set_display_options(self, options: DisplayOptions) -> None:
        """Presenter options (names, confidential people, attitude/trust, text size, legend)."""
        self.snapshot.end()
        self.map_scene.set_display_options(options)
        self.actions_.show_legend.setChecked(options.show_legend)
        if self._auto_fit:
            self._fit()  # places the legend button too
        else:
            self._update_legend_button()

    def set_legend_visible(self, on: bool) -> None:
        if on != self.map_scene.display_options.show_legend:
            self.set_display_options(replace(self.map_scene.display_options, show_legend=on))

    def set_link_mode(self, on: bool) -> None:
        self.map_scene.link_mode = on
        self.actions_.link_mode.setChecked(on)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)
        if on:
            self.status_message.emit("Link mode: drag from one person to another. Esc to leave.")
        else:
            self.status_message.emit("")

    def _update_enabled(self) -> None:
        if not shiboken6.isValid(self.map_scene):
            return
        writable = not self.document.read_only
        for action in self.actions_.editing():
            action.setEnabled(writable)
        has_selection = bool(self.map_scene.selectedItems())
        self.actions_.delete_selection.setEnabled(writable and has_selection)
        self.actions_.duplicate.setEnabled(writable and bool(self.map_scene.selected_cards()))

    def _show_refusal(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    # -------------------------------------------------------------- edits
    def delete_selection(self) -> None:
        """Delete what is selected; ask first when notes, plans or ties would go with the people."""
        people, ties = self.editor.selected_for_deletion()
        the_map = self.document.map
        attached = attached_to(the_map, people)
        choice = DeleteChoice.DELETE
        if people and needs_asking(attached):
            names = [the_map.stakeholders[sid].name for sid in people if sid in the_map.stakeholders]
            choice = self.delete_confirmer(self.window(), names, attached)
        if choice is DeleteChoice.CANCEL:
            return
        self.editor.delete(people, ties, erase=choice is DeleteChoice.ERASE)

    def nudge(self, d_influence: float, d_interest: float) -> None:
        if not self.map_scene.selected_cards():
            # Nothing to move: the arrow keys scroll, as in any view.
            bar = self.verticalScrollBar() if d_influence else self.horizontalScrollBar()
            step = bar.singleStep() * (1 if (d_interest > 0 or d_influence < 0) else -1)
            bar.setValue(bar.value() + step * max(1, int(abs(d_influence or d_interest))))
            return
        self.editor.nudge(d_influence, d_interest)

    def add_stakeholder_at_centre(self) -> None:
        centre = clamp_point(self.mapToScene(self.viewport().rect().center()))
        self._add_requested(self._free_spot(centre))

    def _add_requested(self, point: QPointF) -> None:
        person_id = self.editor.add_at(point)
        if person_id is not None:
            self.inspector_requested.emit()
            self.stakeholder_added.emit(person_id)

    def _free_spot(self, point: QPointF) -> QPointF:
        """``point``, or the nearest spot on a spiral around it where no card sits yet."""
        cards = list(self.map_scene.cards.values())
        taken = [card.pos() for card in cards]
        # A card's height apart, so the new card's name is not written over another's.
        step = max([FREE_SPOT_STEP, *(card.boundingRect().height() * 1.2 for card in cards)])
        for ring in range(0, 12):
            for k in range(max(1, ring * 6)):
                angle = 2 * math.pi * k / max(1, ring * 6)
                spot = clamp_point(point + QPointF(math.cos(angle), math.sin(angle)) * step * ring)
                if all(abs(spot.x() - t.x()) + abs(spot.y() - t.y()) >= step for t in taken):
                    return spot
        return point

    def link_by_keyboard(self) -> None:
        """Ctrl+L: link the one selected person to someone chosen from a list (no mouse needed)."""
        people = self.document.map.stakeholders
        selected = [i for i in self.selection.stakeholder_ids if i in people]
        if len(selected) != 1 or self.document.read_only:
            self.status_message.emit("Select one person (Tab), then Ctrl+L to link them to someone.")
            return
        source = selected[0]
        options = self.map_scene.display_options
        targets = sorted(
            ((pid, options.title(p)) for pid, p in people.items() if pid != source),
            key=lambda t: t[1].casefold(),
        )
        if not targets:
            self.status_message.emit("Add a second person first: a link needs two.")
            return
        chosen = self.link_target_provider(self, options.title(people[source]), targets)
        if chosen is not None:
            target, link = chosen
            self.editor.add_link(source, target, link)

    def _link_requested(self, source_id: str, target_id: str) -> None:
        people = self.document.map.stakeholders
        if source_id not in people or target_id not in people:
            return
        options = self.map_scene.display_options
        chosen = self.link_options_provider(
            self, options.title(people[source_id]), options.title(people[target_id])
        )
        if chosen is not None:
            self.editor.add_link(source_id, target_id, chosen)

    # ---------------------------------------------------------- selection
    def select_all(self) -> None:
        cards = [c for c in self.map_scene.cards.values() if c.isVisible()]
        self.selection.set([c.stakeholder_id for c in sorted(cards, key=lambda c: c.person.name.casefold())])

    def cycle_selection(self, step: int) -> None:
        """Tab / Shift+Tab: select the next or previous person, by name."""
        cards = sorted(
            (c for c in self.map_scene.cards.values() if c.isVisible()),
            key=lambda c: (c.person.name.casefold(), c.stakeholder_id),
        )
        if not cards:
            return
        ids = [c.stakeholder_id for c in cards]
        current = self.selection.stakeholder_ids[0] if self.selection.stakeholder_ids else None
        if current in ids:
            index = ids.index(current) + step
            if not 0 <= index < len(ids):
                # Past the last (or before the first) person, the keyboard leaves the map, as Tab does
                # in any list; F6 and Ctrl+Tab leave it from anywhere.
                self.selection.set()
                QWidget.focusNextPrevChild(self, step > 0)
                return
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.selection.set([ids[index]])
        self.ensureVisible(cards[index], 40, 40)

    # --------------------------------------------------------------- zoom
    def current_zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        """Zoom to ``zoom`` screen pixels per scene unit; the view stops fitting itself to the window."""
        self.snapshot.end()
        self._auto_fit = False
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        factor = zoom / self.current_zoom()
        if abs(factor - 1.0) > 1e-6:
            self.scale(factor, factor)
        self.map_scene.set_view_scale(self.current_zoom())
        self._update_scroll_area()
        self._update_legend_button()

    def zoom_in(self) -> None:
        self._zoom_keeping_centre(self.current_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_keeping_centre(self.current_zoom() / ZOOM_STEP)

    def _zoom_keeping_centre(self, zoom: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_zoom(zoom)
        self.setTransformationAnchor(anchor)

    def zoom_fit(self) -> None:
        """Show the whole grid with its axes; keep fitting as the window resizes, until the user zooms."""
        self._auto_fit = True
        self._fit()

    def _fit(self) -> None:
        self.snapshot.end()
        scene, viewport = self.map_scene, self.viewport().rect()
        legend = True
        rect = scene.content_rect(include_cards=False, include_legend=True)
        if min(viewport.width() / rect.width(), viewport.height() / rect.height()) < LEGEND_MIN_ZOOM:
            legend = False  # too small to read: leave it out
        # Twice: cards grow when the zoom is small, and the second fit makes room for how they grew.
        for include_cards in (False, True):
            rect = scene.content_rect(include_cards=include_cards, include_legend=legend)
            self.setSceneRect(rect)
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
            scene.set_view_scale(self.current_zoom())
        self._update_legend_button()

    def _update_legend_button(self) -> None:
        """Offer the legend in the corner when it is switched on but not (wholly) on screen."""
        scene = self.map_scene
        if not shiboken6.isValid(scene):
            return
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        on_screen = scene.legend.isVisible() and seen.contains(scene.legend.sceneBoundingRect())
        wanted = scene.display_options.show_legend and not on_screen
        self.legend_button.place(self.viewport().width())
        self.legend_button.move(self.legend_button.pos() + self.viewport().pos())
        self.legend_button.setVisible(wanted)
        if wanted:
            self.legend_button.raise_()

    def _update_scroll_area(self) -> None:
        """Scroll over what there is to see (cards, words, the legend when shown), not beyond."""
        scene = self.map_scene
        self.setSceneRect(scene.content_rect(include_legend=scene.legend.isVisible()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        trackpad_scroll = not event.pixelDelta().isNull() and not ctrl
        if trackpad_scroll or event.angleDelta().y() == 0:
            super().wheelEvent(event)  # two-finger scrolling pans, as on any trackpad
            return
        steps = event.angleDelta().y() / 120.0
        # Keep the point under the pointer where it is (Qt's own anchor uses the last mouse *move*).
        pointer = event.position()
        under = self.mapToScene(pointer.toPoint())
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.set_zoom(self.current_zoom() * ZOOM_STEP**steps)
        self.setTransformationAnchor(anchor)
        offset = (QPointF(self.viewport().rect().center()) - pointer) / self.current_zoom()
        self.centerOn(under + offset)
        event.accept()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if not self.snapshot.draw(painter):
            super().drawBackground(painter, rect)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.snapshot.end()  # the picture shows the old scroll position
        super().scrollContentsBy(dx, dy)
        self._update_legend_button()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.snapshot.end()
        super().resizeEvent(event)
        if self._auto_fit:
            self._fit()  # places the legend button too
        else:
            self._update_legend_button()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._auto_fit:
            self._fit()

    # ---------------------------------------------------------------- pan
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = None
            self.viewport().setCursor(
                Qt.CursorShape.CrossCursor if self.map_scene.link_mode else Qt.CursorShape.ArrowCursor
            )
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # ----------------------------------------------------------- keyboard
    def event(self, event: QEvent) -> bool:
        # Tab moves between people, not out of the canvas (the actions hold the shortcuts; this is
        # the fallback when the key reaches the widget as a plain key press).
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = (
                    event.key() == Qt.Key.Key_Tab
                    and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                    return self.focusNextPrevChild(forward)  # Ctrl+Tab leaves the map, as in a text editor
                self.cycle_selection(1 if forward else -1)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if not self.map_scene.cancel_interaction():
                if self.map_scene.link_mode:
                    self.set_link_mode(False)
                else:
                    self.selection.set()
            event.accept()
            return
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_panning = True
            self.setInteractive(False)
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space_panning:
            self._space_panning = False
            self.setDragMode(QGraphicsView.DragMode.NoDrag)
            self.setInteractive(True)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.snapshot.end()
            self.map_scene.set_theme_from(self.palette())
        super().changeEvent(event)

    # ------------------------------------------------------------- export
    def render_to(
        self, target: QPaintDevice | QPainter, rect: QRectF | None = None, source: QRectF | None = None
    ) -> None:
        """Draw the map as the canvas shows it (display options, search fading, overlays) into ``target``:
        a QImage/QPixmap, a QSvgGenerator, a QPrinter, or an active QPainter. Selection outlines, hover and
        link handles are left out. ``source`` is the scene area (default: the whole map); ``rect`` the
        target area (default: the whole device), filled keeping the aspect ratio."""
        scene = self.map_scene
        self.snapshot.end()
        painter = target if isinstance(target, QPainter) else QPainter(target)
        try:
            if rect is None:
                device = painter.device()
                rect = QRectF(0, 0, device.width(), device.height())
            scene.context.exporting = True
            # Words and cards are sized for the export's scale, then the area is measured with them.
            area = QRectF(source) if source is not None else scene.content_rect(include_cards=False)
            scene.set_view_scale(min(rect.width() / area.width(), rect.height() / area.height()))
            if source is None:
                source = scene.content_rect()
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            # Vector output needs vector cards, not the pixmaps cached for the screen.
            scene.set_item_caching(False)
            scene.render(painter, rect, source, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            scene.set_item_caching(True)
            scene.context.exporting = False
            scene.set_view_scale(self.current_zoom())
            if painter is not target:
                painter.end()
