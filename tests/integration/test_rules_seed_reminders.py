"""Issue 18: rules a team can trust — defects and the seed rules the policy language gained.

Every expectation is computed by hand from the seed text or the issue (today: Mon 2026-11-23
unless given)."""

from __future__ import annotations

from datetime import date

from conftest import RULES_TEAM, agenda_for, customer_file, open_items, rules_tree, visit_file

from generator.derive import AsOf, derive_complaints
from generator.derive.periods import Span
from generator.read.load import load_records

GRADES = "grades:\n  - {id: A, label: 重要客户}\n  - {id: B, label: 普通客户}\nareas: [一区]\n"


# --- defect 4: the first days of 2027 -------------------------------------------------------
def test_a_complaint_before_new_year_2027_keeps_new_years_day_off(tree):
    complaint = (
        "---\nid: K2026-0001\ncustomer: C0001\nreceived: 2026-12-30 10:00\nchannel: phone\n"
        "category: service\nfirst_responder: S01\n---\n投诉内容。\n"
    )
    files = {
        "team.yaml": RULES_TEAM,
        "policy.yaml": GRADES,
        "customers/C0001.md": customer_file(),
        "visits/2026/2026-11-20-C0001-phone.md": None,
        "complaints/2026/K2026-0001.md": complaint,
    }
    records = load_records(tree(files)).records
    report = derive_complaints(records, AsOf.day(date(2026, 12, 31)))
    (status,) = report.statuses
    resolve = next(s for s in status.stages if s.name == "resolve")
    # Thu 12-31 (1), Fri 2027-01-01 元旦, the weekend, Mon 01-04 (2), Tue 01-05 (3)
    assert resolve.deadline.day == date(2027, 1, 5)
    (warning,) = report.problems
    assert warning.code == "calendar.unknown_year" and "2027" in warning.message_zh
    assert "policy.yaml" in warning.message_zh and "calendar" in warning.message_zh
    assert "extra_workdays" in warning.message_en


PAYMENT = GRADES + "reminders:\n  payment: {days_before: 3}\n"


# --- issue 18: a payment reminder can be done; inactivity `by` ----------------------------
def test_a_collection_call_in_the_reminder_window_marks_the_payment_reminder_done(tree):
    # term 30 days from the last order 2026-10-27: payment due 11-26, reminded from 11-23
    credit = {"term_days": 30}
    owed = {"C0001": customer_file(last_order="2026-10-27", credit=credit, owes_money=True)}
    collection = visit_file("2026-11-24", purpose=["collection"])
    agenda = agenda_for(rules_tree(tree, PAYMENT, owed, visits=[collection]), "2026-11-25")
    (item,) = [i for i in agenda.items if i.rule == "payment"]
    assert item.state == "done" and item.evidence == ("2026-11-24-C0001-phone",)
    assert item.deadline.day == date(2026, 11, 26)


def test_only_a_collection_contact_from_the_reminder_day_on_reminds_the_customer_to_pay(tree):
    # 提前3天提醒客户安排回款: a call about something else, or one before 11-23, is no reminder
    credit = {"term_days": 30}
    owed = {"C0001": customer_file(last_order="2026-10-27", credit=credit, owes_money=True)}
    other = visit_file("2026-11-24", purpose=["relationship"])
    early = visit_file("2026-11-20", suffix="-2", purpose=["collection"])
    agenda = agenda_for(rules_tree(tree, PAYMENT, owed, visits=[other, early]), "2026-11-25")
    (item,) = open_items(agenda, "payment")
    assert item.state == "due_soon"
    # after the day, a collection call while the money is owed completes it, late
    late = visit_file("2026-11-30", suffix="-3", purpose=["collection"])
    agenda = agenda_for(rules_tree(tree, PAYMENT, owed, visits=[other, late]), "2026-12-01")
    (item,) = [i for i in agenda.items if i.rule == "payment"]
    assert item.state == "done"


def test_inactivity_by_owner_is_not_ended_by_another_agents_call(tree):
    rules = GRADES + (
        "inactivity:\n  - {name: owner_lapse, label: 负责人两个月未联系, no: contact, days: 60,"
        " within_days: 7, methods: any, by: owner}\n"
    )
    owner_call = visit_file("2026-09-01")
    other_call = visit_file("2026-11-10", suffix="-2", staff=["S05"])
    agenda = agenda_for(rules_tree(tree, rules, visits=[owner_call, other_call]))
    # the owner's last call 09-01: more than 60 days from 11-01, a call by the owner due 11-08
    (item,) = open_items(agenda, "owner_lapse")
    assert item.window == Span(date(2026, 11, 1), date(2026, 11, 8))
    assert item.state == "overdue" and item.staff == ("S01",)
    owner_again = visit_file("2026-11-12", suffix="-3")
    agenda = agenda_for(rules_tree(tree, rules, visits=[owner_call, other_call, owner_again]))
    assert open_items(agenda, "owner_lapse") == []


