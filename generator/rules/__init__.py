"""The `derive` stage: due visits, complaint limits and reminders from the records and policy.

Every function here is pure in (records, policy, calendar, as-of moment): the
clock is read once at the edge (the CLI) and passed in. docs/rules.md states
the semantics exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.codes import make_problem
from generator.problems import Problem
from generator.records import Records
from generator.rules.agreed import agreed_items
from generator.rules.analysis import ComplaintMonth, Workload, complaint_months, weekly_workload
from generator.rules.cadence import cadence_items
from generator.rules.calendar import WorkCalendar
from generator.rules.context import RuleContext
from generator.rules.events import event_items
from generator.rules.inactivity import inactivity_items
from generator.rules.items import AsOf, DueItem
from generator.rules.reminders import reminder_items
from generator.rules.sla import ComplaintStatus, complaint_items, complaint_statuses

__all__ = [
    "Agenda",
    "AsOf",
    "ComplaintReport",
    "derive_agenda",
    "derive_all",
    "derive_complaints",
]


@dataclass(frozen=True)
class Agenda:
    as_of: AsOf
    items: tuple[DueItem, ...]  # most urgent first: state, deadline, customer, rule
    workload: tuple[Workload, ...]
    problems: tuple[Problem, ...]  # e.g. a year the working-day calendar does not know


@dataclass(frozen=True)
class ComplaintReport:
    as_of: AsOf
    statuses: tuple[ComplaintStatus, ...]  # by complaint id
    months: tuple[ComplaintMonth, ...]
    problems: tuple[Problem, ...]


def _context(records: Records, as_of: AsOf) -> RuleContext:
    return RuleContext(records, as_of, WorkCalendar(records.policy.calendar))


def _calendar_problems(ctx: RuleContext) -> tuple[Problem, ...]:
    return tuple(
        make_problem("calendar.unknown_year", ctx.records.policy.source, year=year)
        for year in sorted(ctx.calendar.unknown_years)
    )


def derive_agenda(records: Records, as_of: AsOf) -> Agenda:
    """Every due item the policy asks for, as of `as_of`."""
    ctx = _context(records, as_of)
    return _agenda(ctx, complaint_statuses(ctx))


def derive_complaints(records: Records, as_of: AsOf) -> ComplaintReport:
    ctx = _context(records, as_of)
    return _complaint_report(ctx, complaint_statuses(ctx))


def derive_all(records: Records, as_of: AsOf) -> tuple[Agenda, ComplaintReport]:
    """Both, judging each complaint once (the site needs both)."""
    ctx = _context(records, as_of)
    statuses = complaint_statuses(ctx)
    return _agenda(ctx, statuses), _complaint_report(ctx, statuses)


def _agenda(ctx: RuleContext, statuses: list[ComplaintStatus]) -> Agenda:
    policy = ctx.records.policy
    items: list[DueItem] = []
    for rule in policy.cadence:
        items += cadence_items(ctx, rule)
    for rule in policy.events:
        items += event_items(ctx, rule)
    for rule in policy.inactivity:
        items += inactivity_items(ctx, rule)
    items += agreed_items(ctx)
    items += reminder_items(ctx)
    items += complaint_items(ctx, statuses)
    items.sort(key=lambda i: i.sort_key)
    workload = tuple(weekly_workload(ctx))
    return Agenda(ctx.as_of, tuple(items), workload, _calendar_problems(ctx))


def _complaint_report(ctx: RuleContext, statuses: list[ComplaintStatus]) -> ComplaintReport:
    ordered = sorted(statuses, key=lambda s: s.complaint.id)
    months = tuple(complaint_months(ordered))
    return ComplaintReport(ctx.as_of, tuple(ordered), months, _calendar_problems(ctx))
