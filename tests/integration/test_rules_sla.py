"""Complaint limits per stage, on the official calendar (hand-computed)."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import RULES_TEAM, customer_file, huifang, visit_file

from generator.derive import AsOf, derive_agenda, derive_complaints
from generator.read.load import load_records

POLICY = "grades:\n  - {id: A, label: 重要客户}\nareas: [一区]\n"


def complaint(**fields: str) -> str:
    values = {
        "id": "K2026-0001",
        "customer": "C0001",
        "received": "2026-09-30 10:00",
        "channel": "phone",
        "category": "service",
        "first_responder": "S05",
        **fields,
    }
    lines = [f"{k}: {v}" for k, v in values.items() if v]
    return "---\n" + "\n".join(lines) + "\n---\n投诉内容。\n"


def status_of(tree, today: str, text: str, visits=(), policy: str = POLICY):
    files = {
        "team.yaml": RULES_TEAM,
        "policy.yaml": policy,
        "customers/C0001.md": customer_file(),
        "visits/2026/2026-11-20-C0001-phone.md": None,
        "complaints/2026/K2026-0001.md": text,
        **dict(visits),
    }
    records = load_records(tree(files)).records
    report = derive_complaints(records, AsOf.day(date.fromisoformat(today)))
    (status,) = report.statuses
    return {s.name: s for s in status.stages}, status, records


def test_resolve_limit_counts_working_days_across_national_day(tree):
    stages, status, _ = status_of(tree, "2026-10-09", complaint())
    resolve = stages["resolve"]
    assert str(resolve.deadline) == "2026-10-10"  # the working Saturday
    assert resolve.state == "running" and resolve.workdays_left == 1
    assert status.responsible == ("S05",)


def test_resolved_on_the_last_working_day_is_met_and_a_day_later_is_late(tree):
    stages, _, _ = status_of(tree, "2026-10-20", complaint(resolved="2026-10-10 17:00"))
    assert stages["resolve"].state == "met"
    stages, _, _ = status_of(tree, "2026-10-20", complaint(resolved="2026-10-12 09:00"))
    assert stages["resolve"].state == "met_late"
    assert stages["resolve"].late_by == timedelta(days=1, hours=9)


def test_special_complaints_get_seven_working_days(tree):
    text = complaint(special="true", special_reason="需厂家检测")
    stages, _, _ = status_of(tree, "2026-10-09", text)
    # 10-08, 10-09, 10-10 (Sat), 10-12, 10-13, 10-14, 10-15
    assert str(stages["resolve"].deadline) == "2026-10-15"


def test_register_and_answer_are_hours_from_receipt_and_written_ones_get_72(tree):
    text = complaint(registered="2026-09-30 12:00", answered="2026-10-01 11:00")
    stages, _, _ = status_of(tree, "2026-10-09", text)
    assert stages["register"].state == "met"
    assert stages["answer"].state == "met_late"
    assert stages["answer"].late_by == timedelta(hours=1)
    stages, _, _ = status_of(
        tree, "2026-10-09", complaint(channel="written", answered="2026-10-01 11:00")
    )
    assert str(stages["answer"].deadline) == "2026-10-03 10:00" and stages["answer"].state == "met"


def test_an_unanswered_complaint_is_breached_once_the_limit_has_passed(tree):
    stages, status, _ = status_of(tree, "2026-10-02", complaint())
    assert stages["register"].state == "breached"
    assert stages["register"].late_by == timedelta(hours=14)  # from 10-01 10:00 to 10-02 00:00
    assert stages["feedback"].state == "waiting" and stages["followup"].state == "waiting"
    assert status.open and status.state == "breached"


def test_feedback_and_the_follow_up_visit_after_resolution(tree):
    text = complaint(resolved="2026-10-09 10:00", feedback_sent="2026-10-09 16:00")
    stages, _, _ = status_of(tree, "2026-10-20", text)
    assert stages["feedback"].state == "met"
    assert stages["followup"].state == "breached"  # no visit by 10-16
    visit = visit_file("2026-10-15", complaint="K2026-0001", kind="complaint")
    stages, _, _ = status_of(tree, "2026-10-20", text, visits=[visit])
    assert stages["followup"].state == "met"
    assert stages["followup"].evidence == "2026-10-15-C0001-phone"


def test_limits_come_from_the_policy(tree):
    policy = POLICY + "complaints: {register_hours: 2, resolve_working_days: 1}\n"
    text = complaint(registered="2026-09-30 13:00")
    stages, _, _ = status_of(tree, "2026-10-09", text, policy=policy)
    assert stages["register"].state == "met_late"
    assert str(stages["resolve"].deadline) == "2026-10-08"


def test_running_stages_become_due_items_for_the_first_responder(tree):
    _, _, records = status_of(tree, "2026-10-09", complaint(registered="2026-09-30 11:00"))
    agenda = derive_agenda(records, AsOf.day(date(2026, 10, 9)))
    rules = {(i.rule, i.state) for i in agenda.items if i.kind == "complaint"}
    assert ("complaint_answer", "overdue") in rules
    assert ("complaint_resolve", "due_soon") in rules
    assert all(i.staff == ("S05",) for i in agenda.items if i.kind == "complaint")


def test_a_year_the_calendar_does_not_know_is_a_warning_not_a_crash(tree):
    files = {
        "team.yaml": RULES_TEAM,
        "policy.yaml": POLICY,
        "customers/C0001.md": customer_file(),
        "visits/2026/2026-11-20-C0001-phone.md": None,
        "complaints/2026/K2026-0001.md": None,
        "complaints/2030/K2030-0001.md": complaint(id="K2030-0001", received="2030-09-30 10:00"),
    }
    root = tree(files)
    result = huifang("complaints", "--records", str(root), "--today", "2030-10-02")
    assert result.returncode == 0, result.stderr
    assert "calendar.unknown_year" in result.stderr and "2030" in result.stderr
    # 2030's adjusted workdays are unknown, its statutory holidays are not: 10-01…10-03 are
    # 国庆节, then Fri 10-04 (1), Mon 10-07 (2), Tue 10-08 (3)
    assert "截止 2030-10-08）" in result.stdout
