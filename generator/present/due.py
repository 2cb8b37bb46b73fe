"""Due lists for people and programs: text grouped by staff, versioned JSON, CSV for Excel,
and an iCalendar feed a phone can subscribe to. docs/rules.md documents the JSON shape."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len

from generator.derive import Agenda
from generator.derive.items import STATES, DueItem
from generator.derive.periods import Span
from generator.model import Records
from generator.present.mask import mask_value
from generator.present.privacy import Privacy
from generator.read.convert import LOCAL_TZ
from generator.vocabulary import (
    DUE_KIND_LABELS,
    DUE_STATE_LABELS,
    METHOD,
    by_label,
    enum_values,
    method_label,
)

JSON_VERSION = 1
PERSONAL_DAYS = frozenset({"birthday"})  # rules whose deadline is a person's own date


def select(
    agenda: Agenda, staff: str | None = None, within: int | None = None, done: bool = False
) -> list[DueItem]:
    """Items for one staff member, due within N days (overdue always), done ones if asked."""
    last = agenda.as_of.today + dt.timedelta(days=within) if within is not None else None
    return [
        item
        for item in agenda.items
        if (done or not item.done)
        and (staff is None or staff in item.staff)
        and (last is None or item.state == "overdue" or item.deadline.day <= last)
    ]


@dataclass(frozen=True)
class View:
    """How items are shown: with names looked up, personal data masked in the masked profile."""

    records: Records
    masked: bool = False

    @property
    def privacy(self) -> Privacy:
        return Privacy(self.masked)

    def customer_name(self, ident: str) -> str:
        return self.privacy.text(self.privacy.customer_name(self.records.customers.get(ident)))

    def staff_name(self, ident: str) -> str:
        member = self.records.staff.get(ident)
        return self.privacy.text(member.name) if member else ""

    def subject(self, item: DueItem) -> str:
        if self.masked and item.subject:
            return mask_value(item.subject, item.subject_pii)
        return item.subject

    def hides_day(self, item: DueItem) -> bool:
        """A birthday reminder's day is the birthday: the masked profile does not show it."""
        return self.masked and item.rule in PERSONAL_DAYS

    def deadline_day(self, item: DueItem) -> dt.date:
        """The deadline's day as shown: for a hidden day, the last day of its ten-day part
        of the month (上旬 1–10, 中旬 11–20, 下旬 21–end), so lists still sort by it."""
        day = item.deadline.day
        if not self.hides_day(item):
            return day
        if day.day <= 20:
            return day.replace(day=10 if day.day <= 10 else 20)
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)

    def deadline(self, item: DueItem) -> str:
        """'2026-11-30', '2026-11-30 17:00', or for a hidden day '2026-11 下旬'."""
        if not self.hides_day(item):
            return str(item.deadline)
        day = item.deadline.day
        part = "上旬" if day.day <= 10 else "中旬" if day.day <= 20 else "下旬"
        return f"{day:%Y-%m} {part}"

    def window(self, item: DueItem) -> Span | None:
        if item.window is None or not self.hides_day(item):
            return item.window
        end = self.deadline_day(item)
        first = {10: 1, 20: 11}.get(end.day, 21)
        return Span(end.replace(day=first), end)

    def describe(self, item: DueItem) -> str:
        subject = self.subject(item)
        return self.privacy.text(f"{item.label}：{subject}" if subject else item.label)

    @staticmethod
    def progress(item: DueItem) -> str:
        """'已 1/4 次（电话/微信，首席客户经理）' for counted requirements, else ''."""
        need = item.need
        if not need.methods:
            return ""
        if set(need.methods) >= set(enum_values(*METHOD)):
            methods = "任何方式"
        else:
            methods = "/".join(method_label(m) for m in need.methods)
        by = by_label(need.by)
        text = f"已 {need.done}/{need.count} 次（{methods}{'，' + by if by else ''}）"
        if item.missed:
            text += f"，漏访 {len(item.missed)} 个周期（自 {item.missed[0].start.isoformat()}）"
        return text


