"""Chains of relationships from one person to another: who can introduce me (core layer).

The method's "indirect reach": rather than chase a senior person directly, find
the people close to them and a chain of trusted people who lead there. Any tie
but a conflict can carry a word, in either direction. Each step costs

* ``1 + (5 - strength) / 2`` for the tie (strength 5: 1.0, strength 1: 3.0),
  doubled when the tie is only assumed;
* plus a penalty for passing *through* a person, by how much we enjoy their trust
  (``Stakeholder.trust``): high 0, medium 0.5, unknown 1, low 2.

Between two people the cheapest tie is used. The best chains are the k cheapest
simple paths (Yen's algorithm, ``nx.shortest_simple_paths``) over the contact
graph, the trust penalty added by the weight function as each person is entered.
``PathFinder`` builds the graph once, so a GUI can ask for many targets quickly.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any, cast

import networkx as nx

from stakemap.core.analysis.graph import Network, build_network
from stakemap.core.analysis.text import STRENGTH_WORDS, assumed_note, count, display_name, join_words
from stakemap.core.entities import Confidence, Relationship, RelationshipKind, Trust
from stakemap.core.model import Map

TRUST_PENALTY = {Trust.HIGH: 0.0, Trust.MEDIUM: 0.5, Trust.UNKNOWN: 1.0, Trust.LOW: 2.0}

_FORWARD = {
    RelationshipKind.REPORTS_TO: "reports to",
    RelationshipKind.ADVISES: "advises",
    RelationshipKind.ALLIES_WITH: "allies with",
    RelationshipKind.INFORMAL: "informal tie",
    RelationshipKind.CONFLICTS_WITH: "conflicts with",
}
_BACKWARD = {
    RelationshipKind.REPORTS_TO: "manages",
    RelationshipKind.ADVISES: "listens to",
    RelationshipKind.ALLIES_WITH: "allies with",
    RelationshipKind.INFORMAL: "informal tie",
    RelationshipKind.CONFLICTS_WITH: "conflicts with",
}


@dataclass(frozen=True)
class PathStep:
    """One hop: from one person to the next over one relationship."""

    from_id: str
    to_id: str
    relationship_id: str
    kind: RelationshipKind
    forward: bool  # True when the tie points from ``from_id`` (or goes both ways)
    strength: int
    confidence: Confidence
    text: str  # "Ana -> Ben (advises, strong, observed)"

    @property
    def relation(self) -> str:
        return (_FORWARD if self.forward else _BACKWARD)[self.kind]

    def as_dict(self) -> dict[str, Any]:
        return {
            "from_id": self.from_id,
            "to_id": self.to_id,
            "relationship_id": self.relationship_id,
            "relation": self.relation,
            "strength": self.strength,
            "confidence": self.confidence.value,
            "text": self.text,
        }


@dataclass(frozen=True)
class Path:
    """A chain of relationships from ``source_id`` to ``target_id``; lower cost is better."""

    source_id: str
    target_id: str
    steps: tuple[PathStep, ...]
    cost: float
    names: tuple[str, ...]  # display names of everyone on the chain, source first

    @property
    def stakeholder_ids(self) -> tuple[str, ...]:
        return (self.source_id, *(step.to_id for step in self.steps))

    @property
    def assumed_ties(self) -> int:
        return sum(step.confidence is Confidence.ASSUMED for step in self.steps)

    def as_text(self) -> str:
        """'Ana -> Ben (advises, strong, observed) -> Cy (allies with, weak, assumed)'."""
        parts = [self.names[0]]
        for step, name in zip(self.steps, self.names[1:], strict=True):
            parts.append(
                f"-> {name} ({step.relation}, {STRENGTH_WORDS[step.strength]}, {step.confidence.value})"
            )
        return " ".join(parts)

    @property
    def explanation(self) -> str:
        hops = len(self.steps)
        target = self.names[-1]
        if hops == 1:
            how = f"{self.names[0]} is tied to {target} directly"
        else:
            via = join_words(list(self.names[1:-1]))
            how = f"{target} is {count(hops, 'step')} away, through {via}"
        return f"{how}: {self.as_text()}.{assumed_note(self.assumed_ties)}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "target_id": self.target_id,
            "stakeholder_ids": list(self.stakeholder_ids),
            "cost": round(self.cost, 6),
            "assumed_ties": self.assumed_ties,
            "text": self.as_text(),
            "steps": [s.as_dict() for s in self.steps],
        }


class PathFinder:
    """The routing view of one map, built once; ask it for paths as often as you like."""

    def __init__(self, m: Map, network: Network | None = None) -> None:
        self._map = m
        self.network = network or build_network(m)
        penalty = {n: TRUST_PENALTY[person.trust] for n, person in m.stakeholders.items()}
        self._penalty = penalty

        # Entering v costs the tie plus v's trust penalty; networkx calls this with (from, to)
        # in both directions of its bidirectional search.
        def weight(u: str, v: str, data: Any) -> float:  # data: the edge's attribute dict
            return float(data["cost"]) + penalty[v]

        self._weight = weight

    def paths(self, source_id: str, target_id: str, k: int = 3) -> list[Path]:
        """Up to k best chains, best first; [] when none exists or source is the target."""
        if k < 1:
            raise ValueError(f"Ask for at least one path, not {k}")
        self._map.stakeholder(source_id)  # KeyError with a clear message for unknown people
        self._map.stakeholder(target_id)
        if source_id == target_id:
            return []
        graph = self.network.contact
        try:
            found = list(islice(nx.shortest_simple_paths(graph, source_id, target_id, self._weight), k))
        except nx.NetworkXNoPath:
            return []
        return [self._path(nodes) for nodes in found]

    def best_from(self, source_id: str, targets: list[str]) -> dict[str, Path]:
        """The single best chain to each reachable target, from one Dijkstra run."""
        self._map.stakeholder(source_id)
        _, found = nx.single_source_dijkstra(self.network.contact, source_id, weight=self._weight)
        routes = cast(dict[str, list[str]], found)  # with no target given, networkx returns every route
        return {t: self._path(routes[t]) for t in targets if t in routes and t != source_id}

    def _path(self, nodes: list[str]) -> Path:
        steps = []
        cost = 0.0
        for u, v in pairwise(nodes):
            data = self.network.contact[u][v]
            cost += self._weight(u, v, data)
            steps.append(self._step(u, v, data["best"]))
        cost -= self._penalty[nodes[-1]]  # everyone pays the same to arrive: not part of the route
        names = tuple(display_name(self._map.stakeholders[n].name) for n in nodes)
        return Path(nodes[0], nodes[-1], tuple(steps), cost, names)

    def _step(self, u: str, v: str, tie: Relationship) -> PathStep:
        forward = tie.source_id == u or not tie.directed
        relation = (_FORWARD if forward else _BACKWARD)[tie.kind]
        people = self._map.stakeholders
        text = (
            f"{display_name(people[u].name)} -> {display_name(people[v].name)} "
            f"({relation}, {STRENGTH_WORDS[tie.strength]}, {tie.confidence.value})"
        )
        return PathStep(u, v, tie.id, tie.kind, forward, tie.strength, tie.confidence, text)


def paths_to(m: Map, source_id: str, target_id: str, k: int = 3) -> list[Path]:
    """The k best chains of relationships from one person to another (see the module docstring)."""
    return PathFinder(m).paths(source_id, target_id, k)
