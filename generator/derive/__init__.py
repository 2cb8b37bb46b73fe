"""The `derive` stage: due visits, complaint limits and reminders from the records and policy.

Every function here is pure in (records, policy, calendar, as-of moment): the
clock is read once at the edge (the CLI) and passed in. docs/rules.md states
the semantics exactly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.derive.agreed import agreed_items
from generator.derive.analysis import ComplaintMonth, Workload, complaint_months, weekly_workload
from generator.derive.applies import AppliesFrom
from generator.derive.cadence import cadence_items
from generator.derive.calendar import WorkCalendar
from generator.derive.context import RuleContext
from generator.derive.events import event_items
from generator.derive.inactivity import inactivity_items
from generator.derive.items import AsOf, DueItem, completed
from generator.derive.plans import plan_items, planned_items
from generator.derive.reminders import reminder_items
from generator.derive.sla import ComplaintStatus, complaint_items, complaint_statuses
from generator.derive.surveys import survey_items
from generator.model import Records
from generator.problems import Problem
from generator.problems.catalogue import make_problem

__all__ = [
    "Agenda",
    "AsOf",
    "ComplaintReport",
    "OnTime",
    "derive_agenda",
    "derive_all",
    "derive_complaints",
]


@dataclass(frozen=True)
class OnTime:
    """One person's completed items in the agenda: done by the deadline, and done late."""

    staff: str
    done: int
    late: int

    @property
    def total(self) -> int:
        return self.done + self.late

    @property
    def rate(self) -> float | None:
        """The on-time rate (按时完成率): done in time ÷ all completed; None without any."""
        return self.done / self.total if self.total else None

    def __str__(self) -> str:
        return f"{self.rate:.0%}（{self.done}/{self.total}）" if self.total else "—"


@dataclass(frozen=True)
class Agenda:
    as_of: AsOf
    items: tuple[DueItem, ...]  # most urgent first: state, deadline, customer, rule
    workload: tuple[Workload, ...]
    problems: tuple[Problem, ...]  # e.g. a year the working-day calendar does not know
    on_time: tuple[OnTime, ...] = ()  # per staff member with completed items, by id
    # every contact the visit plans name, those no longer listed too (derive/plans.py)
    planned: tuple[DueItem, ...] = ()

    def on_time_of(self, staff: str) -> OnTime | None:
        return next((o for o in self.on_time if o.staff == staff), None)


@dataclass(frozen=True)
class ComplaintReport:
    as_of: AsOf
    statuses: tuple[ComplaintStatus, ...]  # by complaint id
    months: tuple[ComplaintMonth, ...]
    problems: tuple[Problem, ...]


def _context(records: Records, as_of: AsOf, applies: AppliesFrom | None = None) -> RuleContext:
    return RuleContext(records, as_of, WorkCalendar(records.policy.calendar), applies)


def _calendar_problems(ctx: RuleContext) -> tuple[Problem, ...]:
    return tuple(
        make_problem("calendar.unknown_year", ctx.records.policy.source, year=year)
        for year in sorted(ctx.calendar.unknown_years)
    )


def derive_agenda(records: Records, as_of: AsOf, applies: AppliesFrom | None = None) -> Agenda:
    """Every due item the policy asks for, as of `as_of`; with `applies` (from Git history,
    derive/applies.py) periodic rules apply from when the rule and the customer's match began."""
    ctx = _context(records, as_of, applies)
    return _agenda(ctx, complaint_statuses(ctx))


def derive_complaints(records: Records, as_of: AsOf) -> ComplaintReport:
    ctx = _context(records, as_of)
    return _complaint_report(ctx, complaint_statuses(ctx))


def derive_all(
    records: Records, as_of: AsOf, applies: AppliesFrom | None = None
) -> tuple[Agenda, ComplaintReport]:
    """Both, judging each complaint once (the site needs both)."""
    ctx = _context(records, as_of, applies)
    statuses = complaint_statuses(ctx)
    return _agenda(ctx, statuses), _complaint_report(ctx, statuses)


def _agenda(ctx: RuleContext, statuses: list[ComplaintStatus]) -> Agenda:
    policy = ctx.records.policy
    items: list[DueItem] = []
    for cadence in policy.cadence:
        items += cadence_items(ctx, cadence)
    for event in policy.events:
        items += event_items(ctx, event)
    for inactivity in policy.inactivity:
        items += inactivity_items(ctx, inactivity)
    items += agreed_items(ctx)
    items += reminder_items(ctx)
    items += survey_items(ctx)
    items += complaint_items(ctx, statuses)
    planned = planned_items(ctx)
    items += plan_items(ctx, planned)
    items = _done_when(ctx, items)
    items.sort(key=lambda i: i.sort_key)
    workload = tuple(weekly_workload(ctx))
    problems = _calendar_problems(ctx)
    timely = on_time([i for i in items if i.kind != "plan"])  # a plan item is never late
    return Agenda(ctx.as_of, tuple(items), workload, problems, timely, tuple(planned))


COMPLETED_BY_CONTACTS = frozenset({"event", "inactivity"})


def _done_when(ctx: RuleContext, items: list[DueItem]) -> list[DueItem]:
    """Each done item with when it was done, done_late when that was after its deadline.
    The rules give done items as `done` (so that keeping them reads one state) with
    `done_at` when they know it; event and inactivity items are done when the last
    contact they needed happened."""
    visits = None
    for n, item in enumerate(items):
        if item.state != "done":
            continue
        done_at = item.done_at
        if done_at is None and item.kind in COMPLETED_BY_CONTACTS and item.evidence:
            if visits is None:
                visits = {v.id: v for c in ctx.contacts.values() for v in c.visits}
            last = visits.get(item.evidence[-1])
            done_at = last.moment() if last is not None else None
        if done_at is not None:
            items[n] = completed(item, done_at)
    return items


def on_time(items: list[DueItem]) -> tuple[OnTime, ...]:
    """Each person's completed items of the agenda (deadlines from due.soon_days ago on):
    how many were done in time and how many late."""
    counts: Counter = Counter()
    for item in items:
        if item.done:
            for person in item.staff:
                counts[person, item.state] += 1
    people = sorted({person for person, _ in counts})
    return tuple(OnTime(p, counts[p, "done"], counts[p, "done_late"]) for p in people)


def _complaint_report(ctx: RuleContext, statuses: list[ComplaintStatus]) -> ComplaintReport:
    ordered = sorted(statuses, key=lambda s: s.complaint.id)
    months = tuple(complaint_months(ordered))
    return ComplaintReport(ctx.as_of, tuple(ordered), months, _calendar_problems(ctx))
