"""Event rules: `min` matching contacts within N days of a customer event, optionally repeating.

A trigger is a customer date (`events.X`, `customer.since`), a visit of a kind
(`visit.repair`: each one, the visit itself not counting), a resolved
complaint (`complaint.resolved`) or a survey response naming the customer with an
item in a level not counted as satisfied (`survey.dissatisfied`, derive/responses.py). Contacts after the deadline still complete
the item (late); until then it is overdue. `then` repeats the requirement every
period after the one holding the latest trigger's deadline, until `then.until`.

With `sample` only a fixed share of each period's triggers, across all customers, is due
(seed 003: the centre head checks 20% of the repair records every quarter): those whose
sha256(visit id|period start) ranks lowest, so a rebuild of the same records draws the same
visits. Each is due by the period's end and done by a visit of the sample's kind (check)
whose `checks` names the sampled visit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from generator.derive.cadence import Requirement, judge, judge_once
from generator.derive.context import RuleContext
from generator.derive.items import Deadline, DueItem, Need, state_of
from generator.derive.periods import Span, period_of
from generator.model import Customer, EventRule, Repeat, Sample, Visit
from generator.problems import Source
from generator.vocabulary import period_label


@dataclass(frozen=True)
class Trigger:
    day: dt.date
    source: Source
    visit: str | None = None  # a triggering visit does not count as its own follow-up
    subject: str = ""
    # when the trigger has a time (a timed visit, a resolution): a contact earlier that day
    # came before it and is not its follow-up
    moment: dt.datetime | None = None


def triggers(ctx: RuleContext, rule: EventRule, customer: Customer) -> list[Trigger]:
    kind, _, name = rule.after.partition(".")
    if kind == "events":
        day = customer.events.get(name)
        return [Trigger(day, customer.source, subject=f"{name} {day.isoformat()}")] if day else []
    if kind == "customer" and name == "orders":
        return [
            Trigger(o.date, customer.source, subject=f"订货 {o.date.isoformat()}")
            for o in customer.orders
            if o.date
        ]
    if kind == "customer":
        since = customer.since
        return [Trigger(since, customer.source, subject=f"合作开始 {since}")] if since else []
    if kind == "visit":
        return [
            Trigger(v.date, v.source, visit=v.id, subject=f"回访 {v.id}", moment=_timed(v))
            for v in ctx.contacts_of(customer.id).visits
            if v.kind == name
        ]
    if kind == "survey":  # survey.dissatisfied: a response of theirs with a dissatisfied answer
        return [
            Trigger(r.date, r.source, subject=why)
            for r, why in ctx.dissatisfied.get(customer.id, ())
        ]
    return [
        Trigger(c.resolved.date(), c.source, subject=f"投诉 {c.id} 处理完毕", moment=c.resolved)
        for c in ctx.complaints.get(customer.id, ())
        if c.resolved is not None
    ]


def _timed(visit: Visit) -> dt.datetime | None:
    moment = visit.moment()
    return moment if isinstance(moment, dt.datetime) else None


def _found(ctx: RuleContext, rule: EventRule, customer: Customer) -> list[Trigger]:
    return [
        t
        for t in triggers(ctx, rule, customer)
        if t.day <= ctx.as_of.today and (ctx.start is None or t.day >= ctx.start)
    ]


def sample_rank(visit: str, period: Span) -> str:
    """A trigger's place in its period's draw: stable for the same visit and period."""
    return hashlib.sha256(f"{visit}|{period.start.isoformat()}".encode()).hexdigest()


def sampled(ctx: RuleContext, rule: EventRule, sample: Sample) -> dict[str, list[Trigger]]:
    """Per customer, the triggers a `sample` rule draws: in each period, of all customers'
    triggers dated in it, the ceil(share × n) whose sample_rank is lowest."""
    by_period: dict[Span, list[tuple[str, Customer, Trigger]]] = {}
    for customer in ctx.customers(rule.applies):
        for trigger in _found(ctx, rule, customer):
            span = period_of(sample.period, trigger.day)
            key = trigger.visit or f"{customer.id}|{trigger.day.isoformat()}"
            by_period.setdefault(span, []).append((key, customer, trigger))
    chosen: dict[str, list[Trigger]] = {}
    for span, entries in by_period.items():
        entries.sort(key=lambda e: (sample_rank(e[0], span), e[0]))
        for _, customer, trigger in entries[: math.ceil(sample.share * len(entries))]:
            chosen.setdefault(customer.id, []).append(trigger)
    return chosen


def _check_item(
    ctx: RuleContext, rule: EventRule, sample: Sample, customer: Customer, trigger, methods
) -> DueItem:
    """A sampled trigger: done by a visit of the sample's kind whose `checks` names it."""
    deadline = Deadline(period_of(sample.period, trigger.day).end)
    staff = ctx.counting_staff(rule.by, customer)
    hits = [
        v
        for v in ctx.matching(customer, methods, staff, trigger.day, exclude=trigger.visit)
        if v.kind == sample.kind and trigger.visit and v.checks == trigger.visit
    ]
    done = len(hits) >= rule.min
    hits = hits[: rule.min]
    return DueItem(
        kind="event",
        rule=rule.name,
        label=rule.label,
        customer=customer.id,
        staff=ctx.responsible(rule.by, customer),
        deadline=deadline,
        state=state_of(deadline, done, ctx.as_of, ctx.soon_days),
        need=Need(rule.min, methods, rule.by, done=len(hits)),
        evidence=tuple(v.id for v in hits),
        window=Span(trigger.day, deadline.day),
        subject=f"抽查 {trigger.visit}" if trigger.visit else trigger.subject,
        source=trigger.source,
    )


def event_items(ctx: RuleContext, rule: EventRule) -> list[DueItem]:
    methods = ctx.methods(rule.methods)
    need = Requirement("event", rule.name, rule.label, methods, rule.min, rule.by)
    items: list[DueItem] = []
    if rule.sample:
        drawn = sampled(ctx, rule, rule.sample)
        for customer in ctx.customers(rule.applies):
            for trigger in drawn.get(customer.id, ()):
                item = _check_item(ctx, rule, rule.sample, customer, trigger, methods)
                if ctx.keep(item):
                    items.append(item)
        return items
    within = rule.within_days
    if within is None:  # the schema requires it without a sample: a policy not used
        return items
    for customer in ctx.customers(rule.applies):
        found = _found(ctx, rule, customer)
        for trigger in found:
            deadline = Deadline(trigger.day + dt.timedelta(days=within))
            item = judge_once(
                ctx,
                customer,
                need,
                trigger.day,
                deadline,
                exclude=trigger.visit,
                after=trigger.moment,
                subject=trigger.subject,
                source=trigger.source,
            )
            if ctx.keep(item):
                items.append(item)
        if rule.then and found:
            latest = max(t.day for t in found) + dt.timedelta(days=within)
            items += _repeats(ctx, rule, rule.then, customer, latest, methods)
    return items


def _repeats(
    ctx, rule: EventRule, then: Repeat, customer: Customer, first_deadline: dt.date, methods
) -> list[DueItem]:
    start = period_of(then.period, first_deadline).end + dt.timedelta(days=1)
    start = max(start, ctx.start) if ctx.start else start
    until = customer.events.get(then.until.partition(".")[2]) if then.until else None
    need = Requirement(
        kind="event",
        rule=rule.name,
        label=f"{rule.label}（之后{period_label(then.period)}至少 {then.min} 次）",
        methods=methods,
        count=then.min,
        by=rule.by,
        period=then.period,
    )
    return [i for i in judge(ctx, customer, need, start, until) if ctx.keep(i)]
