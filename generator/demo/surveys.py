"""Two half-yearly satisfaction surveys over the policy's items, with their actions."""

from __future__ import annotations

from datetime import date, timedelta

from generator.demo import texts
from generator.demo.files import dump
from generator.demo.state import Demo

LEVELS = (
    {"name": "满意", "satisfied": True},
    {"name": "基本满意", "satisfied": True},
    {"name": "不满意", "satisfied": False},
)


def write_surveys(demo: Demo) -> None:
    rng = demo.rng
    owners = [s["id"] for s in demo.staff if s["role"] in ("supervisor", "manager")]
    for start in (date(demo.end.year - 1, 12, 1), date(demo.end.year, 6, 1)):
        half = "H2" if start.month == 12 else "H1"
        year = start.year
        distributed = 400
        returned = rng.randint(300, 380)
        items = []
        for name in demo.policy.survey_items:
            low = 0.55 if name == "绿化管理" else 0.8
            satisfied = int(returned * rng.uniform(low, 0.97))
            basic = rng.randint(0, (returned - satisfied) // 2)
            unhappy = rng.randint(0, returned - satisfied - basic)
            counts = {"满意": satisfied - basic, "基本满意": basic, "不满意": unhappy}
            items.append({"name": name, "counts": counts})
        actions = []
        for item, action in texts.SURVEY_ACTIONS:
            due = start + timedelta(days=rng.randint(45, 90))
            owner = rng.choice(owners)
            entry = {"item": item, "action": action, "owner": owner, "due": due.isoformat()}
            if due < demo.end:
                entry["done"] = (due - timedelta(days=rng.randint(0, 10))).isoformat()
            actions.append(entry)
        survey = {
            "id": f"{year}{half}",
            "title": f"{year} 年{'下' if half == 'H2' else '上'}半年业主满意度调查",
            "period": {"start": start.isoformat(), "end": (start + timedelta(days=20)).isoformat()},
            "audience": "全体业主及商户",
            "distributed": distributed,
            "returned": returned,
            "levels": [dict(level) for level in LEVELS],
            "items": items,
            "opinions": rng.sample(texts.SURVEY_OPINIONS, k=3),
            "actions": actions,
        }
        demo.files[f"surveys/{survey['id']}.yaml"] = dump(survey)
