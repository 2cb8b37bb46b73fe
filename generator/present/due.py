"""Due items as people see them: names looked up, personal data masked by `Privacy` in
the masked profile, deadlines, progress and lateness in words. The CLI's formats
(generator/report/due.py) and the site's due tables both show these views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.derive import Agenda
from generator.derive.durations import duration, when_text
from generator.derive.items import STATES, DueItem
from generator.derive.periods import Span
from generator.model import Records
from generator.present.privacy import Privacy
from generator.vocabulary import (
    DUE_KIND_LABELS,
    DUE_STATE_LABELS,
    METHOD,
    by_label,
    enum_values,
    method_label,
)

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

    def staff_labels(self, idents: Iterable[str], between: str = "，") -> str:
        """ "S05 陈帅，S06 王小红": each id with its name (the id alone when not in team.yaml)."""
        return between.join(f"{s} {self.staff_name(s)}".strip() for s in idents)

    def greeting(self, ident: str) -> dict[str, str] | None:
        """The customer's first contact, to greet by name and role: the name masked in the
        masked profile, and `tel` (the number to dial) only in the full one."""
        customer = self.records.customers.get(ident)
        if customer is None or not customer.contacts:
            return None
        contact = customer.contacts[0]
        shown = self.privacy.contact(contact, self.records)
        number = "" if self.masked else (contact.mobile or contact.phone or "")
        dial = "".join(c for c in number if c.isdigit() or c == "+")  # a tel: URL holds no spaces
        return {"name": shown["name"], "role": shown["role"], "phone": shown["phone"], "tel": dial}

    def evidence(self, item: DueItem) -> list[str]:
        """The ids of the contacts that count, as shown: a visit's id is its file name, and
        a file name may hold anything the naming rule lets through (a phone number too)."""
        return [self.privacy.plain(ident) for ident in item.evidence]

    def file(self, path: str) -> str:
        """A record's file as shown: the same reason as `evidence`."""
        return self.privacy.plain(path)

    def subject(self, item: DueItem) -> str:
        return self.privacy.value(item.subject, item.subject_pii) if item.subject else ""

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


def late_note(item: DueItem) -> str:
    """'晚了 1 天（2026-11-21 完成）' for an item done late, else ''."""
    if item.state != "done_late":
        return ""
    done = when_text(item.done_at) or ""
    return f"晚了 {duration(item.late_by)}（{done.replace('T', ' ')} 完成）"


def minutes(delta: dt.timedelta | None) -> int | None:
    return int(delta.total_seconds() // 60) if delta is not None else None


def progress_note(view: View, item: DueItem) -> str:
    """Progress and lateness together, as a table cell shows them."""
    return "，".join(t for t in (view.progress(item), late_note(item)) if t)


def due_row(view: View, item: DueItem, prefix: str) -> dict[str, object]:
    """A due item as a row of a page's table (`prefix`: the way from the page to the root)."""
    return {
        "state": item.state,
        "state_label": DUE_STATE_LABELS[item.state],
        # 0 overdue, 1 due today …: the 状态 column sorts by it
        "urgency": STATES.index(item.state),
        "deadline": view.deadline(item),
        "day": view.deadline_day(item).isoformat(),
        "customer": item.customer,
        "customer_name": view.customer_name(item.customer),
        "link": f"{prefix}customers/{item.customer}.html" if item.customer else "",
        "what": view.describe(item),
        "progress": progress_note(view, item),
        "kind": DUE_KIND_LABELS[item.kind],
        "staff": " ".join(item.staff),
    }