# --- peak and off season (seed 000: 旺季至少一周电话回访一次，淡季半个月电话回访一次) ----------------
SEASONS = GRADES + (
    "cadence:\n"
    "  - {name: peak_phone, label: 旺季每周电话回访, months: [4, 5, 6, 7, 8, 9, 10],"
    " methods: phone, period: week, min: 1}\n"
    "  - {name: off_phone, label: 淡季每半月电话回访, months: [11, 12, 1, 2, 3],"
    " methods: phone, period: two_weeks, min: 1}\n"
    "due: {start: 2026-10-01}\n"
)


def test_a_season_judges_only_the_periods_that_start_in_its_months(tree):
    agenda = agenda_for(rules_tree(tree, SEASONS))
    # peak: the weeks starting 10-05, 10-12, 10-19, 10-26 were missed (09-28 was joined part-way);
    # the weeks starting in November are off season
    (peak,) = open_items(agenda, "peak_phone")
    assert peak.state == "overdue" and peak.deadline.day == date(2026, 10, 11)
    assert [s.start for s in peak.missed] == [date(2026, 10, d) for d in (5, 12, 19, 26)]
    # off season: fortnights 10-19–11-01 (starts in October: peak), 11-02–11-15 missed,
    # 11-16–11-29 running
    missed, running = open_items(agenda, "off_phone")
    assert missed.missed == (Span(date(2026, 11, 2), date(2026, 11, 15)),)
    assert (running.state, running.deadline.day) == ("due_soon", date(2026, 11, 29))


def test_a_call_in_the_off_season_counts_for_its_fortnight(tree):
    agenda = agenda_for(rules_tree(tree, SEASONS, visits=[visit_file("2026-11-10")]))
    assert open_items(agenda, "peak_phone") == []  # a later call ends the missed weeks
    (running,) = open_items(agenda, "off_phone")
    assert running.window == Span(date(2026, 11, 16), date(2026, 11, 29))


# --- the weekly target counts phone calls only (seed 000: 每周电话回访客户不少于18位) ----------
def test_the_weekly_target_counts_only_the_policys_methods(tree):
    customers = {c: customer_file(c) for c in ("C0001", "C0002", "C0003")}
    visits = [
        visit_file("2026-11-23", "phone", "C0001"),
        visit_file("2026-11-24", "onsite", "C0002"),
        visit_file("2026-11-24", "wechat", "C0003"),
    ]
    phone_only = GRADES + "workload: {weekly_contacts: 18, methods: [phone]}\n"
    agenda = agenda_for(rules_tree(tree, phone_only, customers, visits), "2026-11-25")
    s01 = next(w for w in agenda.workload if w.staff == "S01")
    assert (s01.customers, s01.target) == (1, 18)
    agenda = agenda_for(rules_tree(tree, GRADES, customers, visits), "2026-11-25")
    s01 = next(w for w in agenda.workload if w.staff == "S01")
    assert (
        s01.customers == 2
    )  # by default the phone group (phone, wechat, sms): 每周电话回访客户不少于18位
    every = GRADES + "workload: {weekly_contacts: 18, methods: any}\n"
    agenda = agenda_for(rules_tree(tree, every, customers, visits), "2026-11-25")
    s01 = next(w for w in agenda.workload if w.staff == "S01")
    assert s01.customers == 3


# --- festival greetings by senior management (seed 000: 由公司高层与客户关键决策人…沟通) ------
def test_a_festival_greeting_by_the_department_head_counts_only_when_the_head_makes_it(tree):
    rules = GRADES + "reminders:\n  festivals:\n    - {name: 春节, days_before: 7, by: manager}\n"
    owner_call = visit_file("2027-02-01")
    # 春节 2027-02-06, reminded from 01-30; for the manager S04, the owner's call does not count
    agenda = agenda_for(rules_tree(tree, rules, visits=[owner_call]), "2027-02-01")
    (item,) = open_items(agenda, "festival")
    assert (item.deadline.day, item.staff, item.need.by) == (date(2027, 2, 6), ("S04",), "manager")
    head_call = visit_file("2027-02-01", suffix="-2", staff=["S04"])
    agenda = agenda_for(rules_tree(tree, rules, visits=[owner_call, head_call]), "2027-02-01")
    (item,) = [i for i in agenda.items if i.rule == "festival"]
    assert item.state == "done" and item.evidence == ("2027-02-01-C0001-phone-2",)


def test_a_birthday_reminder_by_owner_goes_to_the_owner_not_our_contact(tree):
    rules = GRADES + "reminders:\n  birthdays: {days_before: 3, by: owner}\n"
    contacts = [{"name": "张伟", "birthday": "11-25", "our_contact": "S05"}]
    customers = {"C0001": customer_file(contacts=contacts)}
    greeting = visit_file("2026-11-23", "wechat", staff=["S05"])
    agenda = agenda_for(rules_tree(tree, rules, customers, visits=[greeting]))
    (item,) = open_items(agenda, "birthday")
    assert item.staff == ("S01",)


# --- "more than a month" in calendar months ------------------------------------------------
def test_add_months_clamps_to_the_end_of_the_month():
    from generator.derive.periods import add_months

    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert add_months(date(2026, 12, 15), 2) == date(2027, 2, 15)


