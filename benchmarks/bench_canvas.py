"""Benchmark: opening a big map on the canvas, and one drag step, against bare Qt on the same data.

Run: ``.venv/bin/python -m benchmarks.bench_canvas [--people 2000] [--links 6000]``

(a) Open: load the map file through storage + build the ``MapView`` scene +
    the first render of the viewport, against a baseline of a raw ``sqlite3``
    read of the same rows + the same number of bare ``QGraphicsRectItem`` and
    ``QGraphicsLineItem`` + one render of a same-size view. Aim: within 2x.
(b) Drag step: moving a card with 20 links, against moving one bare rect
    item in the baseline scene: ``setPos`` alone (the card clamps and re-routes
    its links), then real mouse moves through the viewport with the repaint,
    with the whole map on screen and zoomed in. Aim: under 4 ms absolute.

Prints ratios to the baseline measured in the same run, plus absolute times.
Runs offscreen unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QPen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
)

from stakemap.core.entities import (
    Attitude,
    Confidence,
    MapInfo,
    Relationship,
    RelationshipKind,
    Stakeholder,
    Trust,
)
from stakemap.core.model import Map
from stakemap.gui.canvas import MapView
from stakemap.gui.canvas.geometry import SCENE_RECT, score_to_point
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.storage.database import create_map, open_map

VIEW_SIZE = (1400, 900)
HUB_LINKS = 20


def generate(people: int, links: int, seed: int = 7) -> Map:
    """People spread over the grid; ``links`` distinct ties; person 0 has exactly ``HUB_LINKS`` of them."""
    rnd = random.Random(seed)
    persons = [
        Stakeholder(
            f"Person {i} {rnd.choice(['Okafor', 'Lindqvist', 'Raman', 'Haddad', 'Brandt'])}",
            role=rnd.choice(["Dean", "Head of IT", "Analyst", "Faculty", "Student rep", "Director"]),
            influence=round(rnd.uniform(0, 100), 1),
            interest=round(rnd.uniform(0, 100), 1),
            attitude=rnd.choice(list(Attitude)),
            trust=rnd.choice(list(Trust)),
            confidential=rnd.random() < 0.05,
            in_focus=rnd.random() < 0.05,
            id=f"p{i}",
        )
        for i in range(people)
    ]
    pairs: set[tuple[int, int]] = {(0, j) for j in range(1, HUB_LINKS + 1)}
    while len(pairs) < links:
        a, b = rnd.randrange(1, people), rnd.randrange(1, people)
        if a != b and (a, b) not in pairs and (b, a) not in pairs:
            pairs.add((a, b))
    ties = [
        Relationship(
            f"p{a}",
            f"p{b}",
            kind=rnd.choice(list(RelationshipKind)),
            directed=rnd.random() < 0.7,
            strength=rnd.randint(1, 5),
            confidence=Confidence.ASSUMED if rnd.random() < 0.2 else Confidence.OBSERVED,
            id=f"r{n}",
        )
        for n, (a, b) in enumerate(sorted(pairs))
    ]
    the_map = Map(info=MapInfo(title="Benchmark map"))
    the_map.add_entities([*persons, *ties], "Generate")
    return the_map


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def open_canvas(path: Path, app: QApplication) -> tuple[float, dict[str, float], MapView]:
    parts: dict[str, float] = {}
    start = time.perf_counter()
    document = MapDocument(open_map(path))
    parts["load"] = time.perf_counter() - start
    t = time.perf_counter()
    view = MapView(document, Selection())
    view.resize(*VIEW_SIZE)
    parts["build"] = time.perf_counter() - t
    t = time.perf_counter()
    view.show()
    view.viewport().grab()
    parts["render"] = time.perf_counter() - t
    return time.perf_counter() - start, parts, view


def open_baseline(path: Path, app: QApplication) -> tuple[float, dict[str, float], QGraphicsView, list]:
    parts: dict[str, float] = {}
    start = time.perf_counter()
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    people = connection.execute("SELECT * FROM stakeholder").fetchall()
    ties = connection.execute("SELECT * FROM relationship").fetchall()
    connection.close()
    parts["load"] = time.perf_counter() - start
    t = time.perf_counter()
    scene = QGraphicsScene()
    scene.setSceneRect(SCENE_RECT)
    columns = [d[1] for d in sqlite3.connect(str(path)).execute("PRAGMA table_info(stakeholder)").fetchall()]
    inf, intr = columns.index("influence"), columns.index("interest")
    rects: dict[str, QGraphicsRectItem] = {}
    for row in people:
        rect = QGraphicsRectItem(QRectF(-80, -27, 160, 54))
        rect.setPos(score_to_point(row[inf], row[intr]))
        scene.addItem(rect)
        rects[row[0]] = rect
    pen = QPen()
    for row in ties:
        a, b = rects[row[1]].pos(), rects[row[2]].pos()
        line = QGraphicsLineItem(a.x(), a.y(), b.x(), b.y())
        line.setPen(pen)
        scene.addItem(line)
    view = QGraphicsView(scene)
    view.resize(*VIEW_SIZE)
    view.fitInView(SCENE_RECT)
    parts["build"] = time.perf_counter() - t
    t = time.perf_counter()
    view.show()
    view.viewport().grab()
    parts["render"] = time.perf_counter() - t
    return time.perf_counter() - start, parts, view, [scene, rects]


def drag_steps(view: QGraphicsView, item: QGraphicsItem, app: QApplication, steps: int = 120) -> list[float]:
    """Drag ``item`` with real mouse events through the viewport; the time of each move, repaint included."""
    viewport = view.viewport()
    start = view.mapFromScene(item.scenePos())
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    app.processEvents()
    times = []
    for i in range(1, steps + 1):
        offset = QPoint(2 * (i % 30) + 2, (i % 30) + 1)
        begin = time.perf_counter()
        QTest.mouseMove(viewport, start + offset)
        app.processEvents()  # the repaint of what moved
        times.append(time.perf_counter() - begin)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    app.processEvents()
    return times


def move_only(item: QGraphicsItem, steps: int = 200) -> list[float]:
    """``setPos`` alone: the card clamps and re-routes its links; no repaint."""
    origin = item.pos()
    times = []
    for i in range(steps):
        begin = time.perf_counter()
        item.setPos(origin + QPointF(2 * (i % 30), i % 30))
        times.append(time.perf_counter() - begin)
    item.setPos(origin)
    return times


def report(label: str, ours: list[float], base: list[float]) -> None:
    ours_ms, base_ms = statistics.median(ours) * 1000, statistics.median(base) * 1000
    p90 = sorted(ours)[int(len(ours) * 0.9)] * 1000
    print(
        f"    {label:34s} canvas {ours_ms:7.2f} ms (p90 {p90:6.2f})   bare item {base_ms:6.2f} ms   ratio {ours_ms / base_ms:5.2f}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--links", type=int, default=6_000)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)

    folder = Path(tempfile.mkdtemp(prefix="stakemap-bench-"))
    path = folder / "big.stakemap"
    print(f"Generating {args.people:,} people and {args.links:,} links ...", flush=True)
    create_map(path, generate(args.people, args.links)).close()

    # Warm both paths once (imports, fonts, glyph caches), then keep the best of three of each,
    # alternating, so that a busy machine penalises both alike.
    runs: list[tuple[float, dict[str, float]]] = []
    base_runs: list[tuple[float, dict[str, float]]] = []
    for attempt in range(4):
        total, parts, view = open_canvas(path, app)
        base, base_parts, base_view, keep = open_baseline(path, app)
        if attempt:
            runs.append((total, parts))
            base_runs.append((base, base_parts))
        if attempt < 3:
            view.document.close()
            for widget in (view, base_view):
                widget.close()
                widget.deleteLater()
            app.processEvents()
    ours, our_parts = min(runs, key=lambda r: r[0])
    base, base_parts = min(base_runs, key=lambda r: r[0])
    print(
        "\n(a) open: load + build scene + first render, best of 3 (budget: within 2x of bare Qt + raw sqlite3)"
    )
    for key in ("load", "build", "render"):
        print(
            f"    {key:7s} canvas {our_parts[key] * 1000:8.1f} ms   baseline {base_parts[key] * 1000:8.1f} ms"
        )
    print(
        f"    total   canvas {ours * 1000:8.1f} ms   baseline {base * 1000:8.1f} ms   ratio {ours / base:5.2f}x"
    )

    card = view.map_scene.cards["p0"]
    assert len(card.links) == HUB_LINKS
    bare = keep[1]["p0"]
    bare.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
    print(f"\n(b) one drag step of a person with {HUB_LINKS} links (budget: under 4 ms)")
    report("setPos + links re-routed", move_only(card), move_only(bare))
    for zoom in (None, 2.0):
        for v, target in ((view, card), (base_view, bare)):
            if zoom is not None and isinstance(v, MapView):
                v.set_zoom(zoom)  # as the user zooms: dots and ties keep their size on screen
            elif zoom is not None:
                v.resetTransform()
                v.scale(zoom, zoom)
            v.centerOn(target)
        app.processEvents()
        label = "mouse move + repaint, " + (f"zoom {zoom:g}x" if zoom else "whole map shown")
        report(label, drag_steps(view, card, app), drag_steps(base_view, bare, app))
    view.snapshot.min_items = 10**9
    view.resetTransform()
    view.zoom_fit()
    app.processEvents()
    report(
        "same, without the drag snapshot",
        drag_steps(view, card, app, 20),
        drag_steps(base_view, bare, app, 20),
    )
    view.document.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
