"""derive/plans.py: each contact of a visit plan (拜访计划书) is a due item of kind `plan`,
done by the plan's person visiting that customer in that week or on that day.

November 2026 by hand: the 1st is a Sunday, so its weeks are W44 (10-26 – 11-01), W45
(11-02 – 11-08), W46 (11-09 – 11-15), W47 (11-16 – 11-22), W48 (11-23 – 11-29) and W49
(11-30 – 12-06). The team: S01 an agent, S02 a supervisor (builders.TEAM)."""

from __future__ import annotations

import datetime as dt

from builders import context, customer, day, planned, records, visit, visit_plan

from generator.derive import derive_agenda
from generator.derive.calendar import WorkCalendar
from generator.derive.items import AsOf
from generator.derive.periods import Span
from generator.derive.plans import (
    contact_window,
    filing_deadline,
    iso_week,
    month_weeks,
    plan_counts,
    planned_items,
    week_start,
)
from generator.derive.statistics import Rate

NOVEMBER = Span(day("2026-11-01"), day("2026-11-30"))
CUSTOMERS = (customer("C0001"), customer("C0002"), customer("C0003"))


def test_a_week_is_an_iso_week_or_its_mondays_date():
    assert week_start("2026-W47") == day("2026-11-16")
    assert week_start("2026-11-16") == day("2026-11-16")
    assert week_start("2026-11-18") is None  # a Wednesday
    assert week_start("2026-W53") == day("2026-12-28")  # 2026 began on a Thursday: 53 weeks
    assert week_start("2027-W53") is None  # 2027 has 52
    assert iso_week(day("2026-11-30")) == "2026-W49"
    assert iso_week(day("2027-01-03")) == "2026-W53"


def test_a_week_across_two_months_counts_only_its_days_in_the_plans_month():
    november = visit_plan("2026-11", "S01", planned(week="2026-W49"))
    december = visit_plan("2026-12", "S01", planned(week="2026-W49"))
    assert contact_window(november, november.contacts[0]) == Span(
        day("2026-11-30"), day("2026-11-30")
    )
    assert contact_window(december, december.contacts[0]) == Span(
        day("2026-12-01"), day("2026-12-06")
    )
    on_day = visit_plan("2026-11", "S01", planned(date="2026-11-25"))
    assert contact_window(on_day, on_day.contacts[0]) == Span(day("2026-11-25"), day("2026-11-25"))
    outside = visit_plan("2026-11", "S01", planned(date="2026-12-02"))
    assert contact_window(outside, outside.contacts[0]) is None


def test_done_by_the_plans_person_visiting_that_customer_in_that_week():
    plan = visit_plan("2026-11", "S01", planned("C0001", week="2026-W47"),
                      planned("C0002", week="2026-W47"), planned("C0003", week="2026-W47"))  # fmt: skip
    visits = [
        visit("2026-11-18", "C0001", staff=("S01",)),  # in the week, by S01: done
        visit("2026-11-18", "C0002", staff=("S02",)),  # by someone else: not S01's contact
        visit("2026-11-23", "C0003", staff=("S01",)),  # the Monday after: too late
    ]
    recs = records(customers=CUSTOMERS, visits=visits, plans=[plan])
    items = planned_items(context(recs, "2026-11-24"))
    assert [(i.customer, i.state) for i in items] == [
        ("C0001", "done"),
        ("C0002", "overdue"),
        ("C0003", "overdue"),
    ]
    done = items[0]
    assert done.kind == "plan" and done.staff == ("S01",)
    assert done.evidence == ("2026-11-18-C0001-phone",) and done.done_at == day("2026-11-18")
    assert done.deadline.day == day("2026-11-22") and done.need.by == "planner"
    assert done.source.path == "records/plans/2026-11/S01.yaml"


def test_a_method_the_plan_names_must_be_the_visits_and_a_day_means_that_day():
    plan = visit_plan("2026-11", "S01", planned("C0001", week="2026-W47", method="onsite"),
                      planned("C0002", date="2026-11-19"))  # fmt: skip
    visits = [
        visit("2026-11-17", "C0001", method="phone"),  # not on site
        visit("2026-11-18", "C0002", method="wechat"),  # the day before the one planned
    ]
    recs = records(customers=CUSTOMERS, visits=visits, plans=[plan])
    assert [i.state for i in planned_items(context(recs, "2026-11-24"))] == ["overdue", "overdue"]
    visits.append(visit("2026-11-19", "C0002", method="wechat"))  # any method: none named
    visits.append(visit("2026-11-20", "C0001", method="onsite"))
    recs = records(customers=CUSTOMERS, visits=visits, plans=[plan])
    assert [i.state for i in planned_items(context(recs, "2026-11-24"))] == ["done", "done"]


