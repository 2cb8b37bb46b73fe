"""Seed rules the policy language could not express before issue 18 (today: Mon 2026-11-23),
each with an expectation worked out by hand from the seed text:

- seed 002 1.4: a customer the sales department (业务部) has not followed up for more than two
  months, unless it owes money, is taken over by customer service (客服部);
- seed 002 2.2: a contact within a week of every sale (在当次销售完成后一周内);
- key industries handled by the chief (applies.industry);
- seed 000 楼长会: one building-leader meeting counts for every household it names.
"""

from __future__ import annotations

from datetime import date

from conftest import (
    RULES_TEAM,
    agenda_for,
    check_json,
    customer_file,
    open_items,
    rules_tree,
    visit_file,
)

from generator.derive.periods import Span

GRADES = "grades:\n  - {id: A, label: 重要客户}\n  - {id: B, label: 普通客户}\nareas: [一区]\n"
TEAM = """\
staff:
  - {id: S01, name: 王芳, role: agent, department: 业务部, area: 一区}
  - {id: S02, name: 李强, role: agent, department: 客服部, area: 一区}
  - {id: S03, name: 赵敏, role: chief, department: 业务部}
  - {id: S06, name: 刘洋, role: agent, department: 客服部}
"""


def tree_with(tree, policy: str, customers=None, visits=(), team: str = TEAM):
    return rules_tree(tree, GRADES + policy, customers, visits, **{"team.yaml": team})


# --- departments -------------------------------------------------------------------------
TAKEOVER = """\
departments: [业务部, 客服部]
inactivity:
  - name: sales_no_followup
    label: 业务部门超过 2 个月未跟进，由客服部跟进拜访
    'no': contact
    days: 60
    within_days: 7
    methods: any
    lapse_by: department:业务部
    by: department:客服部
    except: [owes_money]
"""


def test_no_sales_follow_up_for_two_months_is_taken_over_by_customer_service(tree):
    # 业务部 (S01) last called on 2026-09-01; 客服部 (S02) called on 10-20, which is no sales
    # follow-up. More than 60 days after 09-01: the lapse begins 11-01 (09-01 + 61 days), one
    # contact by 客服部 due by 11-08, now overdue, for 客服部's staff in the customer's area.
    visits = [visit_file("2026-09-01"), visit_file("2026-10-20", staff=["S02"])]
    (item,) = open_items(agenda_for(tree_with(tree, TAKEOVER, visits=visits)), "sales_no_followup")
    assert item.state == "overdue"
    assert item.window == Span(date(2026, 11, 1), date(2026, 11, 8))
    assert item.staff == ("S02",)  # 客服部 in the customer's area (S06 has none)


def test_a_sales_follow_up_ends_the_lapse_and_customer_service_counts_for_the_takeover(tree):
    recent = [visit_file("2026-09-01"), visit_file("2026-10-01", staff=["S03"])]
    agenda = agenda_for(tree_with(tree, TAKEOVER, visits=recent))
    assert open_items(agenda, "sales_no_followup") == []  # 业务部's S03 on 10-01: 53 days
    taken = [visit_file("2026-09-01"), visit_file("2026-11-05", staff=["S06"])]
    agenda = agenda_for(tree_with(tree, TAKEOVER, visits=taken))
    assert open_items(agenda, "sales_no_followup") == []  # 客服部's S06 followed up on 11-05


def test_a_customer_that_owes_money_stays_with_sales(tree):
    customers = {"C0001": customer_file(owes_money=True)}
    agenda = agenda_for(tree_with(tree, TAKEOVER, customers, [visit_file("2026-09-01")]))
    assert open_items(agenda, "sales_no_followup") == []


