"""The printed map's layout: cards on small maps, numbered dots with a key on big ones, never two labels
on top of each other, and hostile text that still prints."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from benchmarks.common import generate_map
from stakemap.core.entities import Stakeholder
from stakemap.core.model import Map
from stakemap.report.map_drawing import layout_map
from stakemap.report.map_layout import Anchor, Box, any_overlap, place_labels
from stakemap.report.pdf import Edition, export_plan_pdf
from stakemap.samples.library import build_library_map
from tests.report.test_pdf import TODAY, hostile_map, text_of

AREA = (739.0, 461.0)  # the map's space on A4 landscape


def crowd(count: int, influence: float = 50.0, interest: float = 50.0) -> Map:
    m = Map()
    m.add_stakeholders([Stakeholder(f"P{i}", influence=influence, interest=interest, id=f"p{i}")
                        for i in range(count)])  # fmt: skip
    return m


def test_the_sample_map_keeps_its_cards_without_overlaps() -> None:
    layout = layout_map(build_library_map(TODAY), *AREA)
    assert not layout.numbered
    assert not any_overlap(layout.labels.values())
    assert all(box.inside(layout.plot) for box in layout.labels.values())


def test_a_300_person_map_gets_numbered_labels_that_never_overlap() -> None:
    layout = layout_map(generate_map(300, 10), *AREA)
    assert layout.numbered
    assert sorted(layout.numbers.values()) == list(range(1, 301))
    assert not any_overlap(layout.labels.values())
    assert all(box.inside(layout.plot) for box in layout.labels.values())
    # each number sits near its own dot unless the crowd pushed it away
    near = sum(1 for k, box in layout.labels.items() if _distance(box, layout.spots[k]) < 12)
    assert near > 250


def test_everyone_on_one_spot_still_gets_separate_labels() -> None:
    layout = layout_map(crowd(300), *AREA)
    assert not any_overlap(layout.labels.values())
    small = layout_map(crowd(3, influence=100, interest=100), *AREA)  # a corner: cards, pulled inside
    assert not small.numbered
    assert not any_overlap(small.labels.values())


def test_place_labels_refuses_when_cards_would_move_too_far() -> None:
    anchors = [Anchor(str(i), 50, 50) for i in range(30)]
    assert place_labels(anchors, 96, 23, Box(0, 0, 200, 200), max_shift=40) is None
    placed = place_labels(anchors[:3], 96, 23, Box(0, 0, 200, 200), max_shift=40)
    assert placed is not None
    assert not any_overlap(placed.values())


def test_numbers_follow_names_a_to_z() -> None:
    m = Map()
    m.add_stakeholders([Stakeholder("Zoe", id="z"), Stakeholder("adam", id="a"), Stakeholder("Mia", id="m")])
    layout = layout_map(m, *AREA, numbered=True)
    assert layout.numbers == {"a": 1, "m": 2, "z": 3}


def test_a_big_map_prints_a_key_and_a_hostile_crowd_still_prints(tmp_path: Path) -> None:
    m = generate_map(120, 200)
    hostile = hostile_map()
    m.add_stakeholders([replace_id(p, f"h-{p.id}") for p in hostile.stakeholders.values()])
    for edition in Edition:
        path = tmp_path / f"{edition.value}.pdf"
        export_plan_pdf(m, path, edition=edition, today=TODAY)
        text = text_of(path)
        assert "Key to the map" in text
        assert "<font color=red>Eve</font>" in text
        assert "Person 00119" in text
        assert ("Trust" in text) is (edition is Edition.FACILITATOR)
    assert len(PdfReader(tmp_path / "handout.pdf").pages) > 3


def test_a_small_map_has_no_key(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    export_plan_pdf(build_library_map(TODAY), path, today=TODAY)
    assert "Key to the map" not in text_of(path)


def replace_id(person: Stakeholder, new_id: str) -> Stakeholder:
    from dataclasses import replace

    return replace(person, id=new_id)


def _distance(box: Box, spot: tuple[float, float]) -> float:
    x, y = box.nearest(*spot)
    return ((x - spot[0]) ** 2 + (y - spot[1]) ** 2) ** 0.5
