"""generator.derive: the agenda (every due item, most urgent first, with done-late ones and the
on-time rate per person) and the complaint report."""

from __future__ import annotations

import datetime as dt

from builders import at, complaint, customer, day, policy, records, visit

from generator.derive import AsOf, OnTime, derive_agenda, derive_complaints
from generator.model import Commitment

# real-estate sales (domain.md §3): a same-day call to a new enquiry
ENQUIRY = {
    "name": "enquiry_call",
    "label": "来电当天回访",
    "after": "events.enquiry",
    "within_days": 0,
    "methods": "phone",
}


def _agenda(today, *visits, customers=None, **rules):
    recs = records(customers=customers or [customer()], visits=visits, rules=policy(**rules))
    return derive_agenda(recs, AsOf.day(day(today)))


def test_a_same_day_call_made_the_next_day_is_a_day_late():
    # docs/rules.md "Done late": enquiry 11-20, called 11-21 → done_late by 1 day
    enquired = customer(events={"enquiry": day("2026-11-20")})
    agenda = _agenda("2026-11-23", visit("2026-11-21"), customers=[enquired], events=[ENQUIRY])
    (item,) = agenda.items
    assert (item.state, item.done_at, item.late_by) == (
        "done_late",
        day("2026-11-21"),
        dt.timedelta(days=1),
    )
    agenda = _agenda("2026-11-23", visit("2026-11-20"), customers=[enquired], events=[ENQUIRY])
    assert [i.state for i in agenda.items] == ["done"]


def test_items_are_listed_most_urgent_first():
    promises = (
        Commitment(text="送样品", due=day("2026-11-30")),
        Commitment(text="回电", due=day("2026-11-20")),
        Commitment(text="报价", due=day("2026-11-23")),
    )
    agenda = _agenda("2026-11-23", visit("2026-11-10", commitments=promises))
    assert [(i.subject, i.state) for i in agenda.items] == [
        ("回电", "overdue"),
        ("报价", "due_today"),
        ("送样品", "due_soon"),
    ]


def test_the_on_time_rate_counts_each_persons_completed_items():
    promises = (
        Commitment(text="送样品", due=day("2026-11-18"), done=day("2026-11-18")),
        Commitment(text="回电", due=day("2026-11-18"), done=day("2026-11-19")),
    )
    agenda = _agenda("2026-11-23", visit("2026-11-10", commitments=promises))
    assert agenda.on_time == (OnTime("S01", 1, 1),)
    assert agenda.on_time_of("S01").rate == 0.5 and str(agenda.on_time_of("S01")) == "50%（1/2）"
    assert agenda.on_time_of("S02") is None and str(OnTime("S02", 0, 0)) == "—"


def test_a_year_the_calendar_does_not_know_is_reported_once():
    recs = records(complaints=[complaint(received=at("2040-01-02 10:00"))])
    report = derive_complaints(recs, AsOf.day(day("2040-01-05")))
    assert [p.code for p in report.problems] == ["calendar.unknown_year"]
    assert "2040" in report.problems[0].message_en


def test_the_complaint_report_lists_statuses_by_id_and_months():
    given = [
        complaint("K2", received=at("2026-11-02 09:30")),
        complaint("K1", received=at("2026-10-30 09:30")),
    ]
    report = derive_complaints(records(complaints=given), AsOf.day(day("2026-11-23")))
    assert [s.complaint.id for s in report.statuses] == ["K1", "K2"]
    assert [m.month for m in report.months] == ["2026-10", "2026-11"] and report.problems == ()
