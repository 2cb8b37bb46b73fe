"""The `model` stage: one frozen dataclass per record kind.

Field names are the record's own (see schema/); the only rename is a visit's
`source` (how the customer heard of us), kept as `heard_from` because every
model's `source` is where it came from (`Source(path, line)`).

Dates are `datetime.date`, date-times naive `datetime.datetime` in the
team's local time (China time, `LOCAL_TZ`). Instances are built by
`generator.read.convert`, or in memory with keyword arguments.

A field the schema requires is never Optional. One without a value every reader
takes as "none given" ("", (), 0) keeps that as its default; the others (a visit's
date, a complaint's receipt, a survey's period…) have no default: a file whose
value is missing or unusable (a schema error already) builds no model, and counts
as unreadable (`generator.read.load.models_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from generator.problems import Source

if TYPE_CHECKING:
    from typing import TypeVar

    _K = TypeVar("_K")
    _V = TypeVar("_V")

_NOWHERE = Source("")
LOCAL_TZ = dt.timezone(dt.timedelta(hours=8))  # China time; record times are local, naive


def local_time(moment: dt.datetime) -> dt.datetime:
    """A moment as a naive local time, like every time in the records (one with an offset
    converted to China time; one without taken as local already)."""
    return moment.astimezone(LOCAL_TZ).replace(tzinfo=None) if moment.tzinfo else moment


# (How a read-only mapping is pickled, for the caches and worker processes, is
# generator.speed.pickling's business.)
def empty_mapping() -> Mapping[_K, _V]:
    return field(default_factory=lambda: MappingProxyType({}))


def renamed(key: str) -> _V | None:
    """A dataclass field read from a differently named record key."""
    return field(default=None, metadata={"key": key})


# --- team ---------------------------------------------------------------------------
@dataclass(frozen=True)
class GitIdentities:
    """The Git identities a staff member commits with (team.yaml `git`): author emails and
    SSH signing keys (public keys or SHA256 fingerprints, as written)."""

    emails: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Staff:
    id: str = ""
    name: str = ""
    role: str = "agent"
    department: str | None = None
    area: str | None = None
    active: bool = True
    phone: str | None = None
    email: str | None = None
    weekly_target: int | None = None
    git: GitIdentities | None = None
    source: Source = _NOWHERE


# --- customers ----------------------------------------------------------------------
@dataclass(frozen=True)
class Contact:
    name: str = ""
    title: str | None = None
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None
    wechat: str | None = None
    birthday: str | None = None  # YYYY-MM-DD or MM-DD
    role: str | None = None
    relation: str | None = None
    our_contact: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class FamilyMember:
    name: str = ""
    relation: str | None = None  # spouse, child, parent, other
    birthday: str = ""  # YYYY-MM-DD or MM-DD


@dataclass(frozen=True)
class FileDocument:
    name: str = ""
    received: dt.date | None = None


@dataclass(frozen=True)
class Approval:
    what: str
    by: str
    date: dt.date


@dataclass(frozen=True)
class Order:
    date: dt.date
    amount: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class Credit:
    limit: float | None = None
    term_days: int | None = None


@dataclass(frozen=True)
class Customer:
    id: str = ""
    name: str = ""
    kind: str | None = None
    grade: str = ""
    stage: str | None = None
    lost_reason: str | None = None  # why a lost customer left (policy lost_reasons)
    industry: str | None = None
    region: str | None = None
    area: str | None = None
    address: str | None = None
    owner: str = ""
    chief: str | None = None
    since: dt.date | None = None
    last_order: dt.date | None = None
    orders: tuple[Order, ...] = ()
    owes_money: bool = False
    events: Mapping[str, dt.date] = empty_mapping()
    contacts: tuple[Contact, ...] = ()
    family: tuple[FamilyMember, ...] = ()
    documents: tuple[FileDocument, ...] = ()
    approvals: tuple[Approval, ...] = ()
    credit: Credit | None = None
    tags: tuple[str, ...] = ()
    body: str = ""
    source: Source = _NOWHERE


# --- visits -------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    name: str = ""
    title: str | None = None
    decides: bool | None = None


@dataclass(frozen=True)
class Issue:
    text: str = ""
    needs_action: bool = False
    department: str | None = None
    sent_at: dt.datetime | None = None
    first_contact_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None


@dataclass(frozen=True)
class Commitment:
    text: str = ""
    due: dt.date | None = None
    done: dt.date | None = None


@dataclass(frozen=True)
class Opportunity:
    status: str | None = None
    description: str | None = None
    next_step: str | None = None


@dataclass(frozen=True)
class Visit:
    _: KW_ONLY
    id: str = ""  # the file name without its suffix
    customer: str = ""
    customers: tuple[str, ...] = ()  # further customers met in the same contact (楼长会)
    date: dt.date
    time: str | None = None
    method: str = ""
    kind: str | None = None
    purpose: tuple[str, ...] = ()
    staff: tuple[str, ...] = ()
    met: tuple[Person, ...] = ()
    objective: str | None = None
    outcome: str | None = None
    achieved: bool | None = None
    satisfaction: str | None = None
    referral: bool | None = None
    heard_from: str | None = renamed("source")
    issues: tuple[Issue, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    next_contact: dt.datetime | dt.date | None = None
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    review_comment: str | None = None  # 指导意见
    complaint: str | None = None
    checks: str | None = None  # the visit a check call (kind: check) verifies
    opportunity: Opportunity | None = None
    body: str = ""
    source: Source = _NOWHERE

    @property
    def all_customers(self) -> tuple[str, ...]:
        """`customer` and then `customers`, each once: the contact counts for each of them."""
        return tuple(dict.fromkeys((self.customer, *self.customers)))

    # --- when the visit happened (docs/rules.md, "When a visit happened") -------------
    def moment(self) -> dt.datetime | dt.date:
        """When the visit happened: its date at its `time`, or without a (valid) time just
        its day, no moment invented. As a completion, a day meets any deadline on or
        after it (`Deadline.allows`): the earliest the visit can have been."""
        clock = self.clock()
        return self.date if clock is None else dt.datetime.combine(self.date, clock)

    def latest(self) -> dt.datetime:
        """The latest moment the visit can have been: its time, or the end of its day
        (midnight after it, as a day deadline ends). A limit counted from the visit
        (forwarding an issue, filing the record, the review) starts here, so a visit
        without a time is never judged early."""
        clock = self.clock()
        if clock is None:
            return dt.datetime.combine(self.date + dt.timedelta(days=1), dt.time())
        return dt.datetime.combine(self.date, clock)

    def clock(self) -> dt.time | None:
        """The visit's `time` of day, None when it has none or it is no HH:MM."""
        if not self.time:
            return None
        try:
            return dt.time.fromisoformat(self.time)
        except ValueError:
            return None