MONTHS = GRADES + (
    "inactivity:\n  - {name: no_order_month, label: 超过一个月未订货，一个月内联系, no: order,"
    " months: 1, within_months: 1, methods: any}\n"
)


def test_more_than_a_month_without_an_order_is_counted_in_calendar_months(tree):
    customers = {"C0001": customer_file(last_order="2026-01-31")}
    # a month after 01-31 is 02-28; more than that from 03-01; a contact within a month: 04-01
    assert open_items(agenda_for(rules_tree(tree, MONTHS, customers), "2026-02-28")) == []
    (item,) = open_items(agenda_for(rules_tree(tree, MONTHS, customers), "2026-03-05"))
    assert item.window == Span(date(2026, 3, 1), date(2026, 4, 1))
    assert item.state == "upcoming"


def test_more_than_a_month_from_a_thirty_first_in_a_long_month(tree):
    customers = {"C0001": customer_file(last_order="2026-09-30")}
    # 09-30 + 1 month = 10-30; the lapse begins 10-31, a contact due by 11-30
    (item,) = open_items(agenda_for(rules_tree(tree, MONTHS, customers)))
    assert item.window == Span(date(2026, 10, 31), date(2026, 11, 30))
    assert item.state == "due_soon"


# --- family members' birthdays (seed 003: 客户生日（包括其家人生日）) -----------------------------
def test_a_family_members_birthday_is_reminded_to_the_owner_like_a_key_contacts(tree):
    rules = GRADES + "reminders:\n  birthdays: {days_before: 3}\n"
    family = [{"name": "李小明", "relation": "child", "birthday": "2015-11-25"}]
    customers = {"C0001": customer_file(kind="individual", name="李军", family=family)}
    agenda = agenda_for(rules_tree(tree, rules, customers))
    (item,) = open_items(agenda, "birthday")
    assert (item.label, item.subject, item.subject_pii) == ("家人生日问候", "李小明", "name")
    assert (item.deadline.day, item.staff) == (date(2026, 11, 25), ("S01",))
    greeting = visit_file("2026-11-24", "wechat")
    agenda = agenda_for(rules_tree(tree, rules, customers, visits=[greeting]), "2026-11-24")
    assert open_items(agenda, "birthday") == []


def test_family_birthdays_are_checked_and_personal(tree):
    from conftest import check_json

    from generator.read.schema import default_schemas

    field = default_schemas().field("customer", ("family", 0, "birthday"))
    assert field.pii == "birthday"
    assert default_schemas().field("customer", ("family", 0, "name")).pii == "name"
    family = [{"name": "李小明", "birthday": "2015-13-40"}]
    root = rules_tree(tree, GRADES, {"C0001": customer_file(family=family)})
    _, payload = check_json(root)
    (problem,) = [p for p in payload["problems"] if p["field"] == "family[0].birthday"]
    assert problem["code"] == "schema.format"
    assert "2015" not in problem["message"]["zh"]  # a birthday is masked in messages too


# --- the example policies use the new syntax -------------------------------------------------
def example(name: str) -> str:
    from conftest import ROOT

    return (ROOT / "docs" / "policies" / f"{name}.yaml").read_text(encoding="utf-8")


def test_large_accounts_festivals_are_for_senior_management(tree):
    team = RULES_TEAM + "  - {id: S06, name: 吴总, role: director}\n"
    customers = {
        "C0001": customer_file(grade="A1", since="2026-11-16"),
        "C0002": customer_file("C0002", grade="B2", since="2026-11-16"),
    }
    root = rules_tree(tree, example("large_accounts"), customers, **{"team.yaml": team})
    agenda = agenda_for(root, "2027-02-01")  # 春节 2027-02-06, reminded from 01-30
    festivals = {i.customer: i.staff for i in open_items(agenda, "festival")}
    assert festivals == {"C0001": ("S06",), "C0002": ("S04",)}
    agenda = agenda_for(root, "2026-12-01")  # the year-end card from 12-01, by the owner
    (card,) = [i for i in open_items(agenda, "festival") if i.customer == "C0001"]
    assert (card.subject, card.staff, card.deadline.day) == (
        "年末挂历贺卡",
        ("S01",),
        date(2026, 12, 31),
    )


def test_chemical_distributor_counts_phone_calls_for_the_weekly_target(tree):
    visits = [visit_file("2026-11-23"), visit_file("2026-11-23", "onsite", "C0002")]
    customers = {"C0001": customer_file(), "C0002": customer_file("C0002")}
    agenda = agenda_for(rules_tree(tree, example("chemical_distributor"), customers, visits))
    s01 = next(w for w in agenda.workload if w.staff == "S01")
    assert (s01.customers, s01.target) == (1, 18)


def test_real_estate_greets_family_birthdays(tree):
    family = [{"name": "王小红", "relation": "spouse", "birthday": "11-24"}]
    customers = {"C0001": customer_file(grade="A", kind="individual", name="王军", family=family)}
    agenda = agenda_for(rules_tree(tree, example("real_estate"), customers))
    (item,) = open_items(agenda, "birthday")
    assert (item.label, item.deadline.day) == ("家人生日问候", date(2026, 11, 24))
