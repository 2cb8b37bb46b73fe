"""derive/analysis.py: complaints per month by category (domain.md §4: 投诉分析 every month) and
each staff member's weekly calls against the target (seed 000: 每周电话回访客户不少于18位)."""

from __future__ import annotations

from builders import TEAM, at, complaint, context, customer, policy, records, staff, visit

from generator.derive.analysis import complaint_months, weekly_target, weekly_workload
from generator.derive.sla import complaint_statuses


def test_an_agent_calls_eighteen_customers_a_week_unless_given_their_own_target():
    rules = policy()
    assert weekly_target(staff("S01"), rules) == 18  # schema default workload.weekly_contacts
    assert weekly_target(staff("S01", weekly_target=25), rules) == 25
    assert weekly_target(staff("S02", role="supervisor"), rules) == 0
    assert weekly_target(staff("S02", role="supervisor", weekly_target=5), rules) == 5
    assert weekly_target(staff("S01"), policy(workload={"weekly_contacts": 30})) == 30


def test_the_week_counts_distinct_customers_and_a_meeting_counts_each_of_its_customers():
    # today 11-25 (Wed): the week is 11-23–11-29; 11-22 belongs to the week before
    customers = [customer(f"C000{n}") for n in range(1, 5)]
    visits = [
        visit("2026-11-22", customer="C0004"),
        visit("2026-11-23", customer="C0001"),
        visit("2026-11-24", customer="C0001", method="wechat"),  # the same customer again
        visit("2026-11-24", customer="C0002", method="meeting", customers=("C0003",)),
        visit("2026-11-26", customer="C0004"),  # after today: not yet a contact
    ]
    every_contact = policy(workload={"methods": "any"})  # the default counts calls only
    recs = records(customers=customers, visits=visits, rules=every_contact)
    rows = weekly_workload(context(recs, "2026-11-25"))
    # TEAM: S01 agent (3 customers), S04 an inactive agent (no row), others no target
    assert [(w.staff, w.customers, w.target, str(w.week)) for w in rows] == [
        ("S01", 3, 18, "2026-11-23–2026-11-29")
    ]


def test_only_the_workload_methods_count():
    visits = [visit("2026-11-23", method="onsite"), visit("2026-11-24", customer="C0002")]
    recs = records(
        customers=[customer("C0001"), customer("C0002")],
        visits=visits,
        team=TEAM[:1],
        rules=policy(workload={"methods": "phone"}),
    )
    assert [w.customers for w in weekly_workload(context(recs, "2026-11-25"))] == [1]


def test_complaints_by_month_category_channel_and_responder():
    complaints = [
        complaint("K1", received=at("2026-10-30 10:00"), category="quality"),
        complaint(
            "K2",
            received=at("2026-11-02 09:30"),
            category="service",
            first_responder="S02",
            resolved=at("2026-11-03 10:00"),
        ),
        complaint("K3", received=at("2026-11-20 09:30"), category="service", channel="written"),
    ]
    ctx = context(records(complaints=complaints), "2026-11-23")
    months = complaint_months(complaint_statuses(ctx))
    assert [(m.month, m.total) for m in months] == [("2026-10", 1), ("2026-11", 2)]
    november = months[1]
    assert november.by_category == {"service": 2}
    assert november.by_channel == {"phone": 1, "written": 1}
    assert november.by_responder == {"S02": 1, "-": 1}
    assert (november.resolved, november.resolved_in_time) == (1, 1)
    # K2 and K3 have no registration recorded: breached 24 hours after receipt (K1 too)
    assert november.with_breach == 2 and months[0].with_breach == 1


def test_by_default_only_calls_count_toward_the_weekly_eighteen():
    visits = [visit("2026-11-23", method="onsite"), visit("2026-11-24", customer="C0002")]
    recs = records(customers=[customer("C0001"), customer("C0002")], visits=visits, team=TEAM[:1])
    assert [w.customers for w in weekly_workload(context(recs, "2026-11-25"))] == [1]
