"""validate/dates.py: a record's dates in the order things happen, none in the future."""

from __future__ import annotations

from builders import at, codes, complaint, day, records, survey, visit

from generator.model import Commitment, Issue, Period
from generator.validate.dates import complaint_dates, survey_dates, visit_dates

TODAY = day("2026-11-23")


def test_complaint_steps_in_order_pass_and_an_answer_before_receipt_does_not():
    # domain.md §4: received → registered → answered → resolved → feedback
    fine = complaint(
        received=at("2026-11-02 09:30"),
        registered=at("2026-11-02 10:00"),
        answered=at("2026-11-02 15:00"),
        resolved=at("2026-11-04 11:00"),
        feedback_sent=at("2026-11-04 16:00"),
    )
    assert complaint_dates(records(complaints=[fine]), TODAY) == []
    early = complaint(received=at("2026-11-02 09:30"), answered=at("2026-11-02 09:00"))
    (found,) = complaint_dates(records(complaints=[early]), TODAY)
    assert found.code == "dates.out_of_order" and found.path == "answered"


def test_a_missing_step_is_skipped_and_the_next_compared_with_the_one_before():
    # no registered: resolved (11-01) is compared with received (11-02)
    odd = complaint(received=at("2026-11-02 09:30"), resolved=at("2026-11-01 17:00"))
    (found,) = complaint_dates(records(complaints=[odd]), TODAY)
    assert found.path == "resolved" and "2026-11-02 09:30" in found.message_en


def test_nothing_may_be_dated_after_today_but_today_itself_may():
    today = complaint(received=at("2026-11-23 18:00"))  # later on the same day: allowed
    assert complaint_dates(records(complaints=[today]), TODAY) == []
    tomorrow = complaint(received=at("2026-11-24 08:00"))
    assert codes(complaint_dates(records(complaints=[tomorrow]), TODAY)) == ["dates.in_future"]
    assert visit_dates(records(visits=[visit("2026-11-23")]), TODAY) == []
    assert codes(visit_dates(records(visits=[visit("2026-11-24")]), TODAY)) == ["dates.in_future"]


def test_a_review_before_the_visit_is_out_of_order():
    early = visit("2026-11-20", reviewed_by="S02", reviewed_on=day("2026-11-19"))
    (found,) = visit_dates(records(visits=[early]), TODAY)
    assert found.code == "dates.out_of_order" and found.path == "reviewed_on"
    same_day = visit("2026-11-20", reviewed_by="S02", reviewed_on=day("2026-11-20"))
    assert visit_dates(records(visits=[same_day]), TODAY) == []


def test_an_issue_is_sent_after_the_visit_day_and_contacted_after_it_is_sent():
    # a date and a date-time are compared by day: sent at 08:00 on the visit's day is fine
    fine = Issue(
        text="漏水",
        needs_action=True,
        sent_at=at("2026-11-20 08:00"),
        first_contact_at=at("2026-11-20 09:00"),
    )
    assert visit_dates(records(visits=[visit(issues=(fine,))]), TODAY) == []
    before = Issue(text="漏水", needs_action=True, sent_at=at("2026-11-19 17:00"))
    backwards = Issue(
        text="漏水",
        needs_action=True,
        sent_at=at("2026-11-20 10:00"),
        first_contact_at=at("2026-11-20 09:00"),
    )
    found = visit_dates(records(visits=[visit(issues=(before, backwards))]), TODAY)
    assert [p.path for p in found] == ["issues[0].sent_at", "issues[1].first_contact_at"]


def test_a_promise_kept_before_it_was_made_or_in_the_future_is_wrong():
    kept = Commitment(text="送样品", due=day("2026-11-25"), done=day("2026-11-19"))
    assert [p.path for p in visit_dates(records(visits=[visit(commitments=(kept,))]), TODAY)] == [
        "commitments[0].done"
    ]
    future = Commitment(text="送样品", due=day("2026-11-25"), done=day("2026-11-24"))
    assert codes(visit_dates(records(visits=[visit(commitments=(future,))]), TODAY)) == [
        "dates.in_future"
    ]
    open_promise = Commitment(
        text="送样品", due=day("2026-11-25")
    )  # no done date: nothing to check
    assert visit_dates(records(visits=[visit(commitments=(open_promise,))]), TODAY) == []


def test_a_survey_period_ends_after_it_starts():
    backwards = survey(period=Period(start=day("2026-06-20"), end=day("2026-06-01")))
    assert codes(survey_dates(records(surveys=[backwards]), TODAY)) == ["dates.out_of_order"]
    one_day = survey(period=Period(start=day("2026-06-01"), end=day("2026-06-01")))
    assert survey_dates(records(surveys=[one_day]), TODAY) == []
