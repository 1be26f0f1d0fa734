"""The About box text: version, and the licences of what Stakemap bundles (gui layer)."""

from __future__ import annotations

from html import escape

from stakemap.gui.paths import resource


def about_text(version: str) -> str:
    licences = []
    fonts = resource("fonts")
    if fonts.is_dir():
        for path in sorted(fonts.glob("*LICEN[CS]E*")) + sorted(fonts.glob("*COPYING*")):
            licences.append(f"<li>{escape(path.name)}</li>")
    bundled = (
        "<p>Bundled fonts and their licences (in the application's <tt>resources/fonts</tt> folder):</p>"
        f"<ul>{''.join(licences)}</ul>"
        if licences
        else ""
    )
    return (
        f"<h2>Stakemap {escape(version)}</h2>"
        "<p>Stakeholder mapping for people who build influence through relationships: "
        "an influence × interest map, the ties between people, notes, and a communications plan "
        "to print.</p>"
        "<p>Built with Qt for Python (PySide6, LGPLv3), SQLAlchemy, Alembic, networkx and reportlab.</p>"
        f"{bundled}"
    )
