"""The `model` stage: one frozen dataclass per record kind.

Field names are the record's own (see schema/); the only rename is a visit's
`source` (how the customer heard of us), kept as `heard_from` because every
model's `source` is where it came from (`Source(path, line)`).

Dates are `datetime.date`, date-times naive `datetime.datetime` in the
team's local time (China time). Instances are built by `generator.read.convert`.
"""

from __future__ import annotations

import copyreg
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.problems import Source


# Models go through pickle (the read cache, worker processes): a read-only mapping is
# pickled as the plain dict it wraps.
def read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


copyreg.pickle(MappingProxyType, lambda proxy: (read_only, (dict(proxy),)))

_NOWHERE = Source("")


def empty_mapping():
    return field(default_factory=lambda: MappingProxyType({}))


def renamed(key: str):
    """A dataclass field read from a differently named record key."""
    return field(default=None, metadata={"key": key})


# --- team ---------------------------------------------------------------------------
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
    birthday: str | None = None  # YYYY-MM-DD or MM-DD


@dataclass(frozen=True)
class FileDocument:
    name: str = ""
    received: dt.date | None = None


@dataclass(frozen=True)
class Approval:
    what: str = ""
    by: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Order:
    date: dt.date | None = None
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


@dataclass(frozen=True)
class Visit:
    id: str = ""  # the file name without its suffix
    customer: str = ""
    customers: tuple[str, ...] = ()  # further customers met in the same contact (楼长会)
    date: dt.date | None = None
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
    complaint: str | None = None
    checks: str | None = None  # the visit a check call (kind: check) verifies
    opportunity: Opportunity | None = None
    body: str = ""
    source: Source = _NOWHERE

    @property
    def all_customers(self) -> tuple[str, ...]:
        """`customer` and then `customers`, each once: the contact counts for each of them."""
        return tuple(dict.fromkeys((self.customer, *self.customers)))


# --- complaints ---------------------------------------------------------------------
@dataclass(frozen=True)
class Complaint:
    id: str = ""
    customer: str = ""
    summary: str | None = None
    received: dt.datetime | None = None
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
    start: dt.date | None = None
    end: dt.date | None = None


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
    id: str = ""
    title: str = ""
    period: Period = Period()
    audience: str | None = None
    population: int | None = None  # households or customers to be surveyed (发放率's base)
    distributed: int = 0
    returned: int = 0
    levels: tuple[Level, ...] = ()
    items: tuple[SurveyItem, ...] = ()
    opinions: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    source: Source = _NOWHERE


# --- policy -------------------------------------------------------------------------
@dataclass(frozen=True)
class Grade:
    id: str = ""
    label: str = ""


@dataclass(frozen=True)
class Applies:
    """Which customers a rule is for: every given condition must hold (tags: any of them)."""

    grade: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    area: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Repeat:
    period: str = "quarter"
    min: int = 1
    until: str | None = None  # events.X: repeat while this customer date is not yet past


@dataclass(frozen=True)
class Sample:
    """A fixed share of each period's triggers, checked by a visit of `kind` naming one."""

    share: float = 0.2
    period: str = "quarter"
    kind: str = "check"


@dataclass(frozen=True)
class CadenceRule:
    name: str = ""
    label: str = ""
    applies: Applies = Applies()
    methods: str | tuple[str, ...] = "any"
    period: str | None = None  # a calendar period, or …
    every_days: int | None = None  # … a rolling interval since the last matching contact
    min: int = 1
    by: str = "any"
    months: tuple[int, ...] = ()  # judged only in periods starting in these months (a season)


@dataclass(frozen=True)
class EventRule:
    name: str = ""
    label: str = ""
    applies: Applies = Applies()
    after: str = ""
    within_days: int | None = None  # None with `sample`: the end of the sample's period
    min: int = 1
    methods: str | tuple[str, ...] = "any"
    by: str = "any"
    then: Repeat | None = None
    sample: Sample | None = None


@dataclass(frozen=True)
class InactivityRule:
    name: str = ""
    label: str = ""
    applies: Applies = Applies()
    no: str = "order"
    days: int | None = None  # more than this many days, or …
    months: int | None = None  # … calendar months
    within_days: int | None = None
    within_months: int | None = None
    period: str | None = None
    min: int = 1
    methods: str | tuple[str, ...] = "any"
    by: str = "any"
    lapse_by: str | None = None  # whose contacts end a `no: contact` lapse; None: as `by`
    exceptions: tuple[str, ...] = field(default=(), metadata={"key": "except"})


@dataclass(frozen=True)
class Birthdays:
    days_before: int = 3
    by: str = "any"


@dataclass(frozen=True)
class Payment:
    days_before: int = 3
    purposes: tuple[str, ...] = ()  # visit purposes that count as the reminder (schema default)
    by: str = "any"


@dataclass(frozen=True)
class Festival:
    name: str = ""
    date: str | None = None  # MM-DD; without it, `name` is an official holiday's name
    days_before: int = 7
    applies: Applies = Applies()
    by: str = "any"


@dataclass(frozen=True)
class ArchiveReview:
    period: str = "quarter"


@dataclass(frozen=True)
class Reminders:
    birthdays: Birthdays | None = None
    festivals: tuple[Festival, ...] = ()
    payment: Payment | None = None
    archive_review: ArchiveReview | None = None


@dataclass(frozen=True)
class ApprovalRule:
    """Who may approve one kind of approval: one of `roles`, or each of `chain` in turn."""

    roles: tuple[str, ...] = ()
    chain: tuple[str, ...] = ()  # when given, replaces roles: one different person per step

    @property
    def approver_roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.chain)) if self.chain else self.roles


@dataclass(frozen=True)
class Policy:
    """The team's rules; the numeric sections stay mappings with their defaults filled in."""

    version: int = 1
    company: str | None = None
    grades: tuple[Grade, ...] = ()
    areas: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    approvals: Mapping[str, ApprovalRule] = empty_mapping()
    methods: Mapping[str, tuple[str, ...]] = empty_mapping()
    cadence: tuple[CadenceRule, ...] = ()
    events: tuple[EventRule, ...] = ()
    inactivity: tuple[InactivityRule, ...] = ()
    reminders: Reminders = Reminders()
    complaints: Mapping = empty_mapping()
    visits: Mapping = empty_mapping()
    due: Mapping = empty_mapping()
    workload: Mapping = empty_mapping()
    surveys: Mapping = empty_mapping()
    calendar: Mapping = empty_mapping()
    completeness: Mapping[str, Mapping] = empty_mapping()
    source: Source = _NOWHERE

    def severity(self, check: str) -> str:
        """error, warning or off for a completeness check (unquoted `off` reads as false)."""
        severity = self.completeness.get(check, {}).get("severity", "off")
        return severity if severity in ("error", "warning") else "off"

    def param(self, check: str, name: str) -> object:
        """A completeness check's parameter; its default comes from schema/policy.json."""
        return self.completeness[check][name]

    @property
    def start(self) -> dt.date | None:
        """due.start, the day the team started using Huifang: nothing before it is judged."""
        value = self.due.get("start")
        try:
            return dt.date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None


RECORD_TYPES = {
    "customer": Customer,
    "visit": Visit,
    "complaint": Complaint,
    "survey": Survey,
    "policy": Policy,
}
