"""Late completion is visible (issue 18, item 3): an item done after its deadline is
`done_late` with how late, in text, JSON, CSV, on the site and in the per-staff on-time
figures, and (policy completeness.done_late) a `check` warning on its record. And one
definition of when a visit without a time happened (issue 19).

Every expectation is worked out by hand from the limits in the issue and seed 002
(转交 1 小时内, 首次联系 24 小时内), not from the code."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from conftest import (
    COMPLAINT,
    agenda_for,
    check_json,
    customer_file,
    huifang,
    rules_tree,
    visit_file,
)

from generator.derive import AsOf, derive_agenda, derive_complaints
from generator.derive.items import Deadline
from generator.model import Visit
from generator.present.due import View
from generator.read.load import load_records
from generator.report.due import as_csv, as_json, as_text

GRADES = "grades:\n  - {id: A, label: 重要客户}\nareas: [一区]\n"
ISSUE = {
    "text": "发货延误",
    "needs_action": True,
    "department": "物流部",
}


def _items(agenda, rule):
    return [i for i in agenda.items if i.rule == rule]


def _visit(day="2026-11-20", **fields):
    return visit_file(day, time="10:00", **fields)


def test_an_issue_forwarded_two_hours_after_the_visit_is_done_late_by_an_hour(tree):
    # visit 10:00, limit 60 minutes: due 11:00; sent 12:00 → one hour late
    issue = {**ISSUE, "sent_at": "2026-11-20 12:00", "first_contact_at": "2026-11-20 15:00"}
    records = rules_tree(tree, GRADES, visits=[_visit(issues=[issue])])
    (item,) = _items(agenda_for(records), "issue_forward")
    assert item.state == "done_late"
    assert item.late_by == dt.timedelta(hours=1)
    assert item.done_at == dt.datetime(2026, 11, 20, 12)
    (contact,) = _items(agenda_for(records), "issue_first_contact")
    assert contact.state == "done"  # 3 hours after forwarding, within 24


def test_a_first_contact_48_hours_after_forwarding_is_done_late_by_a_day(tree):
    # sent 11-20 10:30 (in time), limit 24 h: due 11-21 10:30; contacted 11-22 10:30
    issue = {**ISSUE, "sent_at": "2026-11-20 10:30", "first_contact_at": "2026-11-22 10:30"}
    agenda = agenda_for(rules_tree(tree, GRADES, visits=[_visit(issues=[issue])]))
    (forward,) = _items(agenda, "issue_forward")
    assert forward.state == "done"
    (item,) = _items(agenda, "issue_first_contact")
    assert (item.state, item.late_by) == ("done_late", dt.timedelta(hours=24))


def test_a_promise_kept_a_day_after_its_due_date_is_done_late_by_one_day(tree):
    promises = [
        {"text": "寄送样品", "due": "2026-11-18", "done": "2026-11-19"},
        {"text": "报价", "due": "2026-11-18", "done": "2026-11-18"},
    ]
    agenda = agenda_for(
        rules_tree(tree, GRADES, visits=[_visit("2026-11-17", commitments=promises)])
    )
    late, in_time = sorted(_items(agenda, "commitment"), key=lambda i: i.subject != "寄送样品")
    assert (late.state, late.late_by) == ("done_late", dt.timedelta(days=1))
    assert late.done_at == dt.date(2026, 11, 19)
    assert (in_time.state, in_time.late_by) == ("done", None)


ENQUIRY = GRADES + (
    "events:\n  - {name: enquiry_call, label: 来电当日回访, after: events.enquiry,"
    " within_days: 0, methods: phone}\n"
)


def test_a_same_day_enquiry_call_made_the_next_day_is_done_late_by_one_day(tree):
    customers = {"C0001": customer_file(events={"enquiry": "2026-11-20"})}
    call = visit_file("2026-11-21", "phone")
    agenda = agenda_for(rules_tree(tree, ENQUIRY, customers, visits=[call]))
    (item,) = _items(agenda, "enquiry_call")
    assert (item.state, item.late_by) == ("done_late", dt.timedelta(days=1))
    same_day = visit_file("2026-11-20", "phone")
    agenda = agenda_for(rules_tree(tree, ENQUIRY, customers, visits=[same_day]))
    (item,) = _items(agenda, "enquiry_call")
    assert item.state == "done"


def test_an_agreed_next_contact_kept_two_days_late(tree):
    agreed = _visit("2026-11-16", next_contact="2026-11-18")
    later = visit_file("2026-11-20", "phone", suffix="-2")
    agenda = agenda_for(rules_tree(tree, GRADES, visits=[agreed, later]))
    (item,) = _items(agenda, "next_contact")
    assert (item.state, item.late_by) == ("done_late", dt.timedelta(days=2))


def test_a_complaint_follow_up_visit_a_day_late_is_met_late_by_a_day(tree):
    # the fixture complaint was resolved 11-04 11:00; follow-up within 7 days: by the end
    # of 11-11; the follow-up visit (no time) on 11-12 is one day late
    followup = visit_file("2026-11-12", "phone", kind="complaint", complaint="K2026-0001")
    records_dir = rules_tree(
        tree,
        GRADES + "complaints: {followup_visit_days: 7}\n",
        visits=[followup],
        **{"complaints/2026/K2026-0001.md": COMPLAINT},
    )
    records = load_records(records_dir).records
    report = derive_complaints(records, AsOf.day(dt.date(2026, 11, 13)))
    (status,) = report.statuses
    stage = next(s for s in status.stages if s.name == "followup")
    assert (stage.state, stage.late_by) == ("met_late", dt.timedelta(days=1))  # was 0 minutes
    assert stage.done_at == dt.date(2026, 11, 12)  # the visit's day, no invented 00:00
    (item,) = _items(agenda_for(records_dir, "2026-11-13"), "complaint_followup")
    assert (item.state, item.late_by) == ("done_late", dt.timedelta(days=1))


def _late_tree(tree):
    promises = [{"text": "寄送样品", "due": "2026-11-18", "done": "2026-11-19"}]
    in_time = [{"text": "报价", "due": "2026-11-19", "done": "2026-11-19"}]
    return rules_tree(
        tree,
        GRADES,
        visits=[
            _visit("2026-11-17", commitments=promises),
            visit_file("2026-11-17", "onsite", commitments=in_time),
        ],
    )


def test_text_json_and_csv_say_done_late_and_how_late(tree):
    records_dir = _late_tree(tree)
    records = load_records(records_dir).records
    agenda = derive_agenda(records, AsOf.day(dt.date(2026, 11, 23)))
    items = list(agenda.items)
    view = View(records)
    text = as_text(agenda, items, view)
    assert "超时完成" in text and "晚了 1 天（2026-11-19 完成）" in text
    assert "按时完成 50%（1/2）" in text  # S01: one promise in time, one late
    payload = json.loads(as_json(agenda, items, view))
    (late,) = [i for i in payload["items"] if i["state"] == "done_late"]
    assert late["state_label"] == "超时完成"
    assert (late["done_at"], late["late_by_minutes"]) == ("2026-11-19", 24 * 60)
    assert payload["summary"]["done_late"] == 1
    assert payload["on_time"] == [{"staff": "S01", "done": 1, "late": 1, "rate": 0.5}]
    rows = list(csv.reader(io.StringIO(as_csv(items, view).lstrip("\ufeff"))))
    (row,) = [r for r in rows if r[0] == "超时完成"]
    assert "晚了 1 天" in row[8]
    # the command line: hidden like done items unless --all
    shown = huifang("due", "--records", str(records_dir), "--today", "2026-11-23", "--all")
    assert "超时完成" in shown.stdout
    hidden = huifang("due", "--records", str(records_dir), "--today", "2026-11-23")
    assert "超时完成" not in hidden.stdout


def test_a_late_completion_is_a_check_warning_the_policy_can_switch_off(tree):
    records_dir = _late_tree(tree)
    _, payload = check_json(records_dir, "--today", "2026-11-23")
    (late,) = [p for p in payload["problems"] if p["code"] == "visit.done_late"]
    assert late["severity"] == "warning"
    assert late["message"]["zh"] == (
        "承诺“寄送样品”应在 2026-11-18 前完成，2026-11-19 才完成，晚了 1 天。"
        "请按时完成；若记录的时间有误，请更正。"
    )
    assert "done at 2026-11-19, 1 day late" in late["message"]["en"]
    # the complaint stages have a switch of their own, off unless the team turns it on
    assert not [p for p in payload["problems"] if p["code"] == "complaint.done_late"]
    policy = (records_dir / "policy.yaml").read_text(encoding="utf-8")
    off = policy + "completeness:\n  done_late: {severity: 'off'}\n"
    (records_dir / "policy.yaml").write_text(off, encoding="utf-8")
    _, payload = check_json(records_dir, "--today", "2026-11-23")
    assert not [p for p in payload["problems"] if p["code"] == "visit.done_late"]


# --- when a visit happened (issue 19) ---------------------------------------------------
def test_a_visit_without_a_time_is_its_day_and_limits_from_it_start_at_its_end():
    timed = Visit(date=dt.date(2026, 11, 20), time="10:00")
    untimed = Visit(date=dt.date(2026, 11, 20))
    assert timed.moment() == timed.latest() == dt.datetime(2026, 11, 20, 10)
    assert untimed.moment() == dt.date(2026, 11, 20)
    assert untimed.latest() == dt.datetime(2026, 11, 21)
    # as a completion, the day is in time for a deadline that day, timed or not
    assert Deadline(dt.date(2026, 11, 20)).allows(untimed.moment())
    assert Deadline(dt.date(2026, 11, 20), dt.time(9)).allows(untimed.moment())


def test_an_issue_from_a_visit_without_a_time_may_be_forwarded_until_1_am(tree):
    # no time: the visit's day ends at midnight, so 60 minutes run to 01:00 the next day
    issue = {**ISSUE, "sent_at": "2026-11-21 00:50"}
    agenda = agenda_for(rules_tree(tree, GRADES, visits=[visit_file("2026-11-20", issues=[issue])]))
    (item,) = _items(agenda, "issue_forward")
    assert item.deadline == Deadline(dt.date(2026, 11, 21), dt.time(1))
    assert item.state == "done"


def test_the_timeliness_check_uses_the_same_definition():
    # no definition of its own: it reads Visit.moment() and Visit.latest()
    from generator.validate import timeliness

    assert not {"visit_time", "visit_start", "latest_moment"} & set(vars(timeliness))


def test_a_promise_at_a_meeting_with_several_customers_is_one_item(tree):
    # a building-leader meeting naming a second household is a contact of both; the
    # promise made there is one item, the visit's own customer's
    customers = {"C0001": customer_file(), "C0002": customer_file("C0002")}
    promise = [{"text": "修门禁", "due": "2026-11-30"}]
    meeting = visit_file("2026-11-20", "meeting", customers=["C0002"], commitments=promise)
    agenda = agenda_for(rules_tree(tree, GRADES, customers, visits=[meeting]))
    (item,) = _items(agenda, "commitment")
    assert item.customer == "C0001"
