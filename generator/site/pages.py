"""Page builders: each returns the pages of one section as (path, template, context).

Builders assemble plain data (already masked by the profile); templates only
format it. Paths are relative to the docs tree; links between pages are
relative `.html` paths (`use_directory_urls: false`).
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from generator.derive.items import DueItem
from generator.present.complaints import month_row
from generator.present.deals import lost_row
from generator.present.history import version_dict
from generator.site.changes import signed
from generator.site.charts import relationship_map
from generator.site.commit_links import commit_href
from generator.site.data import Page, SiteData, ready
from generator.site.quality_rows import problem_rows
from generator.site.register_pages import complaint_register_context
from generator.site.registers import DETAIL_FIELDS, title, visit_details
from generator.site.timelines import (
    TIMELINE_OPEN,
    TIMELINE_PAGE,
    complaint_anchor,
    timeline_page_count,
    timeline_path,
    visit_anchor,
)
from generator.vocabulary import enum_text


# --- customers ----------------------------------------------------------------------
def customers(data: SiteData) -> list[Page]:
    records, privacy = data.records, data.privacy
    items_of: dict[str, list[DueItem]] = defaultdict(list)
    for item in data.open_items:
        items_of[item.customer].append(item)
    index_rows, pages = [], []
    for customer in records.customer_list:
        # the timeline as links.py places its entries: visits and complaints, newest first
        items = data.links.timelines[customer.id]
        visits = [record for _, kind, record in items if kind == "visit"]
        due = items_of[customer.id]
        row = {
            "id": customer.id,
            "name": privacy.customer_name(customer),
            "grade": customer.grade,
            "stage": enum_text("customer", ("stage",), customer.stage),
            "owner": data.staff_label(customer.owner),
            "region": enum_text("customer", ("region",), customer.region),
            "area": customer.area or "",
            "last_contact": visits[0].date.isoformat() if visits else "",
            "next_due": min((data.view.deadline(i) for i in due), default=""),
            "overdue": any(i.state == "overdue" for i in due),
        }
        index_rows.append(row)
        title = f"{customer.id} {row['name']}"
        # the page's context is made by the process that writes it (site/__init__.py)
        context = partial(customer_context, data, customer, row, due, items)
        # a masked name (张*) names nobody: only a name shown in full is a page's own
        own = (customer.id, row["name"]) if row["name"] == customer.name else (customer.id,)
        pages.append(Page(f"customers/{customer.id}.md", title, "customer.md.j2", context, own))
        pages += timeline_pages(data, customer, row["name"], items)
    listed = {"rows": index_rows, "as_of": data.today.isoformat()}  # 下次到期 is as of that day
    index = Page("customers/index.md", "客户", "customers.md.j2", ready(listed))
    return [index, *pages]


def customer_context(data: SiteData, customer, row, due, items) -> dict:
    records, privacy = data.records, data.privacy
    contacts = [privacy.contact(c, records) for c in customer.contacts]
    kind = enum_text("customer", ("kind",), customer.kind)
    return {
        "as_of": data.today.isoformat(),
        "row": row,
        "kind": kind,
        "industry": customer.industry or "",
        "address": privacy.address(customer.address),
        "chief": data.staff_label(customer.chief) if customer.chief else "",
        "since": customer.since.isoformat() if customer.since else "",
        "last_order": customer.last_order.isoformat() if customer.last_order else "",
        "tags": list(customer.tags),
        "contacts": contacts,
        "relationship_map": relationship_map(
            f"{row['name']}的关键人物与我方联系人", row["name"], contacts
        ),
        "filters": {
            "等级": customer.grade,
            "负责人": row["owner"],
            "地域": row["region"],
            "客户类型": kind,
        },
        "documents": document_checklist(records, customer),
        "lost_reason": records.policy.lost_reason_label(customer.lost_reason)
        if customer.lost_reason
        else "",
        "losses": [
            lost_row(privacy, records, deal) | {"href": data.href("lost", deal.id, "../") or ""}
            for deal in data.losses_by_customer.get(customer.id, [])
        ],
        "due": [data.due_row(i, "../") for i in due],
        "record": data.editor_links.customer(customer, "../") if data.editor else None,
        "timeline": timeline(data, items),
        "timeline_open": TIMELINE_OPEN,
        "pager": _pager(customer.id, 1, timeline_page_count(items)),
        "notes": data.body_html(customer.body),
        "changes": record_changes(data, "customer", customer.id),
    }


def record_changes(data: SiteData, kind: str, ident: str) -> dict:
    """The record's versions from Git, newest first, masked as the rest of the page."""
    if data.history is None:
        return {"available": False, "shallow": False, "versions": []}
    found = data.history.of(kind, ident)
    versions = (
        [
            version_dict(kind, v, data.privacy)
            | signed(data, found, v)
            | {"commit_url": commit_href(data.commit_url, v.commit.sha)}
            for v in found.versions
        ]
        if found
        else []
    )
    return {"available": True, "shallow": data.history.shallow, "versions": versions[::-1]}


