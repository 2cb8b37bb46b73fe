"""Completeness rules from domain.md; each one's severity (error|warning|off) is in the policy.

policy.yaml → completeness → <check>: {severity: …, …parameters}. A check set
to `off` is not run. The names below are the policy's keys.
"""

from __future__ import annotations

from datetime import date, timedelta

from generator.model import Records
from generator.problems import Problem
from generator.validate.common import switched_checks
from generator.validate.references import approved, chain_labels, role_labels


def customer_documents(records: Records, today: date):
    """New cooperating customers: the required documents within N days of the contract."""
    policy = records.policy
    check = policy.completeness.customer_documents
    days, required, waiver = check.days, check.required, check.approval
    for c in records.customer_list:
        contract = c.events.get("contract")
        if contract is None or (today - contract).days <= days:
            continue
        received = {d.name for d in c.documents}
        missing = [name for name in required if name not in received]
        if missing and not approved(records, c, waiver):
            rule = policy.approvals.get(waiver)
            labels = chain_labels(rule.chain) if rule and rule.chain else None
            zh, en = labels or (role_labels(rule.approver_roles) if rule else ("—", "—"))
            params = {
                "contract": contract.isoformat(),
                "days": days,
                "missing": "、".join(missing),
                "what": waiver,
                "approvers_zh": zh,
                "approvers_en": en,
            }
            yield "customer.documents_incomplete", c, ("documents",), params


def customer_contacts(records: Records, today: date):
    for c in records.customer_list:
        if c.kind == "organisation" and not c.contacts and c.stage != "lost":
            yield "customer.no_contacts", c, ("id",), {}


def complaint_feedback(records: Records, today: date):
    hours = records.policy.complaints.feedback_hours
    params = {"hours": f"{hours:g}"}
    for c in records.complaint_list:
        # from the day the feedback was due on: before it, it may simply not be sent yet
        due = (c.resolved + timedelta(hours=hours)).date() if c.resolved else None
        if due and not c.feedback_sent and today >= due:
            yield "complaint.no_feedback", c, ("resolved",), params


def complaint_resolution(records: Records, today: date):
    for c in records.complaint_list:
        if c.resolved and not (c.resolution or "").strip():
            yield "complaint.no_resolution", c, ("resolved",), {}


def complaint_special_reason(records: Records, today: date):
    for c in records.complaint_list:
        if c.special and not (c.special_reason or "").strip():
            yield "complaint.special_without_reason", c, ("special",), {}


def visit_issue_forwarded(records: Records, today: date):
    for v in records.visits:
        for i, issue in enumerate(v.issues):
            if issue.needs_action and not (issue.department and issue.sent_at):
                yield "visit.issue_not_forwarded", v, ("issues", i), {"text": issue.text[:30]}


def visit_review(records: Records, today: date):
    days = records.policy.completeness.visit_review.days
    for v in records.visits:
        if not v.reviewed_by and (today - v.date).days > days:
            yield "visit.unreviewed", v, ("date",), {"age": (today - v.date).days}


def visit_self_review(records: Records, today: date):
    """The reviewer is one of the visit's own staff (seed 000: the supervisor checks the
    staff's records and signs them off): a self-review is no review."""
    for v in records.visits:
        if v.reviewed_by and v.reviewed_by in v.staff:
            yield "review.self_review", v, ("reviewed_by",), {"reviewer": v.reviewed_by}


def visit_outcome(records: Records, today: date):
    for v in records.visits:
        if not (v.outcome or "").strip():
            yield "visit.no_outcome", v, ("date",), {}


def has_text(body: str) -> bool:
    """Is there more than headings in the body? (`huifang new` writes one to fill in.)"""
    start = body.lstrip()
    if start and start[0] != "#":
        return True  # the first line with text is no heading (almost every record)
    return any(line.strip() and not line.lstrip().startswith("#") for line in body.splitlines())


def visit_record(records: Records, today: date):
    for v in records.visits:
        if not has_text(v.body):
            yield "visit.no_record", v, ("date",), {}


FINDERS = {
    "customer_documents": customer_documents,
    "customer_contacts": customer_contacts,
    "complaint_feedback": complaint_feedback,
    "complaint_resolution": complaint_resolution,
    "complaint_special_reason": complaint_special_reason,
    "visit_issue_forwarded": visit_issue_forwarded,
    "visit_review": visit_review,
    "visit_self_review": visit_self_review,
    "visit_outcome": visit_outcome,
    "visit_record": visit_record,
}


def completeness(records: Records, today: date) -> list[Problem]:
    return switched_checks(records, FINDERS, today)


CHECKS = (completeness,)