def test_states_as_of_a_monday_and_a_missed_week_leaves_the_due_list_after_soon_days():
    plan = visit_plan("2026-11", "S01", planned("C0001", week="2026-W47"),
                      planned("C0002", week="2026-W48"), planned("C0003", date="2026-11-23"))  # fmt: skip
    recs = records(customers=CUSTOMERS, plans=[plan])
    agenda = derive_agenda(recs, AsOf.day(day("2026-11-23")))
    mine = [(i.customer, i.state, str(i.deadline)) for i in agenda.items if i.kind == "plan"]
    assert mine == [
        ("C0001", "overdue", "2026-11-22"),
        ("C0003", "due_today", "2026-11-23"),
        ("C0002", "due_soon", "2026-11-29"),  # 6 days away, due.soon_days is 7
    ]
    # 2026-11-30: W47 ended 8 days ago (more than soon_days): off the list, still planned
    later = derive_agenda(recs, AsOf.day(day("2026-11-30")))
    shown = [(i.customer, i.state) for i in later.items if i.kind == "plan"]
    assert shown == [("C0003", "overdue"), ("C0002", "overdue")]  # by deadline
    assert len(later.planned) == 3


def test_planned_contacts_do_not_count_in_the_on_time_rate():
    plan = visit_plan("2026-11", "S01", planned("C0001", week="2026-W47"))
    recs = records(customers=CUSTOMERS, visits=[visit("2026-11-18")], plans=[plan])
    agenda = derive_agenda(recs, AsOf.day(day("2026-11-23")))
    assert [i.state for i in agenda.items if i.kind == "plan"] == ["done"]
    assert agenda.on_time_of("S01") is None  # nothing else of S01's was completed


def test_an_unapproved_plan_says_so_and_its_purposes_and_objective_are_the_subject():
    plan = visit_plan("2026-12", "S01", planned("C0001", week="2026-W50", purpose=("relationship",
                      "promotion"), objective="了解续约意向"), approved_by=None, approved_on=None)  # fmt: skip
    (item,) = planned_items(context(records(plans=[plan]), "2026-11-23"))
    assert item.label == "计划拜访（2026 年 12 月计划，未审核）"
    assert item.subject == "客户维护、新品推广；目标：了解续约意向"
    assert item.subject_pii == "free_text" and item.state == "upcoming"
    approved = visit_plan("2026-12", "S01", planned("C0001", week="2026-W50"))
    (item,) = planned_items(context(records(plans=[approved]), "2026-11-23"))
    assert item.label == "计划拜访（2026 年 12 月计划）" and item.subject == ""


def test_a_contact_of_an_unknown_or_withheld_customer_is_left_out():
    plan = visit_plan("2026-11", "S01", planned("C0099", week="2026-W47"))
    assert planned_items(context(records(plans=[plan]), "2026-11-23")) == []


def test_plan_counts_per_person_for_the_months_in_a_span():
    mine = visit_plan("2026-11", "S01", planned("C0001", week="2026-W46"),
                      planned("C0002", week="2026-W47"), planned("C0003", date="2026-11-26"))  # fmt: skip
    theirs = visit_plan("2026-11", "S02", planned("C0001", week="2026-W47"))
    december = visit_plan("2026-12", "S01", planned("C0001", week="2026-W49"))
    visits = [
        visit("2026-11-10", "C0001"),  # S01, W46: done
        visit("2026-11-26", "C0003"),  # S01, on the day: done
        visit("2026-11-17", "C0001", staff=("S02",)),  # S02, W47: done
    ]
    recs = records(customers=CUSTOMERS, visits=visits, plans=[mine, theirs, december])
    items = planned_items(context(recs, "2026-11-28"))
    assert plan_counts(items, NOVEMBER) == {"S01": Rate(2, 3), "S02": Rate(1, 1)}
    assert str(plan_counts(items, NOVEMBER)["S01"]) == "66.7%"
    quarter = Span(day("2026-10-01"), day("2026-12-31"))
    assert plan_counts(items, quarter) == {"S01": Rate(2, 4), "S02": Rate(1, 1)}


def test_the_filing_deadline_by_the_teams_calendar():
    calendar = WorkCalendar()
    # October 2026 ends on a Saturday: its last working day is Friday the 30th
    assert filing_deadline(day("2026-11-01"), "last_working_day_before", calendar) == (
        dt.datetime(2026, 10, 31)
    )
    # November ends on Monday the 30th
    assert filing_deadline(day("2026-12-01"), "last_working_day_before", calendar) == (
        dt.datetime(2026, 12, 1)
    )
    assert filing_deadline(day("2026-11-01"), "month_start", calendar) == dt.datetime(2026, 11, 1)
    # November 2026 begins on a Sunday: its first working day is Monday the 2nd
    assert filing_deadline(day("2026-11-01"), "first_working_day", calendar) == (
        dt.datetime(2026, 11, 3)
    )
    # the National Day holiday: 2026-10-01 … 10-07 are off, so October's first is the 8th
    assert filing_deadline(day("2026-10-01"), "first_working_day", calendar) == (
        dt.datetime(2026, 10, 9)
    )


def test_the_weeks_of_a_month_each_cut_to_it():
    weeks = list(month_weeks(NOVEMBER))
    assert [str(w) for w in weeks] == [
        "2026-11-01–2026-11-01",
        "2026-11-02–2026-11-08",
        "2026-11-09–2026-11-15",
        "2026-11-16–2026-11-22",
        "2026-11-23–2026-11-29",
        "2026-11-30–2026-11-30",
    ]
