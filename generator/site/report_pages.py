"""The 满意度 and 报表 pages, and the satisfaction figures on the dashboard.

Figures come from generator.derive.statistics; this module only picks the periods
and shapes rows for the templates (masked where a value is personal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial

from markupsafe import Markup

from generator.derive.analysis import weekly_target
from generator.derive.outcomes import outcomes_of
from generator.derive.periods import Span, last_periods, period_of
from generator.derive.plans import plan_counts
from generator.derive.responses import comments
from generator.derive.statistics import (
    NO_RATE,
    Rate,
    in_span,
    month_of,
    satisfaction_by,
    staff_of,
    survey_trend,
    visit_stats,
    visits_of_staff,
)
from generator.site.charts import Table, Target, bar_chart, line_chart
from generator.site.data import Page, SiteData
from generator.site.links import survey_anchor
from generator.site.survey_notice import notice_path
from generator.vocabulary import enum_text, field

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
                "notice": notice_path(s.id).removesuffix(".md") + ".html",  # survey_notice.py
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
                # the comments written on the survey's response records, masked as free text
                "comments": [
                    data.privacy.free_text(c) for c in comments(data.survey_forms.get(s.id, []))
                ],
                "actions": [
                    replace(a, owner=data.staff_label(a.owner) if a.owner else "")
                    for a in result.actions
                ],
            }
        )
    trend = [*survey_trend(results), ("总体", [r.overall for r in results])]
    labels = [r.survey.id for r in results]
    return_target = data.records.policy.surveys.return_rate_target
    trend_chart = line_chart(
        "各次调查的总体满意率与回收率",
        labels,
        [
            ("总体满意率", [_percent(r.overall) for r in results]),
            ("回收率", [_percent(r.returned) for r in results]),
        ],
        target=Target(return_target * 100, f"回收率目标 {return_target:.0%}"),
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
            f"回访满意率（按月，{months[0]} 至 {months[-1]}）",
            [f"{int(m[5:])}月" for m in months],  # short: twelve labels on a phone's width
            [("满意率", [_percent(r) for r in month_rates])],
            table=Table(
                ("月份", "询问", "满意", "满意率"),
                [(m, r.whole, r.part, r) for m, r in zip(months, month_rates, strict=True)],
            ),
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


def statistics_table(data: SiteData, visits: list, span: Span) -> dict:
    """客户拜访统计表 of one period: a row per staff member, then the team; with 计划 /
    实际 / 完成率 (the contacts the visit plans named for days in the period, and how many
    were made: derive/plans.plan_counts) when the team files plans at all."""
    inside = in_span(visits, span)
    mine = visits_of_staff(inside)
    planned = plan_counts(data.agenda.planned, span)
    rows = [
        _stat_row(data.staff_label(s.id), visit_stats(mine.get(s.id, [])))
        | {"plan": planned.get(s.id, NO_RATE)}
        for s in data.records.staff_list
        if s.id in mine or s.active or s.id in planned
    ]
    total = _stat_row("全队", visit_stats(inside)) | {"plan": sum(planned.values(), NO_RATE)}
    plans = bool(data.records.plans)
    return {"span": str(span), "rows": rows, "total": total, "plans": plans}


def reports(data: SiteData) -> list[Page]:
    """One page; its context is made by the process that writes it (site/writer.py)."""
    return [Page("reports.md", "报表", "reports.md.j2", partial(reports_context, data))]


def weekly_rows(
    data: SiteData, week: Span, with_plan: bool, visits: list | None = None, prefix: str = ""
) -> list[dict]:
    """A row per active staff member: contacts in `week` (of `visits`, by default every
    visit done) against their weekly target, and (`with_plan`) what they have due by the
    end of the week after it; links from a page `prefix` below the site's root."""
    mine = visits_of_staff(in_span(data.done_visits if visits is None else visits, week))
    next_week = period_of("week", week.end + dt.timedelta(days=1))
    rows = []
    for staff in data.records.staff_list:
        if not staff.active:
            continue
        done = mine.get(staff.id, [])
        plan = [
            data.due_row(item, "")
            for item in data.open_items
            if with_plan
            and staff.id in item.staff
            and (item.state == "overdue" or item.deadline.day <= next_week.end)
        ]
        target = weekly_target(staff, data.records.policy)
        customers = len({c for v in done for c in v.all_customers})
        rows.append(
            {
                "label": data.staff_label(staff.id),
                "id": staff.id,
                "href": data.href("staff", staff.id, prefix),  # None: nothing due, no due page
                "visits": len(done),
                "customers": customers,
                "target": target or "",
                "met": bool(target) and customers >= target,
                "plan": plan,
            }
        )
    return rows


