"""Visit plans (拜访计划书) through the commands: `check` reads records/plans/<month>/<staff>
and says what is wrong at its line; `due` lists the planned contacts as 计划 items with the
plan as their source (text, JSON, calendar); `fmt` puts a plan in the schema's order."""

from __future__ import annotations

import json

from clirun import huifang_in

from generator.read.load import load_records

PLAN = "plans/2026-11/S01.yaml"
# 2026-11-23 is a Monday: W47 (11-16 – 11-22) has passed, W48 (11-23 – 11-29) is this week;
# the base tree's phone call to C0001 on 11-20 is no WeChat message: W47's contact is missed
GOOD = """\
staff: S01
month: '2026-11'
contacts:
  - customer: C0001
    week: 2026-W47
    method: wechat
    objective: 确认年底保洁安排
  - customer: C0001
    week: 2026-W48
    method: onsite
approved_by: S02
approved_on: '2026-10-29'
"""


def test_a_plans_id_is_its_month_and_staff_and_check_accepts_a_good_one(tree):
    records = tree({PLAN: GOOD})
    loaded = load_records(records)
    (plan,) = loaded.records.plans
    assert (plan.id, plan.staff, plan.month) == ("2026-11-S01", "S01", "2026-11")
    assert [c.week for c in plan.contacts] == ["2026-W47", "2026-W48"]
    result = huifang_in("check", "--records", str(records), "--today", "2026-11-23",
                        "--format", "json")  # fmt: skip
    problems = json.loads(result.stdout)["problems"]
    assert not [p for p in problems if p["file"].startswith("records/plans/")], problems


def test_check_says_what_is_wrong_with_a_plan_at_its_line(tree):
    bad = GOOD.replace("week: 2026-W48", "week: '2026-11-25'").replace(
        "approved_by: S02", "approved_by: S01"
    )
    records = tree({"plans/2026-12/S01.yaml": bad})
    result = huifang_in("check", "--records", str(records), "--today", "2026-11-23")
    assert result.exit_code == 1
    out = result.stdout
    where = "records/plans/2026-12/S01.yaml"
    assert f"{where}:2:1: warning plan.misplaced" in out
    assert "records/plans/2026-11/S01.yaml" in out  # where it belongs
    assert f"{where}:9:5: error plan.bad_week: 周次 2026-11-25 是星期三，不是星期一" in out
    assert f"{where}:11:1: error plan.self_approved" in out
    assert f"{where}:11:1: error ref.wrong_role" in out
    assert "the approver S01 is the person whose plan it is" in out


def test_due_lists_the_planned_contacts_as_plan_items_with_the_plan_as_source(tree):
    records = tree({PLAN: GOOD})
    text = huifang_in("due", "--records", str(records), "--today", "2026-11-23", "--staff", "S01")
    assert text.exit_code == 0, text.stderr
    lines = [line for line in text.stdout.splitlines() if "计划拜访" in line]
    assert len(lines) == 2
    assert lines[0].split()[:2] == ["逾期", "2026-11-22"]
    assert "计划拜访（2026 年 11 月计划）：目标：确认年底保洁安排" in lines[0]
    assert "已 0/1 次（微信，本人）" in lines[0]
    assert lines[1].split()[:2] == ["即将到期", "2026-11-29"] and "（上门，本人）" in lines[1]
    result = huifang_in("due", "--records", str(records), "--today", "2026-11-23",
                        "--format", "json")  # fmt: skip
    items = [i for i in json.loads(result.stdout)["items"] if i["kind"] == "plan"]
    assert [(i["kind_label"], i["file"], i["line"]) for i in items] == [
        ("计划", "records/plans/2026-11/S01.yaml", 4),
        ("计划", "records/plans/2026-11/S01.yaml", 8),
    ]
    assert items[1]["window"] == {"start": "2026-11-23", "end": "2026-11-29"}
    ics = huifang_in("due", "--records", str(records), "--today", "2026-11-23", "--staff",
                     "S01", "--format", "ics")  # fmt: skip
    assert ics.stdout.count("CATEGORIES:") >= 2 and "计划" in ics.stdout


def test_a_visit_in_the_week_by_the_planner_completes_it(tree):
    visit = (
        "---\ncustomer: C0001\ndate: 2026-11-24\nmethod: onsite\nstaff: [S01]\n"
        "outcome: 已确认\n---\n上门。\n"
    )
    records = tree({PLAN: GOOD, "visits/2026/2026-11-24-C0001-onsite.md": visit})
    result = huifang_in("due", "--records", str(records), "--today", "2026-11-25", "--all",
                        "--format", "json")  # fmt: skip
    items = [i for i in json.loads(result.stdout)["items"] if i["kind"] == "plan"]
    assert [(i["state"], i["evidence"]) for i in items] == [
        ("overdue", []),
        ("done", ["2026-11-24-C0001-onsite"]),
    ]


def test_fmt_puts_a_plan_in_the_schemas_order(tree):
    messy = "month: 2026-11\ncontacts:\n  - {week: 2026-W47, customer: C0001}\nstaff: S01\n"
    records = tree({PLAN: messy})
    result = huifang_in("fmt", "--records", str(records))
    assert result.exit_code == 0, result.stderr
    text = (records / PLAN).read_text(encoding="utf-8")
    assert text == "staff: S01\nmonth: 2026-11\ncontacts:\n- customer: C0001\n  week: 2026-W47\n"
