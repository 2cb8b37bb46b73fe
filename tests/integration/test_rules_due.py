"""Each rule type on a small tree, with hand-computed expectations (today: Mon 2026-11-23)."""

from __future__ import annotations

from datetime import date

from conftest import agenda_for, customer_file, open_items, rules_tree, visit_file

from generator.derive.periods import Span

GRADES = """\
grades:
  - {id: A, label: 重要客户}
  - {id: B, label: 普通客户}
areas: [一区]
"""


def policy(rules: str) -> str:
    return GRADES + rules


MONTHLY_PHONE_2 = policy(
    """\
cadence:
  - {name: phone_monthly, label: 每月电话至少 2 次, methods: phone, period: month, min: 2}
"""
)


# --- periodic -------------------------------------------------------------------------
def test_a_month_that_fell_short_is_missed_and_the_running_month_is_due(tree):
    visits = [visit_file("2026-09-05"), visit_file("2026-09-20", "wechat")]
    agenda = agenda_for(rules_tree(tree, MONTHLY_PHONE_2, visits=visits))
    missed, running = open_items(agenda, "phone_monthly")
    assert missed.state == "overdue"
    assert missed.deadline.day == date(2026, 10, 31)
    assert missed.missed == (Span(date(2026, 10, 1), date(2026, 10, 31)),)
    assert running.state == "due_soon"  # 7 days left, policy due.soon_days 7
    assert running.deadline.day == date(2026, 11, 30)
    assert (running.need.done, running.need.count) == (0, 2)
    assert running.staff == ("S01",)


def test_a_matching_contact_clears_missed_months_and_counts_for_the_running_one(tree):
    visits = [visit_file("2026-09-05"), visit_file("2026-11-10", "sms")]
    agenda = agenda_for(rules_tree(tree, MONTHLY_PHONE_2, visits=visits))
    (running,) = open_items(agenda, "phone_monthly")
    assert running.deadline.day == date(2026, 11, 30)
    assert running.need.done == 1
    assert running.evidence == ("2026-11-10-C0001-sms",)


def test_a_method_outside_the_group_does_not_count(tree):
    visits = [visit_file("2026-11-10", "onsite"), visit_file("2026-11-11", "email")]
    agenda = agenda_for(rules_tree(tree, MONTHLY_PHONE_2, visits=visits))
    (running,) = [i for i in open_items(agenda, "phone_monthly") if not i.missed]
    assert running.need.done == 0


def test_the_running_period_is_done_when_the_minimum_is_reached(tree):
    visits = [visit_file("2026-11-02"), visit_file("2026-11-03", "wechat")]
    agenda = agenda_for(rules_tree(tree, MONTHLY_PHONE_2, visits=visits))
    done = [i for i in agenda.items if i.rule == "phone_monthly" and i.state == "done"]
    assert len(done) == 1 and done[0].need.done == 2
    assert open_items(agenda, "phone_monthly") == [
        i for i in open_items(agenda, "phone_monthly") if i.missed
    ]


def test_weeks_start_on_monday(tree):
    weekly = policy(
        "cadence:\n  - {name: weekly, label: 每周联系, methods: any, period: week, min: 1}\n"
    )
    # Sunday 11-22 belongs to the week of 11-16; today is Monday 11-23
    agenda = agenda_for(rules_tree(tree, weekly, visits=[visit_file("2026-11-22")]))
    (running,) = open_items(agenda, "weekly")
    assert running.window == Span(date(2026, 11, 23), date(2026, 11, 29))
    assert running.need.done == 0
    assert running.missed == ()  # the week of 11-16 had its contact


def test_a_period_joined_part_way_is_not_reported_missed(tree):
    customers = {"C0001": customer_file(since="2026-10-20")}
    agenda = agenda_for(rules_tree(tree, MONTHLY_PHONE_2, customers))
    items = open_items(agenda, "phone_monthly")
    assert [i.deadline.day for i in items] == [date(2026, 11, 30)]


def test_due_start_limits_how_far_back_periods_are_judged(tree):
    rules = MONTHLY_PHONE_2 + "due: {start: 2026-11-01}\n"
    agenda = agenda_for(rules_tree(tree, rules))
    assert [i.deadline.day for i in open_items(agenda, "phone_monthly")] == [date(2026, 11, 30)]


