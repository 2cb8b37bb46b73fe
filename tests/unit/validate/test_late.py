"""validate/late.py: a limit met after its deadline is a warning saying by when and how late
(domain.md §2 issues: sent within 1 hour, first contact within 24 hours; commitments due and
done; §4 complaint limits; docs/rules.md "Done late")."""

from __future__ import annotations

from builders import at, complaint, day, policy, records, visit

from generator.model import Commitment, Issue
from generator.validate.late import complaints_done_late, visits_done_late

TODAY = day("2026-11-23")


def _late(*visits, today=TODAY, **given):
    return list(visits_done_late(records(visits=visits, **given), today))


def test_a_promise_kept_a_day_after_it_was_due_is_one_day_late():
    # docs/rules.md: a promise due 11-18 kept 11-19 is 1 day late
    kept = Commitment(text="送样品", due=day("2026-11-18"), done=day("2026-11-19"))
    ((code, _, path, params),) = _late(visit("2026-11-10", commitments=(kept,)))
    assert code == "visit.done_late" and path == ("commitments", 0, "done")
    assert (params["deadline"], params["done"], params["late"]) == (
        "2026-11-18",
        "2026-11-19",
        "1 天",
    )
    assert params["what_zh"] == "承诺“送样品”"


def test_a_promise_kept_on_its_due_day_or_not_yet_kept_is_not_late():
    on_time = Commitment(text="送样品", due=day("2026-11-18"), done=day("2026-11-18"))
    still_open = Commitment(text="回电", due=day("2026-11-18"))  # overdue, but not done late
    assert _late(visit("2026-11-10", commitments=(on_time, still_open))) == []


def test_an_issue_is_forwarded_within_one_hour_of_the_visit():
    # visit at 10:00, 60 minutes: 11:00 is in time, 12:00 is 1 hour late
    in_time = Issue(
        text="漏水", needs_action=True, department="工程部", sent_at=at("2026-11-20 11:00")
    )
    assert _late(visit("2026-11-20", time="10:00", issues=(in_time,))) == []
    late = Issue(
        text="漏水", needs_action=True, department="工程部", sent_at=at("2026-11-20 12:00")
    )
    ((_, _, path, params),) = _late(visit("2026-11-20", time="10:00", issues=(late,)))
    assert path == ("issues", 0, "sent_at") and params["late"] == "1 小时"
    assert params["deadline"] == "2026-11-20 11:00"


def test_without_a_visit_time_the_hour_runs_from_the_end_of_its_day():
    # docs/rules.md "When a visit happened": 60 minutes from 11-20 without a time run to 11-21 01:00
    sent = Issue(
        text="漏水", needs_action=True, department="工程部", sent_at=at("2026-11-21 00:59")
    )
    assert _late(visit("2026-11-20", issues=(sent,))) == []
    sent = Issue(
        text="漏水", needs_action=True, department="工程部", sent_at=at("2026-11-21 01:30")
    )
    ((_, _, _, params),) = _late(visit("2026-11-20", issues=(sent,)))
    assert params["late"] == "30 分钟"


def test_the_department_contacts_the_customer_within_24_hours_of_receiving_the_issue():
    # sent 11-20 11:00: 11-21 11:00 is exactly 24 hours (in time), 11:30 is 30 minutes late
    def issue(first_contact):
        return Issue(
            text="漏水",
            needs_action=True,
            department="工程部",
            sent_at=at("2026-11-20 11:00"),
            first_contact_at=at(first_contact),
        )

    assert _late(visit("2026-11-20", time="10:30", issues=(issue("2026-11-21 11:00"),))) == []
    found = _late(visit("2026-11-20", time="10:30", issues=(issue("2026-11-21 11:30"),)))
    assert [(path, params["late"]) for _, _, path, params in found] == [
        (("issues", 0, "first_contact_at"), "30 分钟")
    ]


def test_an_agreed_next_contact_made_two_days_after_the_agreed_day():
    agreed = visit("2026-11-10", next_contact=day("2026-11-20"))
    then = visit("2026-11-22", method="onsite")
    ((_, _, path, params),) = _late(agreed, then)
    assert path == ("next_contact",) and params["late"] == "2 天"


def test_visits_after_today_before_due_start_or_under_an_unusable_policy_are_not_judged():
    kept = Commitment(text="送样品", due=day("2026-11-18"), done=day("2026-11-19"))
    promise = visit("2026-11-10", commitments=(kept,))
    assert _late(promise, today=day("2026-11-09")) == []  # the visit is still to come
    assert _late(promise, rules=policy(due={"start": "2026-11-11"})) == []
    assert _late(promise, policy_usable=False) == []


def test_a_complaint_registered_half_an_hour_after_its_24_hours():
    # domain.md §4 registered within 24 hours: received 11-02 09:30 → by 11-03 09:30
    late = complaint(received=at("2026-11-02 09:30"), registered=at("2026-11-03 10:00"))
    ((code, _, path, params),) = complaints_done_late(records(complaints=[late]), TODAY)
    assert (code, path) == ("complaint.done_late", ("registered",))
    assert (params["deadline"], params["late"], params["limit"]) == (
        "2026-11-03 09:30",
        "30 分钟",
        "24 小时",
    )


def test_a_complaint_resolved_a_working_day_late_over_national_day():
    # 3 working days from 09-30: 10-01..10-07 off, 10-08, 10-09, 10-10 (adjusted Saturday)
    late = complaint(received=at("2026-09-30 10:00"), resolved=at("2026-10-12 09:00"))
    found = complaints_done_late(records(complaints=[late]), TODAY)
    resolve = [params for _, _, path, params in found if path == ("resolved",)]
    assert resolve == [resolve[0]] and resolve[0]["deadline"] == "2026-10-10"
    assert resolve[0]["late"] == "1 天 9 小时"  # from the end of 10-10 to 10-12 09:00
