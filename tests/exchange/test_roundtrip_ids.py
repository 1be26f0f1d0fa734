"""Export then import keeps everything: people who share a name (by the id column), tags with commas,
multi-line text; and a re-import into the map updates the people it matches, with the changes listed."""

from __future__ import annotations

import csv
import itertools
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakemap.cli import main
from stakemap.core.entities import Attitude, Relationship, RelationshipKind, Stakeholder
from stakemap.core.model import Map
from stakemap.exchange.fields import format_tags, parse_tags
from stakemap.exchange.import_file import plan_file_import
from stakemap.exchange.ties import TieChoices
from stakemap.exchange.writers import export_csv, export_ods, export_xlsx
from stakemap.storage.database import create_map, open_map

FIELDS = ("name", "role", "unit", "constituency", "rank", "influence", "interest", "attitude", "desired_attitude",
          "trust", "drivers_long_term", "drivers_short_term", "pain_points", "offer", "past_service", "tags",
          "colour", "contact_permitted", "confidential", "in_focus", "email", "phone", "cadence_days", "id")  # fmt: skip


def person_fields(p: Stakeholder) -> tuple:
    # Spreadsheets keep numbers to about 15 significant digits: 66.66666666666667 may come back as
    # 66.6666666666667 from an XLSX number cell, the same point on the grid.
    return tuple(round(v, 9) if isinstance(v, float) else v for v in (getattr(p, f) for f in FIELDS))


def tie_fields(r: Relationship) -> tuple:
    return (r.source_id, r.target_id, r.kind, r.strength, r.directed, r.confidence, r.note)


def export_both(m: Map, folder: Path, kind: str) -> list[Path]:
    """The files a round trip goes through: one workbook, or a people CSV and a ties CSV."""
    if kind == "xlsx":
        export_xlsx(m, folder / "map.xlsx")
        return [folder / "map.xlsx"]
    if kind == "ods":
        export_ods(m, folder / "map.ods")
        return [folder / "map.ods"]
    export_csv(m, folder / "people.csv", "stakeholders")
    export_csv(m, folder / "ties.csv", "relationships")
    return [folder / "people.csv", folder / "ties.csv"]


def round_trip(m: Map, folder: Path, kind: str) -> Map:
    """``m`` exported and imported into an empty map, the way a user would do it."""
    target = Map()
    for path in export_both(m, folder, kind):
        plan = plan_file_import(path, target)
        assert plan.problems == [], [str(p) for p in plan.problems]
        plan.apply_to(target)
    return target


def namesakes() -> Map:
    m = Map()
    m.add_stakeholders([
        Stakeholder("Alex Kim", role="Finance", id="s-alex-1"),
        Stakeholder("Alex Kim", role="Legal", id="s-alex-2"),
        Stakeholder("Bea", tags=("Smith, Jones", "board; audit", 'the "A" team', "plain"), id="s-bea",
                    drivers_long_term="line one\nline two\r\nline three", offer="  spaced  "),
    ])  # fmt: skip
    m.add_relationship(Relationship("s-bea", "s-alex-2", RelationshipKind.ADVISES, strength=5, id="r-1"))
    m.add_relationship(Relationship("s-alex-1", "s-bea", RelationshipKind.REPORTS_TO, id="r-2"))
    return m


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
def test_people_who_share_a_name_tags_with_commas_and_multiline_text_survive(
    tmp_path: Path, kind: str
) -> None:
    source = namesakes()
    copy = round_trip(source, tmp_path, kind)
    if kind == "ods":  # ODF has line breaks but no carriage return: "\r\n" comes back as a line break
        bea = source.stakeholders["s-bea"]
        source.update_stakeholder("s-bea", drivers_long_term=bea.drivers_long_term.replace("\r\n", "\n"))
    assert sorted(map(person_fields, copy.stakeholders.values()), key=repr) == sorted(
        map(person_fields, source.stakeholders.values()), key=repr
    )  # enums do not order: two namesakes with equal scores would not sort
    # Each tie is attached to the Alex it was drawn to, not the first one of that name.
    assert sorted(map(tie_fields, copy.relationships.values()), key=repr) == sorted(
        map(tie_fields, source.relationships.values()), key=repr
    )


