"""From when a rule applies to a customer, from Git history (issue 18, item 7).

A periodic rule is not judged retroactively: it applies to a customer from the later of

- the day the rule in its current form entered `policy.yaml` (the commit that last changed
  its entry), and
- the day the customer came to match it: the first commit from which the customer's fields
  that the rule's `applies` names (grade, kind, stage, region, area, industry, tags) have
  been as they are now, continuously.

Uncommitted changes in the working tree count as today. Without history (`AppliesFrom`
is None) nothing changes: `since` and `due.start` decide, as before.

Each version's fields are rebuilt by replaying the field changes History keeps
(generator.history.diff) from the record's first version on; History itself is only read,
and the working tree's policy.yaml is read by generator.read.policy_history (`applies_for`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from generator.model import Applies, CadenceRule, Customer, Records, local_time

MATCH_FIELDS = tuple(f.name for f in fields(Applies))  # grade, kind, stage, region, area…
RULE_SECTIONS = ("cadence",)


def commit_day(commit) -> dt.date:
    """The day (China time) a commit was made."""
    return local_time(dt.datetime.fromisoformat(commit.committer_date)).date()


# --- rebuilding a version's fields from the field changes -----------------------------
def _find(container, part, key_field):
    if key_field is not None and isinstance(container, list):
        return next(
            (i for i in container if isinstance(i, dict) and str(i.get(key_field)) == str(part)),
            None,
        )
    return container.get(part) if isinstance(container, dict) else None


def replay(doc: dict, change) -> dict:
    """`doc` with one FieldChange applied (in place; the new document is returned)."""
    path = change.path
    if not path:
        return dict(change.new) if isinstance(change.new, dict) else {}
    container = doc
    for index, part in enumerate(path[:-1]):
        container = _find(container, part, change.key_field(index))
        if container is None:
            return doc  # a part the rebuilt version lacks: nothing to apply it to
    last, key_field = path[-1], change.key_field(len(path) - 1)
    if key_field is not None and isinstance(container, list):
        items = [
            i for i in container if not (isinstance(i, dict) and str(i.get(key_field)) == str(last))
        ]
        container[:] = items + ([change.new] if change.change != "removed" else [])
        return doc
    if not isinstance(container, dict):
        return doc
    current = container.get(last)
    if (
        isinstance(current, list)
        and change.change in ("added", "removed")
        and (change.old != current if change.change == "removed" else True)
    ):
        # an item of a plain list (tags): added or removed one by one
        if change.change == "added":
            current.append(change.new)
        elif change.old in current:
            current.remove(change.old)
        return doc
    if change.change == "removed":
        container.pop(last, None)
    else:
        container[last] = _copy(change.new)
    return doc


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def versions_of(record_history) -> list[tuple[dt.date, dict | None]]:
    """(day, fields) of every version of one record, oldest first; None once deleted."""
    out: list[tuple[dt.date, dict | None]] = []
    doc: dict = {}
    for version in record_history.versions:
        if version.change == "deleted":
            doc = {}
            out.append((commit_day(version.commit), None))
            continue
        if version.change == "added":
            doc = {}
        for change in version.fields:
            doc = replay(doc, change)
        out.append((commit_day(version.commit), _copy(doc)))
    return out


# --- comparing ------------------------------------------------------------------------
def _norm(value) -> object:
    if value in (None, "", [], ()):
        return None
    if isinstance(value, (list, tuple)):
        return tuple(sorted(str(v) for v in value))
    return str(value)


def customer_fields(customer: Customer, names: tuple[str, ...]) -> tuple:
    return tuple(_norm(getattr(customer, name, None)) for name in names)


def raw_fields(data: dict, names: tuple[str, ...]) -> tuple:
    return tuple(_norm(data.get(name)) for name in names)


def held_since(versions, now: tuple, names: tuple[str, ...], today: dt.date) -> dt.date:
    """The first day of the newest unbroken run of versions whose `names` equal `now`;
    today when the last committed version differs (an uncommitted change)."""
    start = today
    for day, data in reversed(versions):
        if data is None or raw_fields(data, names) != now:
            break
        start = day
    return start


def _rule_key(section: str, name: str) -> str:
    return f"{section}.{name}"


def _rule_entry(policy_doc: dict, section: str, name: str):
    rules = policy_doc.get(section)
    if not isinstance(rules, list):
        return None
    return next((r for r in rules if isinstance(r, dict) and r.get("name") == name), None)


@dataclass
class AppliesFrom:
    """Per rule and customer, the day a periodic rule starts to apply, from history."""

    today: dt.date
    customers: dict[str, list] = field(default_factory=dict)  # id → versions_of
    policy: list = field(default_factory=list)  # versions_of the policy file
    current_rules: Mapping[str, object] = field(default_factory=dict)  # working tree's entries
    _rule_days: dict[str, dt.date] = field(default_factory=dict)

    def rule_day(self, section: str, name: str) -> dt.date:
        """The day the rule's current entry entered policy.yaml (today if uncommitted)."""
        key = _rule_key(section, name)
        if key not in self._rule_days:
            now = self.current_rules.get(key)
            start = self.today
            for day, data in reversed(self.policy):
                if data is None or _rule_entry(data, section, name) != now:
                    break
                start = day
            self._rule_days[key] = start
        return self._rule_days[key]

    def customer_day(self, applies: Applies, customer: Customer) -> dt.date:
        """The day the customer came to match `applies` as it does now (today if the
        match is uncommitted, or the customer has no history)."""
        names = tuple(n for n in MATCH_FIELDS if getattr(applies, n))
        if not names:
            versions = self.customers.get(customer.id)
            return versions[0][0] if versions else self.today  # matched since it existed
        return held_since(
            self.customers.get(customer.id, []),
            customer_fields(customer, names),
            names,
            self.today,
        )

    def start(self, section: str, rule: CadenceRule, customer: Customer) -> dt.date:
        return max(self.rule_day(section, rule.name), self.customer_day(rule.applies, customer))


def applies_from(
    history, records: Records, today: dt.date, policy_doc: dict | None = None, commits=None
) -> AppliesFrom | None:
    """What History says about `records`, as of `today`; None without history.

    `policy_doc` is the working tree's policy.yaml as read (its rule entries are compared
    with the committed ones); `commits`, when given, keeps only the versions made in those
    commits (a base branch's history within the whole)."""
    if history is None or not records.policy.due.from_history:
        return None

    def kept(record_history):
        if commits is None:
            return record_history
        clone = type(record_history)(record_history.kind, record_history.id)
        clone.versions = [v for v in record_history.versions if v.commit.sha in commits]
        return clone

    customers = {
        ident: versions_of(kept(h))
        for (kind, ident), h in history.records.items()
        if kind == "customer" and kept(h).versions
    }
    policy_history = history.of("policy", "policy")
    policy = versions_of(kept(policy_history)) if policy_history else []
    doc = policy_doc or {}
    current = {
        _rule_key(section, str(r.get("name"))): r
        for section in RULE_SECTIONS
        for r in (doc.get(section) or [])
        if isinstance(r, dict)
    }
    return AppliesFrom(today, customers, policy, current)
