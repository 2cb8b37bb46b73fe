"""`huifang due` and `huifang complaints` as a user runs them, on the shipped demo."""

from __future__ import annotations

import csv
import io
import json

from conftest import ROOT, assert_golden, huifang
from icalendar import Calendar

DEMO = ["--records", str(ROOT / "records"), "--today", "2026-11-23"]


def due(*args: str):
    return huifang("due", *DEMO, *args)


def test_due_text_on_the_demo_matches_the_golden_file():
    result = due("--profile", "full")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("待访清单 · 截至 2026-11-23")
    assert_golden("due.txt", result.stdout)
    assert due("--profile", "full").stdout == result.stdout  # deterministic


def test_complaints_text_on_the_demo_matches_the_golden_file():
    result = huifang("complaints", *DEMO, "--profile", "full")
    assert result.returncode == 0, result.stderr
    assert "月度分析" in result.stdout
    assert_golden("complaints.txt", result.stdout)


def test_due_json_is_versioned_and_most_urgent_first():
    payload = json.loads(due("--format", "json").stdout)
    assert payload["version"] == 1 and payload["as_of"] == "2026-11-23"
    states = [i["state"] for i in payload["items"]]
    order = ["overdue", "due_today", "due_soon", "upcoming", "done"]
    assert states == sorted(states, key=order.index)
    assert payload["summary"]["overdue"] == states.count("overdue") > 0
    assert "done" not in states
    first = payload["items"][0]
    assert set(first) >= {"kind", "rule", "label", "customer", "staff", "deadline", "state",
                          "need", "evidence", "file", "line"}  # fmt: skip
    assert {w["staff"] for w in payload["workload"]} == {"S05", "S06", "S07"}


def test_due_all_adds_items_just_done():
    payload = json.loads(due("--format", "json", "--all").stdout)
    assert any(i["state"] == "done" and i["evidence"] for i in payload["items"])


def test_due_for_one_staff_member_within_days():
    payload = json.loads(due("--format", "json", "--staff", "S05", "--within", "0").stdout)
    assert payload["items"]
    assert all("S05" in i["staff"] for i in payload["items"])
    assert {i["state"] for i in payload["items"]} <= {"overdue", "due_today"}


def test_an_unknown_staff_member_is_a_usage_error():
    result = due("--staff", "S99")
    assert result.returncode == 2
    assert "S99" in result.stderr and "Traceback" not in result.stderr


def test_due_ics_is_a_calendar_with_one_event_per_open_item():
    result = huifang("due", *DEMO, "--staff", "S05", "--format", "ics")
    calendar = Calendar.from_ical(result.stdout)
    events = calendar.walk("VEVENT")
    payload = json.loads(due("--format", "json", "--staff", "S05").stdout)
    assert len(events) == len(payload["items"])
    assert len({str(e["UID"]) for e in events}) == len(events)
    overdue = [e for e in events if str(e["SUMMARY"]).startswith("【逾期】")]
    assert overdue and all(e.decoded("DTSTART").isoformat() == "2026-11-23" for e in overdue)


def test_due_csv_opens_in_excel():
    text = due("--format", "csv").stdout
    assert text.startswith("\ufeff状态,截止,负责人")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1 + len(json.loads(due("--format", "json").stdout)["items"])
    assert all(len(row) == len(rows[0]) for row in rows)


def test_masked_profile_hides_household_names():
    full, masked = due("--profile", "full").stdout, due().stdout  # masked unless asked
    assert "贾秀珍" in full  # C0005, a household
    assert "贾秀珍" not in masked and "贾**" in masked
    assert "太极科技有限公司" in masked  # organisations are not personal data


def test_complaints_open_json_and_csv():
    payload = json.loads(huifang("complaints", *DEMO, "--open", "--format", "json").stdout)
    assert payload["version"] == 1
    assert payload["complaints"]
    for complaint in payload["complaints"]:
        assert {s["state"] for s in complaint["stages"]} & {"running", "breached"}
    assert sum(m["total"] for m in payload["months"]) == 30  # every demo complaint, by month
    text = huifang("complaints", *DEMO, "--format", "csv").stdout
    assert text.startswith("\ufeff编号,客户")


def test_a_broken_policy_stops_with_exit_code_two(tree):
    root = tree({"policy.yaml": "grades: 不是列表\n"})
    for command in ("due", "complaints"):
        result = huifang(command, "--records", str(root), "--today", "2026-11-23")
        assert result.returncode == 2, command
        assert "policy.yaml" in result.stderr and "Traceback" not in result.stderr


def test_due_never_writes_into_records(tree):
    root = tree()
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    huifang("due", "--records", str(root), "--today", "2026-11-23", "--format", "ics")
    huifang("complaints", "--records", str(root), "--today", "2026-11-23")
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert before == after
