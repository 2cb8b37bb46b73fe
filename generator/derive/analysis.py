"""Counts that managers read: complaints per month by category, channel and responder;
customers each staff member contacted this week (by `workload.methods`) against their
weekly target."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.derive.context import RuleContext
from generator.derive.periods import Span, period_of
from generator.derive.sla import ComplaintStatus
from generator.model import Policy, Staff


@dataclass
class ComplaintMonth:
    month: str  # YYYY-MM of receipt
    total: int = 0
    resolved: int = 0
    resolved_in_time: int = 0
    with_breach: int = 0  # complaints with a stage breached or met late
    by_category: Counter = field(default_factory=Counter)
    by_channel: Counter = field(default_factory=Counter)
    by_responder: Counter = field(default_factory=Counter)


def complaint_months(statuses: list[ComplaintStatus]) -> list[ComplaintMonth]:
    months: dict[str, ComplaintMonth] = {}
    for status in statuses:
        complaint = status.complaint
        key = complaint.received.strftime("%Y-%m")
        month = months.setdefault(key, ComplaintMonth(key))
        month.total += 1
        month.by_category[complaint.category or "other"] += 1
        month.by_channel[complaint.channel or "other"] += 1
        month.by_responder[complaint.first_responder or "-"] += 1
        month.resolved += status.resolve_state in ("met", "met_late")
        month.resolved_in_time += status.resolve_state == "met"
        month.with_breach += bool(status.breaches)
    return [months[k] for k in sorted(months)]


@dataclass(frozen=True)
class Workload:
    staff: str
    week: Span
    customers: int  # distinct customers contacted this week
    target: int


def weekly_target(staff: Staff, policy: Policy) -> int:
    """Agents get policy workload.weekly_contacts unless their own weekly_target is set;
    other roles only when they have their own target (0: none)."""
    if staff.weekly_target is not None:
        return staff.weekly_target
    return policy.workload.weekly_contacts if staff.role == "agent" else 0


def weekly_workload(ctx: RuleContext) -> list[Workload]:
    week = period_of("week", ctx.as_of.today)
    methods = ctx.methods(ctx.records.policy.workload.methods)
    reached: dict[str, set[str]] = {}
    for customer, contacts in ctx.contacts.items():  # a meeting is under each of its customers
        for visit in contacts.between(week.start, week.end):
            if visit.method not in methods:
                continue
            for person in visit.staff:
                reached.setdefault(person, set()).add(customer)
    rows = []
    for staff in ctx.active_staff:
        target = weekly_target(staff, ctx.records.policy)
        if target:
            rows.append(Workload(staff.id, week, len(reached.get(staff.id, ())), target))
    return rows
