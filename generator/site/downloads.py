"""Files MkDocs would only copy, written straight into the built site: the downloads.

- due/<staff>.ics, .csv, .xlsx: a staff member's due list as a calendar a phone subscribes
  to (named after the person) and for Excel; due/team.ics, .csv, .xlsx: the team's (the
  workbook with a sheet per person too);
- complaints/complaints.xlsx and .csv: every complaint with each stage's deadline;
- visits/<month>.xlsx: each month's 客户拜访登记表 (register_exports.py);
- reports.xlsx: the 客户拜访统计表 of the months and quarters the 报表 page shows, and the
  visits' outcomes (达成目标, 愿意推荐, 了解渠道);
- the changes' Atom feed (changes.py).

What they show is what generator/present shows (the build's profile masks it). A calendar
links each customer's page only when the team gave the site's address
(`extra.huifang.site_address`, commit_links.py):
a calendar cannot follow a relative link.
"""

from __future__ import annotations

from pathlib import Path

from generator.present.due import select
from generator.report import complaints as complaint_formats
from generator.report.due import as_csv, as_ics, as_xlsx, calendar_name
from generator.report.xlsx import Book, Cell, Percent, Sheet
from generator.site.changes import atom_feed
from generator.site.data import SiteData
from generator.site.download_files import DownloadFiles
from generator.site.register_exports import write_register_downloads
from generator.site.report_pages import outcome_tables, statistics_tables

TEAM = "team"  # due/team.*: every open item (no staff id is "team": ids are S01, S02…)
DUE_SUFFIXES = (".ics", ".csv", ".xlsx")


def write_downloads(data: SiteData, site: Path) -> None:
    """Every download into `site`. Those of a staff member with nothing due any more are
    removed (an incremental build keeps the site's folder)."""
    view = data.view
    site_address = data.site_address
    (site / "due").mkdir(parents=True, exist_ok=True)
    written = set()
    books = DownloadFiles(
        site, data.privacy.page_value
    )  # workbooks unchanged since the last build are kept

    def customer_url(customer: str) -> str | None:
        path = data.href("customer", customer, "")
        return f"{site_address}{path}" if site_address and path else None

    for staff in [*data.records.staff_list, None]:
        items = select(data.agenda, staff.id if staff else None)
        if staff and not items:
            continue
        stem = staff.id if staff else TEAM
        name = calendar_name(staff.id if staff else None, view)
        (site / "due" / f"{stem}.ics").write_bytes(
            as_ics(data.agenda, items, view, name, customer_url)
        )
        (site / "due" / f"{stem}.csv").write_text(as_csv(items, view), encoding="utf-8")
        books.book(f"due/{stem}.xlsx", as_xlsx(data.agenda, items, view, staff is None))
        written |= {f"{stem}{suffix}" for suffix in DUE_SUFFIXES}
    for old in (site / "due").iterdir():
        if old.suffix in DUE_SUFFIXES and old.name not in written:
            old.unlink()
    statuses = list(data.complaints.statuses)
    (site / "complaints").mkdir(exist_ok=True)
    books.book(
        "complaints/complaints.xlsx", complaint_formats.as_xlsx(data.complaints, statuses, view)
    )
    (site / "complaints" / "complaints.csv").write_text(
        complaint_formats.as_csv(statuses, view), encoding="utf-8"
    )
    books.book("reports.xlsx", reports_workbook(data))
    write_register_downloads(data, site, books)
    books.save()
    atom_feed(data, site)


STATISTICS_HEADER = ("员工", "拜访次数", "客户数")
STATISTICS_TAIL = ("其他方式", "新客户", "发现问题", "承诺事项", "满意率", "询问满意度")
PLAN_COLUMNS = ("计划拜访", "实际完成", "完成率")  # when the team files visit plans


def reports_workbook(data: SiteData) -> Book:
    """The 报表 page's tables as a workbook: a sheet per month and quarter of the 客户拜访
    统计表 (staff rows, then the team), and one of the visits' outcomes by month."""
    sheets = []
    tables, methods = statistics_tables(data)
    for title, table in tables:
        plans = PLAN_COLUMNS if table["plans"] else ()
        header = (*STATISTICS_HEADER, *methods, *STATISTICS_TAIL, *plans)
        rows = [
            (r["label"], r["visits"], r["customers"], *r["methods"], r["other_methods"],
             r["new_customers"], r["issues"], r["commitments"], _rate(r["satisfaction"]),
             r["satisfaction"].whole,
             *((r["plan"].whole, r["plan"].part, _rate(r["plan"])) if plans else ()))
            for r in [*table["rows"], table["total"]]
        ]  # fmt: skip
        sheets.append(Sheet(title, header, rows))
    outcome_header, outcome_rows = outcome_tables(data)
    sheets.append(Sheet("回访结果", outcome_header, outcome_rows))
    return Book.of(sheets, created=data.today)


def _rate(rate) -> Cell:
    """A Rate as a percentage cell, empty when nothing was asked."""
    return None if rate.value is None else Percent(rate.value)
