"""The 商机 pages: the 跟单总控表 (`deals/index.html`, seed 000: 对于需要继续跟单的用户,应单独
整理成《跟单总控表》), every open opportunity the visits follow with its latest status, owner,
next step and age, each linked to its latest visit's timeline entry; and the 丢单分析
(`deals/lost.html`, seed 000: 《丢单报告》…汇总分析形成《丢单汇总分析报告》), the lost-deal
reports by month, reason, competitor and staff member, then every one of them with its
analysis, linked to its customer's page.

Figures come from generator.derive.deals, rows from generator.present.deals (masked there);
this module adds the links and the chart."""

from __future__ import annotations

from functools import partial

from generator.derive.deals import Tally, lost_summary, open_opportunities
from generator.derive.periods import last_periods
from generator.present.deals import NO_COMPETITOR, lost_row, opportunity_row, tally_row, yuan
from generator.site.charts import Table, bar_chart
from generator.site.data import Page, SiteData
from generator.site.links import LOST_PAGE, lost_anchor

MONTHS_SHOWN = 12  # the chart of lost deals by month: the last twelve months
PREFIX = "../"  # both pages are one folder deep (deals/)


def deal_pages(data: SiteData) -> list[Page]:
    """Two pages; their contexts are made by the process that writes them (site/writer.py)."""
    return [
        Page("deals/index.md", "跟单总控表", "deals.md.j2", partial(deals_context, data)),
        Page(LOST_PAGE.removesuffix(".html") + ".md", "丢单分析", "lost.md.j2",
             partial(lost_context, data)),
    ]  # fmt: skip


def deals_context(data: SiteData) -> dict:
    records, privacy, today = data.records, data.privacy, data.today
    rows = []
    for opportunity in open_opportunities(data.done_visits, today):
        row = opportunity_row(privacy, records, opportunity, today)
        row["href"] = data.href("customer", opportunity.customer, PREFIX) or ""
        row["latest_href"] = data.href("visit", opportunity.latest.id, PREFIX) or ""
        rows.append(row)
    summary = lost_summary(records.losses, today)
    return {
        "as_of": today.isoformat(),
        "rows": rows,
        "lost": tally_row(summary.total, "丢单"),
        "lost_year": tally_row(_this_year(summary.by_month, today.year), f"{today.year} 年"),
    }


def _this_year(months: tuple[Tally, ...], year: int) -> Tally:
    deals = sum(t.deals for t in months if t.key.startswith(f"{year}-"))
    amount = sum(t.amount for t in months if t.key.startswith(f"{year}-"))
    priced = sum(t.priced for t in months if t.key.startswith(f"{year}-"))
    return Tally(str(year), deals, amount, priced)


def lost_context(data: SiteData) -> dict:
    records, privacy, today = data.records, data.privacy, data.today
    summary = lost_summary(records.losses, today)
    months = [s.start.strftime("%Y-%m") for s in last_periods("month", today, MONTHS_SHOWN)]
    by_month = {t.key: t for t in summary.by_month}
    shown = [by_month.get(m, Tally(m)) for m in months]
    month_chart = bar_chart(
        f"每月丢单数（{months[0]} 至 {months[-1]}）",
        [f"{int(m[5:])}月" for m in months],  # short: twelve labels on a phone's width
        [t.deals for t in shown],
        table=Table(
            ("月份", "丢单数", "金额（元）"),
            [(t.key, t.deals, yuan(t.amount) if t.priced else "—") for t in shown],
        ),
    )
    deals = []
    for deal in summary.deals:
        row = lost_row(privacy, records, deal)
        row["anchor"] = lost_anchor(deal.id)
        row["href"] = data.href("customer", deal.customer, PREFIX) or ""
        row["body"] = data.body_html(deal.body)
        deals.append(row)
    policy = records.policy
    return {
        "as_of": today.isoformat(),
        "total": tally_row(summary.total, "合计"),
        "month_chart": month_chart,
        "months": [tally_row(t, t.key) for t in summary.by_month],
        "reasons": [tally_row(t, policy.lost_reason_label(t.key)) for t in summary.by_reason],
        "competitors": [
            tally_row(t, privacy.free_text(t.key) or NO_COMPETITOR) for t in summary.by_competitor
        ],
        "staff": [tally_row(t, data.staff_label(t.key)) for t in summary.by_staff],
        "deals": deals,
    }
