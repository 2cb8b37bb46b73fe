"""`huifang new plan`: a month's visit plan pre-filled from what the rules ask of the person
that month, accepted by `check` as written; and the usage errors that write nothing."""

from __future__ import annotations

import datetime as dt
import json

import yaml
from clirun import huifang_in
from conftest import COMPLAINT, CUSTOMER

from generator.authoring.plan_draft import month_of, next_month, plan_contacts
from generator.derive.items import Deadline, DueItem, Need
from generator.derive.periods import Span

POLICY = """\
grades:
  - {id: A, label: 重要客户}
  - {id: B, label: 普通客户}
areas: [一区, 二区]
cadence:
  - name: a_monthly
    label: A 类客户每月上门至少 2 次
    applies: {grade: [A]}
    methods: [onsite]
    period: month
    min: 2
  - name: b_quarterly
    label: B 类客户每季度至少联系 1 次
    applies: {grade: [B]}
    methods: any
    period: quarter
    min: 1
"""


def customer(ident: str, grade: str, owner: str) -> str:
    return (
        CUSTOMER.replace("C0001", ident)
        .replace("grade: A", f"grade: {grade}")
        .replace("S01", owner)
    )


def visit(customer_id: str, day: str, next_contact: str) -> str:
    return (
        f"---\ncustomer: {customer_id}\ndate: {day}\nmethod: phone\nstaff: [S01]\n"
        f"outcome: 客户满意\nnext_contact: {next_contact}\n---\n电话回访。\n"
    )


# S01 owns C0001 (grade A: 2 onsite visits a month) and C0003 (grade B: one contact a
# quarter, already made on 11-25); S02 owns C0002 (grade A). Agreed next contacts: C0001 on
# 12-02 (Wednesday of 2026-W49), C0003 on 12-09 (Wednesday of W50). The complaint
# K2026-0002 of C0003, resolved 11-27, is to be followed up by 12-04: a complaint deadline,
# never planned.
FILES = {
    "policy.yaml": POLICY,
    "customers/C0002.md": customer("C0002", "A", "S02"),
    "customers/C0003.md": customer("C0003", "B", "S01"),
    "visits/2026/2026-11-20-C0001-phone.md": visit("C0001", "2026-11-20", "2026-12-02"),
    "visits/2026/2026-11-25-C0003-phone.md": visit("C0003", "2026-11-25", "2026-12-09"),
    "complaints/2026/K2026-0002.md": COMPLAINT.replace("K2026-0001", "K2026-0002")
    .replace("customer: C0001", "customer: C0003")
    .replace("2026-11-02", "2026-11-26")
    .replace("2026-11-04", "2026-11-27"),
}
PLAN = "plans/2026-12/S01.yaml"
# December 2026's weeks cut to the month: W49 12-01–06, W50 07–13, W51 14–20, W52 21–27,
# W53 28–31. As of 12-01 the 2 onsite visits to C0001 spread over the five weeks: W49
# (weeks[0]) and W51 (weeks[5 // 2]); W49 also holds the agreed call (no method needed, so
# onsite does for both); C0003's agreed contact is in W50; its quarter is done.
AGREED_C0001 = "约定下次沟通（2026-11-20 回访时约定）"
AGREED_C0003 = "约定下次沟通（2026-11-25 回访时约定）"
MONTHLY = "A 类客户每月上门至少 2 次"
EXPECTED = [
    {"customer": "C0001", "week": "2026-W49", "method": "onsite",
     "objective": f"{AGREED_C0001}；{MONTHLY}"},
    {"customer": "C0003", "week": "2026-W50", "objective": AGREED_C0003},
    {"customer": "C0001", "week": "2026-W51", "method": "onsite", "objective": MONTHLY},
]  # fmt: skip


def new_plan(records, *args: str):
    return huifang_in("new", "plan", *args, "--records", str(records), "--no-interactive")


def written(records, relative: str = PLAN) -> dict:
    return yaml.safe_load((records / relative).read_text(encoding="utf-8"))


