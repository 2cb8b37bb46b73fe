"""derive/deals.py: the opportunities the visits follow (跟单总控表) and the lost deals summed
up (丢单汇总分析), every figure worked out by hand from the records below."""

from __future__ import annotations

from builders import day, lost_deal, visit

from generator.derive.deals import lost_summary, open_opportunities, opportunities
from generator.model import Opportunity

TODAY = day("2026-11-23")


def _seen(when, customer="C0001", status=None, description=None, next_step=None, **fields):
    chance = Opportunity(status=status, description=description, next_step=next_step)
    return visit(when, customer=customer, opportunity=chance, **fields)


def test_one_customers_visits_follow_one_opportunity_until_it_is_won_or_lost():
    visits = [
        _seen("2026-09-01", status="lead", description="外墙清洗"),
        visit("2026-09-15"),  # no opportunity on it: not part of the deal
        _seen("2026-10-01", status="qualified", next_step="现场勘察"),
        _seen("2026-10-20", status="won"),  # closed: won
        _seen("2026-11-02", status="lead", description="绿化改造", next_step="报价"),
    ]
    found = opportunities(visits, TODAY)
    assert [(o.opened.isoformat(), len(o.visits), o.status, o.is_open) for o in found] == [
        ("2026-09-01", 3, "won", False),
        ("2026-11-02", 1, "lead", True),
    ]
    first = found[0]
    assert first.latest_of("description") == "外墙清洗"  # the latest visit that gives one
    assert first.latest_of("next_step") == "现场勘察"
    (still,) = open_opportunities(visits, TODAY)
    assert still.age(TODAY) == 21  # 2026-11-02 → 11-23
    assert still.latest_of("description") == "绿化改造"


def test_a_status_of_none_closes_an_opportunity_and_opens_nothing():
    visits = [
        _seen("2026-10-01", status="none"),  # nothing open: nothing to follow
        _seen("2026-10-05", status="proposal", description="保洁外包"),
        _seen("2026-10-09", status="none"),  # the customer dropped it
    ]
    (only,) = opportunities(visits, TODAY)
    assert only.opened == day("2026-10-05") and only.status == "none" and not only.is_open
    assert open_opportunities(visits, TODAY) == []


def test_a_status_not_given_is_open_and_customers_are_followed_apart():
    visits = [
        _seen("2026-08-01", customer="C0002", description="车位租赁"),  # no status: open
        _seen("2026-10-10", customer="C0001", status="proposal"),
        _seen("2026-10-12", customer="C0002", status="lost"),
        _seen("2026-11-01", customer="C0003", status="qualified"),
    ]
    still = open_opportunities(visits, TODAY)
    # newest first: C0003 (opened 11-01), then C0001 (10-10); C0002's ended lost on 10-12
    assert [(o.customer, o.age(TODAY)) for o in still] == [("C0003", 22), ("C0001", 44)]
    lost = [o for o in opportunities(visits, TODAY) if o.customer == "C0002"]
    assert lost[0].status == "lost" and len(lost[0].visits) == 2


def test_opened_the_same_day_the_latest_followed_first_then_by_customer():
    visits = [
        _seen("2026-11-17", customer="C0038", status="lead"),
        _seen("2026-11-17", customer="C0014", status="lead"),
        _seen("2026-11-17", customer="C0029", status="lead"),
        _seen("2026-11-19", customer="C0029", status="qualified"),
    ]
    assert [o.customer for o in open_opportunities(visits, TODAY)] == ["C0029", "C0014", "C0038"]


def test_visits_after_the_as_of_day_are_not_yet_followed():
    visits = [_seen("2026-11-20", status="lead"), _seen("2026-11-24", status="won")]
    (still,) = open_opportunities(visits, TODAY)
    assert still.status == "lead" and still.age(TODAY) == 3


def test_lost_deals_by_month_reason_competitor_and_staff():
    deals = [
        lost_deal("2026-09-03", customer="C0001", reason="price", competitor="城安物业",
                  amount=120000, staff=("S01",)),
        lost_deal("2026-09-20", customer="C0002", reason="price", competitor="城安物业",
                  staff=("S01", "S02")),  # no amount known; followed by two
        lost_deal("2026-10-08", customer="C0003", reason="service", amount=30000.5,
                  staff=("S02",)),  # no competitor named
        lost_deal("2026-11-30", customer="C0004", reason="budget", amount=1),  # after today
    ]  # fmt: skip
    summary = lost_summary(deals, TODAY)
    assert [d.customer for d in summary.deals] == ["C0003", "C0002", "C0001"]  # newest first
    assert (summary.total.deals, summary.total.amount, summary.total.priced) == (3, 150000.5, 2)
    table = lambda tallies: [(t.key, t.deals, t.amount, t.priced) for t in tallies]  # noqa: E731
    assert table(summary.by_month) == [("2026-09", 2, 120000, 1), ("2026-10", 1, 30000.5, 1)]
    assert table(summary.by_reason) == [("price", 2, 120000, 1), ("service", 1, 30000.5, 1)]
    assert table(summary.by_competitor) == [("城安物业", 2, 120000, 1), ("", 1, 30000.5, 1)]
    # S01: deals 1 and 2 (120,000 known); S02: deals 2 and 3 (30,000.5 known) — each counts
    assert table(summary.by_staff) == [("S01", 2, 120000, 1), ("S02", 2, 30000.5, 1)]


def test_no_lost_deal_sums_to_nothing():
    summary = lost_summary([], TODAY)
    assert summary.deals == () and summary.total.deals == 0 and summary.by_month == ()
