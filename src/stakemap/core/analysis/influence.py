"""Network influence and de facto leaders: who is listened to, beyond their position (core layer).

Network influence is PageRank on the influence graph (see ``graph.py``): you
gain by being listened to, and more by being listened to by people who are
themselves listened to. Weighted by tie strength; assumed ties count half.

De facto leaders compare each person's standing on the network with their
standing by position, both as percentiles among the people who have advice or
reports-to ties: formal rank (1 = top; people with no rank are left out) and the
influence score the user gave on the grid. A gap of ``GAP`` (30 percentile
points) or more is worth a look, either way: influence beyond position (a hidden
influencer: high on the network, at most middling by position) or position
beyond influence (high by position, at most middling on the network).
"""

from __future__ import annotations

from dataclasses import dataclass

from stakemap.core.analysis.cancel import Poll
from stakemap.core.analysis.centrality import min_max, pagerank, percentiles
from stakemap.core.analysis.graph import Network
from stakemap.core.analysis.report import Finding, Section, omitted
from stakemap.core.analysis.text import assumed_note, display_name, people, standing
from stakemap.core.entities import QuadrantLabels, Stakeholder
from stakemap.core.grid import Quadrant, quadrant_of
from stakemap.core.model import Map

TOP_N = 10
GAP = 0.30
HIGH = 0.7  # a standing at or above this percentile counts as high
MIDDLE = 0.5  # ...and the other standing must be at most the middle
MIN_COMPARED = 4

NO_INFLUENCE_TIES = "no advice or reports-to ties yet: add who listens to whom to see network influence."


@dataclass(frozen=True)
class Influence:
    pagerank: dict[str, float]  # raw PageRank of people with advice / reports-to ties
    normalised: dict[str, float]  # everyone: 0..1 (0 for people with no such ties)
    listeners: dict[str, list[str]]  # who listens to each person
    assumed_in: dict[str, int]  # assumed ties among those listeners' ties
    top: frozenset[str]  # the most influential quarter