def test_the_plan_holds_what_the_rules_ask_of_the_person_that_month(tree):
    records = tree(FILES)
    # the complaint's follow-up is due from S01 in December: it is left out on purpose
    due = huifang_in("due", "--records", str(records), "--today", "2026-12-01", "--format",
                     "json", "--staff", "S01")  # fmt: skip
    kinds = {(i["kind"], i["customer"], i["deadline"]) for i in json.loads(due.stdout)["items"]}
    assert ("complaint", "C0003", "2026-12-04") in kinds
    result = new_plan(records, "--staff", "S01", "--month", "2026-12", "--date", "2026-11-28")
    assert result.exit_code == 0, result.stderr
    assert f"已创建 / created {records / PLAN}" in result.stdout
    assert "预填了 3 项计划拜访" in result.stdout
    data = written(records)
    assert data == {"staff": "S01", "month": "2026-12", "contacts": EXPECTED}
    text = (records / PLAN).read_text(encoding="utf-8")
    assert "week: 2026-W53" not in text and "C0002" not in text
    assert "  week: 2026-W49  # 计划周次：2026-12-01 至 12-06\n" in text
    assert "# 方式：上门" in text and "# 客户：上海示例贸易有限公司" in text
    assert "# approved_by:  # 审核人：员工编号，见 team.yaml（主管审核后填写）" in text
    assert "# approved_on:" in text and "approved_by:" not in text.replace("# approved_by:", "")


def test_check_accepts_the_written_plan(tree):
    records = tree(FILES)
    assert new_plan(records, "--staff", "S01", "--date", "2026-11-28").exit_code == 0
    result = huifang_in("check", "--records", str(records), "--today", "2026-11-28",
                        "--format", "json")  # fmt: skip
    problems = json.loads(result.stdout)["problems"]
    assert not [p for p in problems if p["file"].startswith("records/plans/")], problems
    # and `due` then lists its three contacts as the person's 计划 items
    due = huifang_in("due", "--records", str(records), "--today", "2026-12-01", "--format",
                     "json")  # fmt: skip
    planned = [i for i in json.loads(due.stdout)["items"] if i["kind"] == "plan"]
    assert sorted((i["customer"], i["window"]["start"]) for i in planned) == [
        ("C0001", "2026-12-01"),
        ("C0001", "2026-12-14"),
        ("C0003", "2026-12-07"),
    ]


def test_the_month_defaults_to_the_next_one(tree):
    records = tree(FILES)
    result = new_plan(records, "--staff", "S01", "--date", "2026-11-28")
    assert result.exit_code == 0, result.stderr
    assert written(records)["contacts"] == EXPECTED  # the plan of 2026-12, as above


def test_a_plan_written_during_its_month_starts_from_today(tree):
    # as of 12-10 (W50) the weeks left are W50 12-07–13, W51, W52, W53: the two visits go to
    # W50 (weeks[0]) and W52 (weeks[4 // 2]); both agreed contacts are overdue, planned now
    records = tree(FILES)
    result = new_plan(records, "--staff", "S01", "--month", "2026-12", "--date", "2026-12-10")
    assert result.exit_code == 0, result.stderr
    assert [(c["customer"], c["week"], c.get("method")) for c in written(records)["contacts"]] == [
        ("C0001", "2026-W50", "onsite"),
        ("C0003", "2026-W50", None),
        ("C0001", "2026-W52", "onsite"),
    ]


def test_an_existing_plan_is_never_overwritten(tree):
    records = tree({**FILES, PLAN: "staff: S01\nmonth: 2026-12\ncontacts:\n- customer: C0001\n"})
    before = (records / PLAN).read_bytes()
    result = new_plan(records, "--staff", "S01", "--month", "2026-12", "--date", "2026-11-28")
    assert result.exit_code == 2
    assert "已存在，不会覆盖" in result.stderr and "never overwritten" in result.stderr
    assert (records / PLAN).read_bytes() == before


def test_staff_is_required_and_must_be_known(tree):
    records = tree(FILES)
    missing = new_plan(records, "--month", "2026-12")
    assert missing.exit_code == 2
    assert "缺少 --staff" in missing.stderr and "missing --staff" in missing.stderr
    unknown = new_plan(records, "--staff", "S99", "--month", "2026-12")
    assert unknown.exit_code == 2
    assert "没有编号为 S99 的员工" in unknown.stderr and "no staff member 'S99'" in unknown.stderr
    assert "Traceback" not in missing.stderr + unknown.stderr
    assert not (records / "plans").exists()


