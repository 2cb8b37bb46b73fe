"""Records built in memory for the unit tests of validate/ and derive/: no files, no cache,
no schema stage (as beancount's `load_doc` builds its entries).

Each builder fills the required fields with plain values and takes keyword overrides, so a
test states only what it is about. Models are always built with keyword arguments: their
field order is no contract. Dates are given as ISO text (`day("2026-11-20")`,
`at("2026-11-20 10:00")`) or as `date` / `datetime` values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.derive.calendar import WorkCalendar
from generator.derive.context import RuleContext
from generator.derive.items import AsOf
from generator.model import (
    Complaint,
    Customer,
    Level,
    LostDeal,
    Period,
    Plan,
    PlannedContact,
    Policy,
    Records,
    Staff,
    Survey,
    SurveyResponse,
    Visit,
)
from generator.problems import Problem, Source
from generator.read.load import policy_from
from generator.read.schema import default_schemas

GRADES = [{"id": "A", "label": "重要客户"}, {"id": "B", "label": "普通客户"}]


def day(text: str | dt.date) -> dt.date:
    return text if isinstance(text, dt.date) else dt.date.fromisoformat(text)


def at(text: str | dt.datetime) -> dt.datetime:
    return text if isinstance(text, dt.datetime) else dt.datetime.fromisoformat(text)


# --- records ------------------------------------------------------------------------
def staff(ident: str = "S01", **fields: object) -> Staff:
    values: dict = {"id": ident, "name": f"员工{ident}", "role": "agent", "active": True}
    return Staff(**(values | fields))


# The team most tests share: an agent of 一区, a supervisor, a director, a former agent.
TEAM = (
    staff("S01", name="王芳", area="一区"),
    staff("S02", name="李强", role="supervisor"),
    staff("S03", name="赵敏", role="director"),
    staff("S04", name="钱进", active=False),
)


def customer(ident: str = "C0001", **fields: object) -> Customer:
    values: dict = {
        "id": ident,
        "name": f"示例客户{ident}",
        "kind": "organisation",
        "grade": "A",
        "owner": "S01",
        "source": Source(f"records/customers/{ident}.md"),
    }
    return Customer(**(values | fields))


def visit(when: str | dt.date = "2026-11-20", customer: str = "C0001", **fields: object) -> Visit:
    """A phone visit by S01 with an outcome and a record; its id and path follow the
    naming rule (records/visits/<year>/<date>-<customer>-<method>.md)."""
    date = day(when)
    method = str(fields.get("method", "phone"))
    ident = str(fields.pop("id", f"{date.isoformat()}-{customer}-{method}"))
    values: dict = {
        "id": ident,
        "customer": customer,
        "date": date,
        "method": method,
        "staff": ("S01",),
        "outcome": "客户满意",
        "body": "电话回访，客户满意。",
        "source": Source(f"records/visits/{date.year}/{ident}.md"),
    }
    return Visit(**(values | fields))


def complaint(ident: str = "K2026-0001", **fields: object) -> Complaint:
    received = fields.get("received", at("2026-11-02 09:30"))
    year = received.year if isinstance(received, dt.datetime) else 2026
    values: dict = {
        "id": ident,
        "customer": "C0001",
        "received": received,
        "channel": "phone",
        "category": "service",
        "source": Source(f"records/complaints/{year}/{ident}.md"),
    }
    return Complaint(**(values | fields))


def lost_deal(when: str | dt.date = "2026-11-10", customer: str = "C0001", **fields: object):
    """A lost-deal report by S01 (reason price); its id and path follow the naming rule
    (records/lost/<year>/<date>-<customer>.md)."""
    date = day(when)
    ident = str(fields.pop("id", f"{date.isoformat()}-{customer}"))
    values: dict = {
        "id": ident,
        "customer": customer,
        "date": date,
        "staff": ("S01",),
        "opportunity": "年度保洁合同",
        "reason": "price",
        "source": Source(f"records/lost/{date.year}/{ident}.md"),
    }
    return LostDeal(**(values | fields))


def planned(customer: str = "C0001", **fields: object) -> PlannedContact:
    """A planned contact of `customer` (give `week` or `date`)."""
    values: dict = {"customer": customer}
    if isinstance(fields.get("date"), str):
        fields["date"] = day(str(fields["date"]))
    return PlannedContact(**(values | fields))


def visit_plan(month: str = "2026-11", staff: str = "S01", *contacts: PlannedContact,
               **fields: object) -> Plan:  # fmt: skip
    """S01's plan for `month` with these contacts, approved by the supervisor S02 unless
    told; its id and path follow the naming rule (records/plans/<month>/<staff>.yaml)."""
    values: dict = {
        "id": f"{month}-{staff}",
        "staff": staff,
        "month": month,
        "contacts": contacts,
        "approved_by": "S02",
        "approved_on": day(f"{month}-01") - dt.timedelta(days=10),
        "source": Source(f"records/plans/{month}/{staff}.yaml"),
    }
    return Plan(**(values | fields))


LEVELS = (Level(name="满意", satisfied=True), Level(name="不满意", satisfied=False))


def survey(ident: str = "2026H1", **fields: object) -> Survey:
    values: dict = {
        "id": ident,
        "title": f"满意度调查 {ident}",
        "period": Period(start=day("2026-06-01"), end=day("2026-06-20")),
        "distributed": 100,
        "returned": 90,
        "levels": LEVELS,
        "source": Source(f"records/surveys/{ident}.yaml"),
    }
    return Survey(**(values | fields))


def response(number: str = "1", survey: str = "2026H1", **fields: object) -> SurveyResponse:
    """Form `number` of `survey`, from household 1栋101, dated within builders.survey's
    period; its path follows the naming rule (records/surveys/<survey>/responses/<n>.yaml)."""
    values: dict = {
        "id": number,
        "survey": survey,
        "household": "1栋101",
        "date": day("2026-06-05"),
        "answers": {},
        "source": Source(f"records/surveys/{survey}/responses/{number}.yaml"),
    }
    return SurveyResponse(**(values | fields))


def policy(**data: object) -> Policy:
    """The policy of a policy.yaml holding `data` (two grades unless given), every other
    value the schema's default."""
    return policy_from({"grades": GRADES} | data, default_schemas())


