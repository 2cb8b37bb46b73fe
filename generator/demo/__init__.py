"""A deterministic demo data set: one fictional property-services company.

`write_demo(out, size, seed, end)` writes team.yaml, policy.yaml, customers,
visits, complaints and surveys. The same arguments always give the same files
(seeded Faker and Random, dates counted back from `end`, never the clock), so
the shipped demo and the large benchmark sets come from the same code.

The demo checks clean apart from a few warnings it shows on purpose (see
DELIBERATE_WARNINGS); tests hold it to that.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml
from faker import Faker

from generator.demo import texts
from generator.vocabulary import enum_label

# The warnings the shipped demo shows on purpose, as of 2026-11-23.
DELIBERATE_WARNINGS = (
    "complaint.no_feedback",
    "customer.documents_incomplete",
    "visit.issue_not_forwarded",
    "visit.unreviewed",
)

GRADES = (
    ("A1", "大客户一级"),
    ("A2", "大客户二级"),
    ("B1", "重要客户一级"),
    ("B2", "重要客户二级"),
    ("C", "普通客户"),
    ("D", "一般业主"),
)
GRADE_SHARE = {"A1": 0.05, "A2": 0.05, "B1": 0.10, "B2": 0.15, "C": 0.35, "D": 0.30}
VISIT_WEIGHT = {"A1": 16, "A2": 10, "B1": 5, "B2": 4, "C": 2, "D": 0.7}
DEMO_END = date(2026, 11, 20)  # fixed, so the shipped demo never depends on the clock
REQUIRED_DOCUMENTS = ("客户信息登记", "送货申请表", "营业执照", "担保书", "购销合同", "开票资料")


@dataclass(frozen=True)
class DemoSize:
    customers: int = 60
    visits: int = 600
    complaints: int = 30


def _dump(fields: dict, body: str | None = None) -> str:
    """A record file: YAML (quoted dates and phones, as the reader expects) plus a body."""
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    if body is None:
        return text
    return f"---\n{text}---\n{body.rstrip()}\n"


class _Demo:
    def __init__(self, size: DemoSize, seed: int, end: date) -> None:
        self.size, self.end = size, end
        self.start = end - timedelta(days=364)
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.files: dict[str, str] = {}

    # --- helpers ----------------------------------------------------------------------
    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def mobile(self) -> str:
        return f"1{self.rng.choice('3456789')}{self.rng.randint(0, 999999999):09d}"

    def at(self, day: date, hour_from: int = 9, hour_to: int = 17) -> datetime:
        return datetime(
            day.year,
            day.month,
            day.day,
            self.rng.randint(hour_from, hour_to),
            self.rng.choice((0, 10, 20, 30, 40, 50)),
        )

    @staticmethod
    def stamp(moment: datetime) -> str:
        return moment.strftime("%Y-%m-%d %H:%M")

    # --- team and policy --------------------------------------------------------------
    def team(self) -> list[dict]:
        roles = [
            ("director", None),
            ("manager", None),
            ("chief", None),
            ("supervisor", None),
            ("agent", "一区"),
            ("agent", "二区"),
            ("agent", "三区"),
            ("agent", "一区"),
        ]
        staff = []
        for index, (role, area) in enumerate(roles, start=1):
            member = {"id": f"S{index:02d}", "name": self.fake.name(), "role": role}
            if area:
                member["area"] = area
            member["active"] = index != 8  # S08 left the company; their old visits remain
            member["phone"] = self.mobile()
            staff.append(member)
        self.staff = staff
        self.files["team.yaml"] = "# 团队名单 / the team\n" + _dump({"staff": staff})
        return staff

    def policy(self) -> None:
        policy = {
            "version": 1,
            "company": texts.COMPANY,
            "grades": [{"id": g, "label": label} for g, label in GRADES],
            "areas": list(texts.AREAS),
            "methods": {
                "phone": ["phone", "wechat", "sms"],
                "onsite": ["onsite", "meeting"],
                "any": ["phone", "onsite", "sms", "wechat", "email", "meeting"],
            },
            "cadence": [
                {
                    "name": "a1_phone",
                    "label": "A1 客户每月电话至少 4 次",
                    "applies": {"grade": ["A1"]},
                    "methods": "phone",
                    "period": "month",
                    "min": 4,
                    "by": "any",
                },
                {
                    "name": "a1_onsite",
                    "label": "A1 客户每月上门至少 1 次（首席客户经理）",
                    "applies": {"grade": ["A1"]},
                    "methods": "onsite",
                    "period": "month",
                    "min": 1,
                    "by": "chief",
                },
                {
                    "name": "a2_phone",
                    "label": "A2 客户每月电话至少 2 次",
                    "applies": {"grade": ["A2"]},
                    "methods": "phone",
                    "period": "month",
                    "min": 2,
                },
                {
                    "name": "b_monthly",
                    "label": "B 类客户每月至少联系 1 次",
                    "applies": {"grade": ["B1", "B2"]},
                    "methods": "any",
                    "period": "month",
                    "min": 1,
                    "by": "owner",
                },
                {
                    "name": "c_quarterly",
                    "label": "C 类客户每季度至少联系 1 次",
                    "applies": {"grade": ["C"]},
                    "methods": "any",
                    "period": "quarter",
                    "min": 1,
                },
                {
                    "name": "household_onsite",
                    "label": "业主每年至少上门 1 次（主管）",
                    "applies": {"kind": ["individual"]},
                    "methods": "onsite",
                    "period": "year",
                    "min": 1,
                    "by": "supervisor",
                },
            ],
            "events": [
                {
                    "name": "repair_callback",
                    "label": "报修后 10 天内回访",
                    "after": "visit.repair",
                    "within_days": 10,
                    "methods": "phone",
                },
                {
                    "name": "new_customer_call",
                    "label": "新客户签约后 7 天内首次回访",
                    "after": "events.contract",
                    "within_days": 7,
                    "methods": "any",
                    "then": {"period": "quarter", "min": 1},
                },
            ],
            "inactivity": [
                {
                    "name": "no_order_week",
                    "label": "超过一周未订货，一周内电话拜访",
                    "applies": {"kind": ["organisation"], "stage": ["loyal"]},
                    "no": "order",
                    "days": 7,
                    "within_days": 7,
                    "methods": "phone",
                    "except": ["owes_money"],
                },
                {
                    "name": "no_cooperation_month",
                    "label": "超过一个月未合作，每月至少联系 2 次",
                    "applies": {"kind": ["organisation"]},
                    "no": "order",
                    "days": 30,
                    "period": "month",
                    "min": 2,
                    "methods": "any",
                },
            ],
            "reminders": {
                "birthdays": {"days_before": 3},
                "festivals": [
                    {"name": "春节", "days_before": 7},
                    {"name": "中秋节", "days_before": 5},
                    {"name": "公司周年庆", "date": "06-18", "days_before": 7},
                ],
                "payment": {"days_before": 3},
                "archive_review": {"period": "quarter"},
            },
            "complaints": {
                "register_hours": 24,
                "answer_hours": 24,
                "resolve_working_days": 3,
                "resolve_working_days_special": 7,
                "feedback_hours": 24,
                "followup_visit_days": 7,
            },
            "visits": {
                "file_within_hours": 24,
                "issue_forward_minutes": 60,
                "issue_first_contact_hours": 24,
            },
            # The demo's visits begin at self.start: the team started using Huifang then.
            # the demo's Git history is the project's, not a team's: rules apply from `start`
            "due": {"soon_days": 7, "start": self.start.isoformat(), "from_history": False},
            "workload": {"weekly_contacts": 18},
            "surveys": {
                "every_months": 6,
                "return_rate_target": 0.8,
                "distribution_rate_target": 1.0,
                "min_sample": 10,
                "items": list(texts.SURVEY_ITEMS),
            },
            "calendar": {
                "extra_holidays": [{"date": "2026-06-18", "name": "公司周年庆"}],
                "extra_workdays": [],
            },
            "completeness": {
                "customer_documents": {
                    "severity": "warning",
                    "days": 3,
                    "required": list(REQUIRED_DOCUMENTS),
                    "approval": "documents",
                },
                "customer_contacts": {"severity": "warning"},
                "complaint_feedback": {"severity": "warning"},
                "complaint_resolution": {"severity": "warning"},
                "complaint_special_reason": {"severity": "error"},
                "visit_issue_forwarded": {"severity": "warning"},
                "visit_review": {"severity": "warning", "days": 7},
                "visit_outcome": {"severity": "off"},
                "visit_record": {"severity": "warning"},
            },
        }
        header = "# 本团队的规则：改这里的数字即可，不需要改程序 / the team's rules\n"
        self.files["policy.yaml"] = header + _dump(policy)

    # --- customers --------------------------------------------------------------------
    def customers(self) -> list[dict]:
        grades = list(GRADE_SHARE)
        weights = list(GRADE_SHARE.values())
        agents = [s for s in self.staff if s["role"] == "agent" and s["active"]]
        chief = next(s["id"] for s in self.staff if s["role"] == "chief")
        director = next(s["id"] for s in self.staff if s["role"] == "director")
        out = []
        for n in range(1, self.size.customers + 1):
            grade = self.rng.choices(grades, weights)[0] if n > 3 else ("A1", "A2", "B1")[n - 1]
            individual = grade in ("C", "D") and self.rng.random() < 0.6
            owner = self.rng.choice(agents)
            c = {
                "id": f"C{n:04d}",
                "name": self.fake.name() if individual else self.fake.company(),
                "kind": "individual" if individual else "organisation",
                "grade": grade,
                "stage": self.rng.choices(("potential", "new", "loyal", "lost"), (1, 1, 7, 1))[0],
            }
            if not individual:
                c["industry"] = self.rng.choice(texts.INDUSTRIES)
            c["region"] = self.rng.choices(("local", "province", "other"), (7, 2, 1))[0]
            c["area"] = owner["area"]
            c["address"] = self.fake.address()
            c["owner"] = owner["id"]
            if grade.startswith("A"):
                c["chief"] = chief
            c["since"] = self.day_between(date(2019, 1, 1), self.start).isoformat()
            if not individual:
                c["last_order"] = self.day_between(
                    self.end - timedelta(days=60), self.end
                ).isoformat()
                c["credit"] = {
                    "limit": self.rng.choice((50000, 100000, 200000)),
                    "term_days": self.rng.choice((30, 45, 60)),
                }
            c["contacts"] = self.contacts(individual, owner["id"])
            if n == 1 or (c["stage"] == "new" and not individual):
                self.new_customer_file(c, n, director)
            if grade.startswith("A"):
                c["tags"] = ["重点客户"]
            out.append(c)
            body = self.rng.choice(
                texts.CUSTOMER_NOTES[3:] if individual else texts.CUSTOMER_NOTES[:3]
            )
            self.files[f"customers/{c['id']}.md"] = _dump(c, body)
        self.customer_data = out
        return out

    def contacts(self, individual: bool, owner: str) -> list[dict]:
        if individual:
            return [
                {
                    "name": self.fake.name(),
                    "title": "业主",
                    "mobile": self.mobile(),
                    "role": "decision_maker",
                    "relation": "positive",
                    "our_contact": owner,
                }
            ]
        people = []
        for index in range(self.rng.randint(1, 3)):
            person = {
                "name": self.fake.name(),
                "title": self.rng.choice(texts.TITLES),
                "mobile": self.mobile(),
                "role": ("decision_maker", "influencer", "user", "finance")[index % 4],
                "relation": self.rng.choices(
                    ("positive", "neutral", "negative", "none"), (5, 3, 1, 1)
                )[0],
                "our_contact": owner,
            }
            if self.rng.random() < 0.5:
                person["birthday"] = self.day_between(
                    date(1965, 1, 1), date(1995, 12, 31)
                ).strftime("%m-%d")
            people.append(person)
        return people

    def new_customer_file(self, c: dict, n: int, director: str) -> None:
        """New cooperating customers: a contract date and their documents (C0001 deliberately short)."""
        contract = self.end - timedelta(days=18 if n == 1 else self.rng.randint(10, 120))
        c["stage"] = "new"
        c["since"] = contract.isoformat()
        c["events"] = {"contract": contract.isoformat()}
        have = REQUIRED_DOCUMENTS if n != 1 else REQUIRED_DOCUMENTS[:4]
        if n != 1 and self.rng.random() < 0.3:
            have = REQUIRED_DOCUMENTS[:-1]
            c["approvals"] = [
                {
                    "what": "documents",
                    "by": director,
                    "date": (contract + timedelta(days=1)).isoformat(),
                }
            ]
        c["documents"] = [
            {
                "name": name,
                "received": (contract + timedelta(days=self.rng.randint(0, 2))).isoformat(),
            }
            for name in have
        ]

    # --- visits -----------------------------------------------------------------------
    def visits(self, complaint_followups: list[tuple[dict, date]]) -> None:
        customers = self.customer_data
        weights = [
            VISIT_WEIGHT[c["grade"]] * (0.3 if c["stage"] == "lost" else 1) for c in customers
        ]
        supervisor = next(s["id"] for s in self.staff if s["role"] == "supervisor")
        left = next(s for s in self.staff if not s["active"])
        left_until = self.start + timedelta(days=120)
        plan = [
            (self.rng.choices(customers, weights)[0], None, None)
            for _ in range(max(0, self.size.visits - len(complaint_followups)))
        ]
        plan += [
            (next(c for c in customers if c["id"] == k["customer"]), k, day)
            for k, day in complaint_followups
        ]
        used: set[str] = set()
        for index, (c, complaint, day) in enumerate(plan):
            day = day or self.day_between(self.start, self.end)
            if day.weekday() == 6 and complaint is None:
                day -= timedelta(days=1)
            kind = "complaint" if complaint else self.visit_kind(c)
            method = (
                self.rng.choice(("phone", "onsite")) if complaint else self.visit_method(c, kind)
            )
            staff = [c["owner"]]
            if day <= left_until and c["area"] == left["area"] and self.rng.random() < 0.5:
                staff = [left["id"]]
            if method == "onsite" and c.get("chief") and self.rng.random() < 0.6:
                staff = [c["chief"], *staff]
            if method == "onsite" and c["kind"] == "individual" and self.rng.random() < 0.5:
                staff = [supervisor, *staff]
            v = {
                "customer": c["id"],
                "date": day.isoformat(),
                "time": f"{self.rng.randint(9, 17):02d}:{self.rng.choice((0, 15, 30, 45)):02d}",
                "method": method,
                "kind": kind,
            }
            purpose = self.rng.sample(sorted(texts.OBJECTIVES), k=self.rng.randint(1, 2))
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
            v["objective"] = self.rng.choice(texts.OBJECTIVES[purpose[0]])
            v["outcome"] = self.rng.choice(texts.OUTCOMES)
            v["achieved"] = self.rng.random() < 0.85
            v["satisfaction"] = self.rng.choices(
                ("satisfied", "neutral", "dissatisfied"), (8, 2, 1 if not complaint else 2)
            )[0]
            v["referral"] = v["satisfaction"] == "satisfied" and self.rng.random() < 0.6
            if complaint:
                v["complaint"] = complaint["id"]
            age = (self.end - day).days
            if (
                index == 7 or self.rng.random() < 0.12
            ):  # visit 7's issue is deliberately not forwarded
                v["issues"] = [self.issue(day, v["time"], forwarded=index != 7)]
            if self.rng.random() < 0.1:
                text = self.rng.choice(texts.COMMITMENTS)
                due = day + timedelta(days=self.rng.randint(3, 14))
                promise = {"text": text, "due": due.isoformat()}
                if due < self.end - timedelta(days=3):
                    promise["done"] = (due - timedelta(days=self.rng.randint(0, 2))).isoformat()
                v["commitments"] = [promise]
            if self.rng.random() < 0.15 and day + timedelta(days=7) > self.end - timedelta(days=20):
                v["next_contact"] = (day + timedelta(days=self.rng.randint(5, 20))).isoformat()
            # Supervisors sign off within a few days; the last week is not reviewed yet,
            # and two older visits were missed (deliberate warnings).
            if age > 5 and index not in (3, 11):
                v["reviewed_by"] = supervisor
                v["reviewed_on"] = min(
                    self.end, day + timedelta(days=self.rng.randint(1, 4))
                ).isoformat()
            body = self.conversation(method, kind, met)
            name = f"{day.isoformat()}-{c['id']}-{method}"
            stem, suffix = name, 2
            while stem in used:
                stem, suffix = f"{name}-{suffix}", suffix + 1
            used.add(stem)
            self.files[f"visits/{day.year}/{stem}.md"] = _dump(v, body)

    def visit_kind(self, c: dict) -> str:
        if c["kind"] == "individual":
            return self.rng.choices(("repair", "routine", "holiday", "survey"), (4, 3, 1, 1))[0]
        return self.rng.choices(
            ("routine", "after_sales", "maintenance", "holiday", "inactive", "survey"),
            (6, 2, 2, 1, 1, 1),
        )[0]

    def visit_method(self, c: dict, kind: str) -> str:
        if kind == "survey" and c["kind"] == "individual" and self.rng.random() < 0.3:
            return "meeting"
        onsite = 0.45 if c["grade"].startswith(("A", "B")) else 0.2
        return self.rng.choices(
            ("phone", "onsite", "wechat", "sms", "email"), (1 - onsite, onsite, 0.25, 0.05, 0.05)
        )[0]

    def issue(self, day: date, time: str, forwarded: bool) -> dict:
        text, department = self.rng.choice(texts.ISSUES)
        issue: dict = {"text": text, "needs_action": True}
        if forwarded:
            raised = datetime.fromisoformat(f"{day.isoformat()}T{time}")
            sent = raised + timedelta(minutes=self.rng.randint(10, 55))
            issue["department"] = department
            issue["sent_at"] = self.stamp(sent)
            first = sent + timedelta(hours=self.rng.randint(1, 20))
            if first.date() <= self.end:
                issue["first_contact_at"] = self.stamp(first)
        return issue

    def conversation(self, method: str, kind: str, met: dict | None) -> str:
        who = f"{met['name'][0]}{'先生' if self.rng.random() < 0.5 else '女士'}" if met else "客户"
        lines = [
            texts.OPENING[method].format(met=who, kind=enum_label("visit", ("kind",), kind)[0])
        ]
        lines += self.rng.sample(texts.TOPICS[kind], k=min(2, len(texts.TOPICS[kind])))
        lines.append(self.rng.choice(texts.CLOSING))
        return "## 会谈记录\n\n" + "\n\n".join(lines)

    # --- complaints -------------------------------------------------------------------
    def complaints(self) -> list[tuple[dict, date]]:
        followups = []
        responders = [
            s["id"] for s in self.staff if s["role"] in ("agent", "supervisor") and s["active"]
        ]
        national_day = date(self.end.year, 10, 1)
        days = sorted(
            self.day_between(self.start, self.end - timedelta(days=6))
            for _ in range(self.size.complaints)
        )
        if (
            self.size.complaints >= 10
            and self.start <= national_day - timedelta(days=2) <= self.end
        ):
            days[-8:-5] = [
                national_day - timedelta(days=2),
                national_day - timedelta(days=1),
                national_day + timedelta(days=3),
            ]
            days[-2:] = [self.end - timedelta(days=2), self.end - timedelta(days=1)]  # still open
            days.sort()
        for n, day in enumerate(days, start=1):
            c = self.rng.choice(self.customer_data)
            category = self.rng.choices(list(texts.COMPLAINTS), (3, 4, 2, 1, 1))[0]
            summary, detail = self.rng.choice(texts.COMPLAINTS[category])
            received = self.at(day)
            k = {
                "id": f"K{day.year}-{n:04d}",
                "customer": c["id"],
                "summary": summary,
                "received": self.stamp(received),
                "channel": self.rng.choices(
                    ("phone", "written", "verbal", "forwarded", "mailbox", "visit"),
                    (6, 1, 2, 1, 1, 1),
                )[0],
                "category": category,
                "severity": "major" if self.rng.random() < 0.2 else "minor",
                "first_responder": self.rng.choice(responders),
            }
            if n == 5:
                k["special"], k["special_reason"] = True, "需要厂家派技术人员到场鉴定"
            registered = received + timedelta(
                hours=self.rng.choice((0, 1, 2, 30 if n % 9 == 0 else 3))
            )
            k["registered"] = self.stamp(registered)
            open_case = day >= self.end - timedelta(days=3)
            if not open_case:
                answered = registered + timedelta(hours=self.rng.randint(1, 30))
                late = n % 6 == 0 or (
                    national_day - timedelta(days=3) <= day <= national_day + timedelta(days=7)
                )
                resolved = answered + timedelta(
                    days=self.rng.randint(4, 9) if late else self.rng.randint(0, 2), hours=3
                )
                feedback = (  # n == 4: deliberately missing
                    resolved + timedelta(hours=self.rng.randint(1, 20)) if n != 4 else None
                )
                customer_feedback = self.rng.choices(
                    ("satisfied", "neutral", "dissatisfied"), (6, 3, 1)
                )[0]
                resolution = self.rng.choice(texts.RESOLUTIONS)
                if answered.date() <= self.end:
                    k["answered"] = self.stamp(answered)
                # a late case received in the last days is still being handled: no future dates
                open_case = (feedback or resolved).date() > self.end
            if not open_case:
                k["resolved"] = self.stamp(resolved)
                if feedback:
                    k["feedback_sent"] = self.stamp(feedback)
                k["customer_feedback"] = customer_feedback
                k["resolution"] = resolution
                if resolved.date() + timedelta(days=3) <= self.end:
                    followups.append((k, resolved.date() + timedelta(days=self.rng.randint(1, 3))))
            body = f"## 投诉内容\n\n{detail}\n"
            if not open_case:
                body += f"\n## 处理经过\n\n{k['resolution']}\n"
            self.files[f"complaints/{day.year}/{k['id']}.md"] = _dump(k, body)
        return followups

    # --- surveys ----------------------------------------------------------------------
    def surveys(self) -> None:
        levels = [
            {"name": "满意", "satisfied": True},
            {"name": "基本满意", "satisfied": True},
            {"name": "不满意", "satisfied": False},
        ]
        owners = [s["id"] for s in self.staff if s["role"] in ("supervisor", "manager")]
        for start in (date(self.end.year - 1, 12, 1), date(self.end.year, 6, 1)):
            half = "H2" if start.month == 12 else "H1"
            year = start.year
            distributed = 400
            returned = self.rng.randint(300, 380)
            items = []
            for name in texts.SURVEY_ITEMS:
                low = 0.55 if name == "绿化管理" else 0.8
                satisfied = int(returned * self.rng.uniform(low, 0.97))
                basic = self.rng.randint(0, (returned - satisfied) // 2)
                unhappy = self.rng.randint(0, returned - satisfied - basic)
                items.append(
                    {
                        "name": name,
                        "counts": {"满意": satisfied - basic, "基本满意": basic, "不满意": unhappy},
                    }
                )
            actions = []
            for item, action in texts.SURVEY_ACTIONS:
                due = start + timedelta(days=self.rng.randint(45, 90))
                entry = {
                    "item": item,
                    "action": action,
                    "owner": self.rng.choice(owners),
                    "due": due.isoformat(),
                }
                if due < self.end:
                    entry["done"] = (due - timedelta(days=self.rng.randint(0, 10))).isoformat()
                actions.append(entry)
            survey = {
                "id": f"{year}{half}",
                "title": f"{year} 年{'下' if half == 'H2' else '上'}半年业主满意度调查",
                "period": {
                    "start": start.isoformat(),
                    "end": (start + timedelta(days=20)).isoformat(),
                },
                "audience": "全体业主及商户",
                "distributed": distributed,
                "returned": returned,
                "levels": levels,
                "items": items,
                "opinions": self.rng.sample(texts.SURVEY_OPINIONS, k=3),
                "actions": actions,
            }
            self.files[f"surveys/{survey['id']}.yaml"] = _dump(survey)


def generate(size: DemoSize, seed: int = 2026, end: date = DEMO_END) -> dict[str, str]:
    """The demo's files as {relative path: text}, in a fixed order."""
    demo = _Demo(size, seed, end)
    demo.team()
    demo.policy()
    demo.customers()
    followups = demo.complaints()
    demo.visits(followups)
    demo.surveys()
    return dict(sorted(demo.files.items()))


RECORD_FOLDERS = ("customers", "visits", "complaints", "surveys")


def write_demo(out: Path, size: DemoSize, seed: int = 2026, end: date = DEMO_END) -> int:
    """Write the demo into `out` (its record folders are replaced); returns the number of files."""
    files = generate(size, seed, end)
    out.mkdir(parents=True, exist_ok=True)
    for folder in RECORD_FOLDERS:
        shutil.rmtree(out / folder, ignore_errors=True)
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(files)
