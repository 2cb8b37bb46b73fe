"""The register pages: the complaint register (投诉登记表) on the complaints page, and the
visit register (客户拜访登记表), `visits/index.html` (the months) and one page per month,
`visits/2026-11.html`. A register longer than REGISTER_PAGE rows goes on: the complaint
register on `complaints/register-2.html` …, a month on `visits/2026-11-2.html` …. The rows
come from registers.py; the filters above a register (registers.js) choose among the
values its rows hold."""

from __future__ import annotations

from functools import partial

from generator.site.data import Page, SiteData, ready
from generator.site.registers import (
    COMPLAINT_COLUMNS,
    REVIEWED,
    STATE,
    VISIT_COLUMNS,
    complaint_register,
    pager,
    register_pages,
    title,
    visit_register,
    visits_by_month,
)

# the complaint register's filters: (row key, label); the rows' values are the choices
COMPLAINT_FILTERS = (
    ("month", "月份"),  # of `received`: computed
    ("category", title("complaint", "category")),
    ("state_label", STATE),
    ("responder", title("complaint", "first_responder")),
)
VISIT_FILTERS = (
    ("method", title("visit", "method")),
    ("staff", title("visit", "staff")),
    ("achieved", title("visit", "achieved")),
    ("satisfaction", title("visit", "satisfaction")),
    ("reviewed", REVIEWED),
)


def filters(rows: list[dict], chosen: tuple[tuple[str, str], ...]) -> list[dict]:
    """Each filter with the values its rows hold, sorted ("" rows are never a choice)."""
    return [
        {"key": key.replace("_", "-"), "field": key, "label": label,
         "values": sorted({str(r[key]) for r in rows if r[key]})}
        for key, label in chosen
    ]  # fmt: skip


def complaint_register_context(data: SiteData, number: int = 1) -> dict:
    """Page `number` of the complaint register (page 1 is on complaints/index.html)."""
    chunks = register_pages(complaint_register(data))
    names = ["index.html", *(f"register-{n}.html" for n in range(2, len(chunks) + 1))]
    rows = chunks[number - 1]
    return {
        "columns": COMPLAINT_COLUMNS,
        "rows": rows,
        "total": sum(len(c) for c in chunks),
        "filters": filters(rows, COMPLAINT_FILTERS),
        "pager": pager(names, number),
    }


def complaint_register_pages(data: SiteData) -> list[Page]:
    """Pages 2, 3 … of a long complaint register."""
    count = len(register_pages(complaint_register(data)))
    return [
        Page(f"complaints/register-{n}.md", f"投诉登记表 第 {n} 页", "complaint_register.md.j2",
             partial(_complaint_register_page, data, n))
        for n in range(2, count + 1)
    ]  # fmt: skip


def _complaint_register_page(data: SiteData, number: int) -> dict:
    return {"as_of": data.today.isoformat(), "register": complaint_register_context(data, number)}


def visit_registers(data: SiteData) -> list[Page]:
    months = visits_by_month(data)
    index = {
        "as_of": data.today.isoformat(),
        "months": [{"month": m, "count": len(v), "link": f"{m}.html"} for m, v in months.items()],
    }
    pages = [Page("visits/index.md", "客户拜访登记表", "visits.md.j2", ready(index))]
    names = list(months)
    for number, (month, visits) in enumerate(months.items()):
        count = len(register_pages(visits))
        for part in range(1, count + 1):
            stem = month if part == 1 else f"{month}-{part}"
            title = f"客户拜访登记表 {month}" + (f" 第 {part} 页" if part > 1 else "")
            context = partial(_month_context, data, month, visits, names, number, part)
            pages.append(Page(f"visits/{stem}.md", title, "visit_register.md.j2", context))
    return pages


def _month_context(data, month: str, visits: list, names: list, number: int, part: int) -> dict:
    chunks = register_pages(visits)
    rows = visit_register(data, chunks[part - 1])
    parts = [f"{month}.html", *(f"{month}-{n}.html" for n in range(2, len(chunks) + 1))]
    return {
        "as_of": data.today.isoformat(),
        "month": month,
        "columns": VISIT_COLUMNS,
        "rows": rows,
        "total": len(visits),
        "filters": filters(rows, VISIT_FILTERS),
        "pager": pager(parts, part),
        "newer": f"{names[number - 1]}.html" if number > 0 else "",
        "older": f"{names[number + 1]}.html" if number + 1 < len(names) else "",
    }
