"""derive/agreed.py: what a visit agreed (domain.md §2): the next contact, promises with a due
date, and issues sent to a department within 1 hour and first contacted within 24 hours."""

from __future__ import annotations

from builders import at, context, customer, day, policy, records, visit

from generator.derive.agreed import agreed_items
from generator.model import Commitment, Issue


def _items(today, *visits, **more):
    recs = records(visits=visits, rules=policy(**more))
    return {i.rule: i for i in agreed_items(context(recs, today))}


def test_an_agreed_next_contact_is_done_by_a_contact_on_a_later_day():
    agreed = visit("2026-11-10", next_contact=day("2026-11-20"))
    same_day = visit("2026-11-10", id="2026-11-10-C0001-wechat", method="wechat")
    item = _items("2026-11-18", agreed, same_day)["next_contact"]
    assert (str(item.deadline), item.state, item.need.done) == ("2026-11-20", "due_soon", 0)
    item = _items("2026-11-18", agreed, visit("2026-11-12", method="onsite"))["next_contact"]
    assert (item.state, item.evidence) == ("done", ("2026-11-12-C0001-onsite",))
    assert _items("2026-11-21", agreed)["next_contact"].state == "overdue"


def test_an_agreed_moment_is_a_timed_deadline():
    agreed = visit("2026-11-10", next_contact=at("2026-11-20 15:00"))
    assert str(_items("2026-11-18", agreed)["next_contact"].deadline) == "2026-11-20 15:00"


def test_a_promise_is_done_when_it_has_a_done_date_and_is_for_the_visits_staff():
    promise = Commitment(text="送样品", due=day("2026-11-20"))
    item = _items("2026-11-18", visit("2026-11-10", staff=("S02",), commitments=(promise,)))[
        "commitment"
    ]
    assert (item.state, item.staff, item.subject) == ("due_soon", ("S02",), "送样品")
    kept = Commitment(text="送样品", due=day("2026-11-20"), done=day("2026-11-19"))
    assert (
        _items("2026-11-21", visit("2026-11-10", commitments=(kept,)))["commitment"].state == "done"
    )
    no_due = Commitment(text="有空再聊")
    assert "commitment" not in _items("2026-11-18", visit("2026-11-10", commitments=(no_due,)))


def test_an_issue_is_due_at_the_department_an_hour_after_the_visit():
    issue = Issue(text="漏水", needs_action=True)
    found = _items("2026-11-20", visit("2026-11-20", time="10:00", issues=(issue,)))
    assert str(found["issue_forward"].deadline) == "2026-11-20 11:00"
    assert "issue_first_contact" not in found  # not sent yet: nothing to contact about
    untimed = _items("2026-11-20", visit("2026-11-20", issues=(issue,)))
    assert str(untimed["issue_forward"].deadline) == "2026-11-21 01:00"  # end of day + 60 min


def test_once_sent_the_department_contacts_the_customer_within_24_hours():
    sent = Issue(
        text="漏水", needs_action=True, department="工程部", sent_at=at("2026-11-20 10:30")
    )
    found = _items("2026-11-21", visit("2026-11-20", time="10:00", issues=(sent,)))
    assert found["issue_forward"].state == "done"
    assert str(found["issue_first_contact"].deadline) == "2026-11-21 10:30"
    assert found["issue_first_contact"].state == "due_today"


def test_the_team_sets_its_own_limits():
    issue = Issue(text="漏水", needs_action=True)
    found = _items(
        "2026-11-20",
        visit("2026-11-20", time="10:00", issues=(issue,)),
        visits={"issue_forward_minutes": 30},
    )
    assert str(found["issue_forward"].deadline) == "2026-11-20 10:30"


def test_an_issue_needing_no_action_and_visits_before_due_start_give_nothing():
    note = Issue(text="顺便问候", needs_action=False)
    assert _items("2026-11-20", visit("2026-11-20", issues=(note,))) == {}
    promise = Commitment(text="送样品", due=day("2026-11-20"))
    assert (
        _items(
            "2026-11-18", visit("2026-11-10", commitments=(promise,)), due={"start": "2026-11-11"}
        )
        == {}
    )


def test_a_meetings_promises_are_listed_once_under_its_first_customer():
    promise = Commitment(text="修路灯", due=day("2026-11-20"))
    meeting = visit("2026-11-10", method="meeting", customers=("C0002",), commitments=(promise,))
    recs = records(customers=[customer("C0001"), customer("C0002")], visits=[meeting])
    assert [i.customer for i in agreed_items(context(recs, "2026-11-18"))] == ["C0001"]
