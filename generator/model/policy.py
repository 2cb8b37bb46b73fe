"""The team's rules (policy.yaml) as typed values.

The numeric sections (`complaints`, `visits`, `due`, `workload`, `surveys`,
`calendar`, `completeness`) have no defaults here: every default is in
schema/policy.json, merged in by the loader (`generator.read.load.with_defaults`)
before the policy is built, so a section field is always set and is read by
attribute. In memory, `generator.read.load.policy_from(data)` builds a policy
the same way. The rule lists keep their item defaults here, because the schema's
defaults are filled into objects, not into the items of a list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from generator.model.records import _NOWHERE, empty_mapping
from generator.problems import Source

Severity = str | bool  # error, warning, off; unquoted `off` reads as false
CheckLevel = Literal["error", "warning", "off"]


@dataclass(frozen=True)
class Grade:
    id: str = ""
    label: str = ""


@dataclass(frozen=True)
class LostReason:
    """One of policy `lost_reasons`: what a lost deal or a lost customer may give as why."""

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


# --- the sections whose defaults are the schema's -------------------------------------
@dataclass(frozen=True, kw_only=True)
class ComplaintLimits:
    """policy `complaints`: the limit of each stage of a complaint."""

    register_hours: float
    answer_hours: float
    answer_hours_by_channel: Mapping[str, float]
    resolve_working_days: int
    resolve_working_days_special: int
    feedback_hours: float
    followup_visit_days: int

    def answer_hours_for(self, channel: str) -> float:
        return self.answer_hours_by_channel.get(channel, self.answer_hours)


@dataclass(frozen=True, kw_only=True)
class FilingLimit:
    """policy `visits.file_within`: `hours` after the visit (`count` of them), by the end of
    the visit's day (`end_of_day`), or of the `count`-th working day after it
    (`working_days`); the day ends at `at` ("21:00"; "24:00" is midnight)."""

    limit: str
    count: float = 1
    at: str = "24:00"


@dataclass(frozen=True, kw_only=True)
class VisitLimits:
    """policy `visits`: filing a visit record and handling the issues raised in it."""

    file_within_hours: float
    file_within: FilingLimit | None = None  # given: it wins over file_within_hours
    issue_forward_minutes: float
    issue_first_contact_hours: float


@dataclass(frozen=True, kw_only=True)
class PlanSettings:
    """policy `plans`: when a month's visit plan is due (`file_by`: the end of the last
    working day before the month, the month's start, or the end of its first working day),
    how soon it is approved, and by whom (team.yaml roles)."""

    file_by: str
    approve_within_days: int
    approver_roles: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class DueSettings:
    """policy `due`: how the due list is judged and shown."""

    soon_days: int
    start: dt.date | None = None  # the day the team started using Huifang (no default)
    from_history: bool


@dataclass(frozen=True, kw_only=True)
class WorkloadTarget:
    """policy `workload`: customers each staff member contacts a week, by which methods."""

    weekly_contacts: int
    methods: str | tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class SurveyTargets:
    """policy `surveys`: how often, how many, and the rates aimed at."""

    every_months: int
    return_rate_target: float
    distribution_rate_target: float
    min_sample: int
    items: tuple[str, ...] = ()  # the team's own list (no default)


@dataclass(frozen=True)
class DatedName:
    date: dt.date
    name: str = ""


@dataclass(frozen=True, kw_only=True)
class CalendarSettings:
    """policy `calendar`: the team's own days off and working days."""

    extra_holidays: tuple[DatedName, ...]
    extra_workdays: tuple[DatedName, ...]


@dataclass(frozen=True, kw_only=True)
class Check:
    """One completeness check: its severity (error, warning or off)."""

    severity: Severity

    @property
    def level(self) -> CheckLevel:
        """error, warning or off (unquoted `off`, read as false, is off)."""
        if self.severity == "error":
            return "error"
        return "warning" if self.severity == "warning" else "off"


@dataclass(frozen=True, kw_only=True)
class DocumentsCheck(Check):
    days: int
    required: tuple[str, ...]
    approval: str


@dataclass(frozen=True, kw_only=True)
class ReviewCheck(Check):
    days: int


@dataclass(frozen=True, kw_only=True)
class Completeness:
    """policy `completeness`: every check by its policy key."""

    customer_documents: DocumentsCheck
    customer_contacts: Check
    customer_lost_reason: Check
    lost_deal_report: Check
    complaint_feedback: Check
    complaint_resolution: Check
    complaint_special_reason: Check
    visit_issue_forwarded: Check
    visit_review: ReviewCheck
    visit_filed_late: Check
    complaint_registered_late: Check
    visit_review_late: Check
    visit_self_review: Check
    review_by_reviewer: Check
    visit_filed_by_staff: Check
    visit_outcome: Check
    visit_record: Check
    plan_filed_late: Check
    plan_unapproved: Check
    done_late: Check
    complaint_done_late: Check


@dataclass(frozen=True, kw_only=True)
class Policy:
    """The team's rules, every schema default filled in (`policy_from` builds one)."""

    version: int = 1
    company: str | None = None
    grades: tuple[Grade, ...] = ()
    areas: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    lost_reasons: tuple[LostReason, ...] = ()  # the schema's default list unless the team's
    approvals: Mapping[str, ApprovalRule] = empty_mapping()
    methods: Mapping[str, tuple[str, ...]] = empty_mapping()
    cadence: tuple[CadenceRule, ...] = ()
    events: tuple[EventRule, ...] = ()
    inactivity: tuple[InactivityRule, ...] = ()
    reminders: Reminders = Reminders()
    complaints: ComplaintLimits
    visits: VisitLimits
    plans: PlanSettings
    due: DueSettings
    workload: WorkloadTarget
    surveys: SurveyTargets
    calendar: CalendarSettings
    completeness: Completeness
    source: Source = _NOWHERE

    def lost_reason_label(self, reason: str) -> str:
        """The Chinese label of a lost reason; the id itself when the list has no such one."""
        return next((r.label for r in self.lost_reasons if r.id == reason), reason)

    def severity(self, check: str) -> CheckLevel:
        """error, warning or off for a completeness check, by its policy key."""
        found: Check = getattr(self.completeness, check)
        return found.level

    @property
    def start(self) -> dt.date | None:
        """due.start, the day the team started using Huifang: nothing before it is judged."""
        return self.due.start
