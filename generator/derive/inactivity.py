"""Inactivity rules: no order (`last_order`) or no matching contact for more than N days
(or N calendar months).

The lapse begins the day after those N days (`last + days + 1`) or months (`last + months`,
clamped to the month's end, + 1 day). From then on either one matching contact is due within
`within_days` (or `within_months`), or at least `min` contacts in every `period` while the
lapse lasts. Without a last order the customer's `since` is used; a customer with neither is
skipped. For `no: contact` only the contacts of `lapse_by` (default: the same people as `by`)
by one of the rule's methods end a lapse; `by` says whose contacts count as the follow-up and
who it is for. `except: [owes_money]` leaves out customers that still owe money.
"""

from __future__ import annotations

import datetime as dt

from generator.derive.cadence import Requirement, judge, judge_once
from generator.derive.context import RuleContext
from generator.derive.items import Deadline, DueItem
from generator.derive.periods import add_months
from generator.model import Customer, InactivityRule


def _last_activity(ctx: RuleContext, rule: InactivityRule, customer: Customer, methods):
    if rule.no == "order":
        return customer.last_order or customer.since
    staff = ctx.counting_staff(rule.lapse_by or rule.by, customer)
    hits = ctx.matching(customer, methods, staff, dt.date.min)
    return hits[-1].date if hits else customer.since


def _lapse_start(rule: InactivityRule, last: dt.date) -> dt.date:
    """The first day of "more than `days` days" (or `months` calendar months) after `last`."""
    if rule.months is not None:
        return add_months(last, rule.months) + dt.timedelta(days=1)
    return last + dt.timedelta(days=(rule.days or 0) + 1)


def _deadline(rule: InactivityRule, lapse: dt.date) -> Deadline:
    if rule.within_months is not None:
        return Deadline(add_months(lapse, rule.within_months))
    return Deadline(lapse + dt.timedelta(days=rule.within_days or 0))


def inactivity_items(ctx: RuleContext, rule: InactivityRule) -> list[DueItem]:
    methods = ctx.methods(rule.methods)
    items: list[DueItem] = []
    for customer in ctx.customers(rule.applies):
        if "owes_money" in rule.exceptions and customer.owes_money:
            continue
        last = _last_activity(ctx, rule, customer, methods)
        if last is None:
            continue
        lapse = _lapse_start(rule, last)
        if ctx.start:
            lapse = max(lapse, ctx.start)
        if lapse > ctx.as_of.today:
            continue
        if rule.period:
            need = Requirement(
                "inactivity", rule.name, rule.label, methods, rule.min, rule.by, rule.period
            )
            items += [i for i in judge(ctx, customer, need, lapse) if ctx.keep(i)]
            continue
        deadline = _deadline(rule, lapse)
        once = Requirement("inactivity", rule.name, rule.label, methods, 1, rule.by)
        noun = "订货" if rule.no == "order" else "联系"
        item = judge_once(ctx, customer, once, lapse, deadline, subject=f"上次{noun} {last}")
        if ctx.keep(item):
            items.append(item)
    return items
