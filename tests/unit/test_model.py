"""The model layer: required values, when a visit happened, and policy sections whose
defaults come only from schema/policy.json (merged in when the policy is read)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.derive import AsOf, derive_agenda
from generator.model import Visit
from generator.read.load import load_records, policy_from

TEAM = "staff:\n  - {id: S01, name: 王芳, role: agent}\n"
POLICY = "grades:\n  - {id: A, label: 重要客户}\n"
CUSTOMER = "---\nid: C0001\nname: 示例客户\ngrade: A\nowner: S01\n---\n客户概况。\n"


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "records"
    base = {"team.yaml": TEAM, "policy.yaml": POLICY, "customers/C0001.md": CUSTOMER}
    for name, text in (base | files).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def visit_file(front: str) -> str:
    return f"---\ncustomer: C0001\nmethod: phone\nstaff: [S01]\n{front}---\n电话回访。\n"


# --- policy sections: the schema's defaults, read by attribute ------------------------
def test_a_policy_that_omits_weekly_contacts_asks_18_a_week(tmp_path):
    # schema/policy.json: workload.weekly_contacts defaults to 18 (seed 000, 鸿枫: 每周电话
    # 回访客户不少于18位); one customer phoned on Monday 2026-11-16 of the week judged
    visits = {"visits/2026/2026-11-16-C0001-phone.md": visit_file("date: 2026-11-16\n")}
    records = load_records(folder(tmp_path, visits)).records
    assert records.policy_usable
    (row,) = derive_agenda(records, AsOf.day(dt.date(2026, 11, 18))).workload
    assert (row.staff, row.customers, row.target) == ("S01", 1, 18)


def test_every_section_has_its_schema_default_in_memory_too():
    policy = policy_from({})
    assert policy.workload.weekly_contacts == 18 and policy.workload.methods == "phone"
    assert policy.due.soon_days == 7 and policy.due.start is None and policy.due.from_history
    assert policy.complaints.answer_hours_for("written") == 72
    assert policy.complaints.answer_hours_for("phone") == 24
    assert policy.visits.issue_forward_minutes == 60
    assert policy.surveys.min_sample == 10 and policy.surveys.return_rate_target == 0.8
    assert policy.completeness.customer_documents.days == 3
    assert policy.completeness.visit_review.days == 7
    assert (
        policy.severity("visit_outcome") == "off" and policy.severity("visit_record") == "warning"
    )


def test_an_unquoted_off_switches_a_check_off():
    policy = policy_from({"completeness": {"visit_record": {"severity": False}}})
    assert policy.severity("visit_record") == "off"


# --- required values ------------------------------------------------------------------
def test_a_record_without_a_required_date_builds_no_model_and_counts_as_unreadable(tmp_path):
    # the schema reports the missing value; no check sees half a record, and a visit naming
    # the complaint does not call it unknown
    files = {
        "visits/2026/2026-11-20-C0001-phone.md": visit_file("complaint: K2026-0001\n"),
        "complaints/2026/K2026-0001.md": (
            "---\nid: K2026-0001\ncustomer: C0001\nchannel: phone\ncategory: service\n---\n"
        ),
    }
    loaded = load_records(folder(tmp_path, files))
    records = loaded.records
    assert records.visits == () and records.complaint_list == ()
    assert records.unreadable == {
        "visit": frozenset({"2026-11-20-C0001-phone"}),
        "complaint": frozenset({"K2026-0001"}),
    }
    assert records.exists("complaint", "K2026-0001")
    schema = [p for p in loaded.problems if p.code.startswith("schema.")]
    assert {p.source.path.rpartition("/")[2] for p in schema} == {
        "2026-11-20-C0001-phone.md",
        "K2026-0001.md",
    }


def test_a_whole_number_written_as_3_0_is_an_integer(tmp_path):
    # JSON Schema takes 3.0 as an integer: it was read as no value (0 forms distributed)
    survey = (
        "id: 2026H1\ntitle: 调查\nperiod: {start: 2026-06-01, end: 2026-06-20}\n"
        "distributed: 100.0\nreturned: 90\nlevels: [{name: 满意, satisfied: true}]\n"
        "items: [{name: 绿化, counts: {满意: 90}}]\n"
    )
    records = load_records(folder(tmp_path, {"surveys/2026H1.yaml": survey})).records
    (found,) = records.survey_list
    assert found.distributed == 100 and isinstance(found.distributed, int)


# --- when a visit happened --------------------------------------------------------------
def test_a_visit_is_at_its_time_or_on_its_day_and_at_the_latest_at_midnight_after_it():
    timed = Visit(customer="C0001", date=dt.date(2026, 11, 20), time="10:30", method="phone")
    untimed = Visit(customer="C0001", date=dt.date(2026, 11, 20), method="phone")
    not_a_time = Visit(customer="C0001", date=dt.date(2026, 11, 20), time="25:00", method="phone")
    assert timed.moment() == timed.latest() == dt.datetime(2026, 11, 20, 10, 30)
    assert untimed.moment() == not_a_time.moment() == dt.date(2026, 11, 20)
    assert untimed.latest() == not_a_time.latest() == dt.datetime(2026, 11, 21)
