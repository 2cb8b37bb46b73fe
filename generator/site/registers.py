"""The registers: every complaint (投诉登记表) and every visit of a month (客户拜访登记表),
as rows a page table or a spreadsheet is made from (`COLUMNS`: key and Chinese header of
each column, in order). What staff record on a visit beyond the conversation (who we met,
objective and outcome, referral, source, review, issues …) is worked out here once, for
the registers and the customer timelines (`visit_details`).

Headers are the schemas' field titles (vocabulary.py); values are shown through
`Privacy` (names of people met, free text), so a register is masked as its page is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TypeVar

from generator.model import Visit
from generator.present.complaints import label
from generator.site.data import SiteData
from generator.vocabulary import enum_text, field

PREFIX = "../"  # the register pages are in complaints/ and visits/
# rows per register page: a month of make bench's 100,000 visits is ~4,000 rows (~1 KB each),
# too heavy a page for a phone; further rows go on pages 2, 3 … (filters act on one page)
REGISTER_PAGE = 500
T = TypeVar("T")


def register_pages(rows: list[T]) -> list[list[T]]:
    """The rows cut into pages of REGISTER_PAGE (one page, maybe empty, at least)."""
    return [rows[i : i + REGISTER_PAGE] for i in range(0, len(rows), REGISTER_PAGE)] or [[]]


def pager(names: list[str], number: int) -> dict:
    """Links between a register's pages (file names: they sit side by side)."""
    return {
        "number": number,
        "count": len(names),
        "pages": [{"number": n, "link": name, "current": n == number}
                  for n, name in enumerate(names, start=1)],
        "per_page": REGISTER_PAGE,
    }  # fmt: skip


def title(kind: str, name: str) -> str:
    """A field's Chinese title, from its schema."""
    return field(kind, (name,)).title