def test_unknown_departments_are_reported(tree):
    team = TEAM.replace("department: 客服部, area: 一区", "department: 客户部, area: 一区")
    visit = visit_file(
        "2026-11-20",
        issues=[{"text": "送货晚了", "needs_action": True, "department": "物流部",
                 "sent_at": "2026-11-20 10:00"}],
        outcome="已转交",
    )  # fmt: skip
    policy = TAKEOVER.replace("by: department:客服部", "by: department:售后部")
    _, payload = check_json(tree_with(tree, policy, visits=[visit], team=team))
    found = sorted(
        (p["file"], p["field"])
        for p in payload["problems"]
        if p["code"] == "ref.unknown_department"
    )
    assert found == [
        ("records/policy.yaml", "inactivity[0].by"),
        ("records/team.yaml", "staff[1].department"),
        ("records/visits/2026/2026-11-20-C0001-phone.md", "issues[0].department"),
    ]


# --- orders ------------------------------------------------------------------------------
AFTER_SALE = """\
events:
  - {name: after_sale, label: 销售完成后一周内回访, after: customer.orders, within_days: 7, methods: any}
"""


def test_a_contact_is_due_within_a_week_of_every_sale(tree):
    orders = [
        {"date": "2026-11-02", "amount": 12000},
        {"date": "2026-11-12"},
        {"date": "2026-11-20"},
    ]
    customers = {"C0001": customer_file(orders=orders)}
    # 11-02: called 11-05 → done (deadline 11-09, more than 7 days ago: dropped);
    # 11-12: no contact by 11-19 → overdue; 11-20: due by 11-27, soon.
    agenda = agenda_for(tree_with(tree, AFTER_SALE, customers, [visit_file("2026-11-05")]))
    items = sorted(open_items(agenda, "after_sale"), key=lambda i: i.deadline)
    assert [(i.deadline.day, i.state) for i in items] == [
        (date(2026, 11, 19), "overdue"),
        (date(2026, 11, 27), "due_soon"),
    ]
    assert items[0].subject == "订货 2026-11-12"


# --- industry ----------------------------------------------------------------------------
KEY_INDUSTRIES = """\
cadence:
  - name: key_industry_chief
    label: 重点行业客户每月由首席客户经理上门
    applies: {industry: [化工, 建材]}
    methods: onsite
    period: month
    min: 1
    by: chief
"""


def test_key_industries_are_handled_by_the_chief(tree):
    customers = {
        "C0001": customer_file(industry="化工", chief="S03"),
        "C0002": customer_file("C0002", industry="食品", chief="S03"),
    }
    items = open_items(agenda_for(tree_with(tree, KEY_INDUSTRIES, customers)), "key_industry_chief")
    assert {(i.customer, i.staff, i.deadline.day) for i in items if not i.missed} == {
        ("C0001", ("S03",), date(2026, 11, 30))
    }


# --- one meeting, many customers ---------------------------------------------------------
MEETING = """\
cadence:
  - {name: leader_meeting, label: 每季度楼长会, methods: [meeting], period: quarter, min: 1}
"""


def test_one_building_leader_meeting_counts_for_every_customer_it_names(tree):
    customers = {
        ident: customer_file(ident, since="2026-10-01") for ident in ("C0001", "C0002", "C0003")
    }
    meeting = visit_file("2026-11-10", "meeting", customers=["C0002"])
    agenda = agenda_for(tree_with(tree, MEETING, customers, [meeting]))
    done = {i.customer for i in agenda.items if i.rule == "leader_meeting" and i.state == "done"}
    assert done == {"C0001", "C0002"}
    assert [i.customer for i in open_items(agenda, "leader_meeting")] == ["C0003"]


def test_a_meetings_further_customers_must_exist(tree):
    meeting = visit_file("2026-11-10", "meeting", customers=["C0009"])
    _, payload = check_json(tree_with(tree, MEETING, None, [meeting]))
    assert [p["field"] for p in payload["problems"] if p["code"] == "ref.unknown_customer"] == [
        "customers[0]"
    ]


