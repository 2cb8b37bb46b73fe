"""The 满意度 and 报表 pages, and the satisfaction figures on the dashboard.

Figures come from generator.derive.statistics; this module only picks the periods
and shapes rows for the templates (masked where a value is personal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial

from generator.derive.analysis import weekly_target
from generator.derive.periods import Span, last_periods, period_of
from generator.derive.statistics import (
    Rate,
    in_span,
    month_of,
    satisfaction_by,
    staff_of,
    survey_trend,
    visit_stats,
    visits_of_staff,
)
from generator.site.charts import bar_chart, line_chart
from generator.site.data import Page, SiteData
from generator.site.links import survey_anchor
from generator.vocabulary import enum_text

MONTHS_SHOWN = 12  # visit satisfaction by month: the last twelve months
WEEKS_SHOWN = 12
STAT_MONTHS = 3  # 客户拜访统计表: this month and the two before
METHODS_SHOWN = ("onsite", "phone")  # own columns in the statistics table; the rest pooled


def _percent(rate: Rate) -> float | None:
    return None if rate.value is None else round(rate.value * 100, 1)


# --- 满意度 -------------------------------------------------------------------------
def satisfaction(data: SiteData) -> list[Page]:
    """One page; its context is made by the process that writes it (site/writer.py)."""
    return [
        Page("satisfaction.md", "满意度", "satisfaction.md.j2", partial(satisfaction_context, data))
    ]


def satisfaction_context(data: SiteData) -> dict:
    results = data.survey_results
    surveys = []
    for result in reversed(results):  # newest first
        s = result.survey
        surveys.append(
            {
                "id": s.id,
                "anchor": survey_anchor(s.id),  # the address links.py gives the survey
                "title": s.title,
                "period": f"{s.period.start or ''} – {s.period.end or ''}",
                "audience": s.audience or "",
                "levels": result.levels,
                "items": result.items,
                "overall": result.overall,
                "distributed": s.distributed,
                "returned": s.returned,
                "return_rate": result.returned,
                "return_target": f"{result.return_target:.0%}",
                "return_met": result.return_met,
                "population": s.population,
                "distribution_rate": result.distribution,
                "distribution_target": f"{result.distribution_target:.0%}",
                "distribution_met": result.distribution_met,
                "opinions": [data.privacy.free_text(o) for o in s.opinions],
                "actions": [
                    replace(a, owner=data.staff_label(a.owner) if a.owner else "")
                    for a in result.actions
                ],
            }
        )
    trend = [*survey_trend(results), ("总体", [r.overall for r in results])]
    labels = [r.survey.id for r in results]
    trend_chart = line_chart(
        "各次调查的总体满意率与回收率",
        labels,
        [
            ("总体满意率", [_percent(r.overall) for r in results]),
            ("回收率", [_percent(r.returned) for r in results]),
        ],
    )
    visits = data.done_visits
    months = [s.start.strftime("%Y-%m") for s in last_periods("month", data.today, MONTHS_SHOWN)]
    by_month = satisfaction_by(visits, month_of)
    month_rates = [by_month.get(m, Rate(0, 0)) for m in months]
    customers = data.records.customers
    context = {
        "as_of": data.today.isoformat(),
        "surveys": surveys,
        "trend_labels": labels,
        "trend": trend,
        "trend_chart": trend_chart,
        "months": list(zip(months, month_rates, strict=True)),
        "month_chart": line_chart(
            "回访满意率（按月）", months, [("满意率", [_percent(r) for r in month_rates])]
        ),
        "by_staff": [
            (data.staff_label(k), r) for k, r in satisfaction_by(visits, staff_of).items()
        ],
        "by_grade": list(
            satisfaction_by(
                visits, lambda v: (customers[v.customer].grade,) if v.customer in customers else ()
            ).items()
        ),
    }
    return context


def quarter_number(span: Span) -> int:
    return (span.start.month - 1) // 3 + 1


def quarter_label(span: Span) -> str:
    return f"{span.start.year} 年第 {quarter_number(span)} 季度"


def dashboard_satisfaction(data: SiteData) -> dict:
    """This quarter's visit satisfaction rate, the three quarters before it, the latest survey."""
    quarters = last_periods("quarter", data.today, 4)
    visits = data.done_visits
    rates = [visit_stats(in_span(visits, q)).satisfaction for q in quarters]
    results = data.survey_results
    return {
        "quarter": quarter_label(quarters[-1]),
        "rate": rates[-1],
        "previous": rates[-2],
        "chart": line_chart(
            "回访满意率（按季度）",
            [f"{q.start.year}Q{quarter_number(q)}" for q in quarters],
            [("满意率", [_percent(r) for r in rates])],
        ),
        "survey": results[-1] if results else None,
    }


