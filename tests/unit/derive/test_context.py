"""derive/context.py: which customers a rule is for, whose contacts count, who an item is for."""

from __future__ import annotations

from builders import TEAM, context, customer, day, records, staff, visit

from generator.derive.context import applies_to, department_of
from generator.derive.items import Deadline, DueItem
from generator.model import Applies


def test_every_given_condition_must_hold_and_tags_need_any_one():
    a_local = customer(grade="A", region="local", tags=("重点", "水泥"))
    assert applies_to(Applies(), a_local)
    assert applies_to(Applies(grade=("A", "B"), region=("local",)), a_local)
    assert not applies_to(Applies(grade=("A",), region=("province",)), a_local)
    assert applies_to(Applies(tags=("水泥", "化工")), a_local)
    assert not applies_to(Applies(tags=("化工",)), a_local)
    assert not applies_to(Applies(stage=("loyal",)), customer(stage=None))  # a missing field


def test_whose_contacts_count_for_each_by():
    team = (
        *TEAM,
        staff("S05", area="一区"),
        staff("S06", area="二区"),
        staff("S07", role="manager", department="业务部"),
    )
    ctx = context(records(team=team), "2026-11-23")
    c = customer(owner="S01", area="一区")
    assert ctx.counting_staff("any", c) is None
    assert ctx.counting_staff("owner", c) == {"S01"}
    assert ctx.counting_staff("chief", c) == {"S01"}  # no chief: the owner
    assert ctx.counting_staff("chief", customer(chief="S03")) == {"S03"}
    assert ctx.counting_staff("area_agent", c) == {"S01", "S05"}
    assert ctx.counting_staff("supervisor", c) == {"S02"}
    assert ctx.counting_staff("department:业务部", c) == {"S07"}
    assert department_of("department:业务部") == "业务部" and department_of("owner") is None


def test_items_are_for_active_people_and_area_staff_first():
    team = (
        *TEAM,
        staff("S05", area="一区", active=False),
        staff("S06", role="supervisor", area="一区"),
    )
    ctx = context(records(team=team), "2026-11-23")
    c = customer(owner="S01", area="一区")
    assert ctx.responsible("area_agent", c) == ("S01",)  # S05 (inactive) gets nothing
    assert ctx.responsible("supervisor", c) == ("S06",)  # the area's supervisor, not S02
    assert ctx.responsible("manager", c) == ("S01",)  # nobody with the role: the owner
    assert ctx.responsible("chief", customer(chief="S03")) == ("S03",)


def test_team_leads_are_managers_else_directors_else_supervisors():
    assert context(records(), "2026-11-23").team_leads() == ("S03",)  # TEAM has no manager
    team = (*TEAM, staff("S07", role="manager"), staff("S08", role="manager", active=False))
    assert context(records(team=team), "2026-11-23").team_leads() == ("S07",)
    assert context(records(team=[staff("S01")]), "2026-11-23").team_leads() == ()


def test_contacts_are_the_visits_up_to_today_and_a_meeting_counts_for_each_customer():
    meeting = visit("2026-11-20", method="meeting", customers=("C0002",))
    later = visit("2026-11-24", method="onsite")
    recs = records(customers=[customer("C0001"), customer("C0002")], visits=[meeting, later])
    ctx = context(recs, "2026-11-23")
    assert [v.id for v in ctx.contacts_of("C0001").visits] == [meeting.id]
    assert [v.id for v in ctx.contacts_of("C0002").visits] == [meeting.id]
    assert ctx.contacts_of("C0009").visits == []
    c = recs.customers["C0001"]
    assert ctx.matching(c, ("meeting",), None, day("2026-11-20")) == [meeting]
    assert ctx.matching(c, ("meeting",), frozenset({"S02"}), day("2026-11-20")) == []
    assert ctx.matching(c, ("phone",), None, day("2026-11-20")) == []


def test_method_groups_and_lists():
    ctx = context(records(), "2026-11-23")
    assert ctx.methods("phone") == ("phone", "wechat", "sms")  # the schema's default group
    assert ctx.methods(("email", "onsite")) == ("email", "onsite")
    assert ctx.methods("email") == ("email",)  # not a group: the method itself


def test_done_items_are_kept_while_their_deadline_is_at_most_soon_days_ago():
    ctx = context(records(), "2026-11-23")

    def item(deadline, state="done"):
        return DueItem(
            kind="cadence",
            rule="r",
            label="r",
            customer="C0001",
            staff=("S01",),
            deadline=Deadline(day(deadline)),
            state=state,
        )

    assert ctx.keep(item("2026-11-16")) and not ctx.keep(item("2026-11-15"))  # 7 and 8 days ago
    assert ctx.keep(item("2020-01-01", state="overdue"))
