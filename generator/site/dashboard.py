"""首页: what needs doing now, by whom, and how the team is doing."""

from __future__ import annotations

from collections import Counter
from functools import partial

from generator.derive.periods import period_of
from generator.site.data import Page, SiteData
from generator.site.due_lists import today_path
from generator.site.report_pages import dashboard_satisfaction


def dashboard(data: SiteData) -> list[Page]:
    """One page; its context is made by the process that writes it (site/writer.py)."""
    return [Page("index.md", "首页", "dashboard.md.j2", partial(dashboard_context, data))]


def dashboard_context(data: SiteData) -> dict:
    week = period_of("week", data.today)
    items = data.open_items
    workload = {w.staff: w for w in data.agenda.workload}
    rows = []
    for staff in data.records.staff_list:
        mine = [i for i in items if staff.id in i.staff]
        if not mine and staff.id not in workload and not data.agenda.on_time_of(staff.id):
            continue
        w = workload.get(staff.id)
        rows.append(
            {
                "id": staff.id,
                "href": data.href("staff", staff.id, ""),  # None: nothing open, no due page
                "name": staff.name,
                "overdue": sum(i.state == "overdue" for i in mine),
                "today": sum(i.state == "due_today" for i in mine),
                "today_href": today_path(staff.id) if mine else None,
                "week": sum(i.state != "overdue" and i.deadline.day <= week.end for i in mine),
                # never blank: a member without a weekly target (a supervisor) says so
                "contacts": f"{w.customers}/{w.target}" if w else "无周目标",
                "on_time": str(data.agenda.on_time_of(staff.id) or ""),
            }
        )
    open_complaints = [s for s in data.complaints.statuses if s.pending]
    context = {
        "as_of": data.today.isoformat(),
        "company": data.records.policy.company or "",
        "staff_rows": rows,
        "totals": Counter(i.state for i in items),
        "complaints": [data.complaint_row(s, "") for s in open_complaints],
        "soon_days": data.records.policy.due.soon_days,
        "late": [data.due_row(i, "") for i in data.agenda.items if i.state == "done_late"],
        "satisfaction": dashboard_satisfaction(data),
        "errors": data.report.errors,
        "warnings": data.report.warnings,
    }
    return context