# --- complaints ---------------------------------------------------------------------
@dataclass(frozen=True)
class Complaint:
    _: KW_ONLY
    id: str = ""
    customer: str = ""
    summary: str | None = None
    received: dt.datetime
    channel: str = ""
    category: str = ""
    severity: str | None = None
    special: bool = False
    special_reason: str | None = None
    first_responder: str | None = None
    registered: dt.datetime | None = None
    answered: dt.datetime | None = None
    resolved: dt.datetime | None = None
    feedback_sent: dt.datetime | None = None
    customer_feedback: str | None = None
    resolution: str | None = None
    body: str = ""
    source: Source = _NOWHERE


# --- surveys ------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Level:
    name: str = ""
    satisfied: bool = False


@dataclass(frozen=True)
class SurveyItem:
    name: str = ""
    counts: Mapping[str, int] = empty_mapping()


@dataclass(frozen=True)
class Action:
    item: str = ""
    action: str = ""
    owner: str | None = None
    due: dt.date | None = None
    done: dt.date | None = None


@dataclass(frozen=True)
class Survey:
    _: KW_ONLY
    id: str = ""
    title: str = ""
    period: Period
    audience: str | None = None
    population: int | None = None  # households or customers to be surveyed (发放率's base)
    distributed: int = 0
    returned: int = 0
    levels: tuple[Level, ...] = ()
    items: tuple[SurveyItem, ...] = ()
    opinions: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    source: Source = _NOWHERE

    @property
    def tallied(self) -> bool:
        """Does the record give its own counts (some item's `counts`)? Without them, its
        response records are its tallies (generator.derive.responses)."""
        return any(item.counts for item in self.items)


@dataclass(frozen=True)
class SurveyResponse:
    """One returned form (问卷) of a survey: records/surveys/<survey>/responses/<n>.yaml."""

    _: KW_ONLY
    id: str = ""  # the file name without its suffix: the form's number
    survey: str = ""  # the survey it answers: the folder it is in
    household: str | None = None  # 户号/房号: personal data (x-pii address)
    customer: str | None = None
    date: dt.date
    answers: Mapping[str, str] = empty_mapping()  # item → level
    comments: str | None = None
    source: Source = _NOWHERE


# --- lost deals (丢单报告) -------------------------------------------------------------
@dataclass(frozen=True)
class LostDeal:
    _: KW_ONLY
    id: str = ""  # the file name without its suffix: <date>-<customer>…
    customer: str = ""
    date: dt.date
    staff: tuple[str, ...] = ()
    opportunity: str = ""
    reason: str = ""
    competitor: str | None = None
    amount: float | None = None
    lessons: str | None = None
    body: str = ""
    source: Source = _NOWHERE


# --- visit plans (拜访计划书) -----------------------------------------------------------
@dataclass(frozen=True)
class PlannedContact:
    """One contact a plan names: a customer, in a week (`week`: 2026-W49 or its Monday's
    date, as written) or on a day, perhaps by a method, for a purpose and objective."""

    customer: str = ""
    week: str | None = None
    date: dt.date | None = None
    method: str | None = None
    purpose: tuple[str, ...] = ()
    objective: str | None = None


@dataclass(frozen=True)
class Plan:
    """One person's visit plan for one month: records/plans/<month>/<staff>.yaml."""

    _: KW_ONLY
    id: str = ""  # <month folder>-<file name>: 2026-12-S05 (read/load.plan_id)
    staff: str = ""
    month: str = ""  # YYYY-MM
    contacts: tuple[PlannedContact, ...] = ()
    approved_by: str | None = None
    approved_on: dt.date | None = None
    source: Source = _NOWHERE

    @property
    def first_day(self) -> dt.date | None:
        """The month's first day; None when `month` is no YYYY-MM (a schema error)."""
        try:
            return dt.date.fromisoformat(f"{self.month}-01")
        except ValueError:
            return None
