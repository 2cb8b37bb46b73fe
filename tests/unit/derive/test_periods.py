"""derive/periods.py: the calendar periods a rule counts in (domain.md §3: per week, per two
weeks, per month, quarterly, half-yearly)."""

from __future__ import annotations

from builders import day

from generator.derive.periods import Span, add_months, last_periods, period_of, periods_between


def test_a_week_starts_on_monday():
    assert period_of("week", day("2026-11-23")) == Span(day("2026-11-23"), day("2026-11-29"))
    assert period_of("week", day("2026-11-22")) == Span(day("2026-11-16"), day("2026-11-22"))


def test_fortnights_are_counted_from_monday_2001_01_01():
    # 2026-11-16 is 9450 days after 2001-01-01 = 675 × 14: it opens a fortnight, to 11-29
    span = Span(day("2026-11-16"), day("2026-11-29"))
    assert (
        period_of("two_weeks", day("2026-11-16"))
        == span
        == period_of("two_weeks", day("2026-11-29"))
    )
    assert period_of("two_weeks", day("2026-11-30")).start == day("2026-11-30")


def test_months_quarters_half_years_and_years():
    assert period_of("month", day("2028-02-10")) == Span(day("2028-02-01"), day("2028-02-29"))
    assert period_of("quarter", day("2026-11-23")) == Span(day("2026-10-01"), day("2026-12-31"))
    assert period_of("half_year", day("2026-06-30")) == Span(day("2026-01-01"), day("2026-06-30"))
    assert period_of("half_year", day("2026-07-01")).start == day("2026-07-01")
    assert period_of("year", day("2026-11-23")) == Span(day("2026-01-01"), day("2026-12-31"))


def test_periods_between_and_the_last_few():
    months = list(periods_between("month", day("2026-10-31"), day("2026-12-01")))
    assert [s.start.month for s in months] == [10, 11, 12]
    quarters = last_periods("quarter", day("2026-02-01"), 3)
    assert [str(s) for s in quarters] == [
        "2025-07-01–2025-09-30",
        "2025-10-01–2025-12-31",
        "2026-01-01–2026-03-31",
    ]


def test_a_span_holds_its_first_and_last_day():
    span = Span(day("2026-11-16"), day("2026-11-22"))
    assert day("2026-11-16") in span and day("2026-11-22") in span
    assert day("2026-11-23") not in span and "2026-11-20" not in span


def test_adding_calendar_months_clamps_to_the_months_end():
    assert add_months(day("2026-01-31"), 1) == day("2026-02-28")
    assert add_months(day("2028-01-31"), 1) == day("2028-02-29")  # a leap year
    assert add_months(day("2026-11-30"), 3) == day("2027-02-28")
    assert add_months(day("2026-11-15"), 1) == day("2026-12-15")
