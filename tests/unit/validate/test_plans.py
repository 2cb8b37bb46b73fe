"""validate/plans.py: a visit plan (拜访计划书, seeds 000/001: 业务人员每月底应提出次月拜访
计划书,呈部门主管审核) lies in plans/<month>/<staff>, one per person and month; its contacts
are in the month, each on a day or in a week; a supervisor or manager who is not the person
approves it; with Git, it is filed by plans.file_by and approved within
plans.approve_within_days. The team (builders.TEAM): S01 agent, S02 supervisor, S03 director,
S04 an agent who has left."""

from __future__ import annotations

from builders import codes, day, planned, policy, records, staff, visit_plan

from generator.history import History, RecordHistory, Version
from generator.history.diff import FieldChange
from generator.history.gitlog import Commit
from generator.problems import Source
from generator.validate import run_checks
from generator.validate.plans import contacts, placement, plan_records, references

TODAY = day("2026-11-23")
WEEK = planned("C0001", week="2026-W49")  # 11-30 – 12-06: in November and in December


def test_a_plan_in_plans_month_staff_passes_and_a_misplaced_one_says_where_it_belongs():
    plan = visit_plan("2026-12", "S01", WEEK)
    found = run_checks(records(plans=[plan]), TODAY)
    assert [p for p in found if "plans" in p.source.path] == []
    moved = visit_plan("2026-12", "S01", WEEK, source=Source("records/plans/2026-11/S01.yaml"))
    (found,) = placement(records(plans=[moved]), TODAY)
    assert found.code == "plan.misplaced" and found.severity == "warning"
    assert found.path == "month" and "records/plans/2026-12/S01.yaml" in found.message_zh
    renamed = visit_plan("2026-12", "S01", WEEK, source=Source("records/plans/2026-12/S02.yaml"))
    (found,) = placement(records(plans=[renamed]), TODAY)
    assert found.path == "staff" and "records/plans/2026-12/S01.yaml" in found.message_en
    loose = visit_plan("2026-12", "S01", WEEK, source=Source("records/plans/S01.yaml"))
    assert codes(placement(records(plans=[loose]), TODAY)) == ["plan.misplaced"]


def test_one_plan_per_person_and_month():
    first = visit_plan("2026-12", "S01", WEEK)
    second = visit_plan("2026-12", "S01", WEEK, id="2026-12-S02",
                        source=Source("records/plans/2026-12/S02.yaml"))  # fmt: skip
    found = placement(records(plans=[first, second]), TODAY)
    assert codes(found) == ["plan.misplaced", "plan.duplicate"]
    assert found[1].source.path == "records/plans/2026-12/S02.yaml"
    assert found[1].severity == "error" and "records/plans/2026-12/S01.yaml" in found[1].message_zh
    # the plan in its own place wins whichever is read first: the misplaced copy is the duplicate
    found = placement(records(plans=[second, first]), TODAY)
    assert codes(found) == ["plan.misplaced", "plan.duplicate"]
    assert found[1].source.path == "records/plans/2026-12/S02.yaml"


def test_the_person_customers_and_approver_must_exist():
    plan = visit_plan("2026-12", "S77", planned("C0099", week="2026-W50"), approved_by="S88")
    found = references(records(plans=[plan]), TODAY)
    assert codes(found) == ["ref.unknown_staff", "ref.unknown_customer", "ref.unknown_staff"]
    assert [p.path for p in found] == ["staff", "contacts[0].customer", "approved_by"]


def test_the_approver_is_a_supervisor_manager_or_director_and_not_the_person():
    assert references(records(plans=[visit_plan("2026-12", "S01", WEEK)]), TODAY) == []
    director = visit_plan("2026-12", "S01", WEEK, approved_by="S03")
    assert references(records(plans=[director]), TODAY) == []
    agent = visit_plan("2026-12", "S02", WEEK, approved_by="S01")  # an agent approves
    (found,) = references(records(plans=[agent]), TODAY)
    assert found.code == "ref.wrong_role" and "主管、部门经理、营销总监/总经理" in found.message_zh
    own = visit_plan("2026-12", "S02", WEEK, approved_by="S02")  # the supervisor's own plan
    (found,) = references(records(plans=[own]), TODAY)
    assert found.code == "plan.self_approved" and found.severity == "error"
    # a team whose plans only managers approve
    managers = policy(plans={"approver_roles": ["manager"]})
    found = references(records(plans=[visit_plan("2026-12", "S01", WEEK)], rules=managers), TODAY)
    assert codes(found) == ["ref.wrong_role"]


