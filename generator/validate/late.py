"""Late completion: a promise kept, an issue forwarded or first contacted or an agreed
contact made after its deadline (policy completeness.done_late), and a complaint stage done
after its limit (completeness.complaint_done_late), is a warning on the record that holds
it, saying by when and how late (docs/rules.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.derive.agreed import visit_items
from generator.derive.calendar import WorkCalendar
from generator.derive.context import RuleContext
from generator.derive.durations import duration, duration_en, when_text
from generator.derive.items import AsOf, completed
from generator.derive.sla import complaint_statuses
from generator.model import Records

WHAT = {  # rule → (Chinese, English) of what was late
    "next_contact": ("约定的下次沟通", "the agreed next contact"),
    "commitment": ("承诺“{subject}”", "the promise “{subject}”"),
    "issue_forward": ("问题“{subject}”转交责任部门", "forwarding the issue “{subject}”"),
    "issue_first_contact": (
        "责任部门就问题“{subject}”联系客户",
        "the department's first contact about the issue “{subject}”",
    ),
}
STAGE_FIELDS = {
    "register": ("registered",),
    "answer": ("answered",),
    "resolve": ("resolved",),
    "feedback": ("feedback_sent",),
    "followup": (),
}
STAGE_EN = {
    "register": "registering it",
    "answer": "the first answer",
    "resolve": "resolving it",
    "feedback": "the feedback to the customer",
    "followup": "the follow-up visit",
}


def _shown(value) -> str:
    return (when_text(value) or "").replace("T", " ")


def _context(records: Records, today: date) -> RuleContext:
    return RuleContext(records, AsOf.day(today), WorkCalendar(records.policy.calendar))


def visits_done_late(records: Records, today: date) -> Iterator[tuple]:
    """Promises, issue forwarding and first contact, agreed next contacts (done_late)."""
    if not records.policy_usable:
        return
    ctx = _context(records, today)
    for visit in records.visits:
        if visit.date > today or (ctx.start and visit.date < ctx.start):
            continue
        if visit.next_contact is None and not visit.commitments and not visit.issues:
            continue  # nothing with a deadline (most visits): no items to build
        for path, found in visit_items(ctx, visit):
            item = completed(found, found.done_at)
            if item.state != "done_late":
                continue
            zh, en = WHAT[item.rule]
            yield (
                "visit.done_late",
                visit,
                path,
                {
                    "what_zh": zh.format(subject=item.subject),
                    "what_en": en.format(subject=item.subject),
                    "deadline": str(item.deadline),
                    "done": _shown(item.done_at),
                    "late": duration(item.late_by),
                    "late_en": duration_en(item.late_by),
                },
            )


def complaints_done_late(records: Records, today: date) -> Iterator[tuple]:
    """Complaint stages met late (超时完成)."""
    if not records.policy_usable:
        return
    for status in complaint_statuses(_context(records, today)):
        for stage in status.stages:
            if stage.state == "met_late":
                yield (
                    "complaint.done_late",
                    status.complaint,
                    STAGE_FIELDS[stage.name],
                    {
                        "stage": stage.label,
                        "stage_en": STAGE_EN[stage.name],
                        "limit": stage.limit,
                        "deadline": str(stage.deadline),
                        "done": _shown(stage.done_at),
                        "late": duration(stage.late_by),
                        "late_en": duration_en(stage.late_by),
                    },
                )


# completeness.<name>.severity switches each (schema/policy.json has the defaults)
FINDERS = {"done_late": visits_done_late, "complaint_done_late": complaints_done_late}
