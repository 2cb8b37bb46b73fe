"""derive/sla.py: complaint limits per stage (domain.md §4: registered within 24 hours; a
clear answer within 24 hours by phone or 3 days in writing; resolved within 3 working days,
special cases 7; feedback within 24 hours of resolution; a follow-up visit after resolution),
on the official calendar with 调休 (2026: 10-01–10-07 off, Saturday 10-10 worked)."""

from __future__ import annotations

import datetime as dt

from builders import at, complaint, context, records, visit

from generator.derive.sla import complaint_items, complaint_status

RECEIVED = at("2026-09-30 10:00")


def _stages(today, the_complaint, *visits, now=None):
    recs = records(complaints=[the_complaint], visits=visits)
    status = complaint_status(context(recs, today, now), the_complaint)
    return {s.name: s for s in status.stages}, status


def test_resolved_within_three_working_days_across_national_day():
    # 09-30 + 3 working days: 10-08, 10-09, 10-10 (the working Saturday)
    stages, status = _stages("2026-10-09", complaint(received=RECEIVED))
    resolve = stages["resolve"]
    assert (str(resolve.deadline), resolve.state, resolve.workdays_left) == (
        "2026-10-10",
        "running",
        1,
    )
    assert resolve.limit == "3 个工作日" and status.open


def test_resolved_on_the_last_working_day_is_met_and_the_next_is_late():
    on_time = complaint(received=RECEIVED, resolved=at("2026-10-10 17:00"))
    assert _stages("2026-10-20", on_time)[0]["resolve"].state == "met"
    late = complaint(received=RECEIVED, resolved=at("2026-10-12 09:00"))
    resolve = _stages("2026-10-20", late)[0]["resolve"]
    assert (resolve.state, resolve.late_by) == ("met_late", dt.timedelta(days=1, hours=9))


def test_a_special_case_gets_seven_working_days():
    # 10-08, 10-09, 10-10, 10-12, 10-13, 10-14, 10-15
    special = complaint(received=RECEIVED, special=True, special_reason="需厂家检测")
    assert str(_stages("2026-10-09", special)[0]["resolve"].deadline) == "2026-10-15"


def test_registered_and_answered_within_24_hours_of_receipt_written_within_three_days():
    given = complaint(
        received=RECEIVED, registered=at("2026-10-01 10:00"), answered=at("2026-10-01 11:00")
    )
    stages, _ = _stages("2026-10-09", given)
    assert stages["register"].state == "met"  # exactly 24 hours
    assert (stages["answer"].state, stages["answer"].late_by) == ("met_late", dt.timedelta(hours=1))
    written = complaint(received=RECEIVED, channel="written", answered=at("2026-10-01 11:00"))
    answer = _stages("2026-10-09", written)[0]["answer"]
    assert (str(answer.deadline), answer.state, answer.limit) == (
        "2026-10-03 10:00",
        "met",
        "72 小时",
    )


def test_an_unregistered_complaint_breaches_once_its_24_hours_have_passed():
    stages, status = _stages("2026-10-01", complaint(received=RECEIVED), now="2026-10-01 09:00")
    assert stages["register"].state == "running" and stages["register"].time_left == dt.timedelta(
        hours=1
    )
    stages, status = _stages("2026-10-01", complaint(received=RECEIVED), now="2026-10-01 12:00")
    assert stages["register"].state == "breached" and stages["register"].late_by == dt.timedelta(
        hours=2
    )
    assert status.pending and status.state == "breached"


def test_feedback_and_follow_up_wait_for_the_resolution():
    stages, _ = _stages("2026-10-09", complaint(received=RECEIVED))
    assert stages["feedback"].state == stages["followup"].state == "waiting"


def test_feedback_within_24_hours_and_a_follow_up_visit_within_seven_days_of_resolution():
    resolved = complaint(
        received=RECEIVED,
        resolved=at("2026-10-09 15:00"),
        feedback_sent=at("2026-10-10 16:00"),
    )
    follow = visit("2026-10-14", kind="complaint", method="onsite")
    stages, _ = _stages("2026-10-20", resolved, follow)
    assert (stages["feedback"].state, stages["feedback"].late_by) == (
        "met_late",
        dt.timedelta(hours=1),
    )
    followup = stages["followup"]
    assert (str(followup.deadline), followup.state, followup.evidence) == (
        "2026-10-16",
        "met",
        follow.id,
    )
    assert followup.done_at == follow.date  # a visit without a time: its day


def test_a_visit_about_another_complaint_is_not_this_ones_follow_up():
    resolved = complaint(received=RECEIVED, resolved=at("2026-10-09 15:00"))
    other = visit("2026-10-12", kind="complaint", complaint="K2026-0002")
    assert _stages("2026-10-13", resolved, other)[0]["followup"].state == "running"


def test_the_first_responder_owns_it_else_the_customers_owner():
    # domain.md §4 首问责任人: the first employee who received it owns it
    assert _stages("2026-10-09", complaint(first_responder="S02"))[1].responsible == ("S02",)
    assert _stages("2026-10-09", complaint())[1].responsible == ("S01",)


def test_stages_become_due_items_and_done_ones_stay_for_seven_days():
    given = complaint(received=RECEIVED, registered=at("2026-09-30 11:00"), first_responder="S02")

    def items(today):
        ctx = context(records(complaints=[given]), today)
        return [
            (i.rule, i.state, i.staff) for i in complaint_items(ctx, [complaint_status(ctx, given)])
        ]

    # registered by 10-01: kept on 10-08 (7 days on), gone on 10-09; feedback and
    # follow-up wait for the resolution, so they are no items yet
    assert items("2026-10-08") == [
        ("complaint_register", "done", ("S02",)),
        ("complaint_answer", "overdue", ("S02",)),
        ("complaint_resolve", "due_soon", ("S02",)),
    ]
    assert [rule for rule, _, _ in items("2026-10-09")] == ["complaint_answer", "complaint_resolve"]


def test_a_visit_earlier_on_the_resolution_day_is_no_follow_up():
    resolved = complaint(received=RECEIVED, resolved=at("2026-10-09 15:00"))
    before = visit("2026-10-09", time="09:00", kind="complaint", method="onsite")
    assert _stages("2026-10-10", resolved, before)[0]["followup"].state == "running"
    # domain.md §4: the follow-up visit comes after resolution; a visit without a time on
    # that day may have been after it, so it still counts
    untimed = visit("2026-10-09", kind="complaint", method="onsite")
    assert _stages("2026-10-10", resolved, untimed)[0]["followup"].state == "met"
