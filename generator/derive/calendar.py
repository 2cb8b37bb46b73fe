"""Working days: the official Chinese calendar with adjusted weekends (调休), plus the team's own.

The `holidays` package knows the State Council's yearly arrangement — the days
off and the Saturdays/Sundays that become working days — for the years it has
been told about (`ChinaStaticHolidays.special_public_holidays` lists them).
For any other year it still knows the statutory holidays (元旦, 春节, 国庆节… and
their substitute days), only not the adjusted working weekends: the calendar
then uses those holidays, Monday–Friday otherwise, and records the year so the
caller can warn once (docs/rules.md, "Working days"). The team's
`calendar.extra_holidays` / `extra_workdays` always win.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from generator.model import CalendarSettings, DatedName

if TYPE_CHECKING:
    from holidays.countries.china import China

# `holidays` is imported when a year is first asked about, not with the rules: importing the
# package loads every country's module, and most uses of generator.derive never need a day.


@cache
def known_years() -> range:
    """Years whose official arrangement the installed `holidays` release contains."""
    from holidays.countries.china import ChinaStaticHolidays

    listed = ChinaStaticHolidays.special_public_holidays
    return range(min(listed), max(listed) + 1)


def _china(years: int | range) -> China:
    from holidays.countries.china import China

    return China(years=years, language="zh_CN")


def _dates(entries: Iterable[Mapping]) -> dict[dt.date, str]:
    """The days of `calendar` entries as written ({date: "YYYY-MM-DD", name: …})."""
    found: dict[dt.date, str] = {}
    for entry in entries or ():
        try:
            found[dt.date.fromisoformat(str(entry["date"]))] = str(entry.get("name") or "")
        except (KeyError, TypeError, ValueError):
            continue  # the schema stage reports a malformed entry
    return found


def _days(entries: Iterable[DatedName]) -> dict[dt.date, str]:
    return {entry.date: entry.name for entry in entries}


@dataclass(frozen=True)
class _Year:
    """What the library says of one year: days off, working weekend days, holidays by name."""

    days_off: frozenset[dt.date]
    workdays: frozenset[dt.date]
    first_days: dict[str, dt.date]  # 春节 → its first day

    @classmethod
    def load(cls, year: int, official: bool) -> _Year:
        """`official`: the State Council's arrangement for `year` is known, so are its
        working weekend days; otherwise only the library's holidays are."""
        china = _china(year)
        first_days: dict[str, dt.date] = {}
        for day, label in sorted(china.items()):
            for part in label.split("; "):
                first_days.setdefault(part, day)
        return cls(
            days_off=frozenset(d for d in china if d.year == year),
            workdays=frozenset(d for d in china.weekend_workdays if d.year == year)
            if official
            else frozenset(),
            first_days=first_days,
        )


class WorkCalendar:
    """Is a day a working day? Adds working days to a date. Remembers unknown years asked about."""

    def __init__(
        self,
        settings: CalendarSettings | Mapping | None = None,
        known_years: range | None = None,
    ) -> None:
        """`settings`: the policy's `calendar` section, or a mapping as it is written."""
        if isinstance(settings, CalendarSettings):
            self.extra_holidays = _days(settings.extra_holidays)
            self.extra_workdays = _days(settings.extra_workdays)
        else:
            settings = settings or {}
            self.extra_holidays = _dates(settings.get("extra_holidays", ()))
            self.extra_workdays = _dates(settings.get("extra_workdays", ()))
        self._known = known_years  # None: what the installed `holidays` knows (`known_years`)
        self.unknown_years: set[int] = set()
        self._years: dict[int, _Year] = {}

    @property
    def known_years(self) -> range:
        return known_years() if self._known is None else self._known

    def _year(self, year: int) -> _Year:
        if year not in self._years:
            self._years[year] = _Year.load(year, official=year in self.known_years)
        return self._years[year]

    def is_workday(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.extra_holidays:
            return False
        if day.year not in self.known_years:
            self.unknown_years.add(day.year)  # its holidays are known, its adjusted workdays not
        official = self._year(day.year)
        if day in official.workdays:
            return True
        return day.weekday() < 5 and day not in official.days_off

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (`start` itself never counts); 0 → start."""
        day = start
        while count > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_between(self, first: dt.date, last: dt.date) -> int:
        """Working days in (first, last]: how many working days from `first` until `last` ends."""
        count, day = 0, first
        while day < last:
            day += dt.timedelta(days=1)
            count += self.is_workday(day)
        return count

    def festival(self, name: str, year: int) -> dt.date | None:
        """The first day of an official holiday by its Chinese name (春节, 中秋节…) in `year`."""
        return self._year(year).first_days.get(name)


def festival_names() -> frozenset[str]:
    """Every official holiday name the calendar can place, e.g. 春节, 中秋节, 国庆节."""
    sample = _china(range(2024, 2029))
    return frozenset(
        part for label in sample.values() for part in label.split("; ") if "（" not in part
    )
