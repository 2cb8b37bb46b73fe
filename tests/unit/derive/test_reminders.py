"""derive/reminders.py: birthdays, festivals, payment terms, the archive review (domain.md §3:
payment due in 3 days 账期提前3天提醒回款; birthdays of key contacts and family; 春节, 中秋,
周年庆 greetings; §1: the archive reviewed in full every quarter)."""

from __future__ import annotations

from builders import context, customer, day, policy, records, visit

from generator.derive.reminders import month_day, reminder_items
from generator.model import Contact, Credit, FamilyMember


def _items(today, *visits, customers=None, **reminders):
    recs = records(
        customers=customers or [customer()], visits=visits, rules=policy(reminders=reminders)
    )
    return reminder_items(context(recs, today))


# --- payment (seed 002 1.11: 提前3天提醒客户安排回款) ---------------------------------------
def _owing(**fields):
    return customer(last_order=day("2026-11-01"), credit=Credit(term_days=30), **fields)


def test_a_payment_is_reminded_from_three_days_before_its_day():
    # ordered 11-01 with 30 days' credit: due 12-01, reminded from 11-28
    assert _items("2026-11-27", customers=[_owing()], payment={}) == []
    (item,) = _items("2026-11-28", customers=[_owing()], payment={})
    assert (item.rule, str(item.deadline), item.state) == ("payment", "2026-12-01", "due_soon")


def test_a_collection_call_from_the_reminder_day_on_marks_it_done():
    collect = visit("2026-11-28", purpose=("collection",))
    (item,) = _items("2026-11-30", collect, customers=[_owing()], payment={})
    assert item.state == "done"
    early = visit("2026-11-27", purpose=("collection",))  # before the reminder: not it
    chat = visit("2026-11-29", purpose=("relationship",))  # not about the payment
    assert [
        i.state for i in _items("2026-11-30", early, chat, customers=[_owing()], payment={})
    ] == ["due_soon"]


def test_after_its_day_a_payment_is_overdue_only_while_money_is_owed():
    assert _items("2026-12-02", customers=[_owing()], payment={}) == []
    (item,) = _items("2026-12-02", customers=[_owing(owes_money=True)], payment={})
    assert item.state == "overdue"


def test_without_a_payment_section_or_a_credit_term_nothing_is_reminded():
    assert _items("2026-11-28", customers=[_owing()]) == []
    assert (
        _items("2026-11-28", customers=[customer(last_order=day("2026-11-01"))], payment={}) == []
    )


# --- birthdays --------------------------------------------------------------------------
def test_a_key_contacts_birthday_is_reminded_three_days_before():
    zhang = customer(contacts=(Contact(name="张伟", birthday="1980-11-26", our_contact="S02"),))
    assert _items("2026-11-22", customers=[zhang], birthdays={}) == []
    (item,) = _items("2026-11-23", customers=[zhang], birthdays={})  # 11-26 − 3 days
    assert (item.label, str(item.deadline), item.staff, item.subject) == (
        "关键人物生日问候",
        "2026-11-26",
        ("S02",),  # who holds the relationship
        "张伟",
    )
    (done,) = _items("2026-11-25", visit("2026-11-24"), customers=[zhang], birthdays={})
    assert done.state == "done"


def test_a_family_birthday_on_29_february_falls_on_the_28th_in_other_years():
    assert month_day("02-29", 2027) == day("2027-02-28") and month_day("02-29", 2028) == day(
        "2028-02-29"
    )
    family = customer(family=(FamilyMember(name="小明", relation="child", birthday="2016-02-29"),))
    (item,) = _items("2027-02-26", customers=[family], birthdays={})
    assert (item.label, str(item.deadline)) == ("家人生日问候", "2027-02-28")


# --- festivals --------------------------------------------------------------------------
def test_spring_festival_greetings_a_week_before_on_the_official_calendar():
    # 春节 2026 falls on 02-17; days_before 7 (schema default): from 02-10
    assert _items("2026-02-09", festivals=[{"name": "春节"}]) == []
    (item,) = _items("2026-02-10", festivals=[{"name": "春节"}])
    assert (item.label, str(item.deadline)) == ("春节问候", "2026-02-17")


def test_the_teams_own_festival_date_and_its_customers():
    anniversary = [
        {"name": "周年庆", "date": "06-18", "days_before": 2, "applies": {"grade": ["A"]}}
    ]
    customers = [customer("C0001", grade="A"), customer("C0002", grade="B")]
    found = _items("2026-06-16", customers=customers, festivals=anniversary)
    assert [(i.customer, str(i.deadline)) for i in found] == [("C0001", "2026-06-18")]


# --- archive review (seed 001: 客户信息档案每季度全面整理、审核一次) ---------------------------
def test_the_quarterly_archive_review_shows_once_its_end_is_seven_days_away():
    # Q4 ends 12-31: 12-24 is 7 days before (due_soon), 12-23 eight (not yet)
    assert _items("2026-12-23", archive_review={}) == []
    (item,) = _items("2026-12-24", archive_review={})
    assert (item.rule, item.customer, item.staff, str(item.deadline)) == (
        "archive_review",
        "",
        ("S03",),
        "2026-12-31",
    )