def document_checklist(records, customer) -> dict:
    """The policy's required documents with what was received, plus any others on file."""
    policy = records.policy
    required = list(policy.completeness.customer_documents.required)
    waiver = policy.completeness.customer_documents.approval
    received = {d.name: d.received for d in customer.documents}
    rows = [
        {"name": name, "required": name in required, "have": name in received,
         "received": received[name].isoformat() if received.get(name) else ""}
        for name in [*required, *(n for n in received if n not in required)]
    ]  # fmt: skip
    approval = next((a for a in customer.approvals if a.what == waiver), None)
    return {
        "rows": rows,
        "missing": sum(r["required"] and not r["have"] for r in rows),
        "waived": f"{approval.by} {approval.date or ''}".strip() if approval else "",
    }


def timeline(data: SiteData, items: list, number: int = 1) -> list[dict]:
    """The entries of one timeline page: visits (with the conversation record) and
    complaints (with their limits). Only this page's bodies are rendered."""
    chunk = items[(number - 1) * TIMELINE_PAGE : number * TIMELINE_PAGE]
    return [
        _visit_entry(data, record) if kind == "visit" else _complaint_entry(data, record)
        for _, kind, record in chunk
    ]


SUMMARY_FIELDS = tuple((key, title("visit", key)) for key in ("staff", "satisfaction", "outcome"))
VISIT_LABELS = {key: title("visit", key) for key in ("commitments", "complaint")}


def _visit_entry(data: SiteData, visit) -> dict:
    privacy = data.privacy
    details = visit_details(data, visit)  # what staff recorded, as the registers show it
    return {
        "type": "visit",
        "anchor": visit_anchor(visit.id),
        "href": "",
        "date": visit.date.isoformat(),
        "title": f"{enum_text('visit', ('method',), visit.method)}"
        f"{' · ' + enum_text('visit', ('kind',), visit.kind) if visit.kind else ''}",
        # who, how satisfied, what came of it: each with its schema title, when recorded
        "summary": [(name, value) for key, name in SUMMARY_FIELDS if (value := details[key])],
        "labels": VISIT_LABELS,
        "commitments": [
            {
                "text": privacy.free_text(c.text),
                "due": c.due.isoformat() if c.due else "",
                "done": c.done.isoformat() if c.done else "",
            }
            for c in visit.commitments
        ],
        "details": [(name, value) for key, name in DETAIL_FIELDS if (value := details[key])],
        "complaint": visit.complaint or "",
        "complaint_href": data.href("complaint", visit.complaint, "../") if visit.complaint else "",
        "body": data.body_html(visit.body),
    }


def _complaint_entry(data: SiteData, status) -> dict:
    c = status.complaint
    return {
        "type": "complaint",
        "anchor": complaint_anchor(c.id),
        "href": data.href("complaint", c.id, "../") or "",
        "date": c.received.date().isoformat(),
        "title": f"投诉 {c.id}",
        "complaint": data.complaint_row(status, "../"),
        "changes": record_changes(data, "complaint", c.id)["versions"],
        "body": data.body_html(c.body),
    }


def timeline_pages(data: SiteData, customer, name: str, items: list) -> list[Page]:
    """Pages 2, 3 … of a long timeline (page 1 is on the customer's page)."""
    count = timeline_page_count(items)
    return [
        Page(
            f"customers/{timeline_path(customer.id, number).removesuffix('.html')}.md",
            f"{customer.id} {name} · 时间线第 {number} 页",
            "timeline.md.j2",
            partial(_timeline_page_context, data, customer, name, items, number, count),
        )
        for number in range(2, count + 1)
    ]


def _timeline_page_context(data, customer, name, items, number, count) -> dict:
    return {
        "as_of": data.today.isoformat(),
        "id": customer.id,
        "name": name,
        "timeline": timeline(data, items, number),
        "timeline_open": TIMELINE_OPEN,
        "pager": _pager(customer.id, number, count),
    }


def _pager(customer_id: str, number: int, count: int) -> dict:
    """Links between a timeline's pages (file names only: they sit side by side)."""
    return {
        "number": number,
        "count": count,
        "pages": [
            {"number": n, "link": timeline_path(customer_id, n), "current": n == number}
            for n in range(1, count + 1)
        ],
        "per_page": TIMELINE_PAGE,
    }


# --- complaints and data quality ----------------------------------------------------
def complaint_pages(data: SiteData) -> list[Page]:
    statuses = data.complaints.statuses
    context = {
        "as_of": data.today.isoformat(),
        "open": [data.complaint_row(s, "../") for s in statuses if s.pending],
        "months": [month_row(m) for m in data.complaints.months],
        "register": complaint_register_context(data),
    }
    return [Page("complaints/index.md", "投诉", "complaints.md.j2", ready(context))]


def quality(data: SiteData) -> list[Page]:
    groups: dict[str, list] = defaultdict(list)
    for row in problem_rows(data):  # each with a link to its record where the site has one
        groups[row["code"]].append(row)
    context = {"as_of": data.today.isoformat(), "groups": sorted(groups.items())}
    return [Page("quality.md", "数据质量", "quality.md.j2", ready(context))]
