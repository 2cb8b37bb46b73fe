"""Timeliness from Git history: when a record first entered the repository, against the
policy's limits (visit filed within visits.file_within — hours, by the end of its day, or
within working days: derive/filing.py — or visits.file_within_hours, complaint registered within
complaints.register_hours, review signed off within completeness.visit_review.days).

The time of a commit is its author date: with squash or rebase merges the committer
date is the merge, not the filing. Author dates are claims (docs/history.md says how to
protect them). A record is judged only when its history can tell: not before the first
commit that touched the records or the policy's due.start (an import of old records is
not "late"), and not when it was added by the commit a shallow clone was cut at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.derive.calendar import WorkCalendar
from generator.derive.filing import Filing
from generator.model import Records, local_time
from generator.problems import Problem
from generator.validate.common import switched_checks

if TYPE_CHECKING:  # History is read by generator.history; only its values come here
    from generator.history import History, RecordHistory, Version
    from generator.history.gitlog import Commit


def committed_at(commit: Commit) -> dt.datetime:
    """The commit's author date in the team's local time (naive, like record times)."""
    return local_time(dt.datetime.fromisoformat(commit.author_date))


def shown(moment: dt.datetime | dt.date) -> str:
    if not isinstance(moment, dt.datetime):
        return moment.isoformat()
    return moment.strftime("%Y-%m-%d %H:%M")


def hours(delta: dt.timedelta) -> str:
    return f"{delta.total_seconds() / 3600:.1f}".removesuffix(".0")


class Judge:
    """Which versions can be judged, and the facts of the commit for a message."""

    def __init__(self, records: Records, history: History) -> None:
        self.history = history
        first = [committed_at(c).date() for c in history.commits[:1]]
        starts = [day for day in (*first, records.policy.start) if day]
        self.start = max(starts) if starts else None  # nothing dated earlier is judged

    def judged(self, day: dt.date, version: Version) -> bool:
        if version.commit.sha in self.history.boundary:
            return False
        return self.start is None or day >= self.start

    @staticmethod
    def commit_facts(version: Version) -> dict:
        return {"commit": version.commit.short, "author": version.commit.author}


def first_commit_late(
    judge: Judge,
    found: RecordHistory | None,
    moment: dt.datetime,
    deadline: dt.datetime,
    day: dt.date | None = None,
) -> dict | None:
    """The facts of the commit that added the record, when it came after `deadline` (`late`:
    how long after `moment`, of `day` when that is not the moment's own); None when it was
    in time or cannot be judged."""
    if not found or not judge.judged(day or moment.date(), found.versions[0]):
        return None
    first = found.versions[0]
    filed = committed_at(first.commit)
    if filed <= deadline:
        return None
    facts = {"filed": shown(filed), "late": hours(filed - moment), "deadline": shown(deadline)}
    return facts | judge.commit_facts(first)


def visits_filed_late(records: Records, history: History, judge: Judge) -> Iterator[tuple]:
    filing = Filing.of(records.policy.visits)
    limit_zh, limit_en = filing.words()
    calendar = WorkCalendar(records.policy.calendar)
    for visit in records.visits:
        found = history.of("visit", visit.id)
        moment = visit.latest()
        deadline = filing.deadline(moment, visit.date, calendar)
        late = first_commit_late(judge, found, moment, deadline, visit.date)
        if late:
            params = {
                "visit_time": shown(visit.moment()),
                "limit_zh": limit_zh,
                "limit_en": limit_en,
            }
            yield "visit.filed_late", visit, ("date",), late | params


def complaints_registered_late(records: Records, history: History, judge: Judge) -> Iterator[tuple]:
    limit = dt.timedelta(hours=records.policy.complaints.register_hours)
    for complaint in records.complaint_list:
        received = complaint.received
        found = history.of("complaint", complaint.id)
        late = first_commit_late(judge, found, received, received + limit)
        if late:
            params = {"received": shown(received), "hours": hours(limit)}
            yield "complaint.registered_late", complaint, ("received",), late | params


def reviews_late(records: Records, history: History, judge: Judge) -> Iterator[tuple]:
    days = records.policy.completeness.visit_review.days
    for visit in records.visits:
        found, moment = history.of("visit", visit.id), visit.latest()
        if not (found and visit.reviewed_by):
            continue
        signed = next((v for v in found.versions if _adds_reviewer(v)), None)
        if signed is None or not judge.judged(visit.date, signed):
            continue
        reviewed = committed_at(signed.commit)
        if reviewed - moment > dt.timedelta(days=days):
            params = {
                "visit_time": shown(visit.moment()),
                "reviewed": shown(reviewed),
                "days": days,
            }
            yield (
                "visit.reviewed_late",
                visit,
                ("reviewed_by",),
                params | (judge.commit_facts(signed)),
            )


def _adds_reviewer(version: Version) -> bool:
    return any(f.path == ("reviewed_by",) and f.new for f in version.fields)


FINDERS = {
    "visit_filed_late": visits_filed_late,
    "complaint_registered_late": complaints_registered_late,
    "visit_review_late": reviews_late,
}


def late_records(records: Records, history: History) -> list[Problem]:
    """The timeliness warnings (severity from the policy's completeness section)."""
    return switched_checks(records, FINDERS, history, Judge(records, history))
