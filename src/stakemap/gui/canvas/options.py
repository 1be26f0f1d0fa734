"""What the canvas shows of each person: presenter controls for workshops and screen-sharing (gui layer).

Opinions about named colleagues are sensitive. A facilitator can show roles or
initials instead of names, hide confidential people, and hide the team's
private judgement of attitude and trust. Every text the canvas draws or shows
in a tooltip goes through ``DisplayOptions``, so a mode cannot leak a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from stakemap.core.entities import Stakeholder

NameMode = Literal["name", "role", "initials"]
NAME_MODES: tuple[NameMode, ...] = ("name", "role", "initials")


@dataclass(frozen=True)
class DisplayOptions:
    name_mode: NameMode = "name"
    hide_confidential: bool = False
    hide_trust_attitude: bool = False
    large_text: bool = False
    show_legend: bool = True
    legend_marks: bool = True  # the legend explains the focus, overdue and confidential marks

    def __post_init__(self) -> None:
        if self.name_mode not in NAME_MODES:
            raise ValueError(f"name_mode must be one of {', '.join(NAME_MODES)}, not {self.name_mode!r}")

    @property
    def shows_names(self) -> bool:
        return self.name_mode == "name"

    def title(self, person: Stakeholder) -> str:
        """The card's bold line."""
        if self.name_mode == "initials":
            return initials(person.name)
        if self.name_mode == "role":
            return person.role.strip() or "(no role)"
        return person.name

    def subtitle(self, person: Stakeholder) -> str:
        """The card's second line: the role, unless the role is already the title."""
        if self.name_mode == "role":
            return person.unit.strip()
        return person.role.strip()

    def text_scale(self) -> float:
        return 1.35 if self.large_text else 1.0


def initials(name: str) -> str:
    """Initials of a name: "Carla de Vries" -> "C.D.V."; words that start with a symbol are skipped."""
    words = [w for w in name.replace("-", " ").split() if w and w[0].isalnum()]
    if not words:
        return "?"
    return ".".join(w[0].upper() for w in words[:4]) + "."
