"""Customers: organisations and households by grade, each with an owner among the active
agents, contacts, and for new cooperating customers a contract and its documents."""

from __future__ import annotations

from datetime import date, timedelta

from generator.demo import texts
from generator.demo.files import dump
from generator.demo.state import Contact, Customer, Demo

LEFT_FOR = "moved"  # why the lost customers without a lost-deal report left (搬迁/停业)
GRADE_SHARE = {"A1": 0.05, "A2": 0.05, "B1": 0.10, "B2": 0.15, "C": 0.35, "D": 0.30}


def write_customers(demo: Demo) -> None:
    rng, fake = demo.rng, demo.fake
    grades = list(GRADE_SHARE)
    weights = list(GRADE_SHARE.values())
    agents = [s for s in demo.staff if s["role"] == "agent" and s["active"]]
    chief = next(s["id"] for s in demo.staff if s["role"] == "chief")
    director = next(s["id"] for s in demo.staff if s["role"] == "director")
    for n in range(1, demo.size.customers + 1):
        grade = rng.choices(grades, weights)[0] if n > 3 else ("A1", "A2", "B1")[n - 1]
        individual = grade in ("C", "D") and rng.random() < 0.6
        owner = rng.choice(agents)
        c: Customer = {
            "id": f"C{n:04d}",
            "name": fake.name() if individual else fake.company(),
            "kind": "individual" if individual else "organisation",
            "grade": grade,
            "stage": rng.choices(("potential", "new", "loyal", "lost"), (1, 1, 7, 1))[0],
        }
        if c["stage"] == "lost" and n != 1 and (individual or _reported(demo)):
            c["lost_reason"] = LEFT_FOR  # the first lost organisation has a report (deals.py)
        if not individual:
            c["industry"] = rng.choice(texts.INDUSTRIES)
        c["region"] = rng.choices(("local", "province", "other"), (7, 2, 1))[0]
        c["area"] = owner["area"]
        c["address"] = fake.address()
        c["owner"] = owner["id"]
        if grade.startswith("A"):
            c["chief"] = chief
        c["since"] = demo.day_between(date(2019, 1, 1), demo.start).isoformat()
        if not individual:
            c["last_order"] = demo.day_between(demo.end - timedelta(days=60), demo.end).isoformat()
            c["credit"] = {
                "limit": rng.choice((50000, 100000, 200000)),
                "term_days": rng.choice((30, 45, 60)),
            }
        c["contacts"] = _contacts(demo, individual, owner["id"])
        if n == 1 or (c["stage"] == "new" and not individual):
            _new_customer_file(demo, c, n, director)
            if "last_order" in c:  # no order before the contract
                c["last_order"] = max(c["last_order"], c["since"])
        if grade.startswith("A"):
            c["tags"] = ["重点客户"]
        demo.customers.append(c)
        body = rng.choice(texts.CUSTOMER_NOTES[3:] if individual else texts.CUSTOMER_NOTES[:3])
        demo.files[f"customers/{c['id']}.md"] = dump(c, body)


def _reported(demo: Demo) -> bool:
    """Has an earlier lost organisation been written? (Only the first gets a report.)"""
    return any(o["stage"] == "lost" and o["kind"] == "organisation" for o in demo.customers)


def _contacts(demo: Demo, individual: bool, owner: str) -> list[Contact]:
    rng = demo.rng
    if individual:
        return [
            {
                "name": demo.fake.name(),
                "title": "业主",
                "mobile": demo.mobile(),
                "role": "decision_maker",
                "relation": "positive",
                "our_contact": owner,
            }
        ]
    people = []
    for index in range(rng.randint(1, 3)):
        person: Contact = {
            "name": demo.fake.name(),
            "title": rng.choice(texts.TITLES),
            "mobile": demo.mobile(),
            "role": ("decision_maker", "influencer", "user", "finance")[index % 4],
            "relation": rng.choices(("positive", "neutral", "negative", "none"), (5, 3, 1, 1))[0],
            "our_contact": owner,
        }
        if rng.random() < 0.5:
            person["birthday"] = demo.day_between(date(1965, 1, 1), date(1995, 12, 31)).strftime(
                "%m-%d"
            )
        people.append(person)
    return people


def _new_customer_file(demo: Demo, c: Customer, n: int, director: str) -> None:
    """New cooperating customers: a contract date and their documents (C0001 deliberately short)."""
    rng = demo.rng
    required = demo.policy.required_documents
    contract = demo.end - timedelta(days=18 if n == 1 else rng.randint(10, 120))
    c["stage"] = "new"
    c["since"] = contract.isoformat()
    c["events"] = {"contract": contract.isoformat()}
    have = required if n != 1 else required[:4]
    if n != 1 and rng.random() < 0.3:
        have = required[:-1]
        c["approvals"] = [
            {
                "what": "documents",
                "by": director,
                "date": (contract + timedelta(days=1)).isoformat(),
            }
        ]
    c["documents"] = [
        {"name": name, "received": (contract + timedelta(days=rng.randint(0, 2))).isoformat()}
        for name in have
    ]
