"""Property tests: whatever a spreadsheet holds, import never crashes and never yields invalid state."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.importing import plan_import
from stakemap.exchange.sources import read_table
from tests.conftest import small_map

cell = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(
        ["", "=1+1", "-3", "150", "nan", "inf", "-0", "1e308", "champion", "H", "x", "yes", "  "]
    ),
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
HEADERS = [
    "Name",
    "Role",
    "Influence",
    "Interest",
    "Attitude",
    "Trust",
    "Rank",
    "Tags",
    "Confidential",
    "Colour",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(cell, min_size=0, max_size=12), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_csv_imports_cleanly_or_says_why(rows: list[list[str]], delimiter: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([HEADERS, *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
        try:
            table = read_table(path)
        except ExchangeError as exc:
            assert str(exc)  # noqa: PT017 - an expected outcome, not the tested failure
            return
    the_map = small_map()
    try:
        plan = plan_import(table, None, the_map)
    except ValueError as exc:  # e.g. the sniffer split the header so no column holds names
        assert "names" in str(exc)  # noqa: PT017
        return
    for problem in plan.problems:
        assert problem.row_number >= 2
        assert problem.reason
    change = plan.apply_to(the_map)  # every planned person is valid on the map
    assert len(the_map.stakeholders) == 4 + len(plan.stakeholders)
    for person in plan.stakeholders:
        assert 0 <= person.influence <= 100
        assert person.name.strip()
    the_map.apply(change.inverted())
    assert len(the_map.stakeholders) == 4
