"""Calendar periods: week (Monday first), two weeks, month, quarter, half year, year.

Two-week periods are consecutive fortnights counted from Monday 2001-01-01, so
every team and every year agrees on them (2026-11-16 – 2026-11-29 is one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

FORTNIGHT_EPOCH = dt.date(2001, 1, 1)  # a Monday
MONTHS_IN = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


@dataclass(frozen=True, order=True)
class Span:
    """A closed range of days."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}–{self.end.isoformat()}"


def period_of(kind: str, day: dt.date) -> Span:
    """The calendar period of this kind that contains `day`."""
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return Span(start, start + dt.timedelta(days=6))
    if kind == "two_weeks":
        start = day - dt.timedelta(days=(day - FORTNIGHT_EPOCH).days % 14)
        return Span(start, start + dt.timedelta(days=13))
    months = MONTHS_IN[kind]
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    return Span(start, _add_months(start, months) - dt.timedelta(days=1))


def periods_between(kind: str, first: dt.date, last: dt.date) -> Iterator[Span]:
    """Every period from the one containing `first` to the one containing `last`."""
    span = period_of(kind, first)
    while span.start <= last:
        yield span
        span = period_of(kind, span.end + dt.timedelta(days=1))


def last_periods(kind: str, day: dt.date, count: int) -> list[Span]:
    """The `count` periods of this kind ending with the one containing `day`, oldest first."""
    spans = [period_of(kind, day)]
    while len(spans) < count:
        spans.insert(0, period_of(kind, spans[0].start - dt.timedelta(days=1)))
    return spans


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus calendar months, clamped to the month's end (01-31 + 1 → 02-28 or 02-29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = (_add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))
