"""Groups: clusters found in the ties, set against the constituencies the user entered (core layer).

Louvain community detection (``nx.community.louvain_partitions``, fixed seed) on
the contact graph, weighted by tie strength with assumed ties at half weight;
people without ties belong to no group. Groups are numbered by size, 1 the
largest. Purity is the share of people (with a constituency) who are in their
group's largest constituency: 100% means the ties follow the constituencies
exactly; a low figure means people work across them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from stakemap.core.analysis.cancel import Poll, check
from stakemap.core.analysis.centrality import SEED
from stakemap.core.analysis.graph import Network
from stakemap.core.analysis.report import Finding, Section, omitted
from stakemap.core.analysis.text import assumed_note, count, join_words, people, percent

TOP_N = 10
MOSTLY = 0.75  # purity at or above which a group is "mostly" one constituency
WEAK_MODULARITY = 0.3  # below this the ties do not split into clear groups


@dataclass(frozen=True)
class Groups:
    membership: dict[str, int]  # person id -> group number (1 = largest)
    clusters: tuple[tuple[str, ...], ...]  # members of group i + 1
    modularity: float


def find_groups(net: Network, cancelled: Poll = None) -> Groups | None:
    """Louvain clusters of the people with ties; None when fewer than three people have ties."""
    connected = net.connected_ids
    if len(connected) < 3:
        return None
    # The whole contact graph, not a subgraph view: views filter every neighbour lookup and made
    # Louvain twice as slow. People without ties stay alone in their own cluster and are dropped.
    partition: list[set[str]] = [{n} for n in net.ids]
    for level in nx.community.louvain_partitions(net.contact, weight="weight", seed=SEED):
        check(cancelled)
        partition = level
    clusters = sorted(
        (tuple(sorted(c)) for c in partition if len(c) > 1 or net.contact.degree(next(iter(c))) > 0),
        key=lambda c: (-len(c), c[0]),
    )
    membership = {n: i for i, members in enumerate(clusters, start=1) for n in members}
    return Groups(membership, tuple(clusters), modularity(net.contact, membership))


def modularity(graph: nx.Graph[str], membership: dict[str, int], weight: str = "weight") -> float:
    """Newman's weighted modularity of a partition, in one pass over the edges.

    The same figure as ``nx.community.modularity`` (resolution 1), which walks each community
    separately and is several times slower on big maps.
    """
    inside: dict[int, float] = {}
    degree: dict[int, float] = {}
    total = 0.0
    for u, v, w in graph.edges(data=weight, default=1.0):
        total += w
        cu, cv = membership[u], membership[v]
        degree[cu] = degree.get(cu, 0.0) + w
        degree[cv] = degree.get(cv, 0.0) + w
        if cu == cv:
            inside[cu] = inside.get(cu, 0.0) + w
    if total <= 0:
        return 0.0
    return sum(inside.values()) / total - sum((d / (2 * total)) ** 2 for d in degree.values())


def groups_section(
    m_names: dict[str, str],
    net: Network,
    groups: Groups | None,
    constituency: dict[str, str],
    standing: dict[str, float],
) -> Section:
    """``standing``: who to name as the centre of a group (highest wins)."""
    key, title = "groups", "Groups in the network and your constituencies"
    if groups is None:
        return omitted(key, title, "finding groups needs ties among at least three people.")
    rows: list[Finding] = []
    purest = known_total = 0
    assumed_inside: dict[int, int] = {}
    assumed_ties: Iterable[tuple[str, str, int]] = net.contact.edges(data="assumed")  # assumed ties per pair
    for u, v, assumed in assumed_ties:
        if assumed and groups.membership.get(u) == groups.membership.get(v):
            group = groups.membership[u]
            assumed_inside[group] = assumed_inside.get(group, 0) + assumed
    for number, members in enumerate(groups.clusters, start=1):
        known = Counter(constituency[n] for n in members if constituency.get(n))
        known_total += sum(known.values())
        purest += max(known.values(), default=0)
        if number > TOP_N:
            continue
        centre = max(members, key=lambda n: (standing.get(n, 0.0), net.contact.degree(n), n))
        assumed = assumed_inside.get(number, 0)
        text = f"Group {number}: {people(len(members))} around {m_names[centre]}"
        text += _composition(known, len(members)) + "." + assumed_note(assumed)
        purity = max(known.values()) / sum(known.values()) if known else 0.0
        rows.append(Finding(centre, f"Group {number}", purity, text, assumed, members, label="group"))
    rows += _spread_rows(groups, constituency)
    summary = (
        f"{count(len(groups.clusters), 'group')} among {people(len(groups.membership))} with ties "
        f"(Louvain, fixed seed; modularity {groups.modularity:.2f}"
    )
    if len(groups.clusters) == 1:
        summary += ": the ties do not split into groups)."
    elif groups.modularity < WEAK_MODULARITY:
        summary += ": the ties barely split into groups)."
    else:
        summary += ")."
    if known_total:
        summary += (
            f" They match the constituencies you entered with {percent(purest / known_total)} purity "
            "(the share of people in their group's largest constituency)."
        )
    else:
        summary += " No constituencies are filled in to compare them with."
    if len(groups.clusters) > TOP_N:
        summary += f" The {TOP_N} largest groups are listed."
    return Section(key, title, tuple(rows), summary)


def _composition(known: Counter[str], size: int) -> str:
    if not known:
        return "; nobody in it has a constituency filled in"
    total = sum(known.values())
    top, top_count = max(known.items(), key=lambda kv: (kv[1], kv[0].casefold()))
    missing = size - total
    tail = f", and {people(missing)} without one" if missing else ""
    if top_count == size:
        return f", all {top}"
    if top_count / total >= MOSTLY:
        return f", mostly {top} ({top_count} of {total} with a constituency{tail})"
    parts = [f"{c} ({k})" for c, k in sorted(known.items(), key=lambda ck: (-ck[1], ck[0].casefold()))]
    return f", mixing {join_words(parts)}{tail}"


def _spread_rows(groups: Groups, constituency: dict[str, str]) -> list[Finding]:
    """One row per constituency whose people fall into several groups."""
    where: dict[str, Counter[int]] = {}
    for n, number in groups.membership.items():
        c = constituency.get(n)
        if c:
            where.setdefault(c, Counter())[number] += 1
    rows = []
    for c, spread in sorted(where.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold())):
        if len(spread) < 2:
            continue
        parts = [f"{g} ({people(k)})" for g, k in sorted(spread.items())]
        members = tuple(sorted(n for n in groups.membership if constituency.get(n) == c))
        text = f"{c} is spread over groups {join_words(parts, limit=5)}."
        rows.append(Finding(None, c, float(len(spread)), text, 0, members, label="constituency spread"))
    return rows[:TOP_N]
