"""Inactivity rules: no order (`last_order`) or no matching contact for more than N days.

The lapse begins the day after those N days (`last + days + 1`). From then on
either one matching contact is due within `within_days`, or at least `min`
contacts in every `period` while the lapse lasts. Without a last order the
customer's `since` is used; a customer with neither is skipped. For `no: contact`
anyone's contact by one of the rule's methods counts; `by` names who must follow up. `except:
[owes_money]` leaves out customers that still owe money.
"""

from __future__ import annotations

import datetime as dt

from generator.model import Customer, InactivityRule
from generator.rules.cadence import Requirement, judge, judge_once
from generator.rules.context import RuleContext
from generator.rules.items import Deadline, DueItem


def _last_activity(ctx: RuleContext, rule: InactivityRule, customer: Customer, methods):
    if rule.no == "order":
        return customer.last_order or customer.since
    hits = ctx.matching(customer, methods, None, dt.date.min)  # anyone's contact ends a lapse
    return hits[-1].date if hits else customer.since


def inactivity_items(ctx: RuleContext, rule: InactivityRule) -> list[DueItem]:
    methods = ctx.methods(rule.methods)
    items: list[DueItem] = []
    for customer in ctx.customers(rule.applies):
        if "owes_money" in rule.exceptions and customer.owes_money:
            continue
        last = _last_activity(ctx, rule, customer, methods)
        if last is None:
            continue
        lapse = last + dt.timedelta(days=rule.days + 1)
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
        deadline = Deadline(lapse + dt.timedelta(days=rule.within_days or 0))
        once = Requirement("inactivity", rule.name, rule.label, methods, 1, rule.by)
        noun = "订货" if rule.no == "order" else "联系"
        item = judge_once(ctx, customer, once, lapse, deadline, subject=f"上次{noun} {last}")
        if ctx.keep(item):
            items.append(item)
    return items
