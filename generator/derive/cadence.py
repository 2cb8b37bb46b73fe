"""Periodic rules: at least `min` matching contacts in every calendar period, or every N days.

Each period is judged on its own (docs/rules.md, "Periodic rules"): the running
period is due by its end while it has fewer than `min`; an ended period that
fell short is missed and stays overdue until a matching contact happens. Missed
periods of one rule and customer are reported as one overdue item listing them.
A rule with `months` (a season) judges only the periods whose first day falls in
one of them; a rolling (`every_days`) one is listed only while today does.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, replace

from generator.derive.context import RuleContext
from generator.derive.items import Deadline, DueItem, Need, state_of
from generator.derive.periods import Span, period_of, periods_between
from generator.model import CadenceRule, Customer
from generator.problems import Source


@dataclass(frozen=True)
class Requirement:
    """One periodic requirement, wherever it comes from (cadence, event repeat, inactivity)."""

    kind: str
    rule: str
    label: str
    methods: tuple[str, ...]
    count: int
    by: str
    period: str | None = None
    every_days: int | None = None
    months: tuple[int, ...] = ()  # a season: only periods starting in these months; () all year

    def in_season(self, day: dt.date) -> bool:
        return not self.months or day.month in self.months


def rule_start(
    ctx: RuleContext, customer: Customer, period: str | None, rule: CadenceRule | None = None
) -> dt.date:
    """From when a customer's periods are judged: `since` and policy due.start, and with Git
    history the day the rule and the customer's match began (derive/applies.py), else now."""
    known = [d for d in (customer.since, ctx.start) if d]
    if rule is not None and ctx.applies is not None:
        known.append(ctx.applies.start("cadence", rule, customer))
    if known:
        return max(known)
    today = ctx.as_of.today
    return period_of(period, today).start if period else today


def judge(
    ctx: RuleContext,
    customer: Customer,
    need: Requirement,
    start: dt.date,
    until: dt.date | None = None,
) -> list[DueItem]:
    """The due items of one requirement for one customer, judged from `start` to `until`."""
    today = ctx.as_of.today
    last = min(today, until) if until else today
    if start > last:
        return []
    staff = ctx.counting_staff(need.by, customer)
    history = ctx.matching(customer, need.methods, staff, start, today)
    if need.every_days:
        if not need.in_season(today):
            return []
        return [_rolling(ctx, customer, need, need.every_days, start, history)]
    if need.period is None:  # neither: the schema's error, in a policy not used
        return []
    return _periodic(ctx, customer, need, need.period, start, last, history)


def _periodic(ctx, customer, need: Requirement, period: str, start, last, history) -> list[DueItem]:
    today = ctx.as_of.today
    dates = [v.date for v in history]
    first_open = max(start, dates[-1]) if dates else start
    items: list[DueItem] = []
    missed: list[Span] = []
    missed_counts: list[int] = []
    for span in periods_between(period, first_open, last):
        if not need.in_season(span.start):
            continue
        window = Span(max(span.start, start), span.end)
        lo, hi = bisect.bisect_left(dates, window.start), bisect.bisect_right(dates, window.end)
        if span.end < today:
            # A period the rule joined part-way (since, due.start) is judged only while it runs.
            if hi - lo < need.count and window.start == span.start:
                missed.append(window)
                missed_counts.append(hi - lo)
            continue
        hits = history[lo:hi]
        deadline = Deadline(span.end)
        items.append(
            _item(ctx, customer, need, deadline, len(hits) >= need.count, hits, window, len(hits))
        )
    if missed:
        deadline = Deadline(missed[0].end)
        overdue = _item(ctx, customer, need, deadline, False, [], missed[-1], missed_counts[-1])
        items.insert(0, replace(overdue, missed=tuple(missed)))
    return items


def _rolling(ctx, customer, need: Requirement, every_days: int, start, history) -> DueItem:
    latest = history[-1] if history else None
    since = latest.date if latest else start
    deadline = Deadline(since + dt.timedelta(days=every_days))
    window = Span(since, deadline.day)
    return _item(ctx, customer, need, deadline, False, [latest] if latest else [], window, 0)


def _item(ctx, customer, need, deadline, done, hits, window, count) -> DueItem:
    return DueItem(
        kind=need.kind,
        rule=need.rule,
        label=need.label,
        customer=customer.id,
        staff=ctx.responsible(need.by, customer),
        deadline=deadline,
        state=state_of(deadline, done, ctx.as_of, ctx.soon_days),
        need=Need(need.count, need.methods, need.by, done=count),
        evidence=tuple(v.id for v in hits),
        window=window,
        source=customer.source,
    )


def judge_once(
    ctx: RuleContext,
    customer: Customer,
    need: Requirement,
    start: dt.date,
    deadline: Deadline,
    exclude: str | None = None,
    subject: str = "",
    source: Source | None = None,
    after: dt.datetime | None = None,
) -> DueItem:
    """`need.count` matching contacts dated from `start` on (and not earlier than `after`
    on that day), due by `deadline` (event and inactivity rules). Contacts after the
    deadline still complete it, late."""
    staff = ctx.counting_staff(need.by, customer)
    hits = ctx.matching(customer, need.methods, staff, start, exclude=exclude, after=after)
    done, counted = len(hits) >= need.count, min(len(hits), need.count)
    item = _item(
        ctx, customer, need, deadline, done, hits[:counted], Span(start, deadline.day), counted
    )
    return replace(item, subject=subject, source=source or customer.source)


def cadence_items(ctx: RuleContext, rule: CadenceRule) -> list[DueItem]:
    need = Requirement(
        kind="cadence",
        rule=rule.name,
        label=rule.label,
        methods=ctx.methods(rule.methods),
        count=rule.min,
        by=rule.by,
        period=rule.period,
        every_days=rule.every_days,
        months=rule.months,
    )
    items: list[DueItem] = []
    for customer in ctx.customers(rule.applies):
        items += judge(ctx, customer, need, rule_start(ctx, customer, rule.period, rule))
    return items
