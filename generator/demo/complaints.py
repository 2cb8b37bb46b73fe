"""Complaints over the demo's year, some across the National Day holiday, a few late or
special, the last two still open; each resolved one is followed up by a visit."""

from __future__ import annotations

from datetime import date, timedelta

from generator.demo import texts
from generator.demo.files import dump
from generator.demo.state import Complaint, Demo


def write_complaints(demo: Demo) -> list[tuple[Complaint, date]]:
    """Writes the complaints; returns the follow-up visits due: (complaint, day)."""
    rng = demo.rng
    followups = []
    responders = [
        s["id"] for s in demo.staff if s["role"] in ("agent", "supervisor") and s["active"]
    ]
    national_day = date(demo.end.year, 10, 1)
    days = sorted(
        demo.day_between(demo.start, demo.end - timedelta(days=6))
        for _ in range(demo.size.complaints)
    )
    if demo.size.complaints >= 10 and demo.start <= national_day - timedelta(days=2) <= demo.end:
        days[-8:-5] = [
            national_day - timedelta(days=2),
            national_day - timedelta(days=1),
            national_day + timedelta(days=3),
        ]
        days[-2:] = [demo.end - timedelta(days=2), demo.end - timedelta(days=1)]  # still open
        days.sort()
    for n, day in enumerate(days, start=1):
        # only a customer we already served on that day can complain
        c = rng.choice([c for c in demo.customers if c["since"] <= day.isoformat()])
        category = rng.choices(list(texts.COMPLAINTS), (3, 4, 2, 1, 1))[0]
        summary, detail = rng.choice(texts.COMPLAINTS[category])
        received = demo.at(day)
        k: Complaint = {
            "id": f"K{day.year}-{n:04d}",
            "customer": c["id"],
            "summary": summary,
            "received": demo.stamp(received),
            "channel": rng.choices(
                ("phone", "written", "verbal", "forwarded", "mailbox", "visit"),
                (6, 1, 2, 1, 1, 1),
            )[0],
            "category": category,
            "severity": "major" if rng.random() < 0.2 else "minor",
            "first_responder": rng.choice(responders),
        }
        if n == 5:
            k["special"], k["special_reason"] = True, "需要厂家派技术人员到场鉴定"
        registered = received + timedelta(hours=rng.choice((0, 1, 2, 30 if n % 9 == 0 else 3)))
        k["registered"] = demo.stamp(registered)
        open_case = day >= demo.end - timedelta(days=3)
        if not open_case:
            answered = registered + timedelta(hours=rng.randint(1, 30))
            late = n % 6 == 0 or (
                national_day - timedelta(days=3) <= day <= national_day + timedelta(days=7)
            )
            resolved = answered + timedelta(
                days=rng.randint(4, 9) if late else rng.randint(0, 2), hours=3
            )
            feedback = (  # n == 4: deliberately missing
                resolved + timedelta(hours=rng.randint(1, 20)) if n != 4 else None
            )
            customer_feedback = rng.choices(("satisfied", "neutral", "dissatisfied"), (6, 3, 1))[0]
            resolution = rng.choice(texts.RESOLUTIONS[category])
            if answered.date() <= demo.end:
                k["answered"] = demo.stamp(answered)
            # a late case received in the last days is still being handled: no future dates
            open_case = (feedback or resolved).date() > demo.end
            if not open_case:
                k["resolved"] = demo.stamp(resolved)
                if feedback:
                    k["feedback_sent"] = demo.stamp(feedback)
                k["customer_feedback"] = customer_feedback
                k["resolution"] = resolution
                if resolved.date() + timedelta(days=3) <= demo.end:
                    followups.append((k, resolved.date() + timedelta(days=rng.randint(1, 3))))
        body = f"## 投诉内容\n\n{detail}\n"
        if not open_case:
            body += f"\n## 处理经过\n\n{k['resolution']}\n"
        demo.files[f"complaints/{day.year}/{k['id']}.md"] = dump(k, body)
    return followups
