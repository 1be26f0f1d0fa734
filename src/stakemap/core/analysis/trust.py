"""Trust versus advice: the people others consult but do not hold close, and the reverse (core layer).

Krackhardt's point about advice and friendship networks: the person everyone asks
is not always the person everyone trusts. The map has no "trusts" tie, so:

* **asked for advice** = the people who go to someone for advice: ``A advises B``
  means B goes to A (both ways when the tie is undirected);
* **held close** = the people someone allies with or has an informal tie with, in
  either direction: the closest thing to trust between two colleagues the map records.

Both are counted as distinct people, an assumed-only tie counting half, and
compared as percentiles among everyone in either network; a gap of ``GAP`` (40
points) is listed. This needs at least two ties of each kind, else the section
says so.

Separately, ``Stakeholder.trust`` is *our* trust with a person ("do we enjoy their
trust?"). The second section lists people high in network influence whose trust
we have not won (low) or not yet assessed (unknown): the method's "are the
influential people the same as our loyal clients?". It needs some trust levels
filled in, else it would list everyone.
"""

from __future__ import annotations

from collections.abc import Iterable

from stakemap.core.analysis.centrality import percentiles
from stakemap.core.analysis.graph import Network
from stakemap.core.analysis.report import Finding, Section, omitted, ranked
from stakemap.core.analysis.text import assumed_note, count, people, standing
from stakemap.core.entities import Confidence, Relationship, RelationshipKind, Trust
from stakemap.core.model import Map

GAP = 0.40
MIN_TIES = 2
MIN_PEOPLE = 4
INFLUENTIAL = 0.7  # network-influence percentile at or above which someone counts as influential
CLOSE_KINDS = frozenset({RelationshipKind.ALLIES_WITH, RelationshipKind.INFORMAL})


def advice_trust_section(m: Map, net: Network, names: dict[str, str]) -> Section:
    key, title = "advice_trust", "Asked for advice versus held close"
    advice: dict[str, dict[str, float]] = {}  # person -> who goes to them -> 1 or 0.5
    close: dict[str, dict[str, float]] = {}
    advice_ties = close_ties = 0
    pairs: Iterable[tuple[str, str, list[Relationship]]] = net.contact.edges(data="ties")
    for _, _, ties in pairs:
        for tie in ties:
            weight = 0.5 if tie.confidence is Confidence.ASSUMED else 1.0
            if tie.kind is RelationshipKind.ADVISES:
                advice_ties += 1
                _add(advice, tie.source_id, tie.target_id, weight)
                if not tie.directed:
                    _add(advice, tie.target_id, tie.source_id, weight)
            elif tie.kind in CLOSE_KINDS:
                close_ties += 1
                _add(close, tie.source_id, tie.target_id, weight)
                _add(close, tie.target_id, tie.source_id, weight)
    involved = sorted(set(advice) | set(close) | {q for d in advice.values() for q in d})
    if advice_ties < MIN_TIES or close_ties < MIN_TIES or len(involved) < MIN_PEOPLE:
        return omitted(
            key,
            title,
            f"this needs both kinds of tie: at least {MIN_TIES} 'advises' ties and {MIN_TIES} "
            f"ally or informal ties among {MIN_PEOPLE} or more people (now {advice_ties} and {close_ties}).",
        )
    asked = {n: sum(advice.get(n, {}).values()) for n in involved}
    held = {n: sum(close.get(n, {}).values()) for n in involved}
    asked_pct, held_pct = percentiles(asked), percentiles(held)
    rows = []
    for n in involved:
        gap = asked_pct[n] - held_pct[n]
        n_asked, n_held = len(advice.get(n, {})), len(close.get(n, {}))
        assumed = _assumed(advice.get(n, {})) + _assumed(close.get(n, {}))
        if gap >= GAP and n_asked >= MIN_TIES:
            held_text = f"only {count(n_held, 'person is', 'people are')}" if n_held else "nobody is"
            text = (
                f"{names[n]} is asked for advice by {people(n_asked)}, but {held_text} close to them "
                f"(allies or informal ties): valued for what they know more than held close."
            )
            label = "asked, not close"
        elif -gap >= GAP and n_held >= MIN_TIES:
            asked_text = (
                f"asked for advice by only {people(n_asked)}" if n_asked else "never asked for advice"
            )
            text = (
                f"{names[n]} is close to {people(n_held)} (allies or informal ties) but {asked_text}: "
                "trusted, and perhaps an untapped source of advice."
            )
            label = "close, not asked"
        else:
            continue
        rows.append(Finding(n, names[n], abs(gap), text + assumed_note(assumed), assumed, label=label))
    summary = (
        f"How many people go to each person for advice, against how many are their allies or friends, "
        f"as percentiles among {people(len(involved))}; listed when they differ by {GAP * 100:.0f} points."
    )
    return ranked(
        key, title, rows, summary, nobody="Nobody stands out: those asked for advice are also held close."
    )


def trust_gap_section(m: Map, pagerank: dict[str, float], listeners: dict[str, list[str]]) -> Section:
    key, title = "trust_gap", "Influential people whose trust you have not won"
    if not pagerank:
        return omitted(
            key, title, "no advice or reports-to ties yet, so nobody's network influence is known."
        )
    if all(p.trust is Trust.UNKNOWN for p in m.stakeholders.values()):
        return omitted(key, title, "no trust levels are filled in: record whether each person trusts you.")
    pct = percentiles(pagerank)
    rows = []
    for n, value in pct.items():
        person = m.stakeholders[n]
        if value < INFLUENTIAL or not listeners.get(n) or person.trust not in (Trust.LOW, Trust.UNKNOWN):
            continue
        name = " ".join(person.name.split())
        lacking = (
            "your trust with them is low"
            if person.trust is Trust.LOW
            else "you have not recorded whether they trust you"
        )
        text = f"{name} is in {standing(value)} for network influence, but {lacking}."
        rows.append(Finding(n, name, value, text, label=f"trust {person.trust.value}"))
    summary = (
        f"People in the top {100 - INFLUENTIAL * 100:.0f}% for network influence whose trust in you is "
        "low or not yet known."
    )
    return ranked(
        key, title, rows, summary, nobody="None: you have recorded good trust with every influential person."
    )


def _add(table: dict[str, dict[str, float]], person: str, other: str, weight: float) -> None:
    row = table.setdefault(person, {})
    row[other] = max(row.get(other, 0.0), weight)


def _assumed(row: dict[str, float]) -> int:
    return sum(1 for w in row.values() if w < 1.0)
