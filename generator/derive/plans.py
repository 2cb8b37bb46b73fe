"""Visit plans (拜访计划书, seed 000/001: 业务人员每月底应提出次月拜访计划书，呈部门主管审核).

Each contact a plan names becomes a due item of kind `plan` (计划) for the plan's person, with
the plan as its source (the contact's line):

- its window is the day planned (`date`), or the week (`week`: an ISO week 2026-W49, or the
  date of its Monday) cut to the plan's month: a week across two months counts only its
  days in this one, so each month's plan covers that month alone; the deadline is the
  window's last day;
- it is done by a visit to that customer in the window by the plan's person (one of its
  `staff`), by the plan's `method` when it names one, else by any method; a visit after
  the window does not count (the plan said when);
- a missed contact is 逾期 until `due.soon_days` after its window, then drops off the due
  list as a done one does; the 客户拜访统计表 still counts it (`plan_counts`).

Plans are read whether approved or not (an unapproved plan is still the person's plan; its
items say so). The filing deadline (`plans.file_by`) is worked out here too, for
validate/plans.py.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from generator.derive.calendar import WorkCalendar
from generator.derive.context import RuleContext
from generator.derive.items import Deadline, DueItem, Need, state_of
from generator.derive.periods import Span, period_of
from generator.derive.statistics import Rate
from generator.model import Plan, PlannedContact
from generator.vocabulary import PLANNER, enum_text

KIND = RULE = "plan"
ONE_DAY = dt.timedelta(days=1)


# --- weeks and windows --------------------------------------------------------------
def week_start(text: str) -> dt.date | None:
    """The Monday of a plan's `week`: 2026-W49, or a Monday's date; None for anything else
    (a week 53 the year does not have, a date that is no Monday)."""
    year, marker, number = text.partition("-W")
    try:
        if marker:
            return dt.date.fromisocalendar(int(year), int(number), 1)
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if day.weekday() == 0 else None


def iso_week(day: dt.date) -> str:
    """The ISO week holding `day`, as a plan writes it: 2026-W49."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_span(plan: Plan) -> Span | None:
    first = plan.first_day
    return None if first is None else period_of("month", first)


def contact_window(plan: Plan, contact: PlannedContact) -> Span | None:
    """The days the contact is planned for, inside the plan's month; None when it has no
    usable week or date, or none of it lies in the month (validate/plans.py says why)."""
    month = month_span(plan)
    if month is None or (contact.week is None) == (contact.date is None):
        return None
    if contact.date is not None:
        return Span(contact.date, contact.date) if contact.date in month else None
    monday = week_start(contact.week or "")
    if monday is None:
        return None
    start, end = max(monday, month.start), min(monday + dt.timedelta(days=6), month.end)
    return Span(start, end) if start <= end else None


# --- due items ----------------------------------------------------------------------
def planned_items(ctx: RuleContext) -> list[DueItem]:
    """Every planned contact of every plan as a due item, none left out (the statistics
    count them all; `plan_items` keeps what the due list shows)."""
    items = []
    for plan in ctx.records.plans:
        for index, contact in enumerate(plan.contacts):
            item = _item(ctx, plan, index, contact)
            if item is not None:
                items.append(item)
    return items


def plan_items(ctx: RuleContext, planned: Iterable[DueItem]) -> list[DueItem]:
    """The planned contacts the due list shows: open ones until `due.soon_days` after their
    window (a missed week does not come back), done ones as long as any done item."""
    return [i for i in planned if (ctx.as_of.today - i.deadline.day).days <= ctx.soon_days]


def _item(ctx: RuleContext, plan: Plan, index: int, contact: PlannedContact) -> DueItem | None:
    customer = ctx.records.customers.get(contact.customer)
    window = contact_window(plan, contact)
    if customer is None or window is None:
        return None
    methods = (contact.method,) if contact.method else ctx.methods("any")
    done = ctx.matching(customer, methods, frozenset({plan.staff}), window.start, window.end)
    deadline = Deadline(window.end)
    return DueItem(
        kind=KIND,
        rule=RULE,
        label=plan_label(plan),
        customer=customer.id,
        staff=(plan.staff,),
        deadline=deadline,
        state=state_of(deadline, bool(done), ctx.as_of, ctx.soon_days),
        need=Need(count=1, methods=methods, by=PLANNER, done=min(len(done), 1)),
        evidence=tuple(v.id for v in done[:1]),
        window=window,
        subject=_subject(contact),
        subject_pii="free_text",
        source=ctx.records.where(plan, "contacts", index),
        done_at=done[0].moment() if done else None,
    )


def plan_label(plan: Plan) -> str:
    """计划拜访（2026 年 12 月计划，未审核）."""
    first = plan.first_day
    month = f"{first.year} 年 {first.month} 月" if first else plan.month
    pending = "" if plan.approved_by else "，未审核"
    return f"计划拜访（{month}计划{pending}）"


def _subject(contact: PlannedContact) -> str:
    """The purposes and the objective: 客户维护、新品推广；目标：了解续约意向."""
    purposes = "、".join(enum_text("visit", ("purpose", 0), p) for p in contact.purpose)
    objective = f"目标：{contact.objective}" if contact.objective else ""
    return "；".join(part for part in (purposes, objective) if part)


# --- the 客户拜访统计表's 计划 / 实际 / 完成率 -------------------------------------------------
def plan_counts(planned: Iterable[DueItem], span: Span) -> dict[str, Rate]:
    """Per person: the contacts planned for days in `span` (by where their window begins,
    which is in the plan's month) and how many of them are done, as a Rate (完成率)."""
    done: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for item in planned:
        if item.window is None or item.window.start not in span:
            continue
        for person in item.staff:
            total[person] += 1
            done[person] += item.done
    return {person: Rate(done[person], total[person]) for person in sorted(total)}


# --- when a plan is due (`plans.file_by`) ----------------------------------------------
FILE_BY_WORDS = {
    "last_working_day_before": ("上月最后一个工作日结束前", "by the end of the last working day "
                                "of the month before"),
    "month_start": ("计划月份开始前", "before the month begins"),
    "first_working_day": ("计划月份第一个工作日结束前", "by the end of the month's first "
                          "working day"),
}  # fmt: skip


def filing_deadline(first_day: dt.date, file_by: str, calendar: WorkCalendar) -> dt.datetime:
    """The latest moment the plan of the month beginning `first_day` may reach Git (naive
    China time, like record times)."""
    if file_by == "month_start":
        return dt.datetime.combine(first_day, dt.time())
    if file_by == "first_working_day":
        day = first_day
        step = ONE_DAY
    else:  # last_working_day_before
        day = first_day - ONE_DAY
        step = -ONE_DAY
    for _ in range(40):  # no calendar has forty days off in a row
        if calendar.is_workday(day):
            break
        day += step
    return dt.datetime.combine(day + ONE_DAY, dt.time())


def month_weeks(month: Span) -> Iterator[Span]:
    """The weeks (Monday to Sunday) with a day in `month`, each cut to the month."""
    monday = month.start - dt.timedelta(days=month.start.weekday())
    while monday <= month.end:
        yield Span(max(monday, month.start), min(monday + dt.timedelta(days=6), month.end))
        monday += dt.timedelta(days=7)
