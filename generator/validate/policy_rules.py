"""The rules in policy.yaml make sense together: method groups exist, rule names are unique,
visit kinds and festivals can be placed. (Their shape is the schema's job.) And the records
keep the policy's limits: a completion after its deadline is a warning (validate/late.py)."""

from __future__ import annotations

from datetime import date

from generator.derive.calendar import festival_names
from generator.model import Records
from generator.problems import Problem
from generator.validate import late
from generator.validate.common import problem_at, switched_checks
from generator.vocabulary import VISIT_KIND, enum_values

RULE_SECTIONS = ("cadence", "events", "inactivity")


def _rules(records: Records):
    for section in RULE_SECTIONS:
        for index, rule in enumerate(getattr(records.policy, section)):
            yield section, index, rule


def unique_rule_names(records: Records, today: date) -> list[Problem]:
    policy, problems = records.policy, []
    seen: dict[str, tuple] = {}
    for section, index, rule in _rules(records):
        where = (section, index, "name")
        if rule.name in seen:
            first = records.where(policy, *seen[rule.name]).line
            problems.append(
                problem_at(
                    records, "policy.duplicate_rule", policy, where, name=rule.name, first=first
                )
            )
        else:
            seen[rule.name] = where
    return problems


def method_groups(records: Records, today: date) -> list[Problem]:
    policy, problems = records.policy, []
    for section, index, rule in _rules(records):
        if isinstance(rule.methods, str) and rule.methods not in policy.methods:
            problems.append(
                problem_at(
                    records,
                    "policy.unknown_method_group",
                    policy,
                    (section, index, "methods"),
                    name=rule.methods,
                )
            )
    return problems


def event_triggers(records: Records, today: date) -> list[Problem]:
    kinds = enum_values(*VISIT_KIND)
    problems = []
    for index, rule in enumerate(records.policy.events):
        source, _, name = rule.after.partition(".")
        if source == "visit" and name not in kinds:
            problems.append(
                problem_at(
                    records,
                    "policy.unknown_visit_kind",
                    records.policy,
                    ("events", index, "after"),
                    name=name,
                    allowed=", ".join(kinds),
                )
            )
    return problems


def festivals(records: Records, today: date) -> list[Problem]:
    known = festival_names()
    problems = []
    for index, festival in enumerate(records.policy.reminders.festivals):
        if not festival.date and festival.name not in known:
            problems.append(
                problem_at(
                    records,
                    "policy.unknown_festival",
                    records.policy,
                    ("reminders", "festivals", index, "name"),
                    name=festival.name,
                    allowed="、".join(sorted(known)),
                )
            )
    return problems


def late_completions(records: Records, today: date) -> list[Problem]:
    return switched_checks(records, late.FINDERS, today)


CHECKS = (unique_rule_names, method_groups, event_triggers, festivals, late_completions)
