"""Reminders: key contacts' and family members' birthdays, festival greetings, payment terms,
the archive review.

A birthday or festival reminder appears `days_before` the day and lasts until
the day; a contact with the customer in that window by the reminder's `by`
(default anyone) marks it done. A payment falls due `credit.term_days` after
`last_order`: reminded `days_before`, overdue afterwards only while `owes_money`
is true; a contact whose purpose is one of `payment.purposes` (default
collection, 提前3天提醒客户安排回款) dated from the reminder day on marks it done
(after the day: late). The archive review is one team item per period, shown
once its end is `due.soon_days` away.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import partial

from generator.derive.context import RuleContext
from generator.derive.items import Deadline, DueItem, Need, state_of
from generator.derive.periods import Span, period_of
from generator.model import ArchiveReview, Birthdays, Customer, Payment


def _on_or_after(today: dt.date, place: Callable[[int], dt.date | None]) -> dt.date | None:
    """The next date (this year's or next year's) that `place(year)` gives on or after today."""
    for year in (today.year, today.year + 1):
        day = place(year)
        if day is not None and day >= today:
            return day
    return None


def month_day(text: str, year: int) -> dt.date | None:
    """'09-26' or '1980-09-26' in `year`; 29 February falls on the 28th in other years."""
    try:
        month, day = (int(part) for part in text[-5:].split("-"))
        if (month, day) == (2, 29):
            return dt.date(year, 3, 1) - dt.timedelta(days=1)
        return dt.date(year, month, day)
    except ValueError:
        return None


def _staff(ctx: RuleContext, by: str, customer: Customer, default: str | None = None):
    """Who is reminded: `by`'s people, or for `any` the given person, else the owner."""
    if by == "any":
        return (default or customer.owner,)
    return ctx.responsible(by, customer)


def _need(methods: tuple[str, ...], by: str, hits: list) -> Need:
    """One contact; its methods are shown only when `by` names whose contact counts."""
    return Need(1, methods if by != "any" else (), by, done=min(len(hits), 1))


def _greeting(
    ctx, customer: Customer, rule, label, day, days_before, subject, staff, by, pii="none"
):
    window = Span(day - dt.timedelta(days=days_before), day)
    if ctx.as_of.today not in window:
        return None
    methods = ctx.methods("any")
    hits = ctx.matching(customer, methods, ctx.counting_staff(by, customer), window.start, day)
    return DueItem(
        kind="reminder",
        rule=rule,
        label=label,
        customer=customer.id,
        staff=staff,
        deadline=Deadline(day),
        state=state_of(Deadline(day), bool(hits), ctx.as_of, ctx.soon_days),
        need=_need(methods, by, hits),
        evidence=tuple(v.id for v in hits[:1]),
        window=window,
        subject=subject,
        subject_pii=pii,
        source=customer.source,
    )


def _birthdays(ctx: RuleContext, setting: Birthdays) -> Iterator[DueItem | None]:
    today = ctx.as_of.today
    for customer in ctx.records.customer_list:
        people = [
            (c.name, c.birthday, c.our_contact, "关键人物生日问候") for c in customer.contacts
        ]
        people += [(f.name, f.birthday, None, "家人生日问候") for f in customer.family]
        for name, birthday, our_contact, label in people:
            if not birthday:
                continue
            day = _on_or_after(today, partial(month_day, birthday))
            if day:
                yield _greeting(
                    ctx,
                    customer,
                    "birthday",
                    label,
                    day,
                    setting.days_before,
                    name,
                    _staff(ctx, setting.by, customer, our_contact),
                    setting.by,
                    pii="name",
                )


def _festivals(ctx: RuleContext) -> Iterator[DueItem | None]:
    today = ctx.as_of.today
    for festival in ctx.records.policy.reminders.festivals:
        if festival.date:
            day = _on_or_after(today, partial(month_day, festival.date))
        else:
            day = _on_or_after(today, partial(ctx.calendar.festival, festival.name))
        if day is None:
            continue
        for customer in ctx.customers(festival.applies):
            yield _greeting(
                ctx,
                customer,
                "festival",
                f"{festival.name}问候",
                day,
                festival.days_before,
                festival.name,
                _staff(ctx, festival.by, customer),
                festival.by,
            )


def _payments(ctx: RuleContext, setting: Payment) -> Iterator[DueItem | None]:
    days_before = setting.days_before
    methods = ctx.methods("any")
    today = ctx.as_of.today
    for customer in ctx.records.customer_list:
        term = customer.credit.term_days if customer.credit else None
        if term is None or customer.last_order is None:
            continue
        day = customer.last_order + dt.timedelta(days=term)
        if today < day - dt.timedelta(days=days_before) or (
            day < today and not customer.owes_money
        ):
            continue
        staff = ctx.counting_staff(setting.by, customer)
        first = day - dt.timedelta(days=days_before)
        hits = [
            v
            for v in ctx.matching(customer, methods, staff, first)
            if not set(setting.purposes).isdisjoint(v.purpose)
        ]
        yield DueItem(
            kind="reminder",
            rule="payment",
            label=f"提醒回款（账期 {term} 天）",
            customer=customer.id,
            staff=_staff(ctx, setting.by, customer),
            deadline=Deadline(day),
            state=state_of(Deadline(day), bool(hits), ctx.as_of, ctx.soon_days),
            need=_need(methods, setting.by, hits),
            evidence=tuple(v.id for v in hits[:1]),
            window=Span(customer.last_order, day),
            subject=f"最近订货 {customer.last_order.isoformat()}",
            source=customer.source,
        )


def _archive_review(ctx: RuleContext, setting: ArchiveReview) -> Iterator[DueItem | None]:
    span = period_of(setting.period, ctx.as_of.today)
    deadline = Deadline(span.end)
    state = state_of(deadline, False, ctx.as_of, ctx.soon_days)
    if state in ("due_today", "due_soon"):
        yield DueItem(
            kind="reminder",
            rule="archive_review",
            label="客户档案全面整理、审核",
            customer="",
            staff=ctx.team_leads(),
            deadline=deadline,
            state=state,
            window=span,
            source=ctx.records.policy.source,
        )


def reminder_items(ctx: RuleContext) -> list[DueItem]:
    reminders = ctx.records.policy.reminders
    found: list[DueItem | None] = []
    if reminders.birthdays:
        found += _birthdays(ctx, reminders.birthdays)
    if reminders.festivals:
        found += _festivals(ctx)
    if reminders.payment:
        found += _payments(ctx, reminders.payment)
    if reminders.archive_review:
        found += _archive_review(ctx, reminders.archive_review)
    return [i for i in found if i is not None and ctx.keep(i)]