def test_a_tie_that_names_a_shared_name_without_ids_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "ties.csv"
    path.write_text("From,To,Kind\nBea,Alex Kim,advises\n", encoding="utf-8")
    plan = plan_file_import(path, namesakes(), choices=TieChoices(directed=True))
    assert plan.relationships == []
    assert "2 people are called “Alex Kim”" in str(plan.problems[0])


def test_old_exports_without_ids_are_still_recognised_as_stakemap_files(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text("Name,Role\n'=cmd,'-5 budget\n", encoding="utf-8")
    assert plan_file_import(path, Map()).stakeholders[0].role == "'-5 budget"  # not ours: kept as written
    headers = [h for h in export_rows_header() if h != "Id"]
    row = ["'=cmd"] + [""] * (len(headers) - 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([headers, row])
    assert plan_file_import(path, Map()).stakeholders[0].name == "=cmd"  # ours: the protective quote undone


def export_rows_header() -> list[str]:
    from stakemap.exchange.writers import STAKEHOLDER_COLUMNS

    return [h for h, _ in STAKEHOLDER_COLUMNS]


@pytest.mark.parametrize(
    "tags",
    [
        ("a", "b"),
        ("Smith, Jones",),
        ("x;y", 'say "hi"'),
        (' "quoted" ',),
        ("trailing,",),
        ("ünï, cødé", "中文"),
    ],
)
def test_tags_are_written_as_a_list_that_reads_back_exactly(tags: tuple[str, ...]) -> None:
    cleaned = tuple(t.strip() for t in tags)
    assert parse_tags(format_tags(cleaned)) == cleaned


def test_tags_from_other_files_still_split_at_commas_and_semicolons() -> None:
    assert parse_tags("board, audit; finance") == ("board", "audit", "finance")
    assert parse_tags('"Smith, Jones", x') == ("Smith, Jones", "x")
    assert parse_tags("finance | board") == ("finance", "board")  # Kumu separates tags with |


text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
multiline = st.lists(text, max_size=3).map("\n".join)
name = text.filter(lambda s: s.strip() != "" and s == s.strip()).map(lambda s: s[:60])
tag = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
              min_size=1, max_size=12)  # fmt: skip
people = st.lists(
    st.builds(
        Stakeholder,
        name=st.one_of(name, st.sampled_from(["Alex", "alex", "Alex "]).map(str.strip)),
        role=text.map(lambda s: s[:100]),
        influence=st.floats(0, 100, allow_nan=False),
        interest=st.integers(0, 100).map(float),
        attitude=st.sampled_from(list(Attitude)),
        drivers_long_term=multiline,
        pain_points=st.sampled_from(["=SUM(A1)", "'quoted", "-5", "@x", "+1", "plain"]),
        tags=st.lists(tag, max_size=4, unique_by=str.casefold).map(tuple),
        in_focus=st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=people, kind=st.sampled_from(["csv", "xlsx", "ods"]))
def test_any_map_round_trips_exactly(people: list[Stakeholder], kind: str) -> None:
    source = Map()
    source.add_stakeholders(people)
    ids = [p.id for p in people]
    for index, (a, b) in enumerate(itertools.pairwise(ids)):
        source.add_relationship(Relationship(a, b, list(RelationshipKind)[index % 5], strength=1 + index % 5))
    with tempfile.TemporaryDirectory() as folder:
        copy = round_trip(source, Path(folder), kind)
    assert sorted(map(person_fields, copy.stakeholders.values()), key=repr) == sorted(
        map(person_fields, source.stakeholders.values()), key=repr
    )  # enums do not order: two namesakes with equal scores would not sort
    assert sorted(map(tie_fields, copy.relationships.values()), key=repr) == sorted(
        map(tie_fields, source.relationships.values()), key=repr
    )


def edited_export(m: Map, folder: Path, edit: dict[str, dict[str, str]], drop: tuple[str, ...] = ()) -> Path:
    """The people CSV of ``m`` with cells changed ({name: {header: new}}) and columns left out."""
    export_csv(m, folder / "people.csv", "stakeholders")
    with (folder / "people.csv").open(encoding="utf-8-sig", newline="") as handle:  # keeps "\r\n" in cells
        rows = list(csv.DictReader(handle))
    headers = [h for h in rows[0] if h not in drop]
    for row in rows:
        row.update(edit.get(row["Name"] + "/" + row["Role"], {}))
    path = folder / "edited.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, headers, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_reimport_updates_matching_people_by_id_and_lists_what_changes(tmp_path: Path) -> None:
    m = namesakes()
    path = edited_export(m, tmp_path, {"Alex Kim/Legal": {"Influence": "90", "Name": "Alex Kim-Lee"},
                                       "Bea/": {"Tags": "plain"}})  # fmt: skip
    plain = plan_file_import(path, m)
    assert plain.updates == []
    assert len(plain.problems) == 3
    plan = plan_file_import(path, m, update=True)
    assert plan.problems == []
    assert plan.stakeholders == []
    changes = {u.stakeholder_id: u.changes for u in plan.updates}
    assert changes == {
        "s-alex-2": {"name": ("Alex Kim", "Alex Kim-Lee"), "influence": (50.0, 90.0)},
        "s-bea": {"tags": (("Smith, Jones", "board; audit", 'the "A" team', "plain"), ("plain",))},
    }
    assert plan.unchanged == 1
    assert "Influence: 50 → 90" in str(next(u for u in plan.updates if u.stakeholder_id == "s-alex-2"))
    change = plan.apply_to(m)
    assert m.stakeholders["s-alex-2"].name == "Alex Kim-Lee"
    assert m.stakeholders["s-alex-2"].influence == 90
    assert m.stakeholders["s-bea"].tags == ("plain",)
    m.apply(change.inverted())  # one undo entry takes it all back
    assert m.stakeholders["s-alex-2"].name == "Alex Kim"


def test_without_ids_people_are_matched_by_email_then_name(tmp_path: Path) -> None:
    m = Map()
    m.add_stakeholders(
        [Stakeholder("Dana Cruz", email="dana@example.org", id="s-d"), Stakeholder("Eli", id="s-e")]
    )
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Email,Role\nDana C.,dana@example.org,CFO\nEli,,Analyst\nNew Person,,Clerk\n", encoding="utf-8"
    )
    plan = plan_file_import(path, m, update=True)
    assert {u.stakeholder_id: u.changes for u in plan.updates} == {
        "s-d": {"name": ("Dana Cruz", "Dana C."), "role": ("", "CFO")},
        "s-e": {"role": ("", "Analyst")},
    }
    assert [p.name for p in plan.stakeholders] == ["New Person"]


def test_an_update_that_would_be_invalid_is_a_row_problem(tmp_path: Path) -> None:
    m = namesakes()
    path = edited_export(m, tmp_path, {"Bea/": {"Email": "not an address"}})
    plan = plan_file_import(path, m, update=True)
    assert [p.row_number for p in plan.problems] == [4]  # Bea sorts after the two Alexes: row 4
    assert "s-bea" not in {u.stakeholder_id for u in plan.updates}


def test_cli_update_lists_the_changes_and_writes_them(tmp_path: Path, capsys) -> None:
    map_file = tmp_path / "m.stakemap"
    create_map(map_file, namesakes()).close()
    path = edited_export(namesakes(), tmp_path, {"Alex Kim/Finance": {"Role": "Treasury"}})
    assert main(["import", str(map_file), str(path), "--update", "--read-only"]) == 0
    out = capsys.readouterr().out
    assert "update Alex Kim (row 2): Role: Finance → Treasury" in out
    assert "nothing was written" in out
    assert main(["import", str(map_file), str(path), "--update"]) == 0
    assert "updated 1" in capsys.readouterr().out
    opened = open_map(map_file, read_only=True)
    try:
        assert opened.load().stakeholders["s-alex-1"].role == "Treasury"
    finally:
        opened.close()
