"""derive/applies.py: a periodic rule applies to a customer from when the rule in its current
form and the customer's match both began (issue 18): not retroactively. Versions are given as
History would give them (day, fields); the field replay is tested on plain changes."""

from __future__ import annotations

from builders import context, customer, day, policy, records

from generator.derive.applies import AppliesFrom, held_since, replay
from generator.derive.cadence import cadence_items
from generator.history.diff import FieldChange
from generator.model import Applies, CadenceRule

RULE = {
    "name": "a_monthly",
    "label": "A 每月",
    "applies": {"grade": ["A"]},
    "methods": "any",
    "min": 1,
    "period": "month",
}


def test_a_customer_matches_from_the_first_version_of_its_unbroken_run():
    versions = [
        (day("2026-01-05"), {"grade": "B"}),
        (day("2026-06-10"), {"grade": "A"}),
        (day("2026-08-01"), {"grade": "A", "name": "新名"}),
    ]
    assert held_since(versions, ("A",), ("grade",), day("2026-11-23")) == day("2026-06-10")
    # the working tree differs from the last commit: from today
    assert held_since(versions, ("B",), ("grade",), day("2026-11-23")) == day("2026-11-23")


def test_the_later_of_the_rules_and_the_customers_day_decides():
    found = AppliesFrom(
        today=day("2026-11-23"),
        customers={
            "C0001": [(day("2026-01-05"), {"grade": "B"}), (day("2026-06-10"), {"grade": "A"})]
        },
        policy=[(day("2026-03-01"), {"cadence": [RULE]})],
        current_rules={"cadence.a_monthly": RULE},
    )
    rule = CadenceRule(
        name="a_monthly", label="A 每月", applies=Applies(grade=("A",)), period="month"
    )
    assert found.rule_day("cadence", "a_monthly") == day("2026-03-01")
    assert found.start("cadence", rule, customer(grade="A")) == day("2026-06-10")
    changed = AppliesFrom(
        day("2026-11-23"),
        policy=[(day("2026-03-01"), {"cadence": [RULE]})],
        current_rules={"cadence.a_monthly": RULE | {"min": 2}},
    )
    assert changed.rule_day("cadence", "a_monthly") == day("2026-11-23")  # uncommitted change


def test_a_rule_applying_to_every_customer_applies_since_the_customer_existed():
    found = AppliesFrom(
        today=day("2026-11-23"), customers={"C0001": [(day("2026-02-01"), {"grade": "B"})]}
    )
    assert found.customer_day(Applies(), customer()) == day("2026-02-01")
    assert found.customer_day(Applies(), customer("C0009")) == day("2026-11-23")  # no history


def test_cadence_is_not_judged_before_the_customer_came_to_match():
    # grade A since 10-20 (history), since 2026-01-01 in the file: October is joined part-way
    # (not missed), November is due
    recs = records(
        customers=[customer(grade="A", since=day("2026-01-01"))], rules=policy(cadence=[RULE])
    )
    ctx = context(recs, "2026-11-23")
    ctx.applies = AppliesFrom(
        today=day("2026-11-23"),
        customers={"C0001": [(day("2026-10-20"), {"grade": "A"})]},
        policy=[(day("2026-01-01"), {"cadence": [RULE]})],
        current_rules={"cadence.a_monthly": RULE},
    )
    assert [str(i.deadline) for i in cadence_items(ctx, recs.policy.cadence[0])] == ["2026-11-30"]
    ctx_without = context(recs, "2026-11-23")  # without history: every month since 01-01
    items = cadence_items(ctx_without, recs.policy.cadence[0])
    assert items[0].state == "overdue" and len(items[0].missed) == 10


def test_field_changes_replay_onto_a_version():
    doc = replay({}, FieldChange(path=(), change="added", new={"grade": "B", "tags": ["水泥"]}))
    doc = replay(doc, FieldChange(path=("grade",), change="changed", old="B", new="A"))
    doc = replay(doc, FieldChange(path=("tags",), change="added", new="重点"))
    doc = replay(doc, FieldChange(path=("tags",), change="removed", old="水泥"))
    assert doc == {"grade": "A", "tags": ["重点"]}
