"""Working days on the official Chinese calendar, and calendar periods."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from generator.derive.calendar import WorkCalendar, known_years
from generator.derive.periods import Span, period_of, periods_between


def test_national_day_three_working_days_end_on_the_working_saturday():
    # received 2026-09-30: 10-01…10-07 off, 10-08 Thu, 10-09 Fri, 10-10 a working Saturday
    assert WorkCalendar().add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_spring_festival_2026_counts_the_working_saturday_before_it():
    calendar = WorkCalendar()
    assert calendar.is_workday(date(2026, 2, 14))  # Saturday, worked for 2026-02-20
    assert not calendar.is_workday(date(2026, 2, 17))  # 春节
    assert not calendar.is_workday(date(2026, 2, 23))  # Monday off, worked on 02-28
    # Fri 02-13 + 3: 02-14 (Sat, worked), 02-24, 02-25
    assert calendar.add_workdays(date(2026, 2, 13), 3) == date(2026, 2, 25)


def test_workdays_between_counts_days_after_the_first_up_to_the_last():
    calendar = WorkCalendar()
    assert calendar.workdays_between(date(2026, 10, 9), date(2026, 10, 10)) == 1
    assert calendar.workdays_between(date(2026, 9, 30), date(2026, 10, 7)) == 0
    assert calendar.workdays_between(date(2026, 11, 23), date(2026, 11, 23)) == 0


def test_team_holidays_and_workdays_override_the_official_calendar():
    calendar = WorkCalendar(
        {
            "extra_holidays": [{"date": "2026-06-18", "name": "公司周年庆"}],
            "extra_workdays": [{"date": "2026-10-03", "name": "值班"}],
        }
    )
    assert not calendar.is_workday(date(2026, 6, 18))
    assert calendar.is_workday(date(2026, 10, 3))
    # Wed 06-17 + 1: 06-18 the team's day off, 06-19 端午节, then the weekend
    assert calendar.add_workdays(date(2026, 6, 17), 1) == date(2026, 6, 22)


def test_an_unknown_year_lacks_only_its_adjusted_workdays_and_is_remembered():
    calendar = WorkCalendar(known_years=range(2001, 2026))
    # 2026's working Saturday 10-10 is not known here; the days off 10-01…10-07 still are:
    # 10-08 Thu (1), 10-09 Fri (2), the weekend, Mon 10-12 (3)
    assert calendar.add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 12)
    assert calendar.unknown_years == {2026}


def test_the_installed_library_knows_the_shipped_demo_years():
    assert 2025 in known_years() and 2026 in known_years()


def test_festivals_are_placed_by_their_chinese_names():
    calendar = WorkCalendar()
    assert calendar.festival("春节", 2027) == date(2027, 2, 6)
    assert calendar.festival("中秋节", 2026) == date(2026, 9, 25)
    assert calendar.festival("中秋节", 2028) == date(2028, 10, 3)  # shares the day with 国庆节
    assert calendar.festival("圣诞节", 2026) is None


@pytest.mark.parametrize(
    ("kind", "day", "start", "end"),
    [
        ("week", date(2026, 11, 23), date(2026, 11, 23), date(2026, 11, 29)),  # a Monday
        ("week", date(2026, 11, 22), date(2026, 11, 16), date(2026, 11, 22)),  # a Sunday
        ("week", date(2026, 12, 31), date(2026, 12, 28), date(2027, 1, 3)),  # across the year
        ("two_weeks", date(2026, 11, 16), date(2026, 11, 16), date(2026, 11, 29)),
        ("two_weeks", date(2026, 11, 30), date(2026, 11, 30), date(2026, 12, 13)),
        ("month", date(2028, 2, 29), date(2028, 2, 1), date(2028, 2, 29)),  # leap day
        ("month", date(2026, 2, 10), date(2026, 2, 1), date(2026, 2, 28)),
        ("month", date(2026, 12, 31), date(2026, 12, 1), date(2026, 12, 31)),
        ("quarter", date(2026, 11, 23), date(2026, 10, 1), date(2026, 12, 31)),
        ("quarter", date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 31)),
        ("half_year", date(2026, 7, 1), date(2026, 7, 1), date(2026, 12, 31)),
        ("year", date(2026, 6, 1), date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_calendar_periods(kind, day, start, end):
    assert period_of(kind, day) == Span(start, end)


def test_periods_between_covers_both_ends_without_gaps():
    spans = list(periods_between("month", date(2026, 1, 31), date(2026, 4, 1)))
    assert [s.start.month for s in spans] == [1, 2, 3, 4]
    assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in pairwise(spans))


def test_a_year_without_its_adjusted_workdays_still_keeps_the_fixed_holidays():
    # issue 18: received Wed 2026-12-30, 3 working days: Thu 12-31 (1), Fri 2027-01-01 is
    # 元旦 (New Year's Day, a statutory holiday every year), the weekend, Mon 01-04 (2), Tue 01-05 (3)
    calendar = WorkCalendar(known_years=range(2001, 2027))
    assert calendar.add_workdays(date(2026, 12, 30), 3) == date(2027, 1, 5)
    assert not calendar.is_workday(date(2027, 10, 1))  # 国庆节
    assert calendar.unknown_years == {2027}


def test_the_team_days_win_in_a_year_without_its_adjusted_workdays():
    calendar = WorkCalendar(
        {
            "extra_workdays": [{"date": "2027-01-01", "name": "值班"}],
            "extra_holidays": [{"date": "2027-01-04", "name": "调休"}],
        },
        known_years=range(2001, 2027),
    )
    # 01-01 is worked (1), the weekend, 01-04 the team's day off, 01-05 (2)
    assert calendar.add_workdays(date(2026, 12, 31), 2) == date(2027, 1, 5)
