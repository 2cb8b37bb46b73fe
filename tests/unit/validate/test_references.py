"""validate/references.py: every reference resolves, to staff of the right role, and approvals
follow the policy (domain.md §1: credit changes 营销总监 → 财务主管 → 总经理; an incomplete
file approved by 营销总监 or 总经理)."""

from __future__ import annotations

from builders import TEAM, codes, complaint, customer, day, policy, records, staff, survey, visit

from generator.model import Action, Approval, Contact, Issue
from generator.validate.references import (
    approved,
    complaint_references,
    customer_references,
    departments,
    policy_values,
    survey_references,
    visit_references,
)

TODAY = day("2026-11-23")
BOARD = (*TEAM, staff("S05", role="finance"), staff("S06", name="总经理", role="director"))


def _customers(*items, **given):
    return customer_references(records(customers=items, **given), TODAY)


def test_an_owner_must_be_on_the_team_and_active_unless_the_customer_is_lost():
    assert _customers(customer(owner="S01")) == []
    assert codes(_customers(customer(owner="S09"))) == ["ref.unknown_staff"]
    (found,) = _customers(customer(owner="S04"))  # 钱进 has left (active: false)
    assert found.code == "ref.inactive_staff" and found.path == "owner"
    assert _customers(customer(owner="S04", stage="lost")) == []


def test_a_chief_account_manager_must_hold_a_senior_role():
    # domain.md §1 chief 首席客户经理: an agent cannot be one
    assert _customers(customer(chief="S03")) == []
    assert codes(_customers(customer(chief="S01"))) == ["ref.wrong_role"]


def test_the_staff_member_holding_a_contact_relationship_must_exist():
    held = customer(contacts=(Contact(name="张伟", our_contact="S09"),))
    (found,) = _customers(held)
    assert found.path == "contacts[0].our_contact"


def test_without_a_readable_team_no_staff_reference_is_called_unknown():
    assert _customers(customer(owner="S09"), team_readable=False) == []


def _credit(*steps):
    return customer(
        approvals=tuple(
            Approval(what="credit", by=by, date=day(f"2026-11-0{n + 1}"))
            for n, by in enumerate(steps)
        )
    )


def test_a_credit_change_approved_in_the_chains_order_by_different_people():
    # 营销总监 (S03) → 财务主管 (S05) → 总经理 (S06, a second director)
    whole = _credit("S03", "S05", "S06")
    assert _customers(whole, team=BOARD) == []
    assert approved(records(customers=[whole], team=BOARD), whole, "credit")


def test_the_same_director_cannot_sign_twice_and_a_broken_off_chain_is_incomplete():
    twice = _credit("S03", "S05", "S03")
    found = _customers(twice, team=BOARD)
    assert codes(found) == ["customer.approval_out_of_order", "customer.approval_chain_incomplete"]
    assert not approved(records(customers=[twice], team=BOARD), twice, "credit")
    (found,) = _customers(_credit("S03", "S05"), team=BOARD)
    assert found.code == "customer.approval_chain_incomplete"


def test_finance_before_the_director_is_out_of_order():
    found = _customers(_credit("S05", "S03", "S05", "S06"), team=BOARD)
    assert codes(found)[0] == "customer.approval_out_of_order"
    assert found[0].path == "approvals[0].by"


def test_an_approval_of_a_kind_the_policy_does_not_know_or_by_a_wrong_role():
    odd = customer(approvals=(Approval(what="discount", by="S03", date=day("2026-11-02")),))
    assert codes(_customers(odd)) == ["customer.unknown_approval"]
    by_agent = customer(approvals=(Approval(what="documents", by="S01", date=day("2026-11-02")),))
    assert codes(_customers(by_agent)) == ["ref.wrong_role"]
    assert _customers(odd, policy_usable=False) == []  # approvals are not judged then