def weekly_chart(title: str, rows: list[dict]) -> Markup:
    """Customers contacted per person against the weekly target (one line when everyone's
    target is the same; else the table says each one's)."""
    targets = {r["target"] for r in rows if r["target"]}
    target = None
    if len(targets) == 1:
        value = targets.pop()
        target = Target(value, f"每周目标 {value}")
    return bar_chart(
        title,
        [r["id"] for r in rows],
        [r["customers"] for r in rows],
        target=target,
        table=Table(
            ("员工", "联系客户", "每周目标"),
            [(r["label"], r["customers"], r["target"] or "无周目标") for r in rows],
        ),
    )


def reports_context(data: SiteData) -> dict:
    visits = data.done_visits
    week = period_of("week", data.today)
    next_week = period_of("week", week.end + dt.timedelta(days=1))
    weekly = weekly_rows(data, week, with_plan=True)
    last_week = None
    if data.today == week.start:  # built on a Monday: this week has barely begun
        span = period_of("week", week.start - dt.timedelta(days=1))
        rows = weekly_rows(data, span, with_plan=False)
        last_week = {"span": str(span), "rows": rows,
                     "chart": weekly_chart(f"上周（{span}）各员工联系客户数", rows)}  # fmt: skip
    weeks = last_periods("week", data.today, WEEKS_SHOWN)
    per_week = [len(in_span(visits, w)) for w in weeks]
    months = last_periods("month", data.today, STAT_MONTHS)
    quarters = last_periods("quarter", data.today, 2)
    tables, methods = statistics_tables(data)
    context = {
        "as_of": data.today.isoformat(),
        "week": str(week),
        "next_week": str(next_week),
        "weekly": weekly,
        "weekly_chart": weekly_chart(f"本周（{week}）各员工联系客户数", weekly),
        "last_week": last_week,
        "week_chart": bar_chart(
            "全队每周回访次数",
            [w.start.strftime("%m-%d") for w in weeks],
            per_week,
            table=Table(
                ("周", "回访次数"), [(str(w), n) for w, n in zip(weeks, per_week, strict=True)]
            ),
        ),
        "methods": methods,
        "monthly": [
            {"title": title, **table, "outcomes": _outcome_rows(data, in_span(visits, m))}
            for m, (title, table) in zip(reversed(months), tables[: len(months)], strict=True)
        ],
        "quarterly": [quarter_summary(data, visits, q) for q in reversed(quarters)],
        "outcome_labels": outcome_labels(),
    }
    return context


def statistics_tables(data: SiteData) -> tuple[list[tuple[str, dict]], list[str]]:
    """The 客户拜访统计表 the 报表 page shows, newest first: (title, table) of each month,
    then of each quarter; and the labels of the methods with columns of their own."""
    visits = data.done_visits
    months = last_periods("month", data.today, STAT_MONTHS)
    quarters = last_periods("quarter", data.today, 2)
    tables = [
        (f"{m.start.year} 年 {m.start.month} 月", statistics_table(data, visits, m))
        for m in reversed(months)
    ] + [(quarter_label(q), statistics_table(data, visits, q)) for q in reversed(quarters)]
    return tables, [enum_text("visit", ("method",), m) for m in METHODS_SHOWN]


# --- 回访结果: achieved, referral, source --------------------------------------------
def outcome_labels() -> dict[str, str]:
    """The fields' Chinese titles, from the visit schema."""
    return {name: field("visit", (name,)).title for name in ("achieved", "referral", "source")}


def _outcome_rows(data: SiteData, visits: list) -> list[dict]:
    """A row per staff member with visits in `visits`, then the team."""
    mine = visits_of_staff(visits)
    rows = [(data.staff_label(s.id), mine[s.id]) for s in data.records.staff_list if s.id in mine]
    result = []
    for label, group in [*rows, ("全队", visits)]:
        o = outcomes_of(group)
        heard = "，".join(f"{data.privacy.free_text(k)} {n}" for k, n in o.heard_from)
        result.append({"label": label, "visits": o.visits, "achieved": o.achieved,
                       "referral": o.referral, "heard_from": heard})  # fmt: skip
    return result


def outcome_tables(data: SiteData) -> tuple[tuple[str, ...], list[tuple]]:
    """The 回访结果 of the months the 报表 page shows as one sheet's header and rows."""
    labels = outcome_labels()
    header = ("月份", "员工", "拜访次数", f"{labels['achieved']}：是", "否", "未填",
              f"{labels['referral']}：是", "否", "未填", labels["source"])  # fmt: skip
    rows = []
    for month in reversed(last_periods("month", data.today, STAT_MONTHS)):
        for r in _outcome_rows(data, in_span(data.done_visits, month)):
            a, f = r["achieved"], r["referral"]
            rows.append((month.start.strftime("%Y-%m"), r["label"], r["visits"], a.yes, a.no,
                         a.unknown, f.yes, f.no, f.unknown, r["heard_from"]))  # fmt: skip
    return header, rows


def quarter_summary(data: SiteData, visits: list, quarter: Span) -> dict:
    # months of the quarter that have begun: no row of zeros for a month still ahead
    months = [m for m in last_periods("month", quarter.end, 3) if m.start <= data.today]
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
        "statistics": statistics_table(data, visits, quarter),
    }
