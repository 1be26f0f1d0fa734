"""LinkDialog: asks how two people are related after a link is drawn on the canvas (gui layer).

The canvas does not call the dialog directly: ``MapView.link_options_provider``
is a plain callable (``ask_link_options`` by default) so tests and other
front ends can answer without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.entities import Confidence, RelationshipKind

#: Ties that usually go both ways; the dialog pre-selects "both ways" for them.
SYMMETRIC_KINDS = frozenset(
    {RelationshipKind.ALLIES_WITH, RelationshipKind.CONFLICTS_WITH, RelationshipKind.INFORMAL}
)


@dataclass(frozen=True)
class LinkOptions:
    kind: RelationshipKind = RelationshipKind.ADVISES
    strength: int = 3
    directed: bool = True
    confidence: Confidence = Confidence.OBSERVED


class LinkDialog(QDialog):
    def __init__(self, source_name: str, target_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Relationship")
        layout = QVBoxLayout(self)
        heading = QLabel()
        heading.setTextFormat(Qt.TextFormat.PlainText)  # names are user text
        heading.setText(f"{source_name}  →  {target_name}")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)

        form = QFormLayout()
        self.kind = QComboBox()
        for kind in RelationshipKind:
            self.kind.addItem(kind.label, kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow("&Kind:", self.kind)

        self.strength = QSlider(Qt.Orientation.Horizontal)
        self.strength.setRange(1, 5)
        self.strength.setValue(3)
        self.strength.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.strength_label = QLabel()
        self.strength.valueChanged.connect(self._strength_changed)
        row = QHBoxLayout()
        row.addWidget(self.strength, 1)
        row.addWidget(self.strength_label)
        form.addRow("&Strength:", row)

        self.one_way = QRadioButton("&One way")
        self.both_ways = QRadioButton("&Both ways")
        self.one_way.setChecked(True)
        self._direction = QButtonGroup(self)
        for button in (self.one_way, self.both_ways):
            self._direction.addButton(button)
        row = QHBoxLayout()
        row.addWidget(self.one_way)
        row.addWidget(self.both_ways)
        row.addStretch()
        form.addRow("Direction:", row)

        self.observed = QRadioButton("O&bserved")
        self.assumed = QRadioButton("&Assumed")
        self.observed.setChecked(True)
        self._confidence = QButtonGroup(self)
        for button in (self.observed, self.assumed):
            self._confidence.addButton(button)
        row = QHBoxLayout()
        row.addWidget(self.observed)
        row.addWidget(self.assumed)
        row.addStretch()
        form.addRow("Confidence:", row)
        layout.addLayout(form)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._kind_changed()
        self._strength_changed(self.strength.value())

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        (self.both_ways if kind in SYMMETRIC_KINDS else self.one_way).setChecked(True)

    def _strength_changed(self, value: int) -> None:
        words = {1: "weak", 2: "light", 3: "medium", 4: "strong", 5: "very strong"}
        self.strength_label.setText(f"{value} · {words[value]}")

    def options(self) -> LinkOptions:
        return LinkOptions(
            kind=self.kind.currentData(),
            strength=self.strength.value(),
            directed=self.one_way.isChecked(),
            confidence=Confidence.ASSUMED if self.assumed.isChecked() else Confidence.OBSERVED,
        )


def ask_link_options(parent: QWidget | None, source_title: str, target_title: str) -> LinkOptions | None:
    """Show the dialog; the chosen options, or None if the user cancelled.

    The titles are the cards' titles, so a presenter showing initials does not reveal names here.
    """
    dialog = LinkDialog(source_title, target_title, parent)
    try:
        return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
