"""derive/calendar.py: working days on the official Chinese calendar with 调休 (domain.md §4),
and the team's own extra holidays and workdays. The dates are the State Council's 2026
arrangement: 春节 02-15–02-23 off, Saturdays 02-14 and 02-28 worked; 国庆 10-01–10-07 off,
Sunday 09-20 and Saturday 10-10 worked."""

from __future__ import annotations

from builders import day

from generator.derive.calendar import WorkCalendar, festival_names


def test_adjusted_weekends_are_working_days_and_the_holidays_are_not():
    cal = WorkCalendar()
    assert cal.is_workday(day("2026-10-10")) and cal.is_workday(day("2026-09-20"))  # Sat, Sun
    assert cal.is_workday(day("2026-02-14")) and cal.is_workday(day("2026-02-28"))
    assert not cal.is_workday(day("2026-10-05"))  # a Monday of 国庆
    assert not cal.is_workday(day("2026-02-23"))  # the Monday ending 春节
    assert cal.is_workday(day("2026-10-08")) and not cal.is_workday(day("2026-11-22"))  # Thu; Sun


def test_adding_working_days_skips_the_national_day_holiday():
    cal = WorkCalendar()
    # 3 working days after 09-30: 10-08, 10-09, 10-10 (the working Saturday)
    assert cal.add_workdays(day("2026-09-30"), 3) == day("2026-10-10")
    # 7: … 10-10, 10-12, 10-13, 10-14, 10-15
    assert cal.add_workdays(day("2026-09-30"), 7) == day("2026-10-15")
    assert cal.add_workdays(day("2026-09-30"), 0) == day("2026-09-30")  # the start never counts


def test_working_days_between_count_the_last_day_but_not_the_first():
    cal = WorkCalendar()
    assert cal.workdays_between(day("2026-10-08"), day("2026-10-10")) == 2  # 10-09, 10-10
    assert cal.workdays_between(day("2026-10-01"), day("2026-10-07")) == 0
    assert cal.workdays_between(day("2026-10-10"), day("2026-10-10")) == 0


def test_the_teams_own_days_win_over_the_official_calendar():
    cal = WorkCalendar(
        {
            "extra_holidays": [{"date": "2026-11-23", "name": "公司年会"}],
            "extra_workdays": [{"date": "2026-10-05"}],
        }
    )
    assert not cal.is_workday(day("2026-11-23")) and cal.is_workday(day("2026-10-05"))
    assert cal.add_workdays(day("2026-11-20"), 1) == day("2026-11-24")  # Fri → (Mon off) → Tue


def test_a_year_without_an_official_arrangement_uses_weekdays_and_is_remembered():
    cal = WorkCalendar(known_years=range(2001, 2027))
    assert cal.is_workday(day("2027-03-01")) and not cal.is_workday(day("2027-03-06"))  # Mon, Sat
    assert cal.unknown_years == {2027}
    assert not cal.is_workday(day("2027-01-01"))  # 元旦 is statutory: still known
    cal.is_workday(day("2026-03-02"))  # a known year is not remembered
    assert cal.unknown_years == {2027}


def test_festivals_are_placed_on_their_first_official_day():
    cal = WorkCalendar()
    assert cal.festival("春节", 2026) == day("2026-02-17")  # 正月初一 2026
    assert cal.festival("中秋节", 2026) == day("2026-09-25")
    assert cal.festival("圣诞节", 2026) is None
    assert {"春节", "中秋节", "国庆节", "元旦"} <= festival_names()
