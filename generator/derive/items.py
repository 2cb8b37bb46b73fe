"""What the rules engine produces: due items with a deadline, a state and their evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from generator.derive.periods import Span
from generator.problems import Source

NOWHERE = Source("")
# Display order: the most urgent first.
STATES = ("overdue", "due_today", "due_soon", "upcoming", "done_late", "done")
DONE_STATES = frozenset({"done", "done_late"})  # the requirement is met (late or in time)


@dataclass(frozen=True, order=True)
class Deadline:
    """A day, or a moment on it. Without `at` the deadline is the end of `day`."""

    day: dt.date
    at: dt.time | None = None

    @classmethod
    def of(cls, moment: dt.datetime) -> Deadline:
        return cls(moment.date(), moment.time().replace(microsecond=0))

    @property
    def moment(self) -> dt.datetime:
        """The last moment allowed: `at` on `day`, or the end of `day` (midnight after it)."""
        if self.at is None:
            return dt.datetime.combine(self.day + dt.timedelta(days=1), dt.time())
        return dt.datetime.combine(self.day, self.at)

    def passed(self, as_of: AsOf) -> bool:
        """Is it too late as of this moment (a day deadline: from the next day on)?"""
        return not self.allows(as_of.now) or self.day < as_of.today

    def allows(self, moment: dt.datetime | dt.date) -> bool:
        """Is something done at `moment` (or on a day) in time?"""
        if isinstance(moment, dt.datetime):
            return moment < self.moment if self.at is None else moment <= self.moment
        return moment <= self.day

    def late_by(self, done_at: dt.datetime | dt.date) -> dt.timedelta | None:
        """How late something done at `done_at` is; None when it was in time. A day (no time
        known) done after a day deadline is late by whole days; with a time, by the time
        past the deadline's moment; a day done after a timed deadline, from that day's start."""
        if self.allows(done_at):
            return None
        if isinstance(done_at, dt.datetime):
            return done_at - self.moment
        if self.at is None:
            return dt.timedelta(days=(done_at - self.day).days)
        return dt.datetime.combine(done_at, dt.time()) - self.moment

    def __str__(self) -> str:
        if self.at is None:
            return self.day.isoformat()
        return f"{self.day.isoformat()} {self.at.strftime('%H:%M')}"

    @property
    def sort_key(self) -> tuple:
        return (self.day, self.at or dt.time.max)


@dataclass(frozen=True)
class AsOf:
    """When the rules are judged: `today` for days, `now` for hour limits (both from the edge)."""

    today: dt.date
    now: dt.datetime

    @classmethod
    def day(cls, today: dt.date) -> AsOf:
        """As of the start of `today` (what `--today DATE` means)."""
        return cls(today, dt.datetime.combine(today, dt.time()))


@dataclass(frozen=True)
class Need:
    """What the item asks for: `count` contacts by these methods, made by `by`."""

    count: int = 1
    methods: tuple[str, ...] = ()
    by: str = "any"
    done: int = 0


@dataclass(frozen=True)
class DueItem:
    kind: str  # a key of vocabulary.DUE_KIND_LABELS
    rule: str  # the rule's name in policy.yaml (or a built-in name such as next_contact)
    label: str  # the Chinese label shown to people
    customer: str  # customer id; "" for a team-wide item
    staff: tuple[str, ...]  # who is responsible
    deadline: Deadline
    state: str  # one of STATES
    need: Need = Need()
    evidence: tuple[str, ...] = ()  # ids of the visits that counted
    window: Span | None = None  # the period judged, or from the event to the deadline
    missed: tuple[Span, ...] = ()  # earlier periods that ended short (cadence)
    subject: str = ""  # what it is about: a contact's name, a promise, a complaint id…
    subject_pii: str = "none"  # its personal-data class (schema x-pii), for masking
    source: Source = NOWHERE  # the record that gave rise to it
    done_at: dt.datetime | dt.date | None = None  # when it was done (a day when no time is known)
    late_by: dt.timedelta | None = None  # done_late: how far past the deadline

    @property
    def done(self) -> bool:
        return self.state in DONE_STATES

    @property
    def sort_key(self) -> tuple:
        return (STATES.index(self.state), self.deadline.sort_key, self.customer, self.rule)


def state_of(
    deadline: Deadline,
    done: bool,
    as_of: AsOf,
    soon_days: int,
    done_at: dt.datetime | dt.date | None = None,
) -> str:
    """The item's state; done after the deadline (`done_at` given and too late) is done_late."""
    if done:
        return "done_late" if done_at is not None and not deadline.allows(done_at) else "done"
    if deadline.passed(as_of):
        return "overdue"
    if deadline.day == as_of.today:
        return "due_today"
    if (deadline.day - as_of.today).days <= soon_days:
        return "due_soon"
    return "upcoming"


def completed(item: DueItem, done_at: dt.datetime | dt.date | None) -> DueItem:
    """The item with when it was done, and done_late with how late when that was too late."""
    if item.state not in DONE_STATES or done_at is None:
        return item
    late = item.deadline.late_by(done_at)
    return replace(item, done_at=done_at, late_by=late, state="done_late" if late else "done")
