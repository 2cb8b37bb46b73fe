"""validate/lost.py: a lost-deal report (丢单报告, seed 000: 对于丢单用户,应填写《丢单报告》)
is filed like a visit, names a known customer and staff, has happened, and gives one of the
policy's lost reasons; a customer who has left says why."""

from __future__ import annotations

from builders import codes, customer, day, lost_deal, policy, records, visit

from generator.model import Opportunity
from generator.problems import Source
from generator.validate import run_checks
from generator.validate.lost import completeness, file_names, references

TODAY = day("2026-11-23")


def test_a_report_named_date_customer_in_its_years_folder_passes():
    deal = lost_deal("2026-11-10")
    assert deal.source.path == "records/lost/2026/2026-11-10-C0001.md"
    assert file_names(records(losses=[deal]), TODAY) == []
    # a second report on the same day takes -2, as visits do
    again = lost_deal("2026-11-10", id="2026-11-10-C0001-2")
    assert file_names(records(losses=[deal, again]), TODAY) == []


def test_a_name_that_is_not_date_customer_and_a_wrong_year_folder_are_warned():
    misnamed = lost_deal("2026-11-10", id="2026-11-09-C0001")
    (found,) = file_names(records(losses=[misnamed]), TODAY)
    assert found.code == "lost.filename_mismatch" and found.severity == "warning"
    assert "应以 2026-11-10-C0001 开头" in found.message_zh
    moved = lost_deal("2025-12-30", source=Source("records/lost/2026/2025-12-30-C0001.md"))
    (found,) = file_names(records(losses=[moved]), TODAY)
    assert found.code == "path.year_mismatch"
    assert "records/lost/2025/" in found.message_zh


def test_the_customer_and_every_staff_member_must_exist():
    deal = lost_deal(customer="C0099", staff=("S01", "S77"))
    found = references(records(losses=[deal]), TODAY)
    assert codes(found) == ["ref.unknown_customer", "ref.unknown_staff"]
    assert "S77" in found[1].message_zh and found[1].path == "staff[1]"


def test_a_deal_lost_after_today_cannot_be_reported():
    assert references(records(losses=[lost_deal("2026-11-23")]), TODAY) == []
    (found,) = references(records(losses=[lost_deal("2026-11-24")]), TODAY)
    assert found.code == "dates.in_future" and "丢单日期" in found.message_zh


def test_the_reason_is_one_of_the_policys_list_default_or_the_teams_own():
    # the default list (schema/policy.json) has price; a team's own list replaces it
    assert references(records(losses=[lost_deal(reason="price")]), TODAY) == []
    (found,) = references(records(losses=[lost_deal(reason="pricey")]), TODAY)
    assert found.code == "lost.unknown_reason" and found.severity == "error"
    assert "price 价格偏高" in found.message_zh and found.path == "reason"
    own = policy(lost_reasons=[{"id": "tender", "label": "招标落选"}])
    (found,) = references(records(losses=[lost_deal(reason="price")], rules=own), TODAY)
    assert found.code == "lost.unknown_reason" and "可选：tender 招标落选；" in found.message_zh
    assert references(records(losses=[lost_deal(reason="tender")], rules=own), TODAY) == []


def test_an_unreadable_policy_does_not_judge_the_reason():
    deal = lost_deal(reason="tender")
    assert references(records(losses=[deal], policy_usable=False), TODAY) == []


def test_the_checks_run_with_the_others():
    found = run_checks(records(customers=[customer()], losses=[lost_deal(reason="x")]), TODAY)
    assert "lost.unknown_reason" in codes(found)


# --- a customer who leaves says why (seed 001: 对于流失客户…了解其离开原因) ---------------
def test_a_lost_customer_needs_its_reason_or_a_lost_deal_report():
    gone = customer("C0002", stage="lost", source=Source("records/customers/C0002.md"))
    staying = customer("C0003", stage="loyal")
    (found,) = completeness(records(customers=[customer(), gone, staying]), TODAY)
    assert found.code == "customer.lost_reason_missing" and found.severity == "warning"
    assert found.source.path == "records/customers/C0002.md" and found.path == "stage"
    assert "lost_reason（可选：price 价格偏高" in found.message_zh
    assert "huifang new lost --customer C0002" in found.message_zh
    with_reason = customer("C0002", stage="lost", lost_reason="moved")
    assert completeness(records(customers=[with_reason]), TODAY) == []
    reported = records(customers=[gone], losses=[lost_deal("2026-10-01", customer="C0002")])
    assert completeness(reported, TODAY) == []
    # another customer's report does not say why this one left
    other = records(customers=[gone, customer()], losses=[lost_deal(customer="C0001")])
    assert codes(completeness(other, TODAY)) == ["customer.lost_reason_missing"]


def test_an_unreadable_report_of_the_customer_counts_but_not_one_of_a_longer_id():
    gone = customer("C0002", stage="lost")
    unread = {"lost": frozenset({"2026-10-01-C0002-2"})}
    assert completeness(records(customers=[gone], unreadable=unread), TODAY) == []
    longer = {"lost": frozenset({"2026-10-01-C00021"})}
    assert codes(completeness(records(customers=[gone], unreadable=longer), TODAY)) == [
        "customer.lost_reason_missing"
    ]


def test_the_check_follows_the_policys_severity():
    gone = customer("C0002", stage="lost")
    strict = policy(completeness={"customer_lost_reason": {"severity": "error"}})
    (found,) = completeness(records(customers=[gone], rules=strict), TODAY)
    assert found.severity == "error"
    off = policy(completeness={"customer_lost_reason": {"severity": "off"}})
    assert completeness(records(customers=[gone], rules=off), TODAY) == []


def test_a_customers_lost_reason_is_one_of_the_policys():
    (found,) = references(records(customers=[customer(stage="lost", lost_reason="gone")]), TODAY)
    assert found.code == "lost.unknown_reason" and found.path == "lost_reason"


def lost_visit(when: str):
    return visit(when, opportunity=Opportunity(status="lost", description="外墙清洗"))


def test_a_visit_recording_a_lost_deal_is_followed_by_a_report_within_a_week():
    # as of 11-23: the 11-16 visit is 7 days old, so its report is due; the 11-17 one is not yet
    due, young = lost_visit("2026-11-16"), lost_visit("2026-11-17")
    (found,) = completeness(records(visits=[due, young]), TODAY)
    assert found.code == "visit.lost_without_report" and found.severity == "warning"
    assert found.source.path == due.source.path and found.path == "opportunity.status"
    assert "已过去 7 天" in found.message_zh
    assert "huifang new lost --customer C0001 --date 2026-11-16" in found.message_zh
    # a report dated from a week before the visit on counts, even a late one
    for report_day in ("2026-11-09", "2026-11-16", "2026-11-22"):
        filed = records(visits=[due], losses=[lost_deal(report_day)])
        assert completeness(filed, TODAY) == [], report_day
    # an older one is another deal's; another customer's report is not this one's
    for other in (lost_deal("2026-11-08"), lost_deal("2026-11-16", customer="C0002")):
        assert codes(completeness(records(visits=[due], losses=[other]), TODAY)) == [
            "visit.lost_without_report"
        ]
    # a visit whose deal is still open, won, or with no opportunity, asks for nothing
    for status in ("proposal", "won"):
        open_deal = visit("2026-11-01", opportunity=Opportunity(status=status))
        assert completeness(records(visits=[open_deal]), TODAY) == []
    off = policy(completeness={"lost_deal_report": {"severity": "off"}})
    assert completeness(records(visits=[due], rules=off), TODAY) == []