def test_a_supervisor_of_another_department_is_warned_a_director_is_not():
    team = (
        staff("S01", department="客服部"),
        staff("S02", role="supervisor", department="业务部"),
        staff("S03", role="director", department="总经办"),
    )
    other = visit_plan("2026-12", "S01", WEEK)
    (found,) = references(records(plans=[other], team=team), TODAY)
    assert found.code == "plan.other_department" and found.severity == "warning"
    assert "S02 在 业务部，S01 在 客服部" in found.message_zh
    director = visit_plan("2026-12", "S01", WEEK, approved_by="S03")
    assert references(records(plans=[director], team=team), TODAY) == []


def test_an_approval_names_who_and_when_and_has_happened():
    unsigned = visit_plan("2026-12", "S01", WEEK, approved_by=None, approved_on=None)
    assert references(records(plans=[unsigned]), TODAY) == []
    half = visit_plan("2026-12", "S01", WEEK, approved_on=None)
    (found,) = references(records(plans=[half]), TODAY)
    assert found.code == "plan.approval_incomplete" and found.path == "approved_by"
    assert "却没有 approved_on" in found.message_zh
    ahead = visit_plan("2026-12", "S01", WEEK, approved_on=day("2026-11-24"))
    (found,) = references(records(plans=[ahead]), TODAY)
    assert found.code == "dates.in_future" and "审核日期" in found.message_zh


def test_each_contact_gives_a_week_or_a_day_of_the_month():
    plan = visit_plan(
        "2026-12",
        "S01",
        planned("C0001", week="2026-W49"),  # begins in November, ends in December: fine
        planned("C0001", week="2026-W49", date="2026-12-02"),  # both
        planned("C0001"),  # neither
        planned("C0001", week="2026-12-02"),  # a Wednesday
        planned("C0001", week="2027-W53"),  # no such week
        planned("C0001", week="2026-W48"),  # all in November
        planned("C0001", date="2027-01-04"),
    )
    found = contacts(records(plans=[plan]), TODAY)
    assert [(p.code, p.path) for p in found] == [
        ("plan.contact_when", "contacts[1]"),
        ("plan.contact_when", "contacts[2]"),
        ("plan.bad_week", "contacts[3].week"),
        ("plan.bad_week", "contacts[4].week"),
        ("plan.outside_month", "contacts[5].week"),
        ("plan.outside_month", "contacts[6].date"),
    ]
    assert "两个都写了" in found[0].message_zh and "gives neither" in found[1].message_en
    assert "是星期三，不是星期一" in found[2].message_zh
    assert "2027 年没有第 53 周" in found[3].message_zh
    assert "2027-01-04 不在计划月份 2026-12 内" in found[5].message_zh
    assert all(p.severity == "error" for p in found)


# --- from Git history ---------------------------------------------------------------
def commit(sha: str, when: str) -> Commit:
    return Commit(sha=sha.ljust(40, "0"), parents="", author="王芳",
                  author_email="wang@example.com", author_date=when, committer="王芳",
                  committer_date=when, signature="N", key="", signer="", message="计划")  # fmt: skip


FIRST = commit("a0", "2026-11-01T09:00:00+08:00")  # the first commit touching the records


def history(ident: str, *versions: tuple[Commit, dict]) -> History:
    """The plan's versions: (commit, the fields it added); the first adds the record."""
    kept = RecordHistory("plan", ident)
    for n, (made, fields) in enumerate(versions):
        changes = tuple(FieldChange(path=(k,), change="added", new=v) for k, v in fields.items())
        status = "added" if n == 0 else "modified"
        kept.versions.append(Version(made, f"records/plans/{ident}.yaml", status, changes))
    commits = [FIRST, *(made for made, _ in versions)]
    return History(records={("plan", ident): kept}, commits=commits)


def _late(plan, hist, today=TODAY, **rules):
    recs = records(plans=[plan], rules=policy(**rules)) if rules else records(plans=[plan])
    return [(p.code, p.path, p.severity) for p in plan_records(recs, hist, day(today))]