def test_by_chief_counts_only_the_chiefs_contacts_and_is_assigned_to_the_chief(tree):
    rules = policy(
        "cadence:\n  - {name: chief_onsite, label: 首席每月上门, methods: onsite, period: month,"
        " min: 1, by: chief}\ndue: {start: 2026-11-01}\n"
    )
    customers = {"C0001": customer_file(chief="S03")}
    owner_visit = visit_file("2026-11-05", "onsite")
    chief_visit = visit_file("2026-11-06", "onsite", suffix="-2", staff=["S03"])
    agenda = agenda_for(rules_tree(tree, rules, customers, visits=[owner_visit]))
    (item,) = open_items(agenda, "chief_onsite")
    assert item.staff == ("S03",) and item.need.done == 0
    agenda = agenda_for(rules_tree(tree, rules, customers, visits=[owner_visit, chief_visit]))
    assert open_items(agenda, "chief_onsite") == []


def test_area_agents_and_supervisors_are_found_by_the_customers_area(tree):
    rules = policy(
        "cadence:\n"
        "  - {name: assistant, label: 片区专员每月, methods: any, period: month, min: 1,"
        " by: area_agent}\n"
        "  - {name: supervisor_year, label: 主管每年上门, methods: onsite, period: year, min: 1,"
        " by: supervisor}\n"
        "due: {start: 2026-11-01}\n"
    )
    customers = {"C0001": customer_file(kind="individual", name="张三")}
    agenda = agenda_for(rules_tree(tree, rules, customers))
    by_rule = {i.rule: i for i in open_items(agenda)}
    assert by_rule["assistant"].staff == ("S01", "S05")
    assert by_rule["supervisor_year"].staff == ("S02",)


def test_applies_filters_customers(tree):
    rules = policy(
        "cadence:\n  - {name: a_only, label: A 类, applies: {grade: [A], tags: [重点]},"
        " methods: any, period: month, min: 1}\ndue: {start: 2026-11-01}\n"
    )
    customers = {
        "C0001": customer_file("C0001", tags=["重点"]),
        "C0002": customer_file("C0002", tags=["普通"]),
        "C0003": customer_file("C0003", grade="B", tags=["重点"]),
    }
    agenda = agenda_for(rules_tree(tree, rules, customers))
    assert [i.customer for i in open_items(agenda, "a_only")] == ["C0001"]


def test_every_n_days_runs_from_the_last_matching_contact(tree):
    rules = policy(
        "cadence:\n  - {name: key_prospect, label: 重点意向客户每 3 天跟进, methods: any,"
        " every_days: 3, min: 1}\n"
    )
    agenda = agenda_for(rules_tree(tree, rules, visits=[visit_file("2026-11-18")]))
    (item,) = open_items(agenda, "key_prospect")
    assert item.deadline.day == date(2026, 11, 21) and item.state == "overdue"
    agenda = agenda_for(rules_tree(tree, rules, visits=[visit_file("2026-11-22")]))
    (item,) = open_items(agenda, "key_prospect")
    assert item.deadline.day == date(2026, 11, 25) and item.state == "due_soon"


def test_leap_day_is_the_last_day_of_february(tree):
    agenda = agenda_for(rules_tree(tree, MONTHLY_PHONE_2), today="2028-02-29")
    running = [i for i in open_items(agenda, "phone_monthly") if not i.missed]
    assert running[0].deadline.day == date(2028, 2, 29)
    assert running[0].state == "due_today"


def test_visits_after_today_are_not_contacts_yet(tree):
    visits = [visit_file("2026-11-24"), visit_file("2026-11-25", "wechat")]
    agenda = agenda_for(
        rules_tree(tree, MONTHLY_PHONE_2 + "due: {start: 2026-11-01}\n", visits=visits)
    )
    (item,) = open_items(agenda, "phone_monthly")
    assert item.need.done == 0


# --- events ---------------------------------------------------------------------------
REPAIR = policy(
    """\
events:
  - {name: repair_callback, label: 报修后 10 天内回访, after: visit.repair, within_days: 10, methods: phone}
"""
)


