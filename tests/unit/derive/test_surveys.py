"""derive/surveys.py: a satisfaction survey at least every half year (domain.md §5, seed 000:
每半年至少进行一次业主意见调查; schema default surveys.every_months 6)."""

from __future__ import annotations

from builders import context, day, policy, records, survey

from generator.derive.periods import add_months
from generator.derive.surveys import survey_items
from generator.model import Period

H1 = survey("2026H1", period=Period(start=day("2026-06-01"), end=day("2026-06-20")))


def _items(today, *surveys, **more):
    return survey_items(context(records(surveys=surveys, rules=policy(**more)), today))


def test_the_next_survey_is_due_six_months_after_the_last_one_ended():
    # ended 06-20 → due 12-20; shown from 12-13 (7 soon days), overdue from 12-21
    assert _items("2026-12-12", H1) == []
    (item,) = _items("2026-12-13", H1)
    assert (str(item.deadline), item.state, item.staff) == ("2026-12-20", "due_soon", ("S03",))
    assert [i.state for i in _items("2026-12-21", H1)] == ["overdue"]


def test_a_survey_not_yet_begun_does_not_count_and_the_latest_begun_one_does():
    later = survey("2026H2", period=Period(start=day("2026-12-15"), end=day("2026-12-30")))
    assert [i.state for i in _items("2026-12-14", H1, later)] == ["due_soon"]
    assert _items("2026-12-16", H1, later) == []  # begun 12-15: due 2027-06-30


def test_without_any_survey_due_start_counts_and_without_either_nothing_is_due():
    (item,) = _items("2026-07-01", due={"start": "2026-01-01"})
    assert (str(item.deadline), item.state, item.subject) == (
        "2026-07-01",
        "due_today",
        "尚无调查记录",
    )
    assert _items("2026-07-01") == []


def test_the_team_may_survey_more_often():
    (item,) = _items("2026-09-20", H1, surveys={"every_months": 3})
    assert str(item.deadline) == "2026-09-20"


def test_months_are_calendar_months_clamped_to_the_months_end():
    assert add_months(day("2026-08-31"), 6) == day("2027-02-28")
    assert add_months(day("2027-08-31"), 6) == day("2028-02-29")
    assert add_months(day("2026-06-20"), 6) == day("2026-12-20")
