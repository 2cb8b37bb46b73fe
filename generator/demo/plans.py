"""Visit plans in the demo (拜访计划书, seeds 000/001: 业务人员每月底应提出次月拜访计划书，
呈部门主管审核): each active agent's plan for the demo's last month, filed on the last working
days of the month before and approved by the supervisor on its last working day.

Decided from the visits already written, drawing nothing from the seeded Random, so every
other record stays as it was. An agent's plan names, by ISO week:

- two of every three of their visits that month so far (by date), each in its week by its
  method: planned, and made (the third was not planned: a call that came up);
- the first two customers they own that they have not contacted that month, by phone in
  the first full week: planned and missed (the 统计表's 完成率 is below 100%);
- the next customer they own, on site in the week after the demo's end: still to come,
  with an objective (on the due list as a 计划 item).
"""

from __future__ import annotations

from datetime import date, timedelta

from generator.demo.files import dump, parse
from generator.demo.state import Demo
from generator.derive.calendar import WorkCalendar
from generator.derive.plans import filing_deadline, iso_week

FOLDER = "plans"
SKIPPED = 3  # every third visit was not planned
MISSED = 2  # planned calls not made
COMING_OBJECTIVE = "了解明年服务需求，约定续约洽谈时间"


def write_plans(demo: Demo) -> None:
    """records/plans/<month>/<agent>.yaml for the month `demo.end` is in."""
    first = demo.end.replace(day=1)
    month = first.strftime("%Y-%m")
    calendar = WorkCalendar(demo.policy.data.get("calendar"))  # type: ignore[arg-type]
    # approved on the last working day before the month, filed the day before (history.py)
    approved = filing_deadline(first, "last_working_day_before", calendar).date() - timedelta(
        days=1
    )
    supervisor = next((s["id"] for s in demo.staff if s["role"] == "supervisor"), None)
    visits = sorted(  # a visit's file name starts with its date: only this month's are read
        (fields["date"], path, fields)
        for path, text in demo.files.items()
        if path.startswith("visits/") and path.rpartition("/")[2] >= first.isoformat()
        for fields in [parse(text)[0]]
    )
    monday = first + timedelta(days=(7 - first.weekday()) % 7)  # the first full week
    coming = demo.end + timedelta(days=7 - demo.end.weekday())  # the Monday after the end
    for agent in demo.staff:
        if agent["role"] != "agent" or not agent["active"]:
            continue
        mine = [(d, v) for d, _, v in visits if v["staff"][0] == agent["id"]]
        contacts = [
            {"customer": v["customer"], "week": iso_week(date.fromisoformat(str(d))),
             "method": v["method"], "purpose": v["purpose"]}
            for index, (d, v) in enumerate(mine, start=1)
            if index % SKIPPED
        ]  # fmt: skip
        seen = {v["customer"] for _, v in mine}
        owned = [
            c["id"]
            for c in demo.customers
            if c.get("owner") == agent["id"] and c["stage"] != "lost" and c["id"] not in seen
        ]
        contacts += [
            {"customer": c, "week": iso_week(monday), "method": "phone"} for c in owned[:MISSED]
        ]
        if coming.month == first.month and len(owned) > MISSED:
            contacts.append({"customer": owned[MISSED], "week": iso_week(coming), "method": "onsite",
                             "purpose": ["service"], "objective": COMING_OBJECTIVE})  # fmt: skip
        if not contacts:
            continue
        contacts.sort(key=lambda c: (c["week"], c["customer"]))
        plan: dict[str, object] = {"staff": agent["id"], "month": month, "contacts": contacts}
        if supervisor:
            plan |= {"approved_by": supervisor, "approved_on": approved.isoformat()}
        demo.files[f"{FOLDER}/{month}/{agent['id']}.yaml"] = dump(plan)