def test_a_repair_visit_needs_a_phone_callback_within_ten_days(tree):
    repair = visit_file("2026-11-05", "onsite", kind="repair")
    agenda = agenda_for(rules_tree(tree, REPAIR, visits=[repair]))
    (item,) = open_items(agenda, "repair_callback")
    assert item.deadline.day == date(2026, 11, 15) and item.state == "overdue"
    assert item.source.path.endswith("2026-11-05-C0001-onsite.md")


def test_a_phone_repair_visit_is_not_its_own_callback_but_a_later_call_is(tree):
    repair = visit_file("2026-11-10", "phone", kind="repair")
    agenda = agenda_for(rules_tree(tree, REPAIR, visits=[repair]))
    assert len(open_items(agenda, "repair_callback")) == 1
    call = visit_file("2026-11-21", "phone", suffix="-2")  # a day late: done all the same, late
    agenda = agenda_for(rules_tree(tree, REPAIR, visits=[repair, call]))
    (item,) = [i for i in agenda.items if i.rule == "repair_callback"]
    assert item.state == "done_late" and item.evidence == ("2026-11-21-C0001-phone-2",)


def test_event_with_min_two_needs_two_contacts_in_the_window(tree):
    rules = policy(
        "events:\n  - {name: enquiry, label: 新咨询当天来电，3 天内再次跟进, after: events.enquiry,"
        " within_days: 3, min: 2, methods: phone}\n"
    )
    customers = {"C0001": customer_file(events={"enquiry": "2026-11-21"})}
    visits = [visit_file("2026-11-21")]
    agenda = agenda_for(rules_tree(tree, rules, customers, visits=visits))
    (item,) = open_items(agenda, "enquiry")
    assert (item.need.done, item.need.count) == (1, 2)
    assert item.deadline.day == date(2026, 11, 24) and item.state == "due_soon"


def test_event_then_repeats_every_period_until_the_end_date(tree):
    rules = policy(
        "events:\n  - {name: software, label: 安装后一个月内首次回访, after: events.installed,"
        " within_days: 30, methods: phone, then: {period: quarter, min: 1, until: events.warranty_until}}\n"
    )
    customers = {
        "C0001": customer_file(events={"installed": "2026-01-10", "warranty_until": "2027-01-09"})
    }
    visits = [visit_file("2026-02-01"), visit_file("2026-05-10")]  # first call, then Q2
    agenda = agenda_for(rules_tree(tree, rules, customers, visits=visits))
    items = open_items(agenda, "software")
    # the first call is done (long ago, so not listed); Q3 was missed; Q4 is running
    assert [(i.state, i.deadline.day) for i in items] == [
        ("overdue", date(2026, 9, 30)),
        ("upcoming", date(2026, 12, 31)),
    ]
    ended = {
        "C0001": customer_file(events={"installed": "2026-01-10", "warranty_until": "2026-06-30"})
    }
    agenda = agenda_for(rules_tree(tree, rules, ended, visits=visits))
    assert open_items(agenda, "software") == []


def test_a_resolved_complaint_triggers_a_follow_up_rule(tree):
    rules = policy(
        "events:\n  - {name: complaint_visit, label: 投诉处理后 7 天内回访, after: complaint.resolved,"
        " within_days: 7, methods: any}\n"
    )
    complaint = (
        "---\nid: K2026-0001\ncustomer: C0001\nreceived: 2026-11-10 09:00\nchannel: phone\n"
        "category: service\nresolved: 2026-11-12 10:00\n---\n内容。\n"
    )
    root = rules_tree(tree, rules, **{"complaints/2026/K2026-0001.md": complaint})
    (item,) = open_items(agenda_for(root), "complaint_visit")
    assert item.deadline.day == date(2026, 11, 19) and item.state == "overdue"


# --- inactivity -----------------------------------------------------------------------
NO_ORDER = policy(
    """\
inactivity:
  - {name: no_order_week, label: 超过一周未订货，一周内电话拜访, no: order, days: 7,
     within_days: 7, methods: phone, except: [owes_money]}
  - {name: no_cooperation_month, label: 超过一个月未合作，每月至少联系 2 次, no: order, days: 30,
     period: month, min: 2, methods: any}
"""
)