def test_a_visit_names_known_customers_staff_and_a_reviewer_of_supervisor_rank():
    assert visit_references(records(visits=[visit(reviewed_by="S02")]), TODAY) == []
    unknown = visit(customer="C0009", staff=("S09",), reviewed_by="S01")
    found = visit_references(records(visits=[unknown]), TODAY)
    assert codes(found) == ["ref.unknown_customer", "ref.unknown_staff", "ref.wrong_role"]


def test_a_customer_whose_file_cannot_be_read_is_not_unknown():
    unread = {"customer": frozenset({"C0009"})}
    recs = records(visits=[visit(customer="C0009")], unreadable=unread)
    assert visit_references(recs, TODAY) == []


def test_a_meeting_may_name_further_customers_each_of_which_must_exist():
    # domain.md §2 meeting 会议/楼长会: one contact with several households
    meeting = visit(method="meeting", customers=("C0002", "C0009"))
    recs = records(customers=[customer("C0001"), customer("C0002")], visits=[meeting])
    (found,) = visit_references(recs, TODAY)
    assert found.code == "ref.unknown_customer" and found.path == "customers[1]"


def test_a_complaint_visit_is_about_that_complaints_customer():
    other = complaint(customer="C0002")
    recs = records(
        customers=[customer("C0001"), customer("C0002")],
        visits=[visit(kind="complaint", complaint="K2026-0001")],
        complaints=[other],
    )
    assert codes(visit_references(recs, TODAY)) == ["ref.complaint_customer_mismatch"]
    assert codes(visit_references(records(visits=[visit(complaint="K2026-0009")]), TODAY)) == [
        "ref.unknown_complaint"
    ]


def test_a_check_call_names_an_existing_visit():
    checked = visit("2026-11-10", kind="repair")
    check = visit("2026-11-20", kind="check", checks=checked.id)
    assert visit_references(records(visits=[checked, check]), TODAY) == []
    stray = visit("2026-11-20", kind="check", checks="2026-11-01-C0001-onsite")
    assert codes(visit_references(records(visits=[stray]), TODAY)) == ["ref.unknown_visit"]


def test_complaints_and_survey_actions_name_known_people():
    found = complaint_references(records(complaints=[complaint(first_responder="S09")]), TODAY)
    assert codes(found) == ["ref.unknown_staff"] and found[0].path == "first_responder"
    action = Action(item="电梯", action="更换电梯", owner="S09", due=day("2026-12-31"))
    found = survey_references(records(surveys=[survey(actions=(action,))]), TODAY)
    assert [p.path for p in found] == ["actions[0].owner"]


def test_grades_and_areas_are_the_policys():
    # domain.md §1 grade A/B/C/D as the team defines them (A and B here)
    assert policy_values(records(customers=[customer(grade="B")]), TODAY) == []
    assert codes(policy_values(records(customers=[customer(grade="C")]), TODAY)) == [
        "customer.unknown_grade"
    ]
    with_areas = policy(areas=["一区", "二区"])
    assert codes(
        policy_values(records(customers=[customer(area="三区")], rules=with_areas), TODAY)
    ) == ["customer.unknown_area"]
    assert policy_values(records(customers=[customer(area="三区")]), TODAY) == []  # no areas listed


def test_departments_of_staff_issues_and_rules_are_the_policys_when_it_lists_them():
    rules = policy(
        departments=["客服部", "业务部"],
        cadence=[
            {
                "name": "m",
                "label": "每月",
                "methods": "any",
                "min": 1,
                "period": "month",
                "by": "department:销售部",
            }
        ],
    )
    team = (*TEAM, staff("S07", department="财务部"))
    issue = Issue(text="发票", needs_action=True, department="工程部")
    found = departments(records(team=team, visits=[visit(issues=(issue,))], rules=rules), TODAY)
    assert [p.path for p in found] == [
        "staff[4].department",
        "issues[0].department",
        "cadence[0].by",
    ]
    assert departments(records(team=team, visits=[visit(issues=(issue,))]), TODAY) == []
