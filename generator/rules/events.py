"""Event rules: `min` matching contacts within N days of a customer event, optionally repeating.

A trigger is a customer date (`events.X`, `customer.since`), a visit of a kind
(`visit.repair`: each one, the visit itself not counting) or a resolved
complaint (`complaint.resolved`). Contacts after the deadline still complete
the item (late); until then it is overdue. `then` repeats the requirement every
period after the one holding the latest trigger's deadline, until `then.until`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import Customer, EventRule
from generator.problems import Source
from generator.rules.cadence import Requirement, judge, judge_once
from generator.rules.context import RuleContext
from generator.rules.items import Deadline, DueItem
from generator.rules.periods import LABELS, period_of


@dataclass(frozen=True)
class Trigger:
    day: dt.date
    source: Source
    visit: str | None = None  # a triggering visit does not count as its own follow-up
    subject: str = ""


def triggers(ctx: RuleContext, rule: EventRule, customer: Customer) -> list[Trigger]:
    kind, _, name = rule.after.partition(".")
    if kind == "events":
        day = customer.events.get(name)
        return [Trigger(day, customer.source, subject=f"{name} {day.isoformat()}")] if day else []
    if kind == "customer":
        since = customer.since
        return [Trigger(since, customer.source, subject=f"合作开始 {since}")] if since else []
    if kind == "visit":
        return [
            Trigger(v.date, v.source, visit=v.id, subject=f"回访 {v.id}")
            for v in ctx.contacts_of(customer.id).visits
            if v.kind == name
        ]
    return [
        Trigger(c.resolved.date(), c.source, subject=f"投诉 {c.id} 处理完毕")
        for c in ctx.complaints.get(customer.id, ())
        if c.resolved is not None
    ]


def event_items(ctx: RuleContext, rule: EventRule) -> list[DueItem]:
    methods = ctx.methods(rule.methods)
    need = Requirement("event", rule.name, rule.label, methods, rule.min, rule.by)
    items: list[DueItem] = []
    for customer in ctx.customers(rule.applies):
        found = [
            t
            for t in triggers(ctx, rule, customer)
            if t.day <= ctx.as_of.today and (ctx.start is None or t.day >= ctx.start)
        ]
        for trigger in found:
            deadline = Deadline(trigger.day + dt.timedelta(days=rule.within_days))
            item = judge_once(
                ctx,
                customer,
                need,
                trigger.day,
                deadline,
                exclude=trigger.visit,
                subject=trigger.subject,
                source=trigger.source,
            )
            if ctx.keep(item):
                items.append(item)
        if rule.then and found:
            items += _repeats(ctx, rule, customer, max(t.day for t in found), methods)
    return items


def _repeats(ctx, rule: EventRule, customer: Customer, latest: dt.date, methods) -> list[DueItem]:
    then = rule.then
    first_deadline = latest + dt.timedelta(days=rule.within_days)
    start = period_of(then.period, first_deadline).end + dt.timedelta(days=1)
    start = max(start, ctx.start) if ctx.start else start
    until = customer.events.get(then.until.partition(".")[2]) if then.until else None
    need = Requirement(
        kind="event",
        rule=rule.name,
        label=f"{rule.label}（之后{LABELS[then.period]}至少 {then.min} 次）",
        methods=methods,
        count=then.min,
        by=rule.by,
        period=then.period,
    )
    return [i for i in judge(ctx, customer, need, start, until) if ctx.keep(i)]