def records(
    *,
    customers: Iterable[Customer] = (customer(),),
    visits: Iterable[Visit] = (),
    complaints: Iterable[Complaint] = (),
    surveys: Iterable[Survey] = (),
    losses: Iterable[LostDeal] = (),
    responses: Iterable[SurveyResponse] = (),
    plans: Iterable[Plan] = (),
    team: Iterable[Staff] = TEAM,
    rules: Policy | None = None,
    policy_usable: bool = True,
    team_readable: bool = True,
    unreadable: Mapping[str, frozenset[str]] | None = None,
    field_lines: Mapping[str, Mapping[tuple, tuple[int, int]]] | None = None,
) -> Records:
    """Records as the loader gives them: each kind sorted by id, visits by date and time."""
    return Records(
        root=Path("records"),
        policy=rules if rules is not None else policy(),
        policy_usable=policy_usable,
        staff_list=tuple(team),
        customer_list=tuple(sorted(customers, key=lambda c: c.id)),
        visits=tuple(sorted(visits, key=lambda v: (str(v.date), v.time or "", v.id))),
        complaint_list=tuple(sorted(complaints, key=lambda c: c.id)),
        survey_list=tuple(sorted(surveys, key=lambda s: s.id)),
        losses=tuple(sorted(losses, key=lambda d: (d.date, d.id))),
        responses=tuple(responses),
        plans=tuple(sorted(plans, key=lambda p: p.id)),
        unreadable=unreadable or {},
        team_readable=team_readable,
        field_lines=field_lines or {},
    )


# --- derive -------------------------------------------------------------------------
def context(recs: Records, today: str | dt.date, now: str | None = None) -> RuleContext:
    """What every rule reads, as of the start of `today` (or the moment `now`)."""
    as_of = AsOf(day(today), at(now)) if now else AsOf.day(day(today))
    return RuleContext(recs, as_of, WorkCalendar(recs.policy.calendar))


# --- problems -----------------------------------------------------------------------
def codes(problems: Iterable[Problem]) -> list[str]:
    return [p.code for p in problems]
