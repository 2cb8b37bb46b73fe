"""The example policies in docs/policies/ load cleanly and compute the due items they promise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, agenda_for, check_json, customer_file, open_items, rules_tree, visit_file

POLICIES = ROOT / "docs" / "policies"


def load(name: str) -> str:
    return (POLICIES / f"{name}.yaml").read_text(encoding="utf-8")


def summary(agenda) -> set[tuple]:
    """{(rule, customer, state, deadline)} of the open items."""
    return {(i.rule, i.customer, i.state, i.deadline.day.isoformat()) for i in open_items(agenda)}


@pytest.mark.parametrize("path", sorted(POLICIES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_policy_checks_clean(tree, path: Path):
    root = rules_tree(tree, path.read_text(encoding="utf-8"), {"C0001": customer_file()})
    _, payload = check_json(root)
    policy_problems = [p for p in payload["problems"] if p["file"].endswith("policy.yaml")]
    assert policy_problems == []


def test_the_six_seed_company_types_each_have_an_example():
    assert {p.stem for p in POLICIES.glob("*.yaml")} == {
        "large_accounts",
        "property_management",
        "software_vendor",
        "car_repair",
        "real_estate",
        "chemical_distributor",
    }


def test_large_accounts(tree):
    customer = customer_file(grade="A1", chief="S03", region="local", since="2026-11-16")
    visits = [visit_file("2026-11-23")]
    agenda = agenda_for(rules_tree(tree, load("large_accounts"), {"C0001": customer}, visits))
    assert summary(agenda) == {
        # the week of 11-16 had no call, but today's call ends that: only this week is due
        ("a1_phone", "C0001", "due_soon", "2026-11-29"),  # 1 of 2 this week
        ("a1_onsite", "C0001", "due_soon", "2026-11-30"),
        ("head_onsite", "C0001", "due_soon", "2026-11-30"),
        ("chief_monthly", "C0001", "due_soon", "2026-11-30"),
        ("local_monthly", "C0001", "due_soon", "2026-11-30"),
    }
    staff = {i.rule: i.staff for i in open_items(agenda)}
    assert staff["head_onsite"] == ("S04",) and staff["chief_monthly"] == ("S03",)


def test_property_management(tree):
    household = customer_file(
        kind="individual", name="张三", grade="D", tags=["楼长"], since="2026-11-01"
    )
    visits = [
        visit_file("2026-11-05", staff=["S05"]),  # the area's assistant, this month
        visit_file("2026-11-20", "onsite", kind="repair"),
    ]
    agenda = agenda_for(rules_tree(tree, load("property_management"), {"C0001": household}, visits))
    assert summary(agenda) == {
        ("supervisor_onsite", "C0001", "upcoming", "2026-12-31"),
        ("building_leaders", "C0001", "upcoming", "2026-12-31"),
        ("repair_callback", "C0001", "due_today", "2026-11-23"),
        # the one repair record of Q4: ceil(20% × 1) = 1 drawn, for the head by the quarter's end
        ("repair_check", "C0001", "upcoming", "2026-12-31"),
    }
    staff = {i.rule: i.staff for i in open_items(agenda)}
    assert staff["repair_check"] == ("S04",)  # the manager (中心主任)
    assert {staff["supervisor_onsite"], staff["building_leaders"]} == {("S02",)}


def test_software_vendor(tree):
    customer = customer_file(
        grade="A",
        events={
            "installed": "2026-01-10",
            "accepted": "2026-01-10",
            "warranty_until": "2026-12-31",
        },
    )
    visits = [
        visit_file("2026-02-01"),
        visit_file("2026-05-10"),
        visit_file("2026-08-01", "onsite"),
    ]
    agenda = agenda_for(rules_tree(tree, load("software_vendor"), {"C0001": customer}, visits))
    assert summary(agenda) == {
        ("install_call", "C0001", "overdue", "2026-09-30"),  # no call in Q3
        ("install_call", "C0001", "upcoming", "2026-12-31"),
        ("very_large_onsite", "C0001", "upcoming", "2026-12-31"),
    }


def test_car_repair(tree):
    customer = customer_file(grade="C", kind="individual", events={"registered": "2026-11-20"})
    visits = [
        visit_file("2026-11-10", "onsite", kind="repair"),
        visit_file("2026-11-12"),
        visit_file("2026-11-15", "onsite", kind="maintenance"),
    ]
    agenda = agenda_for(rules_tree(tree, load("car_repair"), {"C0001": customer}, visits))
    assert summary(agenda) == {
        ("warranty_call", "C0001", "due_soon", "2026-11-25"),
        ("registration_call", "C0001", "due_soon", "2026-11-30"),
    }
    done = {i.rule for i in agenda.items if i.state == "done"}
    assert done == {"repair_call"}


def test_real_estate(tree):
    customers = {
        "C0001": customer_file(grade="A", kind="individual", events={"enquiry": "2026-11-22"}),
        "C0002": customer_file("C0002", grade="C", kind="individual", since="2026-11-01"),
    }
    visits = [visit_file("2026-11-22")]
    agenda = agenda_for(rules_tree(tree, load("real_estate"), customers, visits))
    assert summary(agenda) == {
        ("enquiry_again", "C0001", "due_soon", "2026-11-25"),
        ("key_prospects", "C0001", "due_soon", "2026-11-25"),
        ("c_weekly", "C0002", "overdue", "2026-11-08"),
        ("c_weekly", "C0002", "due_soon", "2026-11-29"),
    }
    (missed,) = [i for i in open_items(agenda) if i.missed]
    assert len(missed.missed) == 3  # the weeks of 11-02, 11-09 and 11-16


def test_chemical_distributor(tree):
    customers = {
        "C0001": customer_file(last_order="2026-11-01", since="2026-11-01"),
        "C0002": customer_file("C0002", grade="B", last_order="2026-08-01"),
        "C0003": customer_file("C0003", grade="B", owes_money=True),
    }
    visits = [visit_file("2026-09-01", customer="C0002")]
    agenda = agenda_for(rules_tree(tree, load("chemical_distributor"), customers, visits))
    assert summary(agenda) == {
        ("no_order_week", "C0001", "overdue", "2026-11-16"),
        ("important_monthly", "C0001", "due_soon", "2026-11-30"),
        ("no_cooperation_month", "C0002", "overdue", "2026-09-30"),  # Sept 1 of 2, Oct 0
        ("no_cooperation_month", "C0002", "due_soon", "2026-11-30"),
        ("service_takeover", "C0002", "overdue", "2026-11-08"),
        ("no_order_week", "C0003", "overdue", "2026-01-16"),  # never ordered: lapse from 01-09
        ("no_cooperation_month", "C0003", "overdue", "2026-02-28"),
        ("no_cooperation_month", "C0003", "due_soon", "2026-11-30"),
    }
    takeover = next(i for i in open_items(agenda) if i.rule == "service_takeover")
    assert takeover.staff == ("S02",)
    assert date(2026, 11, 1) == takeover.window.start


def test_chemical_distributor_calls_within_a_week_of_every_sale(tree):
    orders = [{"date": "2026-11-10", "amount": 8000}, {"date": "2026-11-18"}]
    customers = {"C0001": customer_file(last_order="2026-11-18", orders=orders)}
    visits = [visit_file("2026-11-12")]  # after the sale of 11-10, none after 11-18
    agenda = agenda_for(rules_tree(tree, load("chemical_distributor"), customers, visits))
    after_sale = {
        (i.state, i.deadline.day.isoformat()) for i in agenda.items if i.rule == "after_sale"
    }
    assert after_sale == {("done", "2026-11-17"), ("due_soon", "2026-11-25")}
