"""Due lists for people and programs: text grouped by staff, versioned JSON, CSV and .xlsx
for Excel, and an iCalendar feed a phone can subscribe to. docs/rules.md documents the JSON shape."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable

from rich.cells import cell_len

from generator.derive import Agenda
from generator.derive.durations import when_text
from generator.derive.items import STATES, DueItem
from generator.derive.periods import Span
from generator.model import LOCAL_TZ
from generator.present.due import View, late_note, minutes, progress_note
from generator.report.excel import excel_csv
from generator.report.xlsx import Book, Cell, Sheet
from generator.versions import DUE_JSON
from generator.vocabulary import DUE_KIND_LABELS, DUE_STATE_LABELS


# --- JSON ---------------------------------------------------------------------------
def _span(span: Span | None) -> dict | None:
    return {"start": span.start.isoformat(), "end": span.end.isoformat()} if span else None


def item_json(view: View, item: DueItem) -> dict:
    return {
        "kind": item.kind,
        "kind_label": DUE_KIND_LABELS[item.kind],
        "rule": item.rule,
        "label": item.label,
        "subject": view.subject(item),
        "customer": item.customer,
        "customer_name": view.customer_name(item.customer),
        "staff": list(item.staff),
        "deadline": view.deadline_day(item).isoformat(),
        "deadline_time": item.deadline.at.strftime("%H:%M") if item.deadline.at else None,
        "state": item.state,
        "state_label": DUE_STATE_LABELS[item.state],
        "done_at": when_text(item.done_at),
        "late_by_minutes": minutes(item.late_by),
        "need": {
            "count": item.need.count,
            "done": item.need.done,
            "methods": list(item.need.methods),
            "by": item.need.by,
        },
        "evidence": view.evidence(item),
        "window": _span(view.window(item)),
        "missed": [_span(s) for s in item.missed],
        "file": view.file(item.source.path),
        "line": item.source.line,
    }


def as_json(agenda: Agenda, items: list[DueItem], view: View) -> str:
    counts = {state: sum(i.state == state for i in items) for state in STATES}
    payload = {
        "version": DUE_JSON,
        "as_of": agenda.as_of.today.isoformat(),
        "now": agenda.as_of.now.isoformat(timespec="minutes"),
        "summary": counts,
        "items": [item_json(view, i) for i in items],
        "workload": [
            {
                "staff": w.staff,
                "week": _span(w.week),
                "customers": w.customers,
                "target": w.target,
            }
            for w in agenda.workload
        ],
        "on_time": [
            {"staff": o.staff, "done": o.done, "late": o.late, "rate": o.rate}
            for o in agenda.on_time
        ],
        "problems": problems_json(agenda.problems),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def problems_json(problems) -> list[dict]:
    """Warnings about the computation itself (e.g. calendar.unknown_year)."""
    return [{"code": p.code, "message": p.message_zh} for p in problems]


# --- text ---------------------------------------------------------------------------
def pad(text: str, cells: int) -> str:
    """Left-aligned in `cells` terminal columns (a Chinese character takes two)."""
    return text + " " * max(0, cells - cell_len(text))


def by_staff(items: Iterable[DueItem]) -> dict[str, list[DueItem]]:
    """Each item under every person responsible for it, people in id order."""
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        for person in item.staff or ("",):
            groups.setdefault(person, []).append(item)
    return {person: groups[person] for person in sorted(groups)}


def as_text(agenda: Agenda, items: list[DueItem], view: View) -> str:
    today = agenda.as_of.today.isoformat()
    lines = [f"待访清单 · 截至 {today} / due list as of {today}"]
    lines.append(_counts_line(items, "共 ") + f"（{len(items)} 项 / items）")
    workload = {w.staff: w for w in agenda.workload}
    for person, group in by_staff(items).items():
        name = view.staff_name(person) or "（未指定 / unassigned）"
        head = f"\n{person} {name} · {_counts_line(group)}"
        if person in workload:
            w = workload[person]
            head += f" · 本周已联系 {w.customers}/{w.target} 位客户"
        on_time = agenda.on_time_of(person)
        if on_time and on_time.late:
            head += f" · 按时完成 {on_time}"
        lines.append(head)
        for item in group:
            lines.append(_item_line(view, item))
    return "\n".join(lines)


def _counts_line(items: list[DueItem], prefix: str = "") -> str:
    parts = [
        f"{DUE_STATE_LABELS[s]} {n}" for s in STATES if (n := sum(i.state == s for i in items)) > 0
    ]
    return prefix + ("，".join(parts) if parts else "无待办")


def _item_line(view: View, item: DueItem) -> str:
    who = f"{item.customer} {view.customer_name(item.customer)}".strip() or "全体 / team"
    state = pad(DUE_STATE_LABELS[item.state], 8)
    parts = [f"  {state}", f"{view.deadline(item):<16}", who, view.describe(item)]
    parts += [text for text in (view.progress(item), late_note(item)) if text]
    return "  ".join(parts)


# --- CSV ----------------------------------------------------------------------------
CSV_COLUMNS = (
    "状态",
    "截止",
    "负责人",
    "客户编号",
    "客户名称",
    "类型",
    "规则",
    "事项",
    "完成情况",
    "依据",
    "文件",
)


def as_csv(items: list[DueItem], view: View) -> str:
    return excel_csv(
        CSV_COLUMNS,
        (
            (
                DUE_STATE_LABELS[item.state],
                view.deadline(item),
                " ".join(item.staff),
                item.customer,
                view.customer_name(item.customer),
                DUE_KIND_LABELS[item.kind],
                item.rule,
                view.describe(item),
                progress_note(view, item),
                " ".join(view.evidence(item)),
                view.file(item.source.path),
            )
            for item in items
        ),
    )


# --- Excel (.xlsx) ------------------------------------------------------------------
XLSX_COLUMNS = ("状态", "截止日期", "截止时间", "负责人", "客户编号", "客户名称", "类型", "规则",
                "事项", "完成情况", "依据")  # fmt: skip


def _xlsx_row(item: DueItem, view: View) -> tuple[Cell, ...]:
    # a masked birthday's day stays hidden: its ten-day part of the month, as text
    day: Cell = view.deadline(item) if view.hides_day(item) else view.deadline_day(item)
    return (
        DUE_STATE_LABELS[item.state],
        day,
        item.deadline.at.strftime("%H:%M") if item.deadline.at else "",
        view.staff_labels(item.staff),
        item.customer,
        view.customer_name(item.customer),
        DUE_KIND_LABELS[item.kind],
        item.rule,
        view.describe(item),
        progress_note(view, item),
        " ".join(view.evidence(item)),
    )


def as_xlsx(agenda: Agenda, items: list[DueItem], view: View, per_person: bool = False) -> Book:
    """The due list as a workbook: one sheet of every item (待访清单); with `per_person`
    (the team's workbook) a sheet per staff member after it too."""
    sheets = [Sheet("待访清单", XLSX_COLUMNS, [_xlsx_row(i, view) for i in items])]
    if per_person:
        sheets += [
            Sheet(view.staff_labels([person]) or "未指定", XLSX_COLUMNS,
                  [_xlsx_row(i, view) for i in group])
            for person, group in by_staff(items).items()
        ]  # fmt: skip
    return Book.of(sheets, created=agenda.as_of.today)


# --- iCalendar ----------------------------------------------------------------------
CALENDAR_NAME = "回访台 待访"
REMIND_AT = dt.time(9)  # the alarm: 09:00 on the deadline's day (an all-day event has no time)
OVERDUE = "逾期"


def as_ics(
    agenda: Agenda,
    items: list[DueItem],
    view: View,
    name: str = CALENDAR_NAME,
    customer_url: Callable[[str], str | None] = lambda _customer: None,
) -> bytes:
    """One all-day event per open item on its deadline; overdue items sit on the as-of day
    (a calendar shows today, not last month), marked 【逾期】 and in the category 逾期.
    Stable UIDs, so a subscribed phone updates. `name`: the calendar's name on the phone
    (calendar_name gives one per person); `customer_url`: a customer's page as an absolute
    address, or None (a calendar cannot follow a relative link: the site gives one only when
    the team set the site's address). Each event reminds at 09:00 of its day. The
    description holds what to do, never a record's file (a repository path)."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Huifang//回访台//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    stamp = dt.datetime.combine(agenda.as_of.today, dt.time(), LOCAL_TZ).astimezone(dt.UTC)
    for item in items:
        if item.done:
            continue
        overdue = item.state == "overdue"
        day = agenda.as_of.today if overdue else view.deadline_day(item)
        event = Event()
        event.add("uid", _uid(item, view))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        who = f"{item.customer} {view.customer_name(item.customer)}".strip()
        summary = f"{who} {view.describe(item)}".strip()
        event.add("summary", f"【{OVERDUE}】{summary}" if overdue else summary)
        event.add("categories", [OVERDUE, DUE_KIND_LABELS[item.kind]] if overdue
                  else [DUE_KIND_LABELS[item.kind]])  # fmt: skip
        details = [
            f"{DUE_STATE_LABELS[item.state]} · 截止 {view.deadline(item)}",
            f"负责人 {view.staff_labels(item.staff)}",
            view.progress(item),
        ]
        url = customer_url(item.customer) if item.customer else None
        if url:
            event.add("url", url)
            details.append(f"客户页面 {url}")
        event.add("description", "\n".join(d for d in details if d))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"待访：{summary}")
        alarm.add("trigger", dt.datetime.combine(day, REMIND_AT, LOCAL_TZ).astimezone(dt.UTC))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_name(staff: str | None, view: View) -> str:
    """'回访台 待访 · S05 陈帅' for one person's calendar, '回访台 待访 · 全队' for the team's."""
    if not staff:
        return f"{CALENDAR_NAME} · 全队"
    return f"{CALENDAR_NAME} · {view.staff_labels([staff])}"


def _uid(item: DueItem, view: View) -> str:
    key = "|".join((item.rule, item.customer, view.subject(item), view.deadline(item)))
    return hashlib.sha1(key.encode()).hexdigest()[:20] + "@huifang"