def _days_hours_minutes(delta: dt.timedelta) -> tuple[int, int, int]:
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    return (days, *divmod(rest, 60))


def duration(delta: dt.timedelta | None) -> str:
    """'1 天 3 小时', '5 小时', '40 分钟'."""
    if delta is None:
        return ""
    days, hours, minutes = _days_hours_minutes(delta)
    if days:
        return f"{days} 天 {hours} 小时" if hours else f"{days} 天"
    return f"{hours} 小时" if hours else f"{minutes} 分钟"


def duration_en(delta: dt.timedelta | None) -> str:
    """'1 day 3 h', '5 h', '40 min'."""
    if delta is None:
        return ""
    days, hours, minutes = _days_hours_minutes(delta)
    if days:
        unit = "day" if days == 1 else "days"
        return f"{days} {unit} {hours} h" if hours else f"{days} {unit}"
    return f"{hours} h" if hours else f"{minutes} min"


def when_text(value: dt.datetime | dt.date | None) -> str | None:
    """'2026-11-20T10:30', or '2026-11-20' for a day without a time."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def late_note(item: DueItem) -> str:
    """'晚了 1 天（2026-11-21 完成）' for an item done late, else ''."""
    if item.state != "done_late":
        return ""
    done = when_text(item.done_at) or ""
    return f"晚了 {duration(item.late_by)}（{done.replace('T', ' ')} 完成）"


def minutes(delta: dt.timedelta | None) -> int | None:
    return int(delta.total_seconds() // 60) if delta is not None else None


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
        "evidence": list(item.evidence),
        "window": _span(view.window(item)),
        "missed": [_span(s) for s in item.missed],
        "file": item.source.path,
        "line": item.source.line,
    }


def as_json(agenda: Agenda, items: list[DueItem], view: View) -> str:
    counts = {state: sum(i.state == state for i in items) for state in STATES}
    payload = {
        "version": JSON_VERSION,
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


def excel_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """CSV in UTF-8 with a byte-order mark, so Excel on Chinese Windows opens it correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(map(_cells, rows))
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _cells(row: Iterable[object]) -> list[object]:
    """Cells Excel cannot take for formulas: text starting with = + - @ (a customer named
    `=HYPERLINK(…)`) gets a leading apostrophe, as OWASP advises; numbers stay numbers."""
    return [f"'{c}" if isinstance(c, str) and c.startswith(_FORMULA_START) else c for c in row]


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
                "，".join(t for t in (view.progress(item), late_note(item)) if t),
                " ".join(item.evidence),
                item.source.path,
            )
            for item in items
        ),
    )


# --- iCalendar ----------------------------------------------------------------------
def as_ics(agenda: Agenda, items: list[DueItem], view: View, name: str = "回访台 待访") -> bytes:
    """One all-day event per open item on its deadline; overdue items sit on the as-of day
    (a calendar shows today, not last month). Stable UIDs, so a subscribed phone updates."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Huifang//回访台//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.combine(agenda.as_of.today, dt.time(), LOCAL_TZ).astimezone(dt.UTC)
    for item in items:
        if item.done:
            continue
        day = agenda.as_of.today if item.state == "overdue" else view.deadline_day(item)
        event = Event()
        event.add("uid", _uid(item, view))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        prefix = "【逾期】" if item.state == "overdue" else ""
        who = f"{item.customer} {view.customer_name(item.customer)}".strip()
        event.add("summary", f"{prefix}{who} {view.describe(item)}".strip())
        details = [f"截止 {view.deadline(item)}", view.progress(item), f"记录 {item.source.path}"]
        event.add("description", "\n".join(d for d in details if d))
        calendar.add_component(event)
    return calendar.to_ical()


def _uid(item: DueItem, view: View) -> str:
    key = "|".join((item.rule, item.customer, view.subject(item), view.deadline(item)))
    return hashlib.sha1(key.encode()).hexdigest()[:20] + "@huifang"