def network_influence(m: Map, net: Network, cancelled: Poll = None) -> Influence:
    graph = net.influence
    raw = pagerank(graph, cancelled=cancelled)
    normalised = dict.fromkeys(net.ids, 0.0)
    if raw:
        normalised.update(min_max(raw))
    listeners = {n: sorted(graph.predecessors(n)) for n in graph}
    assumed_in = {n: sum(d["assumed"] for _, _, d in graph.in_edges(n, data=True)) for n in graph}
    ordered = sorted(raw, key=lambda n: (-raw[n], n))
    top = frozenset(n for n in ordered[: max(1, len(ordered) // 4)] if listeners[n])
    return Influence(raw, normalised, listeners, assumed_in, top)


def influence_section(m: Map, infl: Influence) -> Section:
    key, title = "influence", "Network influence: who is listened to by those who are listened to"
    if not infl.pagerank:
        return omitted(key, title, NO_INFLUENCE_TIES)
    ranked = sorted((n for n in infl.pagerank if infl.listeners[n]), key=lambda n: (-infl.pagerank[n], n))
    findings = []
    for n in ranked[:TOP_N]:
        name = display_name(m.stakeholders[n].name)
        text = f"{name} is listened to by {_listeners_clause(m, infl, n)}.{assumed_note(infl.assumed_in[n])}"
        findings.append(Finding(n, name, infl.normalised[n], text, infl.assumed_in[n], label="influence"))
    summary = "PageRank on advice and reports-to ties, weighted by strength; assumed ties count half."
    if len(ranked) > len(findings):
        summary += f" The top {len(findings)} of the {people(len(ranked))} anyone listens to."
    return Section(key, title, tuple(findings), summary)


def leader_sections(m: Map, infl: Influence) -> tuple[Section, Section]:
    """(influence beyond position, position beyond influence)."""
    keys = ("beyond_position", "below_position")
    titles = (
        "De facto leaders: influence beyond their position",
        "Less influence on this map than their position suggests",
    )
    if not infl.pagerank:
        return omitted(keys[0], titles[0], NO_INFLUENCE_TIES), omitted(keys[1], titles[1], NO_INFLUENCE_TIES)
    subset = list(infl.pagerank)
    ranked = [n for n in subset if m.stakeholders[n].rank is not None]
    by_rank = len(ranked) >= MIN_COMPARED and len({m.stakeholders[n].rank for n in ranked}) > 1
    by_score = len(subset) >= MIN_COMPARED and len({m.stakeholders[n].influence for n in subset}) > 1
    if not (by_rank or by_score):
        reason = (
            f"to compare network influence with position, fill in the formal rank of at least "
            f"{MIN_COMPARED} people with advice or reports-to ties, or place them at different "
            "influence heights on the grid."
        )
        return omitted(keys[0], titles[0], reason), omitted(keys[1], titles[1], reason)

    comparisons: list[tuple[dict[str, float], dict[str, float], str]] = []
    if by_rank:
        net_pct = percentiles({n: infl.pagerank[n] for n in ranked})
        pos_pct = percentiles({n: -float(m.stakeholders[n].rank or 0) for n in ranked})
        comparisons.append((net_pct, pos_pct, "rank"))
    if by_score:
        net_pct = percentiles({n: infl.pagerank[n] for n in subset})
        pos_pct = percentiles({n: m.stakeholders[n].influence for n in subset})
        comparisons.append((net_pct, pos_pct, "score"))

    above: list[Finding] = []
    below: list[Finding] = []
    for n in subset:
        ups = [(net[n] - pos[n], net[n], pos[n], what) for net, pos, what in comparisons if n in net]
        rises = [u for u in ups if u[0] >= GAP and u[1] >= HIGH and u[2] <= MIDDLE and infl.listeners[n]]
        falls = [u for u in ups if -u[0] >= GAP and u[2] >= HIGH and u[1] <= MIDDLE]
        if rises:
            above.append(_above(m, infl, n, rises))
        elif falls:
            below.append(_below(m, infl, n, falls))
    measures = [w for w, ok in (("formal rank", by_rank), ("the influence you gave", by_score)) if ok]
    summary = (
        f"Network influence compared with {' and with '.join(measures)}, as percentiles among "
        f"{people(len(subset))} with advice or reports-to ties; listed when they differ by "
        f"{GAP * 100:.0f} points or more."
    )
    return (
        Section(keys[0], titles[0], _ranked(above), summary + _none_note(above)),
        Section(keys[1], titles[1], _ranked(below), summary + _none_note(below)),
    )


def _above(m: Map, infl: Influence, n: str, rises: list[tuple[float, float, float, str]]) -> Finding:
    person = m.stakeholders[n]
    name = display_name(person.name)
    reasons = _reasons(person, rises, _RISE_PHRASES)
    net = max(r[1] for r in rises)
    text = (
        f"{name} is listened to by {_listeners_clause(m, infl, n, with_top=False)}, though {' and '.join(reasons)}."
        f" On the network they are in {standing(net)}.{assumed_note(infl.assumed_in[n])}"
    )
    gap = max(r[0] for r in rises)
    return Finding(n, name, gap, text, infl.assumed_in[n], label="hidden influencer")


def _below(m: Map, infl: Influence, n: str, falls: list[tuple[float, float, float, str]]) -> Finding:
    person = m.stakeholders[n]
    name = display_name(person.name)
    reasons = _reasons(person, falls, _FALL_PHRASES)
    heard = len(infl.listeners[n])
    if heard == 0:
        listened = "nobody on this map is recorded as listening to them"
    else:
        listened = f"only {people(heard)} on this map {'listens' if heard == 1 else 'listen'} to them"
    net = min(f[1] for f in falls)
    text = (
        f"{name} {' and '.join(reasons)}, but {listened}: network influence in {standing(net)}."
        f"{assumed_note(infl.assumed_in[n])}"
    )
    gap = max(-f[0] for f in falls)
    return Finding(n, name, gap, text, infl.assumed_in[n], label="position beyond influence")


#: How a position measure that differs from the network is said, for (formal rank, your influence
#: score): filled in with the person's {rank}, {influence} and the {standing} of their percentile.
_RISE_PHRASES = (
    "their formal rank is only {rank} (1 is the top; {standing} here)",
    "you rated their influence {influence:.0f} of 100 ({standing})",
)
_FALL_PHRASES = (
    "holds formal rank {rank} ({standing} here)",
    "has the influence {influence:.0f} of 100 on your grid ({standing})",
)


def _reasons(
    person: Stakeholder, gaps: list[tuple[float, float, float, str]], phrases: tuple[str, str]
) -> list[str]:
    """One phrase per measure in ``gaps`` (rank or score), as ``phrases`` say it."""
    by_rank, by_score = phrases
    return [
        (by_rank if what == "rank" else by_score).format(
            rank=person.rank, influence=person.influence, standing=standing(pos)
        )
        for _, _, pos, what in gaps
    ]


def _listeners_clause(m: Map, infl: Influence, n: str, *, with_top: bool = True) -> str:
    """'5 people, including 2 key players; 3 of them are among the most influential'."""
    heard = infl.listeners[n]
    clause = people(len(heard))
    key = sum(
        quadrant_of(m.stakeholders[h].influence, m.stakeholders[h].interest) is Quadrant.KEY_PLAYERS
        for h in heard
    )
    if key:
        label = Quadrant.KEY_PLAYERS.label(m.info.quadrant_labels)
        default = QuadrantLabels().key_players
        group = "key player" + ("" if key == 1 else "s") if label == default else f"in “{label}”"
        clause += f", including {key} {group}"
    strong = sum(h in infl.top for h in heard)
    if strong and with_top:
        if len(heard) == 1:
            clause += "; they are among the most influential"
        else:
            clause += f"; {strong} of them {'is' if strong == 1 else 'are'} among the most influential"
    return clause


def _ranked(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(
        sorted(findings, key=lambda f: (-f.score, f.name.casefold(), f.stakeholder_id or ""))[:TOP_N]
    )


def _none_note(findings: list[Finding]) -> str:
    return "" if findings else " Nobody stands out."