def test_bad_month_nothing_due_and_misused_options_are_usage_errors(tree):
    records = tree(FILES)
    month = new_plan(records, "--staff", "S01", "--month", "2026-13")
    assert month.exit_code == 2 and "YYYY-MM" in month.stderr
    past = new_plan(records, "--staff", "S01", "--month", "2026-10", "--date", "2026-11-28")
    assert past.exit_code == 2 and "2026-10 已经过去" in past.stderr and "is over" in past.stderr
    # the month after --date is none a plan may have: said of --date, never a traceback
    for day in ("9999-12-31", "2199-12-15"):
        far = new_plan(records, "--staff", "S01", "--date", day)
        assert far.exit_code == 2 and f"{day} 的下个月不在 1900–2199 年之间" in far.stderr, day
    # S03 (the director) owns no customer: nothing is due, no plan is written
    nothing = new_plan(records, "--staff", "S03", "--month", "2026-12", "--date", "2026-11-28")
    assert nothing.exit_code == 2
    assert "没有待访事项" in nothing.stderr and "nothing is due for S03" in nothing.stderr
    extra = new_plan(records, "--staff", "S01", "--customer", "C0001")
    assert extra.exit_code == 2 and "--staff" in extra.stderr
    survey = new_plan(records, "--staff", "S01", "--survey", "2026H1")
    assert survey.exit_code == 2 and "--survey" in survey.stderr
    assert not (records / "plans").exists()


# --- the choice of items, on items made by hand ---------------------------------------
DECEMBER = Span(dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def item(kind="cadence", customer="C0001", staff=("S01",), deadline="2026-12-31",
         window=("2026-12-01", "2026-12-31"), state="upcoming", methods=("onsite",),
         count=1, label="规则"):  # fmt: skip
    span = Span(*map(dt.date.fromisoformat, window)) if window else None
    return DueItem(kind=kind, rule=kind, label=label, customer=customer, staff=staff,
                   deadline=Deadline(dt.date.fromisoformat(deadline)), state=state,
                   need=Need(count=count, methods=methods), window=span)  # fmt: skip


def WEEKDAY(day: dt.date) -> bool:
    return day.weekday() < 5


def test_a_week_without_a_working_day_is_not_planned():
    # 2026-12-01 to 12-06 (W49 cut to December) off, as 国庆 would be: W49's contact goes to W50
    off_first_week = lambda day: day.day > 6 and day.weekday() < 5  # noqa: E731
    early = item(deadline="2026-12-06", window=("2026-12-01", "2026-12-06"))
    assert [c["week"] for c in plan_contacts([early], "S01", DECEMBER, DECEMBER.start,
                                            off_first_week)] == ["2026-W50"]  # fmt: skip
    # three contacts spread over the four working weeks W50–W53 (12-28 to 12-31): 0, 4//3, 8//3
    spread = plan_contacts([item(count=3)], "S01", DECEMBER, DECEMBER.start, off_first_week)
    assert [c["week"] for c in spread] == ["2026-W50", "2026-W51", "2026-W52"]


def test_only_open_items_of_the_person_with_a_customer_in_the_month_are_planned():
    items = [
        item(label="留下"),
        item(kind="plan", label="计划"),
        item(kind="complaint", label="投诉"),
        item(customer="", label="全组"),
        item(staff=("S02",), label="别人"),
        item(state="done", label="已完成"),
        item(deadline="2026-11-30", window=("2026-11-01", "2026-11-30"), label="上月"),
        item(deadline="2027-01-05", window=None, label="下月"),
        # a quarter beginning in December, due in February: its window is in the month
        item(deadline="2027-02-28", window=("2026-12-01", "2027-02-28"), methods=(), label="季"),
    ]
    contacts = plan_contacts(items, "S01", DECEMBER, DECEMBER.start, WEEKDAY)
    assert contacts == [
        {"customer": "C0001", "week": "2026-W49", "method": "onsite", "objective": "留下；季"}
    ]


def test_three_contacts_a_month_spread_and_two_methods_leave_the_method_open():
    spread = plan_contacts([item(count=3)], "S01", DECEMBER, DECEMBER.start, WEEKDAY)
    assert [c["week"] for c in spread] == ["2026-W49", "2026-W50", "2026-W52"]  # 0, 5//3, 10//3
    both = [item(methods=("onsite",)), item(methods=("phone",), label="电话")]
    (contact,) = plan_contacts(both, "S01", DECEMBER, DECEMBER.start, WEEKDAY)
    assert (
        "method" not in contact and contact["objective"] == "电话；规则"
    )  # by deadline, then label


def test_months():
    assert next_month(dt.date(2026, 11, 23)) == "2026-12"
    assert next_month(dt.date(2026, 12, 31)) == "2027-01"
    assert next_month(dt.date(1, 1, 1)) == "0001-02"  # then refused as no month of 1900–2199
    assert month_of("2027-02") == Span(dt.date(2027, 2, 1), dt.date(2027, 2, 28))
    assert month_of("2026-13") is None and month_of("2026-1") is None
