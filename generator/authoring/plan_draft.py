"""`huifang new plan`: a month's visit plan (拜访计划书) pre-filled from the due list.

What the rules will ask of one person in one month becomes the plan's contacts: the due
items as of the month's first day (or today, when that is later) that are that person's,
name a customer, are still open and whose deadline or window falls in the month — except
the contacts of visit plans themselves (kind `plan`) and complaint deadlines (kind
`complaint`, which have their own steps and limits).

Each item is planned in the first week of the month (cut to the month, see
derive/plans.py) it can be done in: the week holding the latest of its window's start, the
month's first day and today; an item without a window in its deadline's week. An item that
needs n more contacts (a rule's `min`) is planned in n weeks spread over the weeks it may be
done in. Items of one customer in one week become one contact: by a method when the items
that need exactly one method all name the same one, its objective their labels. Contacts
are sorted by week, then customer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from generator.derive.items import DueItem
from generator.derive.periods import Span, period_of
from generator.derive.plans import iso_week, month_weeks

EXCLUDED_KINDS = frozenset({"plan", "complaint"})
MONTH = re.compile(r"(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])")


def month_of(text: str) -> Span | None:
    """The month `2026-12` as a span of days; None for anything but YYYY-MM."""
    if not MONTH.fullmatch(text.strip()):
        return None
    return period_of("month", dt.date.fromisoformat(f"{text.strip()}-01"))


def next_month(day: dt.date) -> str:
    """The month after the one holding `day`: 2026-12 for any day of November 2026."""
    first = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return f"{first.year:04d}-{first.month:02d}"


def as_of_day(month: Span, today: dt.date) -> dt.date:
    """The day the rules are judged for a plan of `month`: its first day, or today if later."""
    return max(month.start, today)


def wanted(item: DueItem, staff: str, month: Span) -> bool:
    """Is this due item one the person's plan for `month` should contain?"""
    if item.kind in EXCLUDED_KINDS or not item.customer or item.done or staff not in item.staff:
        return False
    window = item.window
    overlaps = window is not None and window.start <= month.end and window.end >= month.start
    return item.deadline.day in month or overlaps


def working_weeks(month: Span, workday: Callable[[dt.date], bool]) -> list[Span]:
    """The month's weeks (cut to it) that hold a working day: a week of 国庆 or the three
    days of 2027-01-01 to 01-03 is no week to plan a visit in."""
    return [
        w
        for w in month_weeks(month)
        if any(workday(w.start + dt.timedelta(days=n)) for n in range((w.end - w.start).days + 1))
    ]


def weeks_for(item: DueItem, weeks: list[Span], month: Span, earliest: dt.date) -> list[str]:
    """The ISO weeks the item is planned in: as many as the contacts it still needs, spread
    over the working weeks (cut to the month) from its first possible day to its last one;
    an item that falls only in weeks without a working day goes in the nearest one after."""
    start = item.window.start if item.window is not None else item.deadline.day
    first = max(start, month.start, earliest)
    last = min(item.window.end, month.end) if item.window is not None else first
    last = max(first, last)
    inside = [w for w in weeks if w.end >= first and w.start <= last]
    weeks = inside or [w for w in weeks if w.end >= first][:1]
    if not weeks:  # `first` after the month (today later than the month): no week left
        return []
    needed = max(item.need.count - item.need.done, 1)
    chosen = sorted({weeks[i * len(weeks) // needed] for i in range(min(needed, len(weeks)))},
                    key=lambda w: w.start)  # fmt: skip
    return [iso_week(w.start) for w in chosen]


def objective(item: DueItem) -> str:
    """The item's label, with its subject when that is no personal data:
    约定下次沟通（2026-11-20 回访时约定）."""
    if item.subject and item.subject_pii == "none":
        return f"{item.label}（{item.subject}）"
    return item.label


def plan_contacts(
    items: Iterable[DueItem],
    staff: str,
    month: Span,
    earliest: dt.date,
    workday: Callable[[dt.date], bool],
) -> list[dict]:
    """The plan's `contacts`: one per customer and week, sorted by week then customer."""
    grouped: dict[tuple[str, str], list[DueItem]] = {}
    weeks = working_weeks(month, workday)
    for item in items:
        if wanted(item, staff, month):
            for week in weeks_for(item, weeks, month, earliest):
                grouped.setdefault((week, item.customer), []).append(item)
    contacts = []
    for (week, customer), group in sorted(grouped.items()):
        group.sort(key=lambda i: (i.deadline.sort_key, i.label))
        contact: dict = {"customer": customer, "week": week}
        single = {i.need.methods[0] for i in group if len(i.need.methods) == 1}
        if len(single) == 1:
            contact["method"] = single.pop()
        labels = list(dict.fromkeys(objective(i) for i in group))
        contact["objective"] = "；".join(labels)
        contacts.append(contact)
    return contacts
