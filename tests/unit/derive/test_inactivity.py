"""derive/inactivity.py: customers gone quiet (domain.md §3, seed 002 客户跟进): no order for
more than a week → phoned within the following week; no cooperation for more than a month →
contacted at least twice a month; no follow-up by the sales department for more than two
months (unless the customer still owes money) → customer service takes over."""

from __future__ import annotations

from builders import TEAM, context, customer, day, policy, records, staff, visit

from generator.derive.inactivity import inactivity_items

NO_ORDER_WEEK = {
    "name": "no_order_week",
    "label": "超过一周未订货",
    "no": "order",
    "days": 7,
    "within_days": 7,
    "methods": "phone",
}
LAST_ORDER = day("2026-11-01")


def _items(today, *visits, rule=NO_ORDER_WEEK, customers=None, team=TEAM, **more):
    rules = policy(inactivity=[rule], **more)
    recs = records(
        customers=customers or [customer(last_order=LAST_ORDER)],
        visits=visits,
        team=team,
        rules=rules,
    )
    return inactivity_items(context(recs, today), recs.policy.inactivity[0])


def test_more_than_a_week_without_an_order_begins_on_the_eighth_day():
    # last order 11-01: 11-08 is exactly a week (not more); the lapse starts 11-09, the call is
    # due within the following week: by 11-16
    assert _items("2026-11-08") == []
    found = _items("2026-11-09")
    assert [(str(i.deadline), i.state, i.subject) for i in found] == [
        ("2026-11-16", "due_soon", "上次订货 2026-11-01")
    ]


def test_a_call_from_the_lapse_on_completes_it_one_before_it_does_not():
    assert [i.state for i in _items("2026-11-12", visit("2026-11-10"))] == ["done"]
    assert [i.state for i in _items("2026-11-12", visit("2026-11-05"))] == ["due_soon"]
    assert [i.state for i in _items("2026-11-12", visit("2026-11-10", method="onsite"))] == [
        "due_soon"
    ]


def test_without_a_last_order_since_counts_and_with_neither_the_customer_is_skipped():
    found = _items("2026-11-09", customers=[customer(since=LAST_ORDER)])
    assert [str(i.deadline) for i in found] == ["2026-11-16"]
    assert _items("2026-11-30", customers=[customer()]) == []


def test_a_month_without_cooperation_needs_two_contacts_every_month():
    # last order 09-30: a calendar month on is 10-30, so the lapse starts 10-31; October
    # (joined on its last day) is not missed, November needs 2
    rule = {
        "name": "no_order_month",
        "label": "超过一个月未合作",
        "no": "order",
        "months": 1,
        "period": "month",
        "min": 2,
        "methods": "any",
    }
    quiet = customer(last_order=day("2026-09-30"))
    found = _items("2026-11-18", visit("2026-11-05"), rule=rule, customers=[quiet])
    assert [(str(i.deadline), i.need.count, i.need.done) for i in found] == [("2026-11-30", 2, 1)]
    assert _items("2026-10-30", rule=rule, customers=[quiet]) == []


SALES_QUIET = {
    "name": "sales_quiet",
    "label": "业务部超过两个月未跟进",
    "no": "contact",
    "months": 2,
    "within_days": 7,
    "methods": "any",
    "lapse_by": "department:业务部",
    "by": "department:客服部",
    "except": ["owes_money"],
}
SERVICE_TEAM = (staff("S01", department="业务部"), staff("S05", department="客服部"))


def test_customer_service_takes_over_after_two_months_without_sales_contact():
    # sales (S01) last called 09-10: two months on is 11-10, the lapse starts 11-11; a
    # customer-service call does not end the lapse, it is the follow-up
    c = customer(since=day("2026-01-01"))
    sales_call = visit("2026-09-10")
    found = _items("2026-11-11", sales_call, rule=SALES_QUIET, customers=[c], team=SERVICE_TEAM)
    assert [(str(i.deadline), i.staff) for i in found] == [("2026-11-18", ("S05",))]
    service = visit("2026-11-12", staff=("S05",))
    found = _items(
        "2026-11-13", sales_call, service, rule=SALES_QUIET, customers=[c], team=SERVICE_TEAM
    )
    assert [i.state for i in found] == ["done"]
    assert (
        _items("2026-11-10", sales_call, rule=SALES_QUIET, customers=[c], team=SERVICE_TEAM) == []
    )


def test_a_customer_who_still_owes_money_stays_with_sales():
    owing = customer(since=day("2026-01-01"), owes_money=True)
    assert (
        _items(
            "2026-11-11",
            visit("2026-09-10"),
            rule=SALES_QUIET,
            customers=[owing],
            team=SERVICE_TEAM,
        )
        == []
    )
