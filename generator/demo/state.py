"""What the demo's generators share: the size, one seeded Random and Faker (every draw
in a fixed order, so the same arguments give the same files), the files written so far,
and the team and customers the later record kinds refer to."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NotRequired, TypedDict

from faker import Faker

from generator.demo.policy import demo_policy


@dataclass(frozen=True)
class DemoSize:
    customers: int = 60
    visits: int = 600
    complaints: int = 30


class Staff(TypedDict):
    id: str
    name: str
    role: str
    area: NotRequired[str]
    active: bool
    phone: str
    git: NotRequired[dict[str, list[str]]]  # team.yaml's Git identities


class Contact(TypedDict):
    name: str
    title: str
    mobile: str
    role: str
    relation: str
    our_contact: str
    birthday: NotRequired[str]


class Customer(TypedDict):
    """The keys in the order the file has them; the later ones are set one by one."""

    id: str
    name: str
    kind: str
    grade: str
    stage: str
    lost_reason: NotRequired[str]
    industry: NotRequired[str]
    region: NotRequired[str]
    area: NotRequired[str]
    address: NotRequired[str]
    owner: NotRequired[str]
    chief: NotRequired[str]
    since: NotRequired[str]
    last_order: NotRequired[str]
    credit: NotRequired[dict[str, int]]
    contacts: NotRequired[list[Contact]]
    events: NotRequired[dict[str, str]]
    approvals: NotRequired[list[dict[str, str]]]
    documents: NotRequired[list[dict[str, str]]]
    tags: NotRequired[list[str]]


class Complaint(TypedDict):
    id: str
    customer: str
    summary: str
    received: str
    channel: str
    category: str
    severity: str
    first_responder: str
    special: NotRequired[bool]
    special_reason: NotRequired[str]
    registered: NotRequired[str]
    answered: NotRequired[str]
    resolved: NotRequired[str]
    feedback_sent: NotRequired[str]
    customer_feedback: NotRequired[str]
    resolution: NotRequired[str]


class Demo:
    def __init__(self, size: DemoSize, seed: int, end: date) -> None:
        self.size, self.end = size, end
        self.start = end - timedelta(days=364)
        self.policy = demo_policy(self.start)
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.files: dict[str, str] = {}
        self.staff: list[Staff] = []
        self.customers: list[Customer] = []

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
