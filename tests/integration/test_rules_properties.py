"""Property: one more matching contact never adds an open due item."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.derive import AsOf, derive_agenda
from generator.model import Customer, Policy, Records, Staff, Visit
from generator.read.convert import build
from generator.read.load import with_defaults
from generator.read.schema import default_schemas

TODAY = date(2026, 11, 23)
FIRST = date(2026, 6, 1)
POLICY_YAML = """\
grades: [{id: A, label: 重要}, {id: B, label: 普通}]
cadence:
  - {name: phone_month, label: 每月电话 2 次, methods: phone, period: month, min: 2}
  - {name: any_week, label: 每周联系, applies: {grade: [A]}, methods: any, period: week, min: 1, by: owner}
  - {name: onsite_quarter, label: 每季度上门, methods: onsite, period: quarter, min: 1, by: chief}
  - {name: rolling, label: 每 5 天, applies: {grade: [B]}, methods: any, every_days: 5, min: 1}
events:
  - {name: contract_call, label: 签约后 7 天内, after: events.contract, within_days: 7, min: 2, methods: any,
     then: {period: month, min: 1}}
  - {name: repair_call, label: 报修后回访, after: visit.repair, within_days: 3, methods: phone}
inactivity:
  - {name: no_contact, label: 20 天未联系, no: contact, days: 20, within_days: 5, methods: any}
  - {name: no_contact_monthly, label: 40 天未联系每月 2 次, no: contact, days: 40, period: month, min: 2, methods: any}
reminders:
  birthdays: {days_before: 10}
"""
POLICY = build(Policy, with_defaults(default_schemas(), "policy", yaml.safe_load(POLICY_YAML)))
STAFF = (Staff("S01", "甲", "agent"), Staff("S02", "乙", "chief"), Staff("S03", "丙", "agent"))
CUSTOMERS = (
    Customer("C1", "一号", grade="A", owner="S01", chief="S02", since=date(2026, 6, 15),
             events={"contract": date(2026, 10, 1)}),
    Customer("C2", "二号", grade="B", owner="S03", since=date(2026, 7, 1)),
)  # fmt: skip
METHODS = ("phone", "onsite", "wechat", "email", "meeting", "sms")

visit_args = st.tuples(
    st.integers(0, (TODAY - FIRST).days),
    st.sampled_from(METHODS),
    st.sampled_from(("S01", "S02", "S03")),
    st.sampled_from(("C1", "C2")),
    st.sampled_from(("routine", "repair")),
)


def make_visit(n: int, args, kind: str | None = None) -> Visit:
    offset, method, staff, customer, their_kind = args
    day = FIRST + timedelta(days=offset)
    ident = f"{day.isoformat()}-{customer}-{method}-{n}"
    return Visit(
        id=ident, customer=customer, date=day, method=method, kind=kind or their_kind,
        staff=(staff,),
    )  # fmt: skip


def open_counts(visits: list[Visit]) -> Counter:
    records = Records(
        root=Path("records"),
        policy=POLICY,
        policy_usable=True,
        staff_list=STAFF,
        customer_list=CUSTOMERS,
        visits=tuple(sorted(visits, key=lambda v: (v.date, v.id))),
    )
    agenda = derive_agenda(records, AsOf.day(TODAY))
    return Counter((i.rule, i.customer) for i in agenda.items if i.state != "done")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(visit_args, max_size=25), visit_args)
def test_adding_a_contact_never_adds_an_open_item(history, extra):
    visits = [make_visit(n, args) for n, args in enumerate(history)]
    before = open_counts(visits)
    after = open_counts([*visits, make_visit(len(visits), extra, kind="routine")])
    for key, count in after.items():
        assert count <= before[key], (key, before, after)
