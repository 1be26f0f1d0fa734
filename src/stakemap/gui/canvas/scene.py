"""MapScene: the map as graphics items, a projection of ``document.map`` (gui layer).

The scene is filled from the document and can rebuild from scratch. It keeps
``dict[id, item]`` for people and ties and follows ``document.changed``,
touching only the items a change names. It never edits the map: gestures
leave as signals (``stakeholders_moved``, ``link_requested``,
``add_requested``) that the ``CanvasEditor`` turns into one document edit each.
Each gesture is a ``UserInteraction`` object (``CardDrag``, ``LinkDrag``,
``RubberBand``) that owns its state; ``press_gestures`` picks the one a press
starts and the scene hands the mouse to the one under way. What cards and
ties show is the ``AppearanceController``'s; the badges that need the whole
map are counted in ``card_badges``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from stakemap.core.changes import Change
from stakemap.core.entities import Engagement, MapInfo, Note, Relationship, Stakeholder
from stakemap.gui.canvas.appearance import AppearanceController
from stakemap.gui.canvas.card_badges import (
    overdue_counts,
    update_going_cold,
    update_overdue,
    update_stack_counts,
)
from stakemap.gui.canvas.card_context import (
    COMPACT_BOOST,
    MARKERS_ABOVE,
    CardContext,
    card_boost,
    marker_boost,
    marker_label_zoom,
)
from stakemap.gui.canvas.filtering import matches, normalise_query
from stakemap.gui.canvas.geometry import (
    GRID_RECT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_TOP,
    SCENE_RECT,
    clamp_point,
    score_to_point,
)
from stakemap.gui.canvas.grid_item import GridItem
from stakemap.gui.canvas.interactions import UserInteraction
from stakemap.gui.canvas.legend_item import LEGEND_MIN_ZOOM, LegendItem
from stakemap.gui.canvas.link_bends import assign_bends
from stakemap.gui.canvas.options import DisplayOptions
from stakemap.gui.canvas.overlays import Overlays
from stakemap.gui.canvas.press_gestures import (
    gesture_after_press,
    link_drag_from,
    show_handle_on_single_selection,
)
from stakemap.gui.canvas.relationship_item import RelationshipItem
from stakemap.gui.canvas.stakeholder_item import StakeholderItem
from stakemap.gui.canvas.style import theme_for
from stakemap.gui.document import MapDocument

#: A map with more ties than this is drawn with plain (not antialiased) ties when zoomed out: a full
#: repaint of 6,000 antialiased ties takes most of a second, and from afar the difference is slight.
FAST_LINKS_ABOVE = 1500

_Item = TypeVar("_Item", bound=QGraphicsItem)


class MapScene(QGraphicsScene):
    #: {stakeholder id: (old scene point, new scene point)} at the end of a drag.
    stakeholders_moved = Signal(dict)
    #: (source id, target id): a link was drawn from one card to another.
    link_requested = Signal(str, str)
    #: A scene point (inside the grid) where the user double-clicked empty space.
    add_requested = Signal(QPointF)
    #: The user double-clicked a card or a link: show it in the inspector.
    inspector_requested = Signal()
    #: The first mouse move of dragging cards (the selection), and the release that ends it.
    cards_drag_started = Signal()
    cards_drag_finished = Signal()

    def __init__(
        self, document: MapDocument, palette: QPalette | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.today = date.today()
        self.context = CardContext(
            theme=theme_for(palette),
            writable=not document.read_only,
            quadrant_labels_of=lambda: self.document.map.info.quadrant_labels,
        )
        self.cards: dict[str, StakeholderItem] = {}
        self.links: dict[str, RelationshipItem] = {}
        self.overlays = Overlays(self._overlays_changed, lambda sid: sid in self.cards, self._tied_to)
        self.appearance = AppearanceController(self)
        self._filter = ""
        self._interaction: UserInteraction[Any] | None = None  # the mouse gesture under way
        self._view_scale = 1.0
        self._comparison: Any = None  # a ComparisonOverlay once a snapshot comparison is shown
        self.setSceneRect(SCENE_RECT)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        # Qt picks a depth from the item count (13 for 8,000 items); ties are long, so a deep tree files
        # each in hundreds of leaves and re-filing the ties of a dragged card costs ~20 ms per mouse move.
        # Depth 5 keeps that under a millisecond while point and area queries stay a few milliseconds.
        self.setBspTreeDepth(5)
        self.grid = GridItem(document.map.info.quadrant_labels, self.context.theme)
        self.addItem(self.grid)
        self.legend = LegendItem(self.context)
        self.addItem(self.legend)
        self._stack_timer = QTimer(self)
        self._stack_timer.setSingleShot(True)
        self._stack_timer.setInterval(0)
        self._stack_timer.timeout.connect(self.update_stacks)
        self.selectionChanged.connect(self._update_handles)
        document.changed.connect(self._on_changed)
        if isinstance(document, MapDocument):  # an audience's copy is never writable
            # The server going out of reach makes the map read-only while it is on screen.
            document.offline_changed.connect(self._access_changed)
        self.setBackgroundBrush(self.context.theme.background)
        self.rebuild()

    # ---------------------------------------------------------- projection
    def rebuild(self) -> None:
        """Throw every person and tie item away and build them again from the document."""
        self.set_user_interaction(None)  # a gesture under way holds items about to go
        for link in list(self.links.values()):
            self._remove_link(link.relationship_id)
        for card_id in list(self.cards):
            self._remove_card(card_id)
        the_map = self.document.map
        self.grid.set_labels(the_map.info.quadrant_labels)
        if self._update_marker_mode():
            self.set_view_scale(self._view_scale, force=True)  # before the cards: they start at its size
        overdue = overdue_counts(the_map, self.today)
        for person in the_map.stakeholders.values():
            self._add_card(person, overdue.get(person.id, 0))
        for tie in the_map.relationships.values():
            self._add_link(tie)
        assign_bends(self.links, self.cards, None)
        self._update_link_quality()
        self.appearance.reapply()
        self.update_stacks()
        update_going_cold(self.cards, the_map, self.today)

    def _on_changed(self, change: Change) -> None:
        the_map = self.document.map
        if change.touches(MapInfo) and self.grid.set_labels(the_map.info.quadrant_labels):
            for card in self.cards.values():
                card.refresh()  # tooltips name the quadrant
        pairs: set[frozenset[str]] = set()
        for rid in change.ids(Relationship):
            if rid not in the_map.relationships and rid in self.links:
                link = self.links[rid]
                pairs.add(frozenset((link.tie.source_id, link.tie.target_id)))
                self._remove_link(rid)
        touched: set[str] = set()
        new_links: list[RelationshipItem] = []
        if change.touches(Stakeholder):
            overdue = overdue_counts(the_map, self.today)
            for sid in change.ids(Stakeholder):
                person = the_map.stakeholders.get(sid)
                if person is None:
                    self._remove_card(sid)
                elif sid in self.cards:
                    self.cards[sid].set_person(person, overdue.get(sid, 0))
                    touched.add(sid)
                else:
                    self._add_card(person, overdue.get(sid, 0))
                    touched.add(sid)
        if change.touches(Engagement):
            people = {e.stakeholder_id for e in (*change.before, *change.after) if isinstance(e, Engagement)}
            update_overdue(self.cards, people, overdue_counts(the_map, self.today))
        for rid in change.ids(Relationship):
            tie = the_map.relationships.get(rid)
            if tie is None:
                continue
            pairs.add(frozenset((tie.source_id, tie.target_id)))
            if rid in self.links:
                self.links[rid].set_tie(tie)
            else:
                added = self._add_link(tie)
                if added is not None:
                    new_links.append(added)
        assign_bends(self.links, self.cards, pairs)
        self._update_link_quality()
        if change.touches(Stakeholder) and self._update_marker_mode():
            for card in self.cards.values():
                card.refresh()
            self.set_view_scale(self._view_scale, force=True)
        if touched or pairs:
            self.appearance.reapply(touched, links=new_links)
            self._stack_timer.start()
        if change.touches(Stakeholder, Note, Engagement, MapInfo):
            update_going_cold(self.cards, the_map, self.today)

    def _access_changed(self, _since: object) -> None:
        writable = not self.document.read_only
        if writable == self.context.writable:
            return
        self.context.writable = writable
        if not writable:
            self.cancel_interaction()  # a drag or a link under way would end in a refused edit
        for card in self.cards.values():
            # Only the flag: a full refresh lays every card out again (seconds on a big map).
            card.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, writable)
        self._update_handles()  # the link handle shows only on a writable map

    def _file(self, items: dict[str, _Item], key: str, item: _Item) -> _Item:
        """An item joins the projection: filed under its entity's id and shown in the scene."""
        items[key] = item
        self.addItem(item)
        return item

    def _add_card(self, person: Stakeholder, overdue: int) -> StakeholderItem:
        return self._file(self.cards, person.id, StakeholderItem(person, self.context, overdue))

    def _remove_card(self, stakeholder_id: str) -> None:
        card = self.cards.pop(stakeholder_id, None)
        if card is not None:
            for link in list(card.links):
                self._remove_link(link.relationship_id)
            self.removeItem(card)

    def _add_link(self, tie: Relationship) -> RelationshipItem | None:
        source, target = self.cards.get(tie.source_id), self.cards.get(tie.target_id)
        if source is None or target is None:
            return None
        return self._file(self.links, tie.id, RelationshipItem(tie, source, target, self.context))

    def _remove_link(self, relationship_id: str) -> None:
        link = self.links.pop(relationship_id, None)
        if link is not None:
            link.detach()
            self.removeItem(link)

    def sync_positions(self, stakeholder_ids: Iterable[str] | None = None) -> None:
        """Put cards back where the model says (after a refused or no-op drag)."""
        ids = self.cards.keys() if stakeholder_ids is None else stakeholder_ids
        for sid in list(ids):
            person = self.document.map.stakeholders.get(sid)
            if person is not None and sid in self.cards:
                self.cards[sid].setPos(score_to_point(person.influence, person.interest))

    def _update_marker_mode(self) -> bool:
        """Dots instead of cards on a crowded map (see MARKERS_ABOVE); True when that changed (the caller
        then re-applies the view scale, which sizes dots and cards differently)."""
        markers = len(self.document.map.stakeholders) > MARKERS_ABOVE
        if markers == self.context.markers:
            return False
        self.context.markers = markers
        self.context.style_version += 1
        self.context.rebuild_fonts()
        self.legend.refresh()
        return True

    def update_stacks(self) -> None:
        """Recount the "+N" badges of cards that hide others (none on dots)."""
        update_stack_counts(self.cards, self.context.markers)

    # -------------------------------------------------------------- views
    def set_theme_from(self, palette: QPalette) -> None:
        theme = theme_for(palette)
        if theme is not self.context.theme:
            self.context.theme = theme
            self.context.style_version += 1
            self.grid.set_theme(theme)
            self.legend.update()
            self.setBackgroundBrush(theme.background)
            self.update()

    def set_display_options(self, options: DisplayOptions) -> None:
        """Presenter options: names shown, confidential people, attitude and trust, text size."""
        self.context.options = options
        self.context.rebuild_fonts()
        for card in self.cards.values():
            card.refresh()
        for link in self.links.values():
            link.update_shape()
        self.legend.refresh()
        self._update_legend()
        self.appearance.reapply()
        self.update_stacks()
        if self._comparison is not None and self._comparison.comparison is not None:
            self._comparison.show(self._comparison.comparison, self._hidden_ids())  # hide the hidden's ghosts

    @property
    def link_mode(self) -> bool:
        """While on, a drag from any card draws a relationship instead of moving the card."""
        return self.context.link_mode

    @link_mode.setter
    def link_mode(self, on: bool) -> None:
        self.context.link_mode = on

    @property
    def display_options(self) -> DisplayOptions:
        return self.context.options

    def set_filter(self, text: str) -> None:
        """Highlight people whose name, role, unit, tag or constituency match; fade the rest."""
        self._filter = normalise_query(text)
        self.appearance.reapply()

    def filter_matches(self, person: Stakeholder) -> bool | None:
        """None when no filter is set, else whether ``person`` matches it."""
        return matches(person, self._filter) if self._filter else None

    def set_halo(self, values: dict[str, float] | None) -> None:
        self.overlays.set_halo(values)

    def set_highlight_path(self, ids: list[str] | None) -> None:
        self.overlays.set_highlight_path(ids)

    def set_group_colours(self, groups: dict[str, int] | None) -> None:
        self.overlays.set_group_colours(groups)

    def set_spotlight(self, stakeholder_id: str | None) -> None:
        self.overlays.set_spotlight(stakeholder_id)

    def _overlays_changed(self) -> None:
        self.appearance.reapply()

    def _tied_to(self, stakeholder_id: str) -> set[str]:
        card = self.cards.get(stakeholder_id)
        links = card.links if card is not None else []
        return {end for link in links for end in (link.tie.source_id, link.tie.target_id)}

    def set_comparison(self, comparison: object | None) -> None:
        """Show where people stood at a snapshot (ghosts and arrows), or clear it with None."""
        if self._comparison is None:
            if comparison is None:
                return
            from stakemap.gui.canvas.comparison_overlay import ComparisonOverlay

            self._comparison = ComparisonOverlay(self)
        self._comparison.show(comparison, self._hidden_ids())

    def _hidden_ids(self) -> frozenset[str]:
        return frozenset(sid for sid, card in self.cards.items() if not card.isVisible())

    def set_item_caching(self, on: bool) -> None:
        """Cards cache their look as screen pixmaps; off while rendering an export (vector, no selection)."""
        self.context.caching = on
        for card in self.cards.values():
            card.apply_caching()

    def set_view_scale(self, scale: float, *, force: bool = False) -> None:
        """The zoom the scene is shown at: words, cards and ties grow when it is small, to stay readable;
        dots keep their size on screen; the legend shows only where it can be read (always in exports)."""
        self._view_scale = scale
        self.grid.set_view_scale(scale)
        markers, people = self.context.markers, len(self.document.map.stakeholders)
        boost = marker_boost(scale, people) if markers else card_boost(scale)
        labels = markers and scale >= marker_label_zoom(people)
        if labels != self.context.marker_labels:
            self.context.marker_labels = labels
            for card in self.cards.values():
                card.update()
        if force or boost != self.context.boost:
            self.context.boost = boost
            self.context.style_version += 1
            compact = boost >= COMPACT_BOOST and not markers
            relayout = compact != self.context.compact
            if relayout:
                self.context.compact = compact
                self.context.rebuild_fonts()
            for card in self.cards.values():
                if relayout:
                    card.refresh()
                card.setScale(boost)
            for link in self.links.values():
                link.update_shape()
            self._stack_timer.start()
        self._update_legend()
        self._update_link_quality()

    def _update_link_quality(self) -> None:
        fast = len(self.links) > FAST_LINKS_ABOVE and self._view_scale < 1.0
        if fast != self.context.fast_links:
            self.context.fast_links = fast
            for link in self.links.values():
                link.update()

    def _update_legend(self) -> None:
        readable = self.context.exporting or self._view_scale >= LEGEND_MIN_ZOOM
        self.legend.setVisible(self.display_options.show_legend and readable)

    def content_rect(self, *, include_cards: bool = True, include_legend: bool = True) -> QRectF:
        """What exports (and "fit") show: the grid with its words, the legend when the display options
        show it (``include_legend=False`` leaves it out), and every card (``include_cards=False``
        leaves out cards that overhang an edge, so that fitting does not depend on the zoom it sets)."""
        rect = GRID_RECT.adjusted(-MARGIN_LEFT, -MARGIN_TOP, 40.0, MARGIN_BOTTOM)
        if include_legend and self.display_options.show_legend:
            rect = rect.united(self.legend.sceneBoundingRect().adjusted(0, 0, 20, 0))
        if include_cards:
            for card in self.cards.values():
                if card.isVisible():
                    rect = rect.united(card.sceneBoundingRect())
        return rect

    # ----------------------------------------------------------- gestures
    def set_user_interaction(self, handler: UserInteraction[Any] | None) -> None:
        """Make ``handler`` the gesture that gets the mouse (cancelling one still under way), or none."""
        current, self._interaction = self._interaction, handler
        if current is not None and current is not handler:
            current.cancel()

    def user_interaction(self) -> UserInteraction[Any] | None:
        """The gesture under way, or None."""
        if self._interaction is not None and self._interaction.done:
            self._interaction = None
        return self._interaction

    def cancel_interaction(self) -> bool:
        """Escape: stop the gesture under way with no result; False when there is none."""
        handler = self.user_interaction()
        if handler is None:
            return False
        self.set_user_interaction(None)
        return True

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        handler = self.user_interaction()
        if handler is not None:
            if not handler.mouse_press(event):
                super().mousePressEvent(event)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        link = link_drag_from(self, event)
        if link is not None:
            self.set_user_interaction(link)
            event.accept()
            return
        super().mousePressEvent(event)  # Qt selects and grabs the card pressed, if any
        self.set_user_interaction(gesture_after_press(self, event))

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        handler = self.user_interaction()
        if handler is None or not handler.mouse_move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        handler = self.user_interaction()
        if handler is None or not handler.mouse_release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        pos = event.scenePos()
        item: QGraphicsItem | None = self.card_at(pos) or self.link_at(pos)
        event.accept()
        if item is not None:
            self.clearSelection()
            item.setSelected(True)
            self.inspector_requested.emit()
        elif self.context.writable and GRID_RECT.contains(pos):
            self.add_requested.emit(clamp_point(pos))

    # ------------------------------------------------------------ queries
    def card_at(self, pos: QPointF) -> StakeholderItem | None:
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder):
            if isinstance(item, StakeholderItem) and item.isVisible():
                return item
        return None

    def link_at(self, pos: QPointF) -> RelationshipItem | None:
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder):
            if isinstance(item, StakeholderItem):
                return None
            if isinstance(item, RelationshipItem) and item.isVisible():
                return item
        return None

    def selected_cards(self) -> list[StakeholderItem]:
        return [i for i in self.selectedItems() if isinstance(i, StakeholderItem)]

    def selected_links(self) -> list[RelationshipItem]:
        return [i for i in self.selectedItems() if isinstance(i, RelationshipItem)]

    def _update_handles(self) -> None:
        if not shiboken6.isValid(self):
            return  # the scene clears its items while it is destroyed
        show_handle_on_single_selection(self)
