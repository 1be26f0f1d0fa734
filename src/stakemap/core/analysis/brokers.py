"""Connections, brokers and bridges between constituencies (core layer).

* **Most connected**: how many people each person is tied to (conflicts aside);
  a person reached only through assumed ties counts half.
* **Brokers**: betweenness, the share of shortest chains between pairs of other
  people that pass through someone (Freeman). Chains run over every tie but
  conflicts, and an assumed tie counts as twice as long (``graph.py``). Exact on
  small maps; estimated from a fixed-seed sample on big ones (``centrality.py``).
* **Bridges**: people whose ties reach into several constituencies
  (``Stakeholder.constituency``, compared ignoring case and spacing).
"""

from __future__ import annotations

from collections import Counter

from stakemap.core.analysis.centrality import STABLE_TOP, Betweenness
from stakemap.core.analysis.graph import Network
from stakemap.core.analysis.report import Finding, Section, omitted, ranked
from stakemap.core.analysis.text import assumed_note, join_words, people, percent

TOP_N = 10
NO_TIES = "no ties yet (conflicts aside): link people to see who connects whom."


def connections(net: Network) -> dict[str, int]:
    return {n: net.contact.degree(n) for n in net.ids}


def connected_section(m_names: dict[str, str], net: Network) -> Section:
    key, title = "connected", "Most connected"
    if net.contact.number_of_edges() == 0:
        return omitted(key, title, NO_TIES)
    rows = []
    for n in net.ids:
        degree = net.contact.degree(n)
        if degree == 0:
            continue
        edges = net.contact[n]
        weighted = sum(1.0 if d["length"] == 1 else 0.5 for d in edges.values())
        assumed = sum(d["assumed"] for d in edges.values())
        text = f"{m_names[n]} is tied to {people(degree)}.{assumed_note(assumed)}"
        rows.append(Finding(n, m_names[n], weighted, text, assumed, label="connections"))
    summary = "People each person has a tie with (any kind but conflict); assumed-only ties count half."
    return ranked(key, title, rows, summary)


def broker_section(
    m_names: dict[str, str],
    net: Network,
    bc: Betweenness,
    groups: dict[str, int],
    constituency: dict[str, str],
) -> Section:
    key, title = "brokers", "Brokers: who sits between others"
    if net.contact.number_of_edges() == 0:
        return omitted(key, title, NO_TIES)
    if bc.people < 3:
        return omitted(key, title, "brokerage needs at least three connected people.")
    by_brokerage = sorted((n for n in bc.raw if bc.raw[n] > 1e-12), key=lambda n: (-bc.raw[n], n))
    rows = []
    for n in by_brokerage[:TOP_N]:
        around = [n, *net.contact[n]]
        text = f"{m_names[n]} lies on {percent(bc.normalised[n])} of the shortest chains between other people"
        linked_groups = sorted({groups[x] for x in around if x in groups})
        if len(linked_groups) > 1:
            text += f"; links groups {join_words([str(g) for g in linked_groups], limit=5)}"
        linked = sorted({constituency[x] for x in around if constituency.get(x)}, key=str.casefold)
        if len(linked) > 1:
            text += f"; reaches constituencies {join_words(linked)}"
        assumed = sum(d["assumed"] for d in net.contact[n].values())
        text += f".{assumed_note(assumed)}"
        rows.append(Finding(n, m_names[n], bc.normalised[n], text, assumed, label="broker"))
    summary = (
        "Betweenness: the share of shortest chains between pairs of other people that pass through "
        "each person; assumed ties count as twice as long."
    )
    if not bc.exact:
        summary += (
            f" Approximate: estimated from the chains starting at {bc.sources:,} of {bc.people:,} "
            "connected people, drawn with a fixed seed from every group in turn (exact brokerage takes "
            f"too long on a map this big). {_confidence(bc)}"
        )
    if not rows:
        summary += " Nobody sits between others: every connected pair is tied directly."
    return Section(key, title, tuple(rows), summary, approximate=not bc.exact)


def _confidence(bc: Betweenness) -> str:
    """How sure the sampled ranking is: how much of its top held still in the last round."""
    top = min(STABLE_TOP, bc.people)
    if bc.rounds < 2:
        return "Only one round of sampling fitted in the time allowed: treat the order as a rough guide."
    if bc.agreement >= top - 1:
        return (
            f"After {bc.rounds} rounds, {bc.agreement} of the top {top} stayed the same in the last "
            "round: the names are reliable, the order of close neighbours less so."
        )
    return (
        f"The top {top} was still changing when the time ran out ({bc.agreement} of {top} stayed "
        f"the same in the last of {bc.rounds} rounds): treat the order as a rough guide."
    )


def bridge_section(
    m_names: dict[str, str], net: Network, bc: Betweenness, constituency: dict[str, str]
) -> Section:
    key, title = "bridges", "Bridges between constituencies"
    if net.contact.number_of_edges() == 0:
        return omitted(key, title, NO_TIES)
    present = {constituency[n] for n in net.connected_ids if constituency.get(n)}
    if len(present) < 2:
        return omitted(
            key,
            title,
            "fewer than two constituencies are filled in among people with ties: "
            "enter each person's constituency to see who bridges them.",
        )
    rows = []
    for n in net.connected_ids:
        own = constituency.get(n, "")
        reached: Counter[str] = Counter()
        assumed = 0
        for other, data in net.contact[n].items():
            c = constituency.get(other, "")
            if c and c != own:
                reached[c] += 1
                assumed += data["assumed"]
        touched = len(reached) + (1 if own else 0)
        if touched < 2 or not reached:
            continue
        parts = [
            f"{c} ({people(k)})"
            for c, k in sorted(reached.items(), key=lambda ck: (-ck[1], ck[0].casefold()))
        ]
        home = f"from {own}" if own else "with no constituency of their own"
        text = f"{m_names[n]}, {home}, has ties into {join_words(parts)}.{assumed_note(assumed)}"
        # More constituencies first; brokerage breaks the ties between equals.
        score = touched + bc.normalised.get(n, 0.0)
        rows.append(Finding(n, m_names[n], score, text, assumed, label="bridge"))
    summary = (
        f"People whose ties reach into constituencies other than their own ({len(present)} "
        "constituencies among people with ties)."
    )
    return ranked(key, title, rows, summary, nobody="Nobody has ties beyond their own constituency.")


def constituencies(m_constituencies: dict[str, str]) -> dict[str, str]:
    """Each person's constituency in one spelling per group: 'finance ' and 'Finance' match."""
    spelling: dict[str, str] = {}
    result: dict[str, str] = {}
    for sid, raw in m_constituencies.items():
        clean = " ".join(raw.split())
        if not clean:
            continue
        result[sid] = spelling.setdefault(clean.casefold(), clean)
    return result
