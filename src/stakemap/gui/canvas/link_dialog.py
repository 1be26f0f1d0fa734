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


#: The last options the user chose: the next link starts from them instead of resetting to the first kind.
_last_choice: list[LinkOptions] = []


class LinkDialog(QDialog):
    def __init__(
        self,
        source_name: str,
        target_name: str,
        parent: QWidget | None = None,
        targets: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Relationship")
        layout = QVBoxLayout(self)
        heading = QLabel()
        heading.setTextFormat(Qt.TextFormat.PlainText)  # names are user text
        heading.setText(f"{source_name}  →  {target_name}" if targets is None else f"{source_name}  →  …")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)

        form = QFormLayout()
        #: With ``targets``, the person at the other end is chosen here (typing a name jumps to it).
        self.target = QComboBox()
        for target_id, title in targets or []:
            self.target.addItem(title, target_id)
        if targets is not None:
            form.addRow("&To:", self.target)
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
        strength_label = QLabel("&Strength:")
        strength_label.setBuddy(self.strength)  # without a buddy the form shows the "&" itself
        form.addRow(strength_label, row)

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
        if _last_choice:
            self._apply(_last_choice[-1])
        self._strength_changed(self.strength.value())

    def _apply(self, options: LinkOptions) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(options.kind)))
        self.strength.setValue(options.strength)
        (self.one_way if options.directed else self.both_ways).setChecked(True)
        (self.assumed if options.confidence is Confidence.ASSUMED else self.observed).setChecked(True)

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
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        _remember(dialog.options())
        return dialog.options()
    finally:
        dialog.deleteLater()


def ask_link_target(
    parent: QWidget | None, source_title: str, targets: list[tuple[str, str]]
) -> tuple[str, LinkOptions] | None:
    """The keyboard way to link: choose the other person from ``targets`` ((id, title), in order) and
    the kind of tie in one dialog; (target id, options), or None if cancelled."""
    dialog = LinkDialog(source_title, "", parent, targets=targets)
    dialog.target.setFocus()
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        _remember(dialog.options())
        return dialog.target.currentData(), dialog.options()
    finally:
        dialog.deleteLater()


def _remember(options: LinkOptions) -> None:
    _last_choice[:] = [options]
