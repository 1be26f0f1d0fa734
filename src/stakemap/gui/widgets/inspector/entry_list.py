"""A list of entries drawn as a bold heading line over wrapped text, sized to its content (gui layer).

Notes and plan entries read better as small cards than as one run of text.
The item's text stays "heading\\nbody", so it is what a screen reader says; the
delegate only draws it. Text is drawn as plain text, never as markup, in the
palette's colours.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

PAD_X, PAD_Y, GAP = 6, 5, 2
ID_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


class EntryDelegate(QStyledItemDelegate):
    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        heading = QFont(option.font)
        heading.setBold(True)
        heading.setPointSizeF(max(6.0, heading.pointSizeF() - 1))
        return heading, QFont(option.font)

    def _parts(self, index: Index) -> tuple[str, str]:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        heading, _, body = text.partition("\n")
        return heading, body

    def _width(self) -> int:
        return max(80, self._view.viewport().width() - 2 * PAD_X)

    def _wrapped(self, font: QFont, text: str, width: int | None = None) -> QRect:
        bounds = QRect(0, 0, width or self._width(), 100_000)
        return QFontMetrics(font).boundingRect(bounds, int(Qt.TextFlag.TextWordWrap), text)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        heading_font, body_font = self._fonts(option)
        heading, body = self._parts(index)
        if not index.data(ID_ROLE):  # a placeholder line ("No notes yet")
            return QSize(self._width(), self._wrapped(body_font, heading).height() + 2 * PAD_Y)
        height = self._wrapped(heading_font, heading).height()
        if body:
            height += GAP + self._wrapped(body_font, body).height()
        return QSize(self._width(), height + 2 * PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:  # background, selection and focus, as the style draws them
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        heading, body = self._parts(index)
        heading_font, body_font = self._fonts(opt)
        area = opt.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        painter.save()
        if not index.data(ID_ROLE):
            painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.setFont(body_font)
            painter.drawText(area, int(Qt.TextFlag.TextWordWrap), heading)
            painter.restore()
            return
        painter.setPen(opt.palette.color(role))
        painter.setFont(heading_font)
        wrap = int(Qt.TextFlag.TextWordWrap)
        line = self._wrapped(heading_font, heading, area.width()).height()
        painter.drawText(QRect(area.left(), area.top(), area.width(), line), wrap, heading)
        if body:
            painter.setFont(body_font)
            body_rect = QRect(area.left(), area.top() + line + GAP, area.width(), area.height() - line - GAP)
            painter.drawText(body_rect, wrap, body)
        painter.restore()


class EntryList(QListWidget):
    """Entries as cards, as tall as their content up to ``max_height`` (then it scrolls).

    Keys are handled here rather than by shortcuts, so they act exactly when the list
    has the focus: Delete asks to delete the current entry, Enter to open it.
    """

    delete_pressed = Signal()
    entry_opened = Signal(QListWidgetItem)

    def __init__(self, max_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_height = max_height
        self._fitted_width = -1
        self.setItemDelegate(EntryDelegate(self))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap when the dock is resized
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(self) -> None:
        """No empty box under two notes, no endless list either."""
        total = sum(self.sizeHintForRow(row) for row in range(self.count()))
        self.setFixedHeight(max(24, min(self.max_height, total + 2 * self.frameWidth() + 2)))
        self._fitted_width = self.width()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.delete_pressed.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.entry_opened.emit(item)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._fitted_width:
            self.fit()  # a new width wraps the text into more or fewer lines
