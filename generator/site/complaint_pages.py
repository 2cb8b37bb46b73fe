"""A page per complaint (`complaints/K2026-0007.html`): what was received, from whom, each
stage of its limits with deadline and state, the follow-up visits, its record and its
history from Git. Everything shown comes through `Privacy` (names, free text) and the
schema's labels (vocabulary.py)."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from generator.derive.sla import ComplaintStatus
from generator.present.complaints import label, stage_note
from generator.site.data import Page, SiteData
from generator.site.pages import record_changes
from generator.site.registers import title, when
from generator.vocabulary import SLA_STATE_LABELS, enum_text

PREFIX = "../"  # complaint pages are in complaints/


def complaint_record_pages(data: SiteData) -> list[Page]:
    """One page per complaint of a customer on the site (the addresses links.py gives)."""
    followups: dict[str, list] = defaultdict(list)  # complaint id → visits naming it
    by_id = {}
    for visit in data.done_visits:
        by_id[visit.id] = visit
        if visit.complaint:
            followups[visit.complaint].append(visit)
    pages = []
    for status in data.complaints.statuses:
        ident = status.complaint.id
        if not data.href("complaint", ident, ""):
            continue
        # the visits naming it, and the one that met the follow-up stage (it may name none)
        visits = list(followups[ident])
        visits += [by_id[s.evidence] for s in status.stages
                   if s.evidence in by_id and by_id[s.evidence] not in visits]  # fmt: skip
        context = partial(complaint_context, data, status, visits)
        pages.append(Page(f"complaints/{ident}.md", f"投诉 {ident}", "complaint.md.j2", context,
                          (ident,)))  # fmt: skip
    return pages


def complaint_context(data: SiteData, status: ComplaintStatus, visits: list) -> dict:
    c, privacy = status.complaint, data.privacy
    row = data.complaint_row(status, PREFIX)
    facts = [
        (title("complaint", "received"), when(c.received)),
        (title("complaint", "channel"), row["channel"]),
        (title("complaint", "category"), row["category"]),
        (title("complaint", "severity"), label("severity", c.severity)),
        (title("complaint", "first_responder"), "、".join(data.staff_label(s) for s in status.responsible)),
        (title("complaint", "special"), privacy.free_text(c.special_reason) or "是" if c.special else ""),
        (title("complaint", "registered"), when(c.registered)),
        (title("complaint", "answered"), when(c.answered)),
        (title("complaint", "resolved"), when(c.resolved)),
        (title("complaint", "feedback_sent"), when(c.feedback_sent)),
        (title("complaint", "customer_feedback"), enum_text("complaint", ("customer_feedback",), c.customer_feedback)),
        (title("complaint", "resolution"), privacy.free_text(c.resolution)),
    ]  # fmt: skip
    return {
        "as_of": data.today.isoformat(),
        "row": row,
        "summary_title": title("complaint", "summary"),
        "facts": facts,
        "stages": [
            {
                "label": s.label,
                "limit": s.limit,
                "deadline": str(s.deadline) if s.deadline else "",
                "done": when(s.done_at),
                "state": s.state,
                "state_label": SLA_STATE_LABELS[s.state],
                "note": stage_note(s),
                "evidence": privacy.plain(s.evidence),  # a file name: may hold a number
                "evidence_href": data.href("visit", s.evidence, PREFIX) if s.evidence else None,
            }
            for s in status.stages
        ],
        "visits": [
            {
                "id": privacy.plain(v.id),
                "date": v.date.isoformat(),
                "href": data.href("visit", v.id, PREFIX),
                "staff": "、".join(data.staff_label(s) for s in v.staff),
                "outcome": privacy.free_text(v.outcome),
            }
            for v in visits
        ],
        "visit_labels": {key: title("visit", key) for key in ("staff", "outcome")},
        "record": data.editor_links.complaint(status, PREFIX) if data.editor else None,
        "timeline": _prefixed(data.links.complaint_entry(c.id, c.customer)),
        "body": data.body_html(c.body),
        "changes": record_changes(data, "complaint", c.id),
    }


def _prefixed(path: str) -> str:
    return PREFIX + path if path else ""
