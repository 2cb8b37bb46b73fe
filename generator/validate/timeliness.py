"""Timeliness from Git history: when a record first entered the repository, against the
policy's limits (visit filed within visits.file_within_hours, complaint registered within
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
    limit: dt.timedelta,
    day: dt.date | None = None,
) -> dict | None:
    """The facts of the commit that added the record, when it came more than `limit`
    after `moment` (of `day`, when that is not the moment's own); None when it was in time
    or cannot be judged."""
    if not found or not judge.judged(day or moment.date(), found.versions[0]):
        return None
    first = found.versions[0]
    filed = committed_at(first.commit)
    if filed - moment <= limit:
        return None
    facts = {"filed": shown(filed), "hours": hours(limit), "late": hours(filed - moment)}
    return facts | judge.commit_facts(first)


def visits_filed_late(records: Records, history: History, judge: Judge) -> Iterator[tuple]:
    limit = dt.timedelta(hours=records.policy.visits.file_within_hours)
    for visit in records.visits:
        found = history.of("visit", visit.id)
        late = first_commit_late(judge, found, visit.latest(), limit, visit.date)
        if late:
            yield (
                "visit.filed_late",
                visit,
                ("date",),
                late | {"visit_time": shown(visit.moment())},
            )


def complaints_registered_late(records: Records, history: History, judge: Judge) -> Iterator[tuple]:
    limit = dt.timedelta(hours=records.policy.complaints.register_hours)
    for complaint in records.complaint_list:
        received = complaint.received
        late = first_commit_late(judge, history.of("complaint", complaint.id), received, limit)
        if late:
            params = late | {"received": shown(received)}
            yield "complaint.registered_late", complaint, ("received",), params


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
