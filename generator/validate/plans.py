"""Visit plans (拜访计划书): in plans/<month>/<staff>, one per person and month, their
customers and staff known, each contact on a day or in a week of the month, approved by a
supervisor or manager who is not the person (policy `plans.approver_roles`); and, with the
Git history, filed by `plans.file_by` and approved within `plans.approve_within_days`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator.derive.calendar import WorkCalendar
from generator.derive.plans import FILE_BY_WORDS, filing_deadline, month_span, week_start
from generator.model import Plan, PlannedContact, Records
from generator.problems import Problem
from generator.validate.common import problem_at, switched_checks
from generator.validate.dates import _not_future
from generator.validate.references import _unknown, staff_reference
from generator.validate.timeliness import Judge, committed_at, shown

if TYPE_CHECKING:
    from generator.history import History, Version

SAME_DEPARTMENT_ROLES = frozenset({"supervisor", "manager"})  # a director approves anyone's


def _expected(plan: Plan) -> PurePosixPath:
    """Where the plan belongs: records/plans/<its month>/<its staff>.<its suffix>."""
    path = PurePosixPath(plan.source.path)  # records/plans/2026-12/S05.yaml
    return PurePosixPath(*path.parts[:2], plan.month, plan.staff + path.suffix)


def placement(records: Records, today: date) -> list[Problem]:
    """A plan is records/plans/<month>/<staff>.<suffix>, and there is one per person and
    month: a second is an error (which one is the plan?), and the one in its own place is
    the plan that counts — a misplaced copy never wins over it (then the first read)."""
    problems = []
    by_key: dict[tuple[str, str], list[Plan]] = {}
    for plan in records.plans:
        path, expected = PurePosixPath(plan.source.path), _expected(plan)
        if path != expected:
            wrong = ("month",) if path.parent.name != plan.month else ("staff",)
            problems.append(
                problem_at(
                    records,
                    "plan.misplaced",
                    plan,
                    wrong,
                    expected=str(expected),
                    month=plan.month,
                    staff=plan.staff,
                )
            )
        by_key.setdefault((plan.staff, plan.month), []).append(plan)
    for (staff, month), plans in by_key.items():
        placed = [p for p in plans if PurePosixPath(p.source.path) == _expected(p)]
        keeper = (placed or plans)[0]
        for plan in plans:
            if plan is not keeper:
                problems.append(
                    problem_at(
                        records,
                        "plan.duplicate",
                        plan,
                        ("staff",),
                        staff=staff,
                        month=month,
                        other=keeper.source.path,
                    )
                )
    return problems


def references(records: Records, today: date) -> list[Problem]:
    """The person, every customer and the approver exist; the approver may approve plans;
    the approval names both who and when, and has happened."""
    problems: list[Problem] = []
    for plan in records.plans:
        problems += staff_reference(records, plan, ("staff",), plan.staff)
        for i, contact in enumerate(plan.contacts):
            problems += _unknown(records, "customer", plan, ("contacts", i, "customer"),
                                 contact.customer)  # fmt: skip
        problems += _approval(records, plan)
        problems += _not_future(records, "plan", plan, ("approved_on",), plan.approved_on, today)
    return problems


def _approval(records: Records, plan: Plan) -> list[Problem]:
    given = [name for name in ("approved_by", "approved_on") if getattr(plan, name)]
    if len(given) == 1:
        missing = "approved_on" if given == ["approved_by"] else "approved_by"
        return [
            problem_at(
                records,
                "plan.approval_incomplete",
                plan,
                (given[0],),
                given=given[0],
                missing=missing,
            )
        ]
    if not plan.approved_by:
        return []
    roles = records.policy.plans.approver_roles if records.policy_usable else ()
    problems = staff_reference(records, plan, ("approved_by",), plan.approved_by, roles)
    if plan.approved_by == plan.staff:
        return [
            *problems,
            problem_at(records, "plan.self_approved", plan, ("approved_by",), ref=plan.staff),
        ]
    approver, member = records.staff.get(plan.approved_by), records.staff.get(plan.staff)
    if (
        approver
        and member
        and approver.role in SAME_DEPARTMENT_ROLES
        and approver.department
        and member.department
        and approver.department != member.department
    ):
        problems.append(
            problem_at(
                records,
                "plan.other_department",
                plan,
                ("approved_by",),
                ref=approver.id,
                approver_department=approver.department,
                staff=member.id,
                department=member.department,
            )
        )
    return problems


def contacts(records: Records, today: date) -> list[Problem]:
    """Each contact gives a week or a date, not both; a week is a week; it lies in the month;
    no contact repeats another (the same customer, week or date, and method)."""
    problems: list[Problem] = []
    for plan in records.plans:
        month = month_span(plan)
        seen: dict[tuple, int] = {}
        for i, contact in enumerate(plan.contacts):
            problems += _when(records, plan, i, contact, month)
            key = (contact.customer, contact.week, contact.date, contact.method)
            if key in seen:
                when = contact.week or (contact.date.isoformat() if contact.date else "")
                problems.append(
                    problem_at(
                        records,
                        "plan.repeated_contact",
                        plan,
                        ("contacts", i),
                        customer=contact.customer,
                        when=when,
                        first=seen[key] + 1,
                    )
                )
            else:
                seen[key] = i
    return problems


def _when(records: Records, plan: Plan, i: int, contact: PlannedContact, month) -> list[Problem]:
    if (contact.week is None) == (contact.date is None):
        both = contact.week is not None
        return [
            problem_at(
                records,
                "plan.contact_when",
                plan,
                ("contacts", i),
                detail_zh="两个都写了" if both else "两个都没写",
                detail_en="gives both" if both else "gives neither",
            )
        ]
    if month is None:  # no usable month: the schema said so
        return []
    if contact.date is not None:
        if contact.date in month:
            return []
        return [_outside(records, plan, ("contacts", i, "date"), contact.date.isoformat())]
    week = contact.week or ""
    monday = week_start(week)
    if monday is None:
        return [_bad_week(records, plan, ("contacts", i, "week"), week)]
    if monday > month.end or monday + dt.timedelta(days=6) < month.start:
        return [_outside(records, plan, ("contacts", i, "week"), week)]
    return []


def _outside(records: Records, plan: Plan, path: tuple, when: str) -> Problem:
    return problem_at(records, "plan.outside_month", plan, path, when=when, month=plan.month)


WEEKDAYS = "一二三四五六日"
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _bad_week(records: Records, plan: Plan, path: tuple, week: str) -> Problem:
    year, marker, number = week.partition("-W")
    try:
        day = None if marker else dt.date.fromisoformat(week)
    except ValueError:
        day = None
    if day is not None:
        zh, en = (
            f"是星期{WEEKDAYS[day.weekday()]}，不是星期一",
            f"is a {WEEKDAYS_EN[day.weekday()]}",
        )
    elif marker:
        zh, en = (
            f"不存在：{year} 年没有第 {number} 周",
            f"does not exist: {year} has no week {number}",
        )
    else:
        zh, en = "不是日期", "is no date"
    return problem_at(records, "plan.bad_week", plan, path, week=week, reason_zh=zh,
                      reason_en=en)  # fmt: skip


CHECKS = (placement, references, contacts)


# --- from Git history: filed and approved in time -------------------------------------
def plans_filed_late(records: Records, history: History, judge: Judge, today: date) -> Iterator:
    """A plan first committed after `plans.file_by` (a plan whose deadline came before the
    history's start is not judged: an import is not late)."""
    settings = records.policy.plans
    calendar = WorkCalendar(records.policy.calendar)
    limit_zh, limit_en = FILE_BY_WORDS[settings.file_by]
    for plan in records.plans:
        found, first = history.of("plan", plan.id), plan.first_day
        if not found or first is None:
            continue
        deadline = filing_deadline(first, settings.file_by, calendar)
        filing = found.versions[0]
        if not judge.judged((deadline - dt.timedelta(seconds=1)).date(), filing):
            continue
        filed = committed_at(filing.commit)
        if filed > deadline:
            params = {"month": plan.month, "filed": shown(filed), "deadline": shown(deadline),
                      "limit_zh": limit_zh, "limit_en": limit_en}  # fmt: skip
            yield "plan.filed_late", plan, ("month",), params | judge.commit_facts(filing)


def plans_unapproved(records: Records, history: History, judge: Judge, today: date) -> Iterator:
    """A plan still without an approver `plans.approve_within_days` after its first commit
    (as of the start of `today`), or whose approver came later than that."""
    days = records.policy.plans.approve_within_days
    start = dt.datetime.combine(today, dt.time())
    for plan in records.plans:
        found = history.of("plan", plan.id)
        if not found:
            continue
        filing = found.versions[0]
        filed = committed_at(filing.commit)
        if not judge.judged(filed.date(), filing):
            continue
        # an approval dated before the history began was imported with the plan: not judged
        if (
            plan.approved_on
            and plan.approved_on < filed.date()
            and judge.judged(plan.approved_on, filing)
        ):
            early = {"approved_on": plan.approved_on.isoformat(), "filed": shown(filed)}
            facts_of = judge.commit_facts(filing)
            yield "plan.approved_before_filed", plan, ("approved_on",), early | facts_of
        deadline = filed + dt.timedelta(days=days)
        facts = {"filed": shown(filed), "days": days, "deadline": shown(deadline)}
        signed = next((v for v in found.versions if _adds_approver(v)), None)
        if not plan.approved_by:
            if start > deadline:
                yield "plan.unapproved", plan, ("staff",), facts | judge.commit_facts(filing)
        elif signed is not None and _minute(committed_at(signed.commit)) > _minute(deadline):
            approved = shown(committed_at(signed.commit))
            params = facts | {"approved": approved} | judge.commit_facts(signed)
            yield "plan.approved_late", plan, ("approved_by",), params


def _minute(moment: dt.datetime) -> dt.datetime:
    """To the minute, as messages show times: late by seconds is no lateness one can read."""
    return moment.replace(second=0, microsecond=0)


def _adds_approver(version: Version) -> bool:
    return any(f.path == ("approved_by",) and f.new for f in version.fields)


FINDERS = {"plan_filed_late": plans_filed_late, "plan_unapproved": plans_unapproved}


def plan_records(records: Records, history: History, today: date) -> list[Problem]:
    """The plans' timeliness warnings (severity from the policy's completeness section)."""
    return switched_checks(records, FINDERS, history, Judge(records, history), today)
