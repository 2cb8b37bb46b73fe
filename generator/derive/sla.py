"""Complaint limits (policy `complaints`): each stage met, met late, running or breached.

Stages: register and first answer within hours of receipt (the answer limit may
depend on the channel), resolved within N working days (N special when marked
special; counted from the day after receipt, ending at the end of the Nth
working day), feedback within hours of resolution, and a complaint follow-up
visit within days of resolution (a visit naming the complaint, or of kind
`complaint` for that customer). A stage whose start has not happened waits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.derive.context import RuleContext
from generator.derive.items import Deadline, DueItem, state_of
from generator.model import Complaint, Visit
from generator.vocabulary import SLA_STAGE_LABELS

STAGES = ("register", "answer", "resolve", "feedback", "followup")
SLA_STATES = ("breached", "running", "met_late", "met", "waiting")


@dataclass(frozen=True)
class Stage:
    name: str
    limit: str  # the limit in words, e.g. "24 小时", "3 个工作日"
    state: str  # one of SLA_STATES
    deadline: Deadline | None = None
    done_at: dt.datetime | dt.date | None = None  # a day: a follow-up visit without a time
    late_by: dt.timedelta | None = None  # met late, or breached: how far past the deadline
    time_left: dt.timedelta | None = None  # running
    workdays_left: int | None = None  # running, for a working-day limit
    evidence: str = ""  # the follow-up visit

    @property
    def label(self) -> str:
        return SLA_STAGE_LABELS[self.name]


@dataclass(frozen=True)
class ComplaintStatus:
    complaint: Complaint
    stages: tuple[Stage, ...]
    responsible: tuple[str, ...]

    @property
    def open(self) -> bool:
        return self.complaint.resolved is None

    @property
    def pending(self) -> bool:
        """Something is still to do: a stage is running or already breached."""
        return self.state in ("running", "breached")

    @property
    def breaches(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if s.state in ("breached", "met_late"))

    @property
    def resolve_state(self) -> str:
        """How the resolve stage went: met, met_late, running, breached or waiting."""
        return next(s.state for s in self.stages if s.name == "resolve")

    @property
    def state(self) -> str:
        """The most urgent stage state: breached before running before met late…"""
        return min((s.state for s in self.stages), key=SLA_STATES.index)


def _judge(ctx, name, limit, deadline, done_at, workdays=False, evidence="") -> Stage:
    if deadline is None:
        return Stage(name, limit, "waiting")
    now = ctx.as_of.now
    if done_at is not None:
        late = deadline.late_by(done_at)
        if late is None:
            return Stage(name, limit, "met", deadline, done_at, evidence=evidence)
        return Stage(name, limit, "met_late", deadline, done_at, late, evidence=evidence)
    if deadline.passed(ctx.as_of):
        return Stage(name, limit, "breached", deadline, late_by=now - deadline.moment)
    left = ctx.calendar.workdays_between(ctx.as_of.today, deadline.day) if workdays else None
    return Stage(
        name, limit, "running", deadline, time_left=deadline.moment - now, workdays_left=left
    )


def _hours(value: float) -> str:
    return f"{value:g} 小时"


def complaint_status(ctx: RuleContext, complaint: Complaint) -> ComplaintStatus:
    limits = ctx.records.policy.complaints
    received, resolved = complaint.received, complaint.resolved
    register_h = limits.register_hours
    answer_h = limits.answer_hours_for(complaint.channel)
    days = limits.resolve_working_days_special if complaint.special else limits.resolve_working_days
    feedback_h = limits.feedback_hours
    followup_days = limits.followup_visit_days

    def after(start: dt.datetime | None, hours: float) -> Deadline | None:
        return Deadline.of(start + dt.timedelta(hours=hours)) if start else None

    resolve_by = Deadline(ctx.calendar.add_workdays(received.date(), days))
    followup_by = Deadline(resolved.date() + dt.timedelta(days=followup_days)) if resolved else None
    followup = _followup_visit(ctx, complaint)
    stages = (
        _judge(
            ctx, "register", _hours(register_h), after(received, register_h), complaint.registered
        ),
        _judge(ctx, "answer", _hours(answer_h), after(received, answer_h), complaint.answered),
        _judge(ctx, "resolve", f"{days} 个工作日", resolve_by, resolved, workdays=True),
        _judge(
            ctx,
            "feedback",
            _hours(feedback_h),
            after(resolved, feedback_h),
            complaint.feedback_sent,
        ),
        _judge(
            ctx,
            "followup",
            f"{followup_days} 天",
            followup_by,
            followup.moment() if followup else None,
            evidence=followup.id if followup else "",
        ),
    )
    customer = ctx.records.customers.get(complaint.customer)
    owner = (customer.owner,) if customer else ()
    responsible = (complaint.first_responder,) if complaint.first_responder else owner
    return ComplaintStatus(complaint, stages, responsible)


def _followup_visit(ctx: RuleContext, complaint: Complaint) -> Visit | None:
    resolved = complaint.resolved
    if resolved is None:
        return None
    for visit in ctx.contacts_of(complaint.customer).between(resolved.date()):
        if visit.latest() < resolved:  # earlier that day: before the resolution it follows up
            continue
        if visit.complaint == complaint.id or (visit.kind == "complaint" and not visit.complaint):
            return visit
    return None


def complaint_statuses(ctx: RuleContext) -> list[ComplaintStatus]:
    return [complaint_status(ctx, c) for c in ctx.records.complaint_list]


def complaint_items(ctx: RuleContext, statuses: list[ComplaintStatus]) -> list[DueItem]:
    """Running and breached stages as due items for the first responder; met ones as done."""
    items: list[DueItem] = []
    for status in statuses:
        complaint = status.complaint
        for stage in status.stages:
            if stage.deadline is None:
                continue
            done = stage.state in ("met", "met_late")
            item = DueItem(
                kind="complaint",
                rule=f"complaint_{stage.name}",
                label=f"投诉{stage.label}（{stage.limit}内）",
                customer=complaint.customer,
                staff=status.responsible,
                deadline=stage.deadline,
                state=state_of(stage.deadline, done, ctx.as_of, ctx.soon_days),
                evidence=(stage.evidence,) if stage.evidence else (),
                subject=complaint.id,
                source=complaint.source,
                done_at=stage.done_at,
            )
            if ctx.keep(item):
                items.append(item)
    return items