def test_a_plan_filed_after_the_last_working_day_before_its_month_is_warned():
    plan = visit_plan("2026-12", "S01", WEEK, approved_on=day("2026-12-01"))
    # November ends on Monday the 30th: the plan for December is due by its end
    in_time = history(plan.id, (commit("b1", "2026-11-30T23:59:00+08:00"), {}))
    assert _late(plan, in_time) == []
    late = history(plan.id, (commit("b1", "2026-12-01T08:30:00+08:00"), {}))
    assert _late(plan, late) == [("plan.filed_late", "month", "warning")]
    (found,) = plan_records(records(plans=[plan]), late, TODAY)
    assert "到 2026-12-01 08:30 才首次提交" in found.message_zh
    assert "上月最后一个工作日结束前，即 2026-12-01 00:00 前" in found.message_zh
    # by the end of the month's first working day (Tuesday 12-01): in time
    assert _late(plan, late, plans={"file_by": "first_working_day"}) == []
    assert _late(plan, late, completeness={"plan_filed_late": {"severity": "off"}}) == []


def test_a_plan_whose_deadline_came_before_the_history_began_is_not_judged():
    # the records entered Git on 2026-11-01: November's plan was due by 10-31 (an import)
    november = visit_plan("2026-11", "S01", planned("C0001", week="2026-W47"),
                          approved_on=day("2026-11-05"))  # fmt: skip
    imported = history(november.id, (commit("b1", "2026-11-05T10:00:00+08:00"), {}))
    assert _late(november, imported) == []


def test_a_plan_still_unapproved_days_after_it_was_filed_or_approved_late():
    unsigned = visit_plan("2026-12", "S01", WEEK, approved_by=None, approved_on=None)
    filed = (commit("b1", "2026-11-25T10:00:00+08:00"), {})
    # five days: until 11-30 10:00; as of the start of 11-30 there is still time
    assert _late(unsigned, history(unsigned.id, filed), "2026-11-30") == []
    assert _late(unsigned, history(unsigned.id, filed), "2026-12-01") == [
        ("plan.unapproved", "staff", "warning")
    ]
    signed = visit_plan("2026-12", "S01", WEEK, approved_on=day("2026-11-28"))
    soon = (commit("c1", "2026-11-28T16:00:00+08:00"), {"approved_by": "S02"})
    assert _late(signed, history(signed.id, filed, soon), "2026-12-05") == []
    later = (commit("c1", "2026-12-01T09:00:00+08:00"), {"approved_by": "S02"})
    hist = history(signed.id, filed, later)
    assert _late(signed, hist, "2026-12-05") == [("plan.approved_late", "approved_by", "warning")]
    (found,) = plan_records(records(plans=[signed]), hist, day("2026-12-05"))
    assert "到 2026-12-01 09:00 才写上" in found.message_zh and "5 天" in found.message_zh
    assert _late(signed, hist, "2026-12-05", plans={"approve_within_days": 7}) == []
    # late by seconds only is not late: messages show minutes (10:00 is 10:00)
    on_the_minute = (commit("c1", "2026-11-30T10:00:40+08:00"), {"approved_by": "S02"})
    filed_at = (commit("b1", "2026-11-25T10:00:10+08:00"), {})
    assert _late(signed, history(signed.id, filed_at, on_the_minute), "2026-12-05") == []


def test_an_approval_dated_before_the_plan_was_filed_is_warned():
    filed = (commit("b1", "2026-11-25T10:00:00+08:00"), {})
    early = visit_plan("2026-12", "S01", WEEK, approved_on=day("2026-11-24"))
    assert _late(early, history(early.id, filed), "2026-11-26") == [
        ("plan.approved_before_filed", "approved_on", "warning")
    ]
    (found,) = plan_records(records(plans=[early]), history(early.id, filed), day("2026-11-26"))
    assert "approved_on: 2026-11-24" in found.message_zh and "2026-11-25 10:00" in found.message_zh
    same_day = visit_plan("2026-12", "S01", WEEK, approved_on=day("2026-11-25"))
    assert _late(same_day, history(same_day.id, filed), "2026-11-26") == []
    # dated before the history began (its first commit, 11-01): imported with it, not judged
    imported = visit_plan("2026-12", "S01", WEEK, approved_on=day("2026-10-20"))
    assert _late(imported, history(imported.id, filed), "2026-11-26") == []


def test_a_contact_repeating_another_is_warned():
    plan = visit_plan(
        "2026-12",
        "S01",
        planned("C0001", week="2026-W50", method="phone"),
        planned("C0001", week="2026-W50", method="onsite"),  # another method: another contact
        planned("C0001", week="2026-W50", method="phone"),  # the first again
    )
    (found,) = contacts(records(plans=[plan]), TODAY)
    assert (found.code, found.path, found.severity) == (
        "plan.repeated_contact", "contacts[2]", "warning"
    )  # fmt: skip
    assert "与第 1 项相同" in found.message_zh
