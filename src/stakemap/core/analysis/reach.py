"""Indirect reach: the best chain from "me" to each key person I am not tied to (core layer).

The key people are those in the high-influence quadrants of the grid (key
players, keep satisfied) and the most influential on the network; for each one
not tied to me directly, the cheapest chain (costs in ``paths.py``) from a single
Dijkstra run. The GUI asks ``paths_to`` for other targets and for alternatives.
"""

from __future__ import annotations

from stakemap.core.analysis.graph import Network
from stakemap.core.analysis.paths import Path, PathFinder
from stakemap.core.analysis.report import Finding, Section, omitted
from stakemap.core.analysis.text import join_words, people
from stakemap.core.grid import quadrant_of
from stakemap.core.model import Map

MAX_TARGETS = 8
NETWORK_KEY = 0.5  # normalised network influence at or above which someone is a key person


def reach_section(
    m: Map, net: Network, names: dict[str, str], source: str | None, influence: dict[str, float]
) -> tuple[Section, tuple[Path, ...]]:
    key = "paths"
    if source is None:
        return omitted(key, "Paths to key people", _NO_ME), ()
    if source not in m.stakeholders:
        return omitted(key, "Paths to key people", "the person marked as 'me' is not on this map."), ()
    title = f"Paths from {names[source]} to key people"
    if net.contact.degree(source) == 0:
        return omitted(key, title, f"{names[source]} has no ties yet (conflicts aside)."), ()
    direct = set(net.contact[source])
    candidates = [
        n
        for n in net.ids
        if n != source and n not in direct and (_high_on_grid(m, n) or influence.get(n, 0.0) >= NETWORK_KEY)
    ]
    candidates.sort(
        key=lambda n: (-m.stakeholders[n].influence, -influence.get(n, 0.0), names[n].casefold(), n)
    )
    candidates = candidates[:MAX_TARGETS]
    best = PathFinder(m, net).best_from(source, candidates) if candidates else {}
    rows = []
    for n in candidates:
        path = best.get(n)
        if path is None:
            continue
        text = path.explanation
        ids = path.stakeholder_ids
        rows.append(Finding(n, names[n], path.cost, text, path.assumed_ties, ids, "path", mentions=ids))
    unreachable = [names[n] for n in candidates if n not in best]
    summary = (
        "The cheapest chain to each key person (high influence on the grid or the network) not tied to "
        f"{names[source]} directly: strong, observed ties and trusted go-betweens cost less."
    )
    if not candidates:
        summary += f" {names[source]} is tied directly to every key person."
    if unreachable:
        summary += (
            f" No chain of ties reaches {join_words(unreachable)}"
            f" ({people(len(unreachable))}): add who knows them."
        )
    return Section(key, title, tuple(rows), summary), tuple(best[n] for n in candidates if n in best)


def _high_on_grid(m: Map, n: str) -> bool:
    person = m.stakeholders[n]
    return quadrant_of(person.influence, person.interest).high_influence


_NO_ME = "mark who you are on the map ('me') to see the chains of people that lead to key people."
