"""待访 pages: the team's due list, each person's, and each person's 今日待办 (due today
and overdue). Every list is shown twice from the same rows: a sortable table for desktops
and, for phones, cards grouped by customer, most urgent customer first (huifang.css and
acting.css pick one by the screen's width; no script needed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from generator.derive.items import DueItem
from generator.site.data import Page, SiteData, ready
from generator.vocabulary import enum_text

TODAY_STATES = frozenset({"overdue", "due_today"})  # what must be done today


def today_path(staff_id: str) -> str:
    """A person's 今日待办 page, from the root."""
    return f"due/today-{staff_id}.html"


def customer_cards(data: SiteData, rows: list[dict]) -> list[dict]:
    """Rows grouped by customer (team-wide items, without a customer, as one group last
    among equals): groups by their most urgent item, then earliest deadline; each group's
    rows in the same order; with the contact to greet (masked as the profile says)."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(str(row["customer"]), []).append(row)
    cards = []
    for customer, mine in groups.items():
        mine.sort(key=lambda r: (r["urgency"], r["day"]))
        first = mine[0]
        cards.append(
            {
                "customer": customer,
                "customer_name": first["customer_name"],
                "link": first["link"],
                "state": first["state"],
                "urgency": first["urgency"],
                "contact": data.view.greeting(customer) if customer else None,
                "rows": mine,
            }
        )
    cards.sort(
        key=lambda c: (c["urgency"], c["rows"][0]["day"], c["customer"] == "", c["customer"])
    )
    return cards


def _list_context(data: SiteData, items: Iterable[DueItem], who: str = "", **extra: object) -> dict:
    """`who`: the person whose list it is (the visit a row's 记录回访 opens is theirs)."""
    rows = [data.due_row(i, "../", who) for i in items]
    return {
        "as_of": data.today.isoformat(),
        "rows": rows,
        "cards": customer_cards(data, rows),
        **extra,
    }


def due_pages(data: SiteData) -> list[Page]:
    items = data.open_items
    people = []
    pages = []
    for staff in data.records.staff_list:
        mine = [i for i in items if staff.id in i.staff]
        if not mine:
            continue
        today = [i for i in mine if i.state in TODAY_STATES]
        people.append({"id": staff.id, "name": staff.name, "count": len(mine), "today": len(today)})
        names = {"staff": staff.id, "staff_name": staff.name}
        pages.append(
            Page(
                f"due/{staff.id}.md",
                f"待访 {staff.id} {staff.name}",
                "due.md.j2",
                ready(_list_context(data, mine, staff.id, **names)),
                (staff.id, staff.name),
            )
        )
        pages.append(
            Page(
                f"due/today-{staff.id}.md",
                f"今日待办 {staff.id} {staff.name}",
                "due.md.j2",
                ready(
                    _list_context(data, today, staff.id, today_only=True, **names)
                    | day_report(data, staff.id)
                ),
            )
        )
    index = _list_context(data, items, people=people, staff="")
    return [Page("due/index.md", "待访", "due.md.j2", ready(index)), *pages]


def day_report(data: SiteData, staff_id: str) -> dict:
    """日报 of the as-of day for one person (seed 000: 回访必须日清日结, the day's report):
    the visits they made that day, each linked to its timeline entry, and the due items a
    visit of that day completed."""
    day = data.today
    view = data.view
    visits = [
        {
            "id": v.id,
            "href": data.href("visit", v.id, "../"),
            "time": v.time or "",
            "customers": [
                {"id": c, "name": view.customer_name(c), "href": data.href("customer", c, "../")}
                for c in v.all_customers
            ],
            "method": enum_text("visit", ("method",), v.method),
        }
        for v in data.done_visits
        if v.date == day and staff_id in v.staff
    ]
    dates = {v.id: v.date for v in data.done_visits}
    done = [
        data.due_row(item, "../", staff_id)
        for item in data.agenda.items
        if item.done and staff_id in item.staff and _done_on(item, dates) == day
    ]
    return {"visits_today": visits, "done_today": done}


def _done_on(item: DueItem, dates: dict[str, dt.date]) -> dt.date | None:
    """The day an item was done: when it was done, else (a period's count, met by its last
    contact) the day of the last visit that counts for it."""
    if isinstance(item.done_at, dt.datetime):
        return item.done_at.date()
    if item.done_at is not None:
        return item.done_at
    return dates.get(item.evidence[-1]) if item.evidence else None
