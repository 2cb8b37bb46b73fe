"""Dates in order (received ≤ registered ≤ answered ≤ resolved …) and nothing in the future."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime

from generator.model import Records, Sourced
from generator.problems import Problem
from generator.validate.common import problem_at
from generator.vocabulary import field_label

COMPLAINT_ORDER = ("received", "registered", "answered", "resolved", "feedback_sent")
ISSUE_ORDER = ("sent_at", "first_contact_at", "resolved_at")


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _shown(value: date | datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()


def _comparable(a: date | datetime, b: date | datetime) -> tuple:
    """Compare a date with a date-time by day only (a date has no time of day)."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a, b
    return _day(a), _day(b)


def in_order(
    records: Records,
    kind: str,
    record: Sourced,
    steps: Sequence[tuple[tuple, date | datetime | None]],
) -> Iterator[Problem]:
    """Each present step must not be before the latest present step before it."""
    previous: tuple[tuple, date | datetime] | None = None
    for path, value in steps:
        if value is None:
            continue
        if previous is not None:
            earlier_path, earlier = previous
            later_value, earlier_value = _comparable(value, earlier)
            if later_value < earlier_value:
                yield problem_at(
                    records,
                    "dates.out_of_order",
                    record,
                    path,
                    later=field_label(kind, path),
                    later_value=_shown(value),
                    earlier=field_label(kind, earlier_path),
                    earlier_value=_shown(earlier),
                )
                continue
        previous = (path, value)


def _not_future(
    records: Records, kind: str, record: Sourced, path: tuple, value, today: date
) -> Iterator[Problem]:
    if value is not None and _day(value) > today:
        yield problem_at(
            records,
            "dates.in_future",
            record,
            path,
            field=field_label(kind, path),
            value=_shown(value),
            today=today.isoformat(),
        )


def complaint_dates(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for c in records.complaint_list:
        steps = [((name,), getattr(c, name)) for name in COMPLAINT_ORDER]
        problems += in_order(records, "complaint", c, steps)
        for path, value in steps:
            problems += _not_future(records, "complaint", c, path, value, today)
    return problems


def visit_dates(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for v in records.visits:
        problems += _not_future(records, "visit", v, ("date",), v.date, today)
        if v.reviewed_on is not None:  # most visits: nothing else to compare (100,000 a run)
            problems += _not_future(records, "visit", v, ("reviewed_on",), v.reviewed_on, today)
            problems += in_order(
                records, "visit", v, [(("date",), v.date), (("reviewed_on",), v.reviewed_on)]
            )
        for i, issue in enumerate(v.issues):
            steps = [(("date",), v.date)] + [
                (("issues", i, n), getattr(issue, n)) for n in ISSUE_ORDER
            ]
            problems += in_order(records, "visit", v, steps)
        for i, promise in enumerate(v.commitments):
            if promise.done is None:
                continue
            problems += in_order(
                records,
                "visit",
                v,
                [(("date",), v.date), (("commitments", i, "done"), promise.done)],
            )
            problems += _not_future(
                records, "visit", v, ("commitments", i, "done"), promise.done, today
            )
    return problems


def survey_dates(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for s in records.survey_list:
        steps = [(("period", "start"), s.period.start), (("period", "end"), s.period.end)]
        problems += in_order(records, "survey", s, steps)
    return problems


CHECKS = (complaint_dates, visit_dates, survey_dates)