# --- 报表 ---------------------------------------------------------------------------
def _stat_row(label: str, stats) -> dict:
    others = sum(n for m, n in stats.by_method.items() if m not in METHODS_SHOWN)
    return {
        "label": label,
        "visits": stats.visits,
        "customers": stats.customers,
        "methods": [stats.by_method.get(m, 0) for m in METHODS_SHOWN],
        "other_methods": others,
        "new_customers": stats.new_customers,
        "issues": stats.issues,
        "commitments": stats.commitments,
        "satisfaction": stats.satisfaction,
    }


def _statistics_table(data: SiteData, visits: list, span: Span) -> dict:
    """客户拜访统计表 of one period: a row per staff member, then the team."""
    inside = in_span(visits, span)
    mine = visits_of_staff(inside)
    rows = [
        _stat_row(data.staff_label(s.id), visit_stats(mine.get(s.id, [])))
        for s in data.records.staff_list
        if s.id in mine or s.active
    ]
    return {"span": str(span), "rows": rows, "total": _stat_row("全队", visit_stats(inside))}


def reports(data: SiteData) -> list[Page]:
    """One page; its context is made by the process that writes it (site/writer.py)."""
    return [Page("reports.md", "报表", "reports.md.j2", partial(reports_context, data))]


def reports_context(data: SiteData) -> dict:
    visits = data.done_visits
    week = period_of("week", data.today)
    next_week = period_of("week", week.end + dt.timedelta(days=1))
    mine_this_week = visits_of_staff(in_span(visits, week))
    weekly = []
    for staff in data.records.staff_list:
        if not staff.active:
            continue
        done = mine_this_week.get(staff.id, [])
        plan = [
            data.due_row(item, "")
            for item in data.open_items
            if staff.id in item.staff
            and (item.state == "overdue" or item.deadline.day <= next_week.end)
        ]
        target = weekly_target(staff, data.records.policy)
        customers = len({c for v in done for c in v.all_customers})
        weekly.append(
            {
                "label": data.staff_label(staff.id),
                "id": staff.id,
                "href": data.href("staff", staff.id, ""),  # None: nothing due, no due page
                "visits": len(done),
                "customers": customers,
                "target": target or "",
                "met": bool(target) and customers >= target,
                "plan": plan,
            }
        )
    weeks = last_periods("week", data.today, WEEKS_SHOWN)
    per_week = [len(in_span(visits, w)) for w in weeks]
    months = last_periods("month", data.today, STAT_MONTHS)
    quarters = last_periods("quarter", data.today, 2)
    context = {
        "as_of": data.today.isoformat(),
        "week": str(week),
        "next_week": str(next_week),
        "weekly": weekly,
        "week_chart": bar_chart(
            "全队每周回访次数",
            [w.start.strftime("%m-%d") for w in weeks],
            per_week,
        ),
        "methods": [enum_text("visit", ("method",), m) for m in METHODS_SHOWN],
        "monthly": [
            {"title": f"{m.start.year} 年 {m.start.month} 月", **_statistics_table(data, visits, m)}
            for m in reversed(months)
        ],
        "quarterly": [quarter_summary(data, visits, q) for q in reversed(quarters)],
    }
    return context


def quarter_summary(data: SiteData, visits: list, quarter: Span) -> dict:
    months = last_periods("month", quarter.end, 3)
    statuses = data.complaints.statuses
    rows = []
    for month in [*months, quarter]:
        received = [s for s in statuses if s.complaint.received.date() in month]
        resolve_states = [s.resolve_state for s in received]
        stats = visit_stats(in_span(visits, month))
        rows.append(
            {
                "label": "合计" if month == quarter else f"{month.start.month} 月",
                "visits": stats.visits,
                "customers": stats.customers,
                "satisfaction": stats.satisfaction,
                "complaints": len(received),
                "resolved_in_time": resolve_states.count("met"),
                "resolved_late": resolve_states.count("met_late"),
                "open": sum(s.pending for s in received),
            }
        )
    return {
        "title": quarter_label(quarter),
        "span": str(quarter),
        "rows": rows,
        "statistics": _statistics_table(data, visits, quarter),
    }
