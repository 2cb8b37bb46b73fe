"""The register pages: the complaint register's part of the complaints page, and the visit
register (客户拜访登记表), `visits/index.html` (the months) and one page per month,
`visits/2026-11.html`. The rows come from registers.py; the filters above a register
(registers.js) choose among the values its rows hold."""

from __future__ import annotations

from functools import partial

from generator.site.data import Page, SiteData, ready
from generator.site.registers import (
    COMPLAINT_COLUMNS,
    VISIT_COLUMNS,
    complaint_register,
    visit_register,
    visits_by_month,
)

# the complaint register's filters: (row key, label); the rows' values are the choices
COMPLAINT_FILTERS = (("month", "月份"), ("category", "类别"), ("state_label", "状态"),
                     ("responder", "首问责任人"))  # fmt: skip
VISIT_FILTERS = (("method", "方式"), ("staff", "回访人"), ("achieved", "是否达成目标"),
                 ("satisfaction", "满意度"), ("review_state", "审阅"))  # fmt: skip


def filters(rows: list[dict], chosen: tuple[tuple[str, str], ...]) -> list[dict]:
    """Each filter with the values its rows hold, sorted ("" rows are never a choice)."""
    return [
        {"key": key.replace("_", "-"), "field": key, "label": label,
         "values": sorted({str(r[key]) for r in rows if r[key]})}
        for key, label in chosen
    ]  # fmt: skip


def complaint_register_context(data: SiteData) -> dict:
    rows = complaint_register(data)
    return {
        "columns": COMPLAINT_COLUMNS,
        "rows": rows,
        "filters": filters(rows, COMPLAINT_FILTERS),
    }


def visit_registers(data: SiteData) -> list[Page]:
    months = visits_by_month(data)
    as_of = data.today.isoformat()
    index = {
        "as_of": as_of,
        "months": [{"month": m, "count": len(v), "link": f"{m}.html"} for m, v in months.items()],
    }
    pages = [Page("visits/index.md", "客户拜访登记表", "visits.md.j2", ready(index))]
    names = list(months)
    for number, (month, visits) in enumerate(months.items()):
        pages.append(
            Page(
                f"visits/{month}.md",
                f"客户拜访登记表 {month}",
                "visit_register.md.j2",
                partial(_month_context, data, month, visits, names, number),
            )
        )
    return pages


def _month_context(data: SiteData, month: str, visits: list, names: list, number: int) -> dict:
    rows = visit_register(data, visits)
    for row in rows:
        row["review_state"] = "未审阅" if row["review"] == "未审阅" else "已审阅"
    return {
        "as_of": data.today.isoformat(),
        "month": month,
        "columns": VISIT_COLUMNS,
        "rows": rows,
        "filters": filters(rows, VISIT_FILTERS),
        "newer": f"{names[number - 1]}.html" if number > 0 else "",
        "older": f"{names[number + 1]}.html" if number + 1 < len(names) else "",
    }
