"""Shared pieces of the benchmarks: timing (best of N) and generated maps built with the core API.

Every benchmark prints ``RESULT <text>`` lines: a figure as a ratio to a baseline
measured in the same run (this machine is shared and noisy), plus the absolute
numbers. ``run_all`` collects them into RESULTS.md.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, timedelta

from stakemap.core.entities import (
    Attitude,
    Engagement,
    Note,
    Relationship,
    RelationshipKind,
    Stakeholder,
    Trust,
)
from stakemap.core.model import Map


def best_of(function: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs, in seconds: the least disturbed by other load."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def generate_map(people: int, links: int, *, engagements: int = 0, notes: int = 0, seed: int = 1) -> Map:
    rng = random.Random(seed)
    groups = ["R&D", "Finance", "Sales", "HR", "IT", "Legal", "Operations", "Executive team"]
    the_map = Map()
    persons = [
        Stakeholder(
            f"Person {i:05d}",
            role=rng.choice(["Director", "Manager", "Engineer", "Analyst", "Assistant"]),
            unit=rng.choice(groups),
            constituency=rng.choice(groups),
            rank=rng.randint(1, 7),
            influence=rng.uniform(0, 100),
            interest=rng.uniform(0, 100),
            attitude=rng.choice(list(Attitude)),
            trust=rng.choice(list(Trust)),
            drivers_long_term="Credibility and advancement " * 3,
            in_focus=i % 10 == 0,
            id=f"p{i}",
        )
        for i in range(people)
    ]
    the_map.add_stakeholders(persons)
    seen: set[tuple[str, str, RelationshipKind]] = set()
    ties = []
    while len(ties) < links:
        a, b = rng.sample(persons, 2)
        kind = rng.choice(list(RelationshipKind))
        if (a.id, b.id, kind) in seen or (b.id, a.id, kind) in seen:
            continue
        seen.add((a.id, b.id, kind))
        ties.append(Relationship(a.id, b.id, kind, directed=True, strength=rng.randint(1, 5)))
    today = date(2026, 11, 22)
    plan = [
        Engagement(
            rng.choice(persons).id,
            reason=f"Reason {i} " * 4,
            spiel="What would help you most?",
            offer="A briefing",
            owner="Me",
            due=today + timedelta(days=rng.randint(-30, 60)),
        )
        for i in range(engagements)
    ]
    comments = [Note(f"Met about item {i}.", stakeholder_id=rng.choice(persons).id) for i in range(notes)]
    the_map.add_entities([*ties, *plan, *comments], "Generate")
    return the_map


def result(text: str) -> None:
    print(f"RESULT {text}", flush=True)
