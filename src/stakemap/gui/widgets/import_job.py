"""The import dialog's planning, in a plain thread so a 60,000-row file never freezes the window (gui layer)."""

from __future__ import annotations

import logging
import threading

from stakemap.core.model import Map
from stakemap.exchange.importing import ImportCancelled, ImportPlan, People, plan_people, plan_relationships
from stakemap.exchange.plan_rows import plan_engagements
from stakemap.exchange.sources import RawTable
from stakemap.exchange.ties import TieChoices


class PlanJob:
    """One plan computed in a plain thread (no Qt objects touched there); the dialog polls it.

    The map is only read, and the dialog is modal, so nothing edits it meanwhile. ``people`` lets a
    change to the ties' columns reuse the people already planned.
    """

    def __init__(
        self,
        existing: Map,
        people: RawTable,
        people_mapping: dict[str, int],
        ties: RawTable | None,
        ties_mapping: dict[str, int] | None,
        people_planned: tuple[ImportPlan, People] | None,
        *,
        update: bool = False,
        choices: TieChoices | None = None,
        plan_table: RawTable | None = None,
    ) -> None:
        self._args = (existing, people, people_mapping, ties, ties_mapping)
        self._plan_table = plan_table
        self._update = update
        self._choices = choices
        self.people = people_planned
        self.plan: ImportPlan | None = None
        self.error: str | None = None
        rows = sum(len(table.rows) for table in (people, ties, plan_table) if table is not None)
        self.progress = (0, rows)
        self.finished = threading.Event()
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="import-plan", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancelled.set()

    def _report(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise ImportCancelled
        self.progress = (done, total)

    def _run(self) -> None:
        existing, people, people_mapping, ties, ties_mapping = self._args
        total = self.progress[1]
        try:
            if self.people is None:
                self.people = plan_people(
                    people, people_mapping, existing, progress=self._report, total=total, update=self._update
                )
            planned, ids = self.people
            plan = ImportPlan(list(planned.stakeholders), [], list(planned.problems), list(planned.notes),
                              updates=list(planned.updates), unchanged=planned.unchanged)  # fmt: skip
            if ties is not None:
                plan_relationships(
                    plan, ties, ties_mapping, existing, ids,
                    progress=self._report, done=len(people.rows), total=total, choices=self._choices,
                )  # fmt: skip
            if self._plan_table is not None:
                plan_engagements(plan, self._plan_table, None, existing, ids)
            if people.headers == [] and ties is None and self._plan_table is None:
                self.error = "Choose a sheet of stakeholders, relationships or plan entries to import."
            else:
                self.plan = plan
        except ImportCancelled:
            self.error = "Cancelled."
        except ValueError as exc:
            self.error = str(exc)
        except (
            Exception
        ) as exc:  # a bug must reach the user as a message and the log, not kill the thread silently
            logging.getLogger(__name__).exception("planning an import failed")
            self.error = f"The rows could not be checked ({type(exc).__name__}: {exc})."
        finally:
            self.finished.set()
