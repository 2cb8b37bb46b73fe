"""Visits over the demo's year, weighted by grade, by the customer's owner (some by a
colleague who left, a chief or a supervisor), with issues, commitments and reviews; plus
one follow-up visit per resolved complaint."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from generator.demo import texts
from generator.demo.files import dump
from generator.demo.state import Complaint, Contact, Customer, Demo
from generator.vocabulary import enum_label

VISIT_WEIGHT = {"A1": 20, "A2": 10, "B1": 5, "B2": 4, "C": 2, "D": 0.7}


def write_visits(demo: Demo, complaint_followups: list[tuple[Complaint, date]]) -> None:
    rng = demo.rng
    customers = demo.customers
    # a customer who came to us this year has had visits only since: fewer of them
    weights = [
        VISIT_WEIGHT[c["grade"]]
        * (0.3 if c["stage"] == "lost" else 1)
        * ((demo.end - max(demo.start, _since(c))).days + 1)
        / 365
        for c in customers
    ]
    supervisor = next(s["id"] for s in demo.staff if s["role"] == "supervisor")
    manager = next(s["id"] for s in demo.staff if s["role"] == "manager")
    self_reviewed = False  # one visit the supervisor went on is signed off by them (deliberate)
    left = next(s for s in demo.staff if not s["active"])
    left_until = demo.start + timedelta(days=120)
    plan: list[tuple[Customer, Complaint | None, date | None]] = [
        (rng.choices(customers, weights)[0], None, None)
        for _ in range(max(0, demo.size.visits - len(complaint_followups)))
    ]
    plan += [
        (next(c for c in customers if c["id"] == k["customer"]), k, day)
        for k, day in complaint_followups
    ]
    used: set[str] = set()
    festivals = _festivals(demo)
    for index, (c, complaint, planned) in enumerate(plan):
        # never before the customer came to us (a new customer's contract is recent)
        day = planned or demo.day_between(max(demo.start, _since(c)), demo.end)
        if day.weekday() == 6 and complaint is None and day > _since(c):
            day -= timedelta(days=1)
        kind = "complaint" if complaint else _kind(demo, c)
        if kind == "holiday":  # a festival greeting is made in the days before the festival
            day, kind = _before_festival(demo, day, _since(c), festivals)
        method = rng.choice(("phone", "onsite")) if complaint else _method(demo, c, kind)
        staff = [c["owner"]]
        if day <= left_until and c["area"] == left["area"] and rng.random() < 0.5:
            staff = [left["id"]]
        if method == "onsite" and c.get("chief") and rng.random() < 0.6:
            staff = [c["chief"], *staff]
        if method == "onsite" and c["kind"] == "individual" and rng.random() < 0.5:
            staff = [supervisor, *staff]
        time = f"{rng.randint(9, 17):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        v: dict[str, object] = {
            "customer": c["id"],
            "date": day.isoformat(),
            "time": time,
            "method": method,
            "kind": kind,
        }
        purpose = rng.sample(sorted(texts.OBJECTIVES), k=rng.randint(1, 2))
        v["purpose"] = purpose
        v["staff"] = staff
        met = c["contacts"][0] if c["contacts"] else None
        if met:
            v["met"] = [
                {
                    "name": met["name"],
                    "title": met.get("title", "业主"),
                    "decides": met.get("role") == "decision_maker",
                }
            ]
        v["objective"] = rng.choice(texts.OBJECTIVES[purpose[0]])
        # a follow-up visit hears what the complaint's feedback recorded
        satisfaction = (
            complaint["customer_feedback"]
            if complaint
            else rng.choices(("satisfied", "neutral", "dissatisfied"), (8, 2, 1))[0]
        )
        outcomes = [o for o in texts.OUTCOMES[purpose[0]] if _fits(o[0], satisfaction)]
        v["outcome"], v["achieved"] = rng.choices(
            outcomes, [6 if met else 1 for _, met in outcomes]
        )[0]
        v["satisfaction"] = satisfaction
        v["referral"] = satisfaction == "satisfied" and rng.random() < 0.6
        if complaint:
            v["complaint"] = complaint["id"]
        age = (demo.end - day).days
        if index == 7 or rng.random() < 0.12:  # visit 7's issue is deliberately not forwarded
            v["issues"] = [_issue(demo, day, time, forwarded=index != 7)]
        if rng.random() < 0.1:
            text = rng.choice(texts.COMMITMENTS)
            due = day + timedelta(days=rng.randint(3, 14))
            promise = {"text": text, "due": due.isoformat()}
            if due < demo.end - timedelta(days=3):
                promise["done"] = (due - timedelta(days=rng.randint(0, 2))).isoformat()
            v["commitments"] = [promise]
        if rng.random() < 0.15 and day + timedelta(days=7) > demo.end - timedelta(days=20):
            v["next_contact"] = (day + timedelta(days=rng.randint(5, 20))).isoformat()
        # Supervisors sign off within a few days; the last week is not reviewed yet,
        # and two older visits were missed (deliberate warnings). A visit the supervisor
        # went on is signed off by the manager, but for the first one (a deliberate
        # self-review, review.self_review).
        if age > 5 and index not in (3, 11):
            reviewer = supervisor
            if supervisor in staff and self_reviewed:
                reviewer = manager
            self_reviewed = self_reviewed or supervisor in staff
            v["reviewed_by"] = reviewer
            v["reviewed_on"] = min(demo.end, day + timedelta(days=rng.randint(1, 4))).isoformat()
            if satisfaction == "dissatisfied":  # the reviewer's guidance (指导意见)
                v["review_comment"] = texts.REVIEW_COMMENTS[index % len(texts.REVIEW_COMMENTS)]
        body = _conversation(demo, method, kind, met, satisfaction)
        name = f"{day.isoformat()}-{c['id']}-{method}"
        stem, suffix = name, 2
        while stem in used:
            stem, suffix = f"{name}-{suffix}", suffix + 1
        used.add(stem)
        demo.files[f"visits/{day.year}/{stem}.md"] = dump(v, body)


def _kind(demo: Demo, c: Customer) -> str:
    if c["kind"] == "individual":
        return demo.rng.choices(("repair", "routine", "holiday", "survey"), (4, 3, 1, 1))[0]
    return demo.rng.choices(
        ("routine", "after_sales", "maintenance", "holiday", "inactive", "survey"),
        (6, 2, 2, 1, 1, 1),
    )[0]


def _method(demo: Demo, c: Customer, kind: str) -> str:
    if kind == "survey" and c["kind"] == "individual" and demo.rng.random() < 0.3:
        return "meeting"
    onsite = 0.45 if c["grade"].startswith(("A", "B")) else 0.2
    return demo.rng.choices(
        ("phone", "onsite", "wechat", "sms", "email"), (1 - onsite, onsite, 0.25, 0.05, 0.05)
    )[0]


def _issue(demo: Demo, day: date, time: str, forwarded: bool) -> dict[str, object]:
    text, department = demo.rng.choice(texts.ISSUES)
    issue: dict[str, object] = {"text": text, "needs_action": True}
    if forwarded:
        raised = datetime.fromisoformat(f"{day.isoformat()}T{time}")
        sent = raised + timedelta(minutes=demo.rng.randint(10, 55))
        issue["department"] = department
        issue["sent_at"] = demo.stamp(sent)
        first = sent + timedelta(hours=demo.rng.randint(1, 20))
        if first.date() <= demo.end:
            issue["first_contact_at"] = demo.stamp(first)
    return issue


def _festivals(demo: Demo) -> list[date]:
    """The first day of each public holiday (China's official calendar) from the demo's
    start to a month after its end."""
    from holidays.countries.china import China

    days = set(China(years=range(demo.start.year, demo.end.year + 2), language="zh_CN"))
    last = demo.end + timedelta(days=31)
    return sorted(d for d in days if demo.start <= d <= last and d - timedelta(days=1) not in days)


def _before_festival(demo: Demo, day: date, since: date, festivals: list[date]) -> tuple[date, str]:
    """A day in the ten before the next festival after `day`, within the demo and after
    `since`; a routine visit on `day` when there is none."""
    festival = next((f for f in festivals if f > day), None)
    if festival is None:
        return day, "routine"
    first = max(festival - timedelta(days=10), since, demo.start)
    last = min(festival - timedelta(days=1), demo.end)
    if first > last:
        return day, "routine"
    chosen = demo.day_between(first, last)
    if chosen.weekday() == 6 and chosen > first:  # no visits on Sundays, as above
        chosen -= timedelta(days=1)
    return chosen, "holiday"


def _since(c: Customer) -> date:
    return date.fromisoformat(c["since"])


def _fits(text: str, satisfaction: str) -> bool:
    """Praise only where the customer was satisfied ("满意度" and "不满意" are no praise)."""
    plain = text.replace("满意度", "").replace("不满意", "")
    return satisfaction == "satisfied" or not any(word in plain for word in texts.PRAISE)


def _conversation(
    demo: Demo, method: str, kind: str, met: Contact | None, satisfaction: str
) -> str:
    rng = demo.rng
    who = f"{met['name'][0]}{'先生' if rng.random() < 0.5 else '女士'}" if met else "客户"
    label = enum_label("visit", ("kind",), kind)[0]
    lines = [texts.OPENING[method].format(met=who, kind=label)]
    topics = [topic for topic in texts.TOPICS[kind] if _fits(topic, satisfaction)]
    lines += rng.sample(topics, k=min(2, len(topics)))
    lines.append(rng.choice([line for line in texts.CLOSING if _fits(line, satisfaction)]))
    return "## 会谈记录\n\n" + "\n\n".join(lines)
