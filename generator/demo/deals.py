"""Deals in the demo: opportunities followed over a few visits (the 跟单总控表), some won,
two lost — each lost one with its 丢单报告 (records/lost/) — and the reasons the lost
customers left.

Decided from the visits already written, drawing nothing from the seeded Random, so every
other record stays as it was:

- The first lost organisation (C0025 in the shipped demo) did not renew its contract: its
  last two visits follow the renewal (已报价, then 丢单) and a report says why (price, to a
  competitor). The other lost customers give their `lost_reason` in their own file
  (customers.py: `LEFT_FOR`).
- Grade A and B organisations that have not left open an opportunity at their latest visit
  in the demo's last 150 days whose purpose was new business, research or promotion and
  that met its objective; their next two visits move it on (线索 → 已确认 → 已报价). Every
  third one is won on its last visit; the first grade-B customer (by id) with three such
  visits loses it on the third (an extra service, to a competitor), with a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.demo.files import dump, parse
from generator.demo.state import Customer, Demo

RECENT_DAYS = 150  # opportunities opened in the demo's last months only
STEPS = ("lead", "qualified", "proposal")
NEXT_STEPS = {"lead": "提供服务方案和报价", "qualified": "约主管一起现场勘察后报价",
              "proposal": "跟进报价反馈，必要时调整方案"}  # fmt: skip
SERVICES = ("外墙清洗年度合同", "停车场引导与安保增岗", "办公区绿化改造", "中央空调清洗保养",
            "会议室及公共区域保洁外包", "门禁系统升级")  # fmt: skip
OPENING_PURPOSES = ("new_business", "market_research", "promotion")


@dataclass(frozen=True)
class Loss:
    """What a lost deal's report says, and what the visit that learnt of it came to."""

    reason: str
    competitor: str
    amount: int
    lessons: str
    body: str
    outcome: str
    opportunity: str


RENEWAL = Loss(
    opportunity="物业服务合同续签（明年起三年）",
    reason="price",
    competitor="城安物业服务有限公司",
    amount=360000,
    lessons="合同到期前三个月就启动续签，先摸清客户预算，再请主管一起拜访决策人。",
    body="## 丢单分析\n\n客户年中开始招标，对手的报价比我们低约一成，并承诺增加一名驻场保洁。"
    "我们的报价到开标前一周才定，没有机会再谈。客户对日常服务没有意见，输在价格和时机。",
    outcome="客户决定合同到期后改由其他物业公司服务，不再续签",
)
EXTRA = Loss(
    opportunity="外墙及玻璃幕墙清洗年度合同",
    reason="competitor",
    competitor="洁安清洁服务有限公司",
    amount=86000,
    lessons="增值服务报价要附上往年同类项目的做法和报价明细，并及时回访决策人。",
    body="## 丢单分析\n\n客户同时请了三家报价。对手是客户行政经理的老合作方，报价相近但先做了免费试洗；"
    "我们的方案交得晚，只和采购谈过，没见到决策人。",
    outcome="客户已选定其他公司承接，本次报价未中标",
)
WON = "客户确认签约，下月开始服务"


def write_deals(demo: Demo) -> None:
    """Opportunities on the visits written so far, and the lost-deal reports."""
    visits: dict[str, list[tuple[tuple, str, dict, str]]] = {}
    for path, text in demo.files.items():
        if path.startswith("visits/"):
            fields, body = parse(text)
            key = (fields["date"], fields.get("time", ""), path)
            visits.setdefault(fields["customer"], []).append((key, path, fields, body))
    for entries in visits.values():
        entries.sort(key=lambda entry: entry[0])
    changed: dict[str, tuple[dict, str]] = {}
    lost = next(
        (c for c in demo.customers if c["stage"] == "lost" and c["kind"] == "organisation"), None
    )
    if lost and len(visits.get(lost["id"], ())) >= 2:
        last_two = visits[lost["id"]][-2:]
        _follow(changed, last_two, RENEWAL.opportunity, ("proposal", "lost"))
        _lost_visit(changed, last_two[-1], RENEWAL.outcome)
        _report(demo, lost, last_two[-1][2], RENEWAL)
    recent = (demo.end - timedelta(days=RECENT_DAYS)).isoformat()
    followed = 0
    extra_lost = False
    for c in demo.customers:
        if c["kind"] != "organisation" or c["stage"] == "lost" or c["grade"][0] not in "AB":
            continue
        entries = visits.get(c["id"], [])
        starts = [i for i, (_, _, v, _) in enumerate(entries) if _opens(v) and v["date"] >= recent]
        if not starts:
            continue
        thread = entries[starts[-1] : starts[-1] + 3]
        service = SERVICES[followed % len(SERVICES)]
        statuses = list(STEPS[: len(thread)])
        if not extra_lost and c["grade"][0] == "B" and len(thread) == 3:
            extra_lost = True
            statuses[-1] = "lost"
            _follow(changed, thread, EXTRA.opportunity, tuple(statuses))
            _lost_visit(changed, thread[-1], EXTRA.outcome)
            _report(demo, c, thread[-1][2], EXTRA)
            continue
        if followed % 3 == 0 and len(thread) >= 2:
            statuses[-1] = "won"
        _follow(changed, thread, service, tuple(statuses))
        if statuses[-1] == "won":
            _, path, fields, body = thread[-1]
            fields["outcome"], fields["achieved"] = WON, True
        followed += 1
    for path, (fields, body) in changed.items():
        demo.files[path] = dump(fields, body)


def _opens(visit: dict) -> bool:
    """A visit that can open an opportunity: about new business, met its objective."""
    return visit["purpose"][0] in OPENING_PURPOSES and visit.get("achieved") is True


def _follow(changed: dict, thread: list, description: str, statuses: tuple[str, ...]) -> None:
    """Each visit of the thread gets its status; the first the description, the open ones
    their next step."""
    for index, ((_, path, fields, body), status) in enumerate(zip(thread, statuses, strict=True)):
        opportunity: dict[str, str] = {"status": status}
        if index == 0:
            opportunity["description"] = description
        if status in NEXT_STEPS:
            opportunity["next_step"] = NEXT_STEPS[status]
        fields["opportunity"] = opportunity
        changed[path] = (fields, body)


def _lost_visit(changed: dict, entry: tuple, outcome: str) -> None:
    _, path, fields, body = entry
    fields["outcome"], fields["achieved"] = outcome, False
    changed[path] = (fields, body)


def _report(demo: Demo, customer: Customer, visit: dict, deal: Loss) -> None:
    """The 丢单报告, dated the visit that learnt of it, filed by the customer's owner."""
    day = date.fromisoformat(visit["date"])
    fields = {
        "customer": customer["id"],
        "date": day.isoformat(),
        "staff": [customer["owner"]],
        "opportunity": deal.opportunity,
        "reason": deal.reason,
        "competitor": deal.competitor,
        "amount": deal.amount,
        "lessons": deal.lessons,
    }
    demo.files[f"lost/{day.year}/{day.isoformat()}-{customer['id']}.md"] = dump(fields, deal.body)
