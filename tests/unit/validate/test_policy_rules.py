"""validate/policy_rules.py: the rules of policy.yaml make sense together."""

from __future__ import annotations

from builders import at, codes, complaint, day, policy, records, visit

from generator.model import Commitment
from generator.validate.policy_rules import (
    event_triggers,
    festivals,
    late_completions,
    method_groups,
    unique_rule_names,
)

TODAY = day("2026-11-23")
MONTHLY = {"name": "monthly", "label": "每月回访", "methods": "any", "min": 1, "period": "month"}
REPAIR = {"name": "repair_call", "label": "报修回访", "after": "visit.repair", "within_days": 10}


def _run(check, **rules):
    return check(records(rules=policy(**rules)), TODAY)


def test_a_rule_name_used_twice_across_sections_is_a_problem():
    found = _run(unique_rule_names, cadence=[MONTHLY], events=[REPAIR | {"name": "monthly"}])
    assert codes(found) == ["policy.duplicate_rule"] and found[0].path == "events[0].name"
    assert _run(unique_rule_names, cadence=[MONTHLY], events=[REPAIR]) == []


def test_a_method_group_must_be_defined_but_a_list_of_methods_needs_none():
    assert _run(method_groups, cadence=[MONTHLY | {"methods": "phone"}]) == []  # a default group
    assert _run(method_groups, cadence=[MONTHLY | {"methods": ["phone", "email"]}]) == []
    found = _run(method_groups, cadence=[MONTHLY | {"methods": "fax"}])
    assert codes(found) == ["policy.unknown_method_group"] and found[0].path == "cadence[0].methods"


def test_a_visit_kind_trigger_must_be_a_kind_of_visit():
    # domain.md §2 kinds: routine, after_sales, …, repair
    assert _run(event_triggers, events=[REPAIR]) == []
    found = _run(event_triggers, events=[REPAIR | {"after": "visit.repairs"}])
    assert codes(found) == ["policy.unknown_visit_kind"]
    assert _run(event_triggers, events=[REPAIR | {"after": "events.installed"}]) == []


def test_a_festival_without_a_date_must_be_an_official_holiday():
    # domain.md §3: 春节, 中秋 (official holidays) and 周年庆 (the team's own date)
    official = {"festivals": [{"name": "春节"}, {"name": "中秋节"}]}
    assert _run(festivals, reminders=official) == []
    own = {"festivals": [{"name": "周年庆", "date": "06-18"}]}
    assert _run(festivals, reminders=own) == []
    found = _run(festivals, reminders={"festivals": [{"name": "周年庆"}]})
    assert codes(found) == ["policy.unknown_festival"]
    assert found[0].path == "reminders.festivals[0].name"


def test_late_completions_are_warnings_and_complaint_stages_only_when_switched_on():
    kept = Commitment(text="送样品", due=day("2026-11-18"), done=day("2026-11-19"))
    late = complaint(received=at("2026-11-02 09:30"), registered=at("2026-11-03 10:00"))
    given = {"visits": [visit("2026-11-10", commitments=(kept,))], "complaints": [late]}
    found = late_completions(records(**given), TODAY)  # defaults: done_late warning, complaints off
    assert [(p.code, p.severity) for p in found] == [("visit.done_late", "warning")]
    on = policy(
        completeness={
            "complaint_done_late": {"severity": "error"},
            "done_late": {"severity": "off"},
        }
    )
    found = late_completions(records(rules=on, **given), TODAY)
    assert [(p.code, p.severity) for p in found] == [("complaint.done_late", "error")]