def test_no_order_for_more_than_a_week_needs_a_call_within_the_next_week(tree):
    customers = {"C0001": customer_file(last_order="2026-11-01")}
    agenda = agenda_for(rules_tree(tree, NO_ORDER, customers))
    (item,) = open_items(agenda, "no_order_week")
    # more than 7 days from 11-01 begins on 11-09; a call is due by 11-16
    assert item.window == Span(date(2026, 11, 9), date(2026, 11, 16))
    assert item.state == "overdue"
    assert open_items(agenda, "no_cooperation_month") == []  # not yet 30 days


def test_a_call_after_the_lapse_began_satisfies_the_inactivity_rule(tree):
    customers = {"C0001": customer_file(last_order="2026-11-01")}
    before = visit_file("2026-11-05")  # before the lapse: does not count
    agenda = agenda_for(rules_tree(tree, NO_ORDER, customers, visits=[before]))
    assert len(open_items(agenda, "no_order_week")) == 1
    after = visit_file("2026-11-12", suffix="-2")
    agenda = agenda_for(rules_tree(tree, NO_ORDER, customers, visits=[before, after]))
    assert open_items(agenda, "no_order_week") == []


def test_customers_that_owe_money_are_excepted(tree):
    customers = {"C0001": customer_file(last_order="2026-11-01", owes_money=True)}
    agenda = agenda_for(rules_tree(tree, NO_ORDER, customers))
    assert open_items(agenda, "no_order_week") == []


def test_no_cooperation_for_a_month_needs_two_contacts_every_month(tree):
    customers = {"C0001": customer_file(last_order="2026-09-15")}
    visits = [visit_file("2026-11-02")]
    agenda = agenda_for(rules_tree(tree, NO_ORDER, customers, visits=visits))
    items = open_items(agenda, "no_cooperation_month")
    # the lapse began 10-16, part-way through October: only November is judged, 1 of 2 so far
    assert [(i.deadline.day, i.need.done, i.need.count) for i in items] == [
        (date(2026, 11, 30), 1, 2)
    ]


def test_no_contact_rule_runs_from_the_last_contact(tree):
    rules = policy(
        "inactivity:\n  - {name: takeover, label: 业务部门两个月未跟进由客服接手, no: contact,"
        " days: 60, within_days: 7, methods: any, by: supervisor, lapse_by: owner}\n"
    )
    agenda = agenda_for(rules_tree(tree, rules, visits=[visit_file("2026-09-01")]))
    (item,) = open_items(agenda, "takeover")
    assert item.window.start == date(2026, 11, 1)  # more than 60 days after 09-01
    assert item.staff == ("S02",)


# --- agreed dates and promises --------------------------------------------------------
def test_next_contact_commitments_and_issue_limits(tree):
    visit = visit_file(
        "2026-11-20",
        time="10:00",
        next_contact="2026-11-25",
        commitments=[{"text": "提供报价单", "due": "2026-11-22"}],
        issues=[{"text": "空调漏水", "needs_action": True}],
    )
    agenda = agenda_for(rules_tree(tree, GRADES, visits=[visit]))
    by_rule = {i.rule: i for i in open_items(agenda)}
    assert by_rule["next_contact"].deadline.day == date(2026, 11, 25)
    assert by_rule["next_contact"].state == "due_soon"
    assert by_rule["commitment"].state == "overdue"
    assert by_rule["commitment"].subject == "提供报价单"
    assert str(by_rule["issue_forward"].deadline) == "2026-11-20 11:00"
    assert by_rule["issue_forward"].state == "overdue"


def test_a_later_contact_keeps_the_agreed_date(tree):
    visit = visit_file("2026-11-20", next_contact="2026-11-25 14:00")
    later = visit_file("2026-11-21", "wechat")
    agenda = agenda_for(rules_tree(tree, GRADES, visits=[visit, later]))
    assert open_items(agenda, "next_contact") == []


