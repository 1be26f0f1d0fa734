"""Relationship intelligence: de facto leaders, brokers, groups and paths (core layer, networkx).

``analyse(map)`` answers the method's questions about the ties between people:
who is listened to by those who are listened to, who is influential beyond
their position, who brokers between groups and constituencies, which groups the
ties form, by which chain of trusted people I can reach someone, and who is
asked for advice without being trusted. Every answer is a ranked list with a
one-line explanation per person (``report.py``). ``paths_to`` is the fast,
interactive question: the best chains from one person to another.

No Qt and no SQL here: the GUI runs ``analyse`` in a worker thread and stops it
through ``cancelled``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from stakemap.core.analysis.brokers import (
    bridge_section,
    broker_section,
    connected_section,
    connections,
    constituencies,
)
from stakemap.core.analysis.cancel import AnalysisCancelled, Poll, check
from stakemap.core.analysis.centrality import betweenness
from stakemap.core.analysis.graph import build_network
from stakemap.core.analysis.groups import find_groups, groups_section
from stakemap.core.analysis.influence import influence_section, leader_sections, network_influence
from stakemap.core.analysis.paths import Path, PathFinder, PathStep, paths_to
from stakemap.core.analysis.reach import reach_section
from stakemap.core.analysis.report import AnalysisReport, Finding, Section
from stakemap.core.analysis.text import display_name
from stakemap.core.analysis.trust import advice_trust_section, trust_gap_section
from stakemap.core.model import Map

__all__ = [
    "AnalysisCancelled",
    "AnalysisReport",
    "Finding",
    "Path",
    "PathFinder",
    "PathStep",
    "Section",
    "analyse",
    "paths_to",
]


def analyse(m: Map, *, source_id: str | None = None, cancelled: Poll = None) -> AnalysisReport:
    """Every relationship analysis of ``m``; paths start at ``source_id`` (default: "me").

    Raises ``AnalysisCancelled`` as soon as ``cancelled()`` returns true (it is polled between
    steps and inside the long ones), and ``KeyError`` if ``source_id`` is not on the map.
    A map too small for an analysis gets that section with the reason instead of results.
    """
    if source_id is not None:
        m.stakeholder(source_id)
    # Entities are frozen, so copying the two dicts (each copy is one step the GIL does not
    # interrupt) shields a worker thread from edits the GUI thread makes meanwhile.
    m = Map(info=m.info, stakeholders=dict(m.stakeholders), relationships=dict(m.relationships))
    with _collector_paused():
        return _analyse(m, source_id if source_id is not None else m.info.me_id, cancelled)


def _analyse(m: Map, source: str | None, cancelled: Poll) -> AnalysisReport:
    check(cancelled)
    net = build_network(m)
    names = {n: display_name(m.stakeholders[n].name) for n in net.ids}
    groups_of = constituencies({n: m.stakeholders[n].constituency for n in net.ids})
    check(cancelled)
    infl = network_influence(m, net, cancelled)
    check(cancelled)
    groups = find_groups(net, cancelled)
    check(cancelled)
    bc = betweenness(net.contact, cancelled=cancelled, strata=groups.membership if groups else None)
    check(cancelled)
    membership = groups.membership if groups else {}
    reach, paths = reach_section(m, net, names, source, infl.normalised)
    check(cancelled)
    beyond, below = leader_sections(m, infl)
    sections = (
        influence_section(m, infl),
        beyond,
        below,
        connected_section(names, net),
        broker_section(names, net, bc, membership, groups_of),
        bridge_section(names, net, bc, groups_of),
        groups_section(names, net, groups, groups_of, infl.normalised),
        reach,
        advice_trust_section(m, net, names),
        trust_gap_section(m, infl.pagerank, infl.listeners),
    )
    return AnalysisReport(
        title=m.info.title,
        people=len(net.ids),
        ties=net.tie_count,
        assumed_ties=net.assumed_count,
        sections=sections,
        source_id=source,
        network_influence=infl.normalised,
        brokerage=bc.normalised,
        connections=connections(net),
        groups=membership,
        paths=paths,
        approximate=not bc.exact,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the analysis allocates its many small containers.

    On a 5,000-person map the collector's repeated full passes over the heap took a third of the
    run (0.85 s of 2.8 s). Reference counting still frees almost everything; the previous state is
    restored afterwards, so a caller that had disabled the collector keeps it disabled.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
