"""Two half-yearly satisfaction surveys over the policy's items, with their actions, and a
sampled follow-up survey of the current half year (seed 000: 抽样回访调查,调查对象不得少于10名)
whose forms are response records (surveys/<id>/responses/<n>.yaml) and no counts: the site
sums them, and a dissatisfied form naming a customer is followed up by the area's agent
(the policy's survey_follow_up rule)."""

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
    write_sample_survey(demo)


FORMS = 12  # households asked (at least the policy's min_sample, 10)
COMMENTS = (
    "楼道灯坏了一周才修好",
    "希望冬季也能定期修剪绿化",
    "保安巡逻比以前勤了，满意",
    "电梯维保时请提前一天通知",
    "快递柜不够用",
)


def write_sample_survey(demo: Demo) -> None:
    """The current half year's sampled survey: FORMS households, a form each in the last
    twelve days before the demo's end, most naming the customer; drawn last, so the files
    before it are as they were."""
    rng = demo.rng
    start = demo.end - timedelta(days=11)
    half = "H2" if start.month > 6 else "H1"
    ident = f"{start.year}{half}"
    households = [c for c in demo.customers if c["kind"] == "individual" and c.get("area")]
    chosen = rng.sample(households, k=min(FORMS, len(households)))
    items = list(demo.policy.survey_items)
    for number, customer in enumerate(chosen, 1):
        answers = {}
        for item in items:
            roll = rng.random()
            if roll < 0.08:
                continue  # left blank
            answers[item] = "满意" if roll < 0.7 else "基本满意" if roll < 0.93 else "不满意"
        building, unit, floor, door = (rng.randint(1, 12), rng.randint(1, 3),
                                       rng.randint(1, 18), rng.randint(1, 4))  # fmt: skip
        form: dict[str, object] = {"household": f"{building}栋{unit}单元{floor}0{door}"}
        if number % 4:  # every fourth form is anonymous: a household only
            form["customer"] = customer["id"]
        form["date"] = demo.day_between(start, demo.end).isoformat()
        form["answers"] = answers
        if rng.random() < 0.4:
            form["comments"] = rng.choice(COMMENTS)
        demo.files[f"surveys/{ident}/responses/{number}.yaml"] = dump(form)
    owner = next(s["id"] for s in demo.staff if s["role"] == "supervisor")
    survey = {
        "id": ident,
        "title": f"{start.year} 年{'下' if half == 'H2' else '上'}半年业主抽样回访调查",
        "period": {"start": start.isoformat(), "end": demo.end.isoformat()},
        "audience": "抽样业主",
        "distributed": FORMS + 3,
        "returned": len(chosen),
        "levels": [dict(level) for level in LEVELS],
        "items": [{"name": item} for item in items],  # no counts: the forms are summed
        "actions": [
            {
                "item": "绿化管理",
                "action": "冬季补种草坪，增设绿化养护公示牌",
                "owner": owner,
                "due": date(start.year + 1, 1, 15).isoformat(),
            }
        ],
    }
    demo.files[f"surveys/{ident}.yaml"] = dump(survey)