# --- the centre head's quarterly check of 20% of the repair records (seed 003) -----------
REPAIR_CHECK = """\
events:
  - name: repair_check
    label: 中心主任每季度抽查回访 20% 报修记录
    after: visit.repair
    sample: {share: 0.2, period: quarter}
    methods: phone
    by: manager
"""
# sha256("<id>|2026-10-01") of the ten Q4 repair visits, lowest first (sha256sum by hand):
# 170f44… 2026-10-11-C0001-phone, 2e7208… 2026-10-12-C0002-phone, 3b6af3… 2026-10-04-C0004…
# ceil(20% × 10) = 2 drawn. Q3 ("|2026-07-01"): 5cf464… 2026-09-05-C0003-phone is the lowest
# of three, ceil(0.6) = 1 drawn.
Q4 = [(f"C000{c}", f"2026-10-{d}{c}") for c in range(1, 6) for d in (0, 1)]
Q3 = [("C0001", "2026-09-03"), ("C0002", "2026-09-04"), ("C0003", "2026-09-05")]


def repair_tree(tree, *extra):
    customers = {f"C000{c}": customer_file(f"C000{c}") for c in range(1, 6)}
    visits = [visit_file(day, customer=c, kind="repair") for c, day in Q4 + Q3]
    return tree_with(tree, REPAIR_CHECK, customers, [*visits, *extra], team=RULES_TEAM)


def test_the_head_checks_a_stable_fifth_of_each_quarters_repair_records(tree):
    check = visit_file(
        "2026-11-02", customer="C0002", suffix="-check", kind="check",
        checks="2026-10-12-C0002-phone", staff=["S04"],
    )  # fmt: skip
    agenda = agenda_for(repair_tree(tree, check))
    items = {i.subject: i for i in agenda.items if i.rule == "repair_check"}
    assert set(items) == {
        "抽查 2026-10-11-C0001-phone",
        "抽查 2026-10-12-C0002-phone",
        "抽查 2026-09-05-C0003-phone",
    }
    q4_open, q4_done = items["抽查 2026-10-11-C0001-phone"], items["抽查 2026-10-12-C0002-phone"]
    assert (q4_open.state, q4_open.deadline.day, q4_open.staff) == (
        "upcoming",
        date(2026, 12, 31),
        ("S04",),
    )
    assert q4_done.state == "done" and q4_done.evidence == ("2026-11-02-C0002-phone-check",)
    q3 = items["抽查 2026-09-05-C0003-phone"]
    assert (q3.state, q3.deadline.day) == ("overdue", date(2026, 9, 30))


def test_a_check_call_by_someone_else_or_naming_another_visit_does_not_count(tree):
    by_agent = visit_file(
        "2026-11-02", customer="C0002", suffix="-check", kind="check",
        checks="2026-10-12-C0002-phone",
    )  # fmt: skip
    other = visit_file(
        "2026-11-03", customer="C0002", suffix="-check", kind="check",
        checks="2026-10-02-C0002-phone", staff=["S04"],
    )  # fmt: skip
    agenda = agenda_for(repair_tree(tree, by_agent, other))
    [item] = [i for i in agenda.items if i.subject == "抽查 2026-10-12-C0002-phone"]
    assert item.state == "upcoming" and item.evidence == ()


def test_a_check_must_name_an_existing_visit(tree):
    check = visit_file("2026-11-02", suffix="-check", kind="check", checks="2026-10-99-C0001")
    _, payload = check_json(repair_tree(tree, check))
    assert [p["field"] for p in payload["problems"] if p["code"] == "ref.unknown_visit"] == [
        "checks"
    ]


def test_a_meeting_is_on_each_customers_timeline_and_counts_in_the_weekly_figures(tree, tmp_path):
    from conftest import build_site

    customers = {ident: customer_file(ident, since="2026-10-01") for ident in ("C0001", "C0002")}
    meeting = visit_file("2026-11-23", "meeting", customers=["C0002"], outcome="楼长会")
    every_contact = MEETING + "workload: {methods: any}\n"  # the default counts calls only
    records = tree_with(tree, every_contact, customers, [meeting])
    agenda = agenda_for(records)
    [mine] = [w for w in agenda.workload if w.staff == "S01"]
    assert mine.customers == 2  # one meeting, two customers reached this week
    result, _ = build_site(records, tmp_path / "site", "--quiet")
    assert result.returncode == 0, result.stderr
    for ident in ("C0001", "C0002"):
        page = (tmp_path / "site" / "customers" / f"{ident}.html").read_text(encoding="utf-8")
        assert "楼长会" in page, ident
