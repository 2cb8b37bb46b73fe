"""When a visit's record must be in Git at the latest (policy `visits.file_within`, else
`visits.file_within_hours`): the deadline `visit.filed_late` is judged against.

- `hours`: `count` hours after the visit (a visit without a time: after the end of its day);
- `end_of_day` (日清日结): the visit's day at `at` (24:00, or the team's "21:00"); a visit
  that ends after that time — at 22:00 when the day closes at 21:00 — has until the same
  time the next day, since no record can be filed before the visit;
- `working_days`: the `count`-th working day after the visit's day (the team's calendar:
  weekends, official holidays and adjusted workdays, the policy's own), at `at`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.derive.calendar import WorkCalendar
from generator.model import FilingLimit, VisitLimits


@dataclass(frozen=True)
class Filing:
    """The limit as it applies: how to count, and its words for a message."""

    limit: FilingLimit

    @classmethod
    def of(cls, visits: VisitLimits) -> Filing:
        if visits.file_within is not None:
            return cls(visits.file_within)
        return cls(FilingLimit(limit="hours", count=visits.file_within_hours))

    def deadline(self, moment: dt.datetime, day: dt.date, calendar: WorkCalendar) -> dt.datetime:
        """The latest moment the record may be committed, for a visit on `day` that ended
        at `moment` (naive China time, like record times)."""
        limit = self.limit
        if limit.limit == "hours":
            return moment + dt.timedelta(hours=limit.count)
        if limit.limit == "end_of_day":
            closing = _at(day, limit.at)
            return closing if moment <= closing else _at(day + dt.timedelta(days=1), limit.at)
        return _at(calendar.add_workdays(day, int(limit.count)), limit.at)

    def words(self) -> tuple[str, str]:
        """The limit in Chinese and English: "24 小时内" / "within 24 hours"."""
        limit, time = self.limit, self.limit.at
        count = f"{limit.count:g}"
        if limit.limit == "hours":
            return f"回访后 {count} 小时内", f"within {count} hours of the visit"
        if limit.limit == "end_of_day":
            return f"回访当天 {time} 前", f"by {time} on the visit's day"
        return (
            f"回访后第 {count} 个工作日 {time} 前",
            f"by {time} on the {count}th working day after the visit",
        )


def _at(day: dt.date, time: str) -> dt.datetime:
    hours, minutes = (int(part) for part in time.split(":"))
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hours, minutes=minutes)
