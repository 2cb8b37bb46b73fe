"""Agreed dates and promises made during visits.

- `next_contact`: done by any later contact with the customer (a later day);
- a commitment's `due`: done when it has a `done` date;
- an issue that needs action: forwarded within `visits.issue_forward_minutes`
  of the visit (the end of the visit's day when it has no time), and first
  contacted by that department within `visits.issue_first_contact_hours`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.model import Visit
from generator.rules.context import RuleContext
from generator.rules.items import Deadline, DueItem, Need, state_of


def _moment(visit: Visit) -> dt.datetime:
    try:
        return dt.datetime.combine(visit.date, dt.time.fromisoformat(visit.time or ""))
    except ValueError:
        return dt.datetime.combine(visit.date + dt.timedelta(days=1), dt.time())


def _item(ctx: RuleContext, visit: Visit, rule: str, label: str, deadline, done, *, kind, **extra):
    customer = ctx.records.customers.get(visit.customer)
    staff = visit.staff or ((customer.owner,) if customer else ())
    return DueItem(
        kind=kind,
        rule=rule,
        label=label,
        customer=visit.customer,
        staff=tuple(staff),
        deadline=deadline,
        state=state_of(deadline, done, ctx.as_of, ctx.soon_days),
        source=visit.source,
        **extra,
    )


def _visit_items(ctx: RuleContext, visit: Visit) -> Iterator[DueItem]:
    if visit.next_contact is not None:
        agreed = visit.next_contact
        deadline = Deadline.of(agreed) if isinstance(agreed, dt.datetime) else Deadline(agreed)
        later = ctx.contacts_of(visit.customer).between(visit.date + dt.timedelta(days=1))
        yield _item(
            ctx,
            visit,
            "next_contact",
            "约定下次沟通",
            deadline,
            bool(later),
            kind="agreed",
            evidence=tuple(v.id for v in later[:1]),
            subject=f"{visit.date.isoformat()} 回访时约定",
            need=Need(done=min(len(later), 1)),
        )
    for commitment in visit.commitments:
        if commitment.due is not None:
            yield _item(
                ctx,
                visit,
                "commitment",
                "兑现承诺",
                Deadline(commitment.due),
                commitment.done is not None,
                kind="commitment",
                subject=commitment.text,
                subject_pii="free_text",
            )
    yield from _issue_items(ctx, visit)


def _issue_items(ctx: RuleContext, visit: Visit) -> Iterator[DueItem]:
    limits = ctx.records.policy.visits
    forward = dt.timedelta(minutes=float(limits.get("issue_forward_minutes", 60)))
    first_contact = dt.timedelta(hours=float(limits.get("issue_first_contact_hours", 24)))
    for issue in visit.issues:
        if not issue.needs_action:
            continue
        yield _item(
            ctx,
            visit,
            "issue_forward",
            "问题 转交责任部门",
            Deadline.of(_moment(visit) + forward),
            issue.sent_at is not None,
            kind="issue",
            subject=issue.text,
            subject_pii="free_text",
        )
        if issue.sent_at is not None:
            yield _item(
                ctx,
                visit,
                "issue_first_contact",
                "责任部门联系客户",
                Deadline.of(issue.sent_at + first_contact),
                issue.first_contact_at is not None,
                kind="issue",
                subject=issue.text,
                subject_pii="free_text",
            )


def agreed_items(ctx: RuleContext) -> list[DueItem]:
    items: list[DueItem] = []
    for contacts in ctx.contacts.values():
        for visit in contacts.visits:
            if ctx.start and visit.date < ctx.start:
                continue
            items += [i for i in _visit_items(ctx, visit) if ctx.keep(i)]
    return items