def test_a_forwarded_issue_waits_for_the_departments_first_contact(tree):
    visit = visit_file(
        "2026-11-20",
        time="10:00",
        issues=[{"text": "漏水", "needs_action": True, "department": "工程部",
                 "sent_at": "2026-11-20 10:30"}],
    )  # fmt: skip
    agenda = agenda_for(rules_tree(tree, GRADES, visits=[visit]))
    (item,) = open_items(agenda)
    assert item.rule == "issue_first_contact"
    assert str(item.deadline) == "2026-11-21 10:30" and item.state == "overdue"


# --- reminders ------------------------------------------------------------------------
REMINDERS = policy(
    """\
reminders:
  birthdays: {days_before: 3}
  festivals:
    - {name: 春节, days_before: 7}
    - {name: 公司周年庆, date: 06-18, days_before: 7}
  payment: {days_before: 3}
"""
)


def test_a_birthday_is_reminded_days_before_and_a_greeting_marks_it_done(tree):
    contacts = [{"name": "张伟", "birthday": "1980-11-25", "our_contact": "S05"}]
    customers = {"C0001": customer_file(contacts=contacts)}
    agenda = agenda_for(rules_tree(tree, REMINDERS, customers))
    (item,) = open_items(agenda, "birthday")
    assert (item.deadline.day, item.staff, item.subject) == (date(2026, 11, 25), ("S05",), "张伟")
    assert item.subject_pii == "name"
    greeting = visit_file("2026-11-23", "wechat")
    agenda = agenda_for(rules_tree(tree, REMINDERS, customers, visits=[greeting]))
    assert open_items(agenda, "birthday") == []
    far = {"C0001": customer_file(contacts=[{"name": "张伟", "birthday": "12-25"}])}
    assert open_items(agenda_for(rules_tree(tree, REMINDERS, far)), "birthday") == []


def test_a_29_february_birthday_is_greeted_on_the_28th_in_other_years(tree):
    customers = {"C0001": customer_file(contacts=[{"name": "张伟", "birthday": "02-29"}])}
    agenda = agenda_for(rules_tree(tree, REMINDERS, customers), today="2027-02-26")
    (item,) = open_items(agenda, "birthday")
    assert item.deadline.day == date(2027, 2, 28)


def test_festival_greetings_find_the_lunar_date_and_fixed_dates(tree):
    agenda = agenda_for(rules_tree(tree, REMINDERS), today="2027-02-01")
    (item,) = open_items(agenda, "festival")
    assert (item.subject, item.deadline.day) == ("春节", date(2027, 2, 6))
    agenda = agenda_for(rules_tree(tree, REMINDERS), today="2026-06-15")
    (item,) = open_items(agenda, "festival")
    assert (item.subject, item.deadline.day) == ("公司周年庆", date(2026, 6, 18))


def test_payment_is_reminded_before_the_term_ends_and_overdue_while_owed(tree):
    credit = {"limit": 50000, "term_days": 30}
    soon = {"C0001": customer_file(last_order="2026-10-25", credit=credit)}  # due 11-24
    (item,) = open_items(agenda_for(rules_tree(tree, REMINDERS, soon)), "payment")
    assert item.deadline.day == date(2026, 11, 24) and item.state == "due_soon"
    paid = {"C0001": customer_file(last_order="2026-10-01", credit=credit)}  # due 10-31
    assert open_items(agenda_for(rules_tree(tree, REMINDERS, paid)), "payment") == []
    owed = {"C0001": customer_file(last_order="2026-10-01", credit=credit, owes_money=True)}
    (item,) = open_items(agenda_for(rules_tree(tree, REMINDERS, owed)), "payment")
    assert item.state == "overdue"


def test_the_archive_review_is_a_team_item_near_the_end_of_the_quarter(tree):
    rules = GRADES + "reminders:\n  archive_review: {period: quarter}\n"
    # (the fixture's 2026H1 survey also makes the survey reminder due by then)
    (item,) = open_items(agenda_for(rules_tree(tree, rules), today="2026-12-28"), "archive_review")
    assert (item.rule, item.customer, item.staff) == ("archive_review", "", ("S04",))
    assert item.deadline.day == date(2026, 12, 31)
    assert open_items(agenda_for(rules_tree(tree, rules), today="2026-11-23")) == []