NEXT_STEP = field("visit", ("opportunity", "next_step")).title  # 下一步


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def when(value: dt.datetime | dt.date | None) -> str:
    """'2026-11-20 10:30', or a day."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if value else ""


STATE = "状态"  # a complaint's most urgent stage state: computed, no field of the schema
REVIEW = f"{title('visit', 'reviewed_by')}／{title('visit', 'reviewed_on')}"  # one column
REVIEWED = "是否审阅"  # computed from reviewed_by, for the filter
COMMENT = title("visit", "review_comment")  # shown in the review's column

# --- complaints -----------------------------------------------------------------------
COMPLAINT_COLUMNS = (
    ("id", title("complaint", "id")),
    ("received", title("complaint", "received")),
    ("customer", title("complaint", "customer")),
    ("summary", title("complaint", "summary")),
    ("category", title("complaint", "category")),
    ("severity", title("complaint", "severity")),
    ("responder", title("complaint", "first_responder")),
    ("state_label", STATE),
)


def complaint_register(data: SiteData, prefix: str = PREFIX) -> list[dict]:
    """Every complaint on the site, newest received first."""
    rows = []
    for status in data.complaints.statuses:
        c = status.complaint
        href = data.href("complaint", c.id, prefix)
        if href is None:
            continue
        row = data.complaint_row(status, prefix)
        rows.append(
            {
                "id": c.id,
                "href": href,
                "received": when(c.received),
                "month": c.received.strftime("%Y-%m"),
                "customer": f"{c.customer} {row['customer_name']}",
                "customer_href": data.href("customer", c.customer, prefix) or "",
                "summary": row["summary"],
                "category": row["category"],
                "severity": label("severity", c.severity),
                "responder": "、".join(data.staff_label(s) for s in status.responsible),
                "state": status.state,
                "state_label": row["state_label"],
            }
        )
    return sorted(rows, key=lambda r: (r["received"], r["id"]), reverse=True)


# --- visits ---------------------------------------------------------------------------
VISIT_COLUMNS = (
    ("date", title("visit", "date")),
    ("customer", title("visit", "customer")),
    ("met", title("visit", "met")),
    ("method", title("visit", "method")),
    ("purpose", title("visit", "purpose")),
    ("objective", title("visit", "objective")),
    ("outcome", title("visit", "outcome")),
    ("achieved", title("visit", "achieved")),
    ("satisfaction", title("visit", "satisfaction")),
    ("next_contact", title("visit", "next_contact")),
    ("opportunity", title("visit", "opportunity")),
    ("referral", title("visit", "referral")),
    ("source", title("visit", "source")),
    ("issues", title("visit", "issues")),
    ("staff", title("visit", "staff")),
    ("review", REVIEW),
)


def visit_details(data: SiteData, visit: Visit) -> dict[str, str]:
    """What staff recorded on a visit, as shown: each value '' when not recorded."""
    privacy = data.privacy
    met = [
        privacy.person(p.name)
        + (f"（{p.title}{'，决策人' if p.decides else ''}）" if p.title or p.decides else "")
        for p in visit.met
    ]
    opportunity = visit.opportunity
    reviewed = (
        f"{data.staff_label(visit.reviewed_by)} {when(visit.reviewed_on)}".strip()
        if visit.reviewed_by
        else "未审阅"
    )
    if visit.review_comment:  # 指导意见, beside the sign-off it belongs to
        reviewed += f"；{COMMENT}：{privacy.free_text(visit.review_comment)}"
    return {
        "staff": "、".join(data.staff_label(s) for s in visit.staff),
        "met": "、".join(met),
        "method": enum_text("visit", ("method",), visit.method),
        "purpose": "、".join(enum_text("visit", ("purpose", 0), p) for p in visit.purpose),
        "objective": privacy.free_text(visit.objective),
        "outcome": privacy.free_text(visit.outcome),
        "achieved": yes_no(visit.achieved),
        "satisfaction": enum_text("visit", ("satisfaction",), visit.satisfaction),
        "referral": yes_no(visit.referral),
        "source": privacy.free_text(visit.heard_from),
        "opportunity": "：".join(
            part
            for part in (
                enum_text("visit", ("opportunity", "status"), opportunity.status),
                privacy.free_text(opportunity.description),
            )
            if part
        )
        + (
            f"；{NEXT_STEP}：{privacy.free_text(opportunity.next_step)}"
            if opportunity.next_step
            else ""
        )
        if opportunity
        else "",
        "issues": "；".join(
            privacy.free_text(i.text) + (f"（转{i.department}）" if i.department else "")
            for i in visit.issues
        ),
        "next_contact": when(visit.next_contact),
        "review": reviewed,
        "reviewed": "已审阅" if visit.reviewed_by else "未审阅",  # for the register's filter
    }


# the details a timeline entry lists under the visit, in this order, with their titles
DETAIL_FIELDS = (
    ("met", title("visit", "met")),
    ("purpose", title("visit", "purpose")),
    ("objective", title("visit", "objective")),
    ("achieved", title("visit", "achieved")),
    ("opportunity", title("visit", "opportunity")),
    ("referral", title("visit", "referral")),
    ("source", title("visit", "source")),
    ("issues", title("visit", "issues")),
    ("next_contact", title("visit", "next_contact")),
    ("review", REVIEW),
)


def visit_register(data: SiteData, visits: list[Visit], prefix: str = PREFIX) -> list[dict]:
    """Rows of the visit register for these visits (a month's), in date order."""
    rows = []
    for visit in visits:
        details = visit_details(data, visit)
        customers = [
            {
                "id": c,
                "name": data.privacy.customer_name(data.records.customers.get(c)),
                "href": data.href("customer", c, prefix) or "",
            }
            for c in visit.all_customers
        ]
        rows.append(
            {
                **details,
                "id": visit.id,
                "href": data.href("visit", visit.id, prefix) or "",
                "date": visit.date.isoformat() + (f" {visit.time}" if visit.time else ""),
                "moment": visit.moment(),  # typed, for a spreadsheet's date cells
                "next_contact_at": visit.next_contact,
                "customers": customers,
                "customer": "、".join(f"{c['id']} {c['name']}" for c in customers),
            }
        )
    return rows


def visits_by_month(data: SiteData) -> dict[str, list[Visit]]:
    """The visits on the site by month ('2026-11'), newest month first."""
    months: dict[str, list[Visit]] = defaultdict(list)
    for visit in data.done_visits:
        if data.href("visit", visit.id, ""):
            months[visit.date.strftime("%Y-%m")].append(visit)
    return dict(sorted(months.items(), reverse=True))
