"""Agreed dates and promises made during visits.

- `next_contact`: done by any later contact with the customer (a later day);
- a commitment's `due`: done when it has a `done` date;
- an issue that needs action: forwarded within `visits.issue_forward_minutes`
  of the visit (the end of the visit's day when it has no time), and first
  contacted by that department within `visits.issue_first_contact_hours`.

Each is done_late, with how late, when it was done after its deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.derive.context import RuleContext
from generator.derive.items import Deadline, DueItem, Need, state_of
from generator.model import Visit


def _item(
    ctx: RuleContext, visit: Visit, rule: str, label: str, deadline, done_at, *, kind, **extra
):
    """An item done when `done_at` is set (marked done_late, when that is past `deadline`, by
    `completed` once it is kept: generator.derive.derive_agenda)."""
    customer = ctx.records.customers.get(visit.customer)
    staff = visit.staff or ((customer.owner,) if customer else ())
    return DueItem(
        kind=kind,
        rule=rule,
        label=label,
        customer=visit.customer,
        staff=tuple(staff),
        deadline=deadline,
        state=state_of(deadline, done_at is not None, ctx.as_of, ctx.soon_days),
        source=visit.source,
        done_at=done_at,
        **extra,
    )


def visit_items(ctx: RuleContext, visit: Visit) -> Iterator[tuple[tuple, DueItem]]:
    """Each item the visit gives rise to, with the field that completes it (for `check`)."""
    if visit.next_contact is not None:
        agreed = visit.next_contact
        deadline = Deadline.of(agreed) if isinstance(agreed, dt.datetime) else Deadline(agreed)
        later = ctx.contacts_of(visit.customer).between(visit.date + dt.timedelta(days=1))
        yield (
            ("next_contact",),
            _item(
                ctx,
                visit,
                "next_contact",
                "约定下次沟通",
                deadline,
                later[0].moment() if later else None,
                kind="agreed",
                evidence=tuple(v.id for v in later[:1]),
                subject=f"{visit.date.isoformat()} 回访时约定",
                need=Need(done=min(len(later), 1)),
            ),
        )
    for index, commitment in enumerate(visit.commitments):
        if commitment.due is not None:
            yield (
                ("commitments", index, "done"),
                _item(
                    ctx,
                    visit,
                    "commitment",
                    "兑现承诺",
                    Deadline(commitment.due),
                    commitment.done,
                    kind="commitment",
                    subject=commitment.text,
                    subject_pii="free_text",
                ),
            )
    yield from _issue_items(ctx, visit)


def _issue_items(ctx: RuleContext, visit: Visit) -> Iterator[tuple[tuple, DueItem]]:
    limits = ctx.records.policy.visits
    forward = dt.timedelta(minutes=limits.issue_forward_minutes)
    first_contact = dt.timedelta(hours=limits.issue_first_contact_hours)
    for index, issue in enumerate(visit.issues):
        if not issue.needs_action:
            continue
        yield (
            ("issues", index, "sent_at"),
            _item(
                ctx,
                visit,
                "issue_forward",
                "问题 转交责任部门",
                Deadline.of(visit.latest() + forward),
                issue.sent_at,
                kind="issue",
                subject=issue.text,
                subject_pii="free_text",
            ),
        )
        if issue.sent_at is not None:
            yield (
                ("issues", index, "first_contact_at"),
                _item(
                    ctx,
                    visit,
                    "issue_first_contact",
                    "责任部门联系客户",
                    Deadline.of(issue.sent_at + first_contact),
                    issue.first_contact_at,
                    kind="issue",
                    subject=issue.text,
                    subject_pii="free_text",
                ),
            )


def agreed_items(ctx: RuleContext) -> list[DueItem]:
    items: list[DueItem] = []
    for customer, contacts in ctx.contacts.items():
        for visit in contacts.visits:
            # a visit naming further customers is a contact of each, its promises its own
            if visit.customer != customer or (ctx.start and visit.date < ctx.start):
                continue
            items += [i for _, i in visit_items(ctx, visit) if ctx.keep(i)]
    return items
