"""往期报表 (issue 23): the weekly report of every past week and the 客户拜访统计表 of every
past month, kept on the site (seed 000: 每周六下班前统计本周回访情况…存档以备部门负责人查验).

`reports/archive.html` lists them; `reports/week-2026-11-16.html` is the week starting that
Monday, `reports/month-2026-11.html` the month. Each counts the visits dated in the period as
the records are now, as of the period's last day. With the records' Git history it also says
how many of them reached Git only after that day (补录: the first commit's author date, China
time), so a reader sees where the archived figures differ from what the live 报表 page
showed then. Excluding them instead would empty every period before a team's records were
imported (the shipped demo's were committed in bulk); the report exactly as it stood is the
build of the commit of that day with `--today` set to it, which Git keeps reproducible.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from generator.derive.periods import Span, period_of
from generator.model import Visit, local_time
from generator.site.data import Page, SiteData, ready
from generator.site.report_pages import METHODS_SHOWN, statistics_table, weekly_chart, weekly_rows
from generator.vocabulary import enum_text

FOLDER = "reports"


def report_archive(data: SiteData) -> list[Page]:
    weeks, months = past_periods(data, "week"), past_periods(data, "month")
    # each page gets its period's visits: not every visit scanned again for each of the
    # (at a year of records) 64 pages
    in_week, in_month = _by_period(data, "week", weeks), _by_period(data, "month", months)
    index = {
        "as_of": data.today.isoformat(),
        "weeks": [{"label": str(w), "link": week_link(w)} for w in reversed(weeks)],
        "months": [{"label": month_label(m), "link": month_link(m)} for m in reversed(months)],
    }
    pages = [Page(f"{FOLDER}/archive.md", "往期报表", "report_archive.md.j2", ready(index))]
    pages += [
        Page(f"{FOLDER}/{week_link(w)[:-5]}.md", f"周报 {w}", "report_period.md.j2",
             partial(week_context, data, w, in_week[w.start]))
        for w in weeks
    ]  # fmt: skip
    pages += [
        Page(f"{FOLDER}/{month_link(m)[:-5]}.md", f"客户拜访统计表 {month_label(m)}",
             "report_period.md.j2", partial(month_context, data, m, in_month[m.start]))
        for m in months
    ]  # fmt: skip
    return pages


def past_periods(data: SiteData, kind: str) -> list[Span]:
    """The periods of `kind` from the first visit's to the one before today's, oldest first."""
    visits = data.done_visits
    if not visits:
        return []
    spans, span = [], period_of(kind, visits[0].date)
    current = period_of(kind, data.today)
    while span.start < current.start:
        spans.append(span)
        span = period_of(kind, span.end + dt.timedelta(days=1))
    return spans


def week_link(week: Span) -> str:
    return f"week-{week.start.isoformat()}.html"


def month_link(month: Span) -> str:
    return f"month-{month.start.strftime('%Y-%m')}.html"


def month_label(month: Span) -> str:
    return f"{month.start.year} 年 {month.start.month} 月"


def _by_period(data: SiteData, kind: str, spans: list[Span]) -> dict[dt.date, list[Visit]]:
    """The visits done in each of `spans` (periods of `kind`), by the period's start."""
    found: dict[dt.date, list[Visit]] = {span.start: [] for span in spans}
    for visit in data.done_visits:
        start = period_of(kind, visit.date).start
        if start in found:
            found[start].append(visit)
    return found


def filed_later(data: SiteData, span: Span, visits: list[Visit] | None = None) -> int:
    """How many of the period's visits (`visits`, else every visit done in `span`) reached Git
    only after its last day (补录); 0 without history. A visit not in the history (not
    committed yet) is not counted."""
    if data.history is None:
        return 0
    closing = dt.datetime.combine(span.end + dt.timedelta(days=1), dt.time())
    later = 0
    chosen = [v for v in data.done_visits if v.date in span] if visits is None else visits
    for visit in chosen:
        found = data.history.of("visit", visit.id)
        if found and found.versions:
            first = local_time(dt.datetime.fromisoformat(found.versions[0].commit.author_date))
            later += first >= closing
    return later


def week_context(data: SiteData, week: Span, visits: list[Visit] | None = None) -> dict:
    """`visits`: those of the week, when known (else found among every visit)."""
    rows = weekly_rows(data, week, with_plan=False, visits=visits, prefix="../")
    return _context(data, week, visits) | {
        "kind": "week",
        "title": f"周报 {week}",
        "weekly": rows,
        "chart": weekly_chart(f"{week} 各员工联系客户数", rows),
    }


def month_context(data: SiteData, month: Span, visits: list[Visit] | None = None) -> dict:
    return _context(data, month, visits) | {
        "kind": "month",
        "title": f"客户拜访统计表 {month_label(month)}",
        "statistics": statistics_table(data, data.done_visits if visits is None else visits, month),
        "methods": [enum_text("visit", ("method",), m) for m in METHODS_SHOWN],
    }


def _context(data: SiteData, span: Span, visits: list[Visit] | None) -> dict:
    return {
        "as_of": span.end.isoformat(),
        "span": str(span),
        "later": filed_later(data, span, visits),
        "with_history": data.history is not None,
    }
