"""Complaints as people see them: each stage's state and limit in words, labels from the
schema, the customer's name as `Privacy` shows it. The CLI's formats
(generator/report/complaints.py) and the site's complaint tables both show these views."""

from __future__ import annotations

from generator.derive import ComplaintReport
from generator.derive.analysis import ComplaintMonth
from generator.derive.durations import duration
from generator.derive.sla import ComplaintStatus, Stage
from generator.model import Records
from generator.present.privacy import Privacy
from generator.vocabulary import SLA_STATE_LABELS, enum_text


def select(report: ComplaintReport, open_only: bool = False) -> list[ComplaintStatus]:
    """All complaints, or (open_only) those with a stage still running or breached."""
    if not open_only:
        return list(report.statuses)
    return [s for s in report.statuses if s.pending]


def stage_note(stage: Stage) -> str:
    """What a person needs to know about one stage, in Chinese."""
    if stage.state == "waiting":
        return "未开始"
    note = f"{SLA_STATE_LABELS[stage.state]}（时限 {stage.limit}，截止 {stage.deadline}）"
    if stage.state == "met_late":
        note += f"，晚了 {duration(stage.late_by)}"
    elif stage.state == "breached":
        note += f"，已超过 {duration(stage.late_by)}"
    elif stage.state == "running":
        note += f"，还剩 {duration(stage.time_left)}"
        if stage.workdays_left is not None:
            note += f"（{stage.workdays_left} 个工作日）"
    return note


def label(field: str, value: str | None) -> str:
    return enum_text("complaint", (field,), value)


def complaint_row(
    privacy: Privacy, records: Records, status: ComplaintStatus, prefix: str
) -> dict[str, object]:
    """A complaint as a row of a page's table (`prefix`: the way from the page to the root)."""
    c = status.complaint
    return {
        "id": c.id,
        "customer": c.customer,
        "customer_name": privacy.customer_name(records.customers.get(c.customer)),
        "link": f"{prefix}customers/{c.customer}.html",
        "category": label("category", c.category),
        "channel": label("channel", c.channel),
        "state": status.state,
        "state_label": SLA_STATE_LABELS[status.state],
        "stages": [
            {"label": s.label, "state": s.state, "note": stage_note(s)} for s in status.stages
        ],
        "summary": privacy.free_text(c.summary),
    }


def _labelled(field: str, counts: dict[str, int]) -> list[tuple[str, int]]:
    """(label, count) by value, in the order Jinja's `dictsort` gave (case folded)."""
    ordered = sorted(counts.items(), key=lambda kv: kv[0].lower())
    return [(label(field, value), n) for value, n in ordered]


def month_row(month: ComplaintMonth) -> dict[str, object]:
    """One month of the analysis with its categories and channels labelled."""
    return {
        "month": month.month,
        "total": month.total,
        "resolved": month.resolved,
        "resolved_in_time": month.resolved_in_time,
        "with_breach": month.with_breach,
        "categories": _labelled("category", month.by_category),
        "channels": _labelled("channel", month.by_channel),
        "by_responder": month.by_responder,
    }
