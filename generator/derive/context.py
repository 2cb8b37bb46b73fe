"""What every rule needs to look up: matching customers, who counts, and each customer's contacts."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from generator.derive.applies import AppliesFrom
from generator.derive.calendar import WorkCalendar
from generator.derive.items import AsOf, DueItem
from generator.derive.responses import dissatisfied_by_customer
from generator.model import Applies, Customer, Records, SurveyResponse, Visit

ROLE_OF_BY = {"supervisor": "supervisor", "manager": "manager", "director": "director"}
DEPARTMENT = "department:"  # `by: department:业务部`: the staff of that department


def department_of(by: str) -> str | None:
    """The department a `by` names (department:NAME), or None for a role."""
    return by[len(DEPARTMENT) :] if by.startswith(DEPARTMENT) else None


def applies_to(applies: Applies, customer: Customer) -> bool:
    checks = (
        (applies.grade, customer.grade),
        (applies.kind, customer.kind),
        (applies.stage, customer.stage),
        (applies.region, customer.region),
        (applies.area, customer.area),
        (applies.industry, customer.industry),
    )
    if any(allowed and value not in allowed for allowed, value in checks):
        return False
    return not applies.tags or bool(set(applies.tags) & set(customer.tags))


@dataclass
class Contacts:
    """One customer's visits, by date, with the dates alongside for bisecting."""

    visits: list[Visit] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)

    def between(self, first: dt.date, last: dt.date | None = None) -> list[Visit]:
        lo = bisect.bisect_left(self.dates, first)
        hi = len(self.dates) if last is None else bisect.bisect_right(self.dates, last)
        return self.visits[lo:hi]


@dataclass
class RuleContext:
    """The records, the as-of moment and the calendar, with indexes built once."""

    records: Records
    as_of: AsOf
    calendar: WorkCalendar
    applies: AppliesFrom | None = None  # from Git history: when rules begin to apply

    @cached_property
    def soon_days(self) -> int:
        return self.records.policy.due.soon_days

    @cached_property
    def start(self) -> dt.date | None:
        return self.records.policy.start

    @cached_property
    def contacts(self) -> dict[str, Contacts]:
        """Visits up to today per customer; visits dated later are not contacts yet."""
        index: dict[str, Contacts] = defaultdict(Contacts)
        for visit in self.records.visits:  # already sorted by date
            if visit.date > self.as_of.today:
                continue
            for customer in visit.all_customers:  # a meeting counts for each customer named
                entry = index[customer]
                entry.visits.append(visit)
                entry.dates.append(visit.date)
        return index

    @cached_property
    def complaints(self) -> dict[str, list]:
        index: dict[str, list] = defaultdict(list)
        for complaint in self.records.complaint_list:
            index[complaint.customer].append(complaint)
        return index

    @cached_property
    def dissatisfied(self) -> dict[str, list[tuple[SurveyResponse, str]]]:
        """Per customer, their survey responses with a dissatisfied answer and what a
        follow-up is about (`after: survey.dissatisfied`)."""
        return dissatisfied_by_customer(self.records)

    def contacts_of(self, customer: str) -> Contacts:
        return self.contacts.get(customer) or Contacts()

    def methods(self, spec: str | tuple[str, ...]) -> tuple[str, ...]:
        """A method group's members (policy `methods`), or the listed methods themselves."""
        if isinstance(spec, str):
            return tuple(self.records.policy.methods.get(spec, (spec,)))
        return tuple(spec)

    @cached_property
    def active_staff(self) -> list:
        return [s for s in self.records.staff_list if s.active]

    def counting_staff(self, by: str, customer: Customer) -> frozenset[str] | None:
        """Whose contacts count for `by`; None means anyone's."""
        if by == "any":
            return None
        if by == "owner":
            return frozenset({customer.owner})
        if by == "chief":
            return frozenset({customer.chief or customer.owner})
        if by == "area_agent":
            agents = {s.id for s in self.records.staff_list if self._is_area_agent(s, customer)}
            return frozenset(agents | {customer.owner})
        department = department_of(by)
        if department is not None:
            return frozenset(s.id for s in self.records.staff_list if s.department == department)
        role = ROLE_OF_BY[by]
        return frozenset(s.id for s in self.records.staff_list if s.role == role)

    def responsible(self, by: str, customer: Customer) -> tuple[str, ...]:
        """Who the item is for: the owner, the chief, the area's agents, or the role's people."""
        if by in ("any", "owner"):
            return (customer.owner,)
        if by == "chief":
            return (customer.chief or customer.owner,)
        if by == "area_agent":
            agents = [s.id for s in self.active_staff if self._is_area_agent(s, customer)]
            return tuple(agents) or (customer.owner,)
        department = department_of(by)
        if department is not None:
            people = [s for s in self.active_staff if s.department == department]
        else:
            people = [s for s in self.active_staff if s.role == ROLE_OF_BY[by]]
        in_area = [s.id for s in people if customer.area and s.area == customer.area]
        return tuple(in_area or [s.id for s in people]) or (customer.owner,)

    def team_leads(self) -> tuple[str, ...]:
        """Who gets team-wide reminders: managers, else directors, else supervisors."""
        for role in ("manager", "director", "supervisor"):
            people = tuple(s.id for s in self.active_staff if s.role == role)
            if people:
                return people
        return ()

    @staticmethod
    def _is_area_agent(staff, customer: Customer) -> bool:
        return staff.role == "agent" and bool(customer.area) and staff.area == customer.area

    def matching(
        self,
        customer: Customer,
        methods: tuple[str, ...],
        staff: frozenset[str] | None,
        first: dt.date,
        last: dt.date | None = None,
        exclude: str | None = None,
        after: dt.datetime | None = None,
    ) -> list[Visit]:
        """This customer's contacts in [first, last] by one of `methods`, made by `staff`;
        with `after`, none that was surely earlier (a contact without a time may have been
        later that day: `Visit.latest`)."""
        return [
            v
            for v in self.contacts_of(customer.id).between(first, last)
            if v.method in methods
            and v.id != exclude
            and (staff is None or not staff.isdisjoint(v.staff))
            and (after is None or v.latest() >= after)
        ]

    def customers(self, applies: Applies) -> Iterable[Customer]:
        return (c for c in self.records.customer_list if applies_to(applies, c))

    def keep(self, item: DueItem) -> bool:
        """Open items always; done ones while their deadline is at most soon_days ago."""
        return item.state != "done" or (self.as_of.today - item.deadline.day).days <= self.soon_days
