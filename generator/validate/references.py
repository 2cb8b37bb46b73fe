"""Every reference resolves: customers, staff (with the right role), complaints, grades."""

from __future__ import annotations

from datetime import date

from generator.derive.context import department_of
from generator.model import Records, Sourced
from generator.problems import Problem, field_path
from generator.problems.catalogue import make_problem
from generator.validate.common import problem_at
from generator.vocabulary import enum_label

ROLE_PATH = ("staff", 0, "role")
CHIEF_ROLES = ("chief", "manager", "director")
REVIEWER_ROLES = ("supervisor", "chief", "manager", "director")


def role_labels(roles) -> tuple[str, str]:
    """(中文, English) of roles, joined: 营销总监/总经理 或 财务主管 / director or finance…"""
    labels = [enum_label("team", ROLE_PATH, r) for r in roles]
    return "或".join(zh for zh, _ in labels), " or ".join(en for _, en in labels)


def chain_labels(chain) -> tuple[str, str]:
    labels = [enum_label("team", ROLE_PATH, r) for r in chain]
    return " → ".join(zh for zh, _ in labels), " → ".join(en for _, en in labels)


def approval_runs(records: Records, customer, what: str):
    """Walk a customer's approvals of `what` (by date, then as listed) against the policy's
    rule for it. Yields (index, approval, event, detail): event "complete" when an approval
    completes the rule (one by an allowed role; or the last step of a chain), "out_of_order"
    when a chain's approver is not the step's role or already signed this round (detail: the
    expected role), and finally ("incomplete", the chain's missing roles) for an unfinished
    chain. Approvers unknown to the team or of a role the rule never allows are skipped
    (reported as ref.unknown_staff / ref.wrong_role)."""
    rule = records.policy.approvals.get(what)
    if rule is None:
        return
    listed = [(i, a) for i, a in enumerate(customer.approvals) if a.what == what]
    listed.sort(key=lambda pair: (pair[1].date, pair[0]))
    step, last = 0, None
    signed: set[str] = set()
    for index, approval in listed:
        member = records.staff.get(approval.by)
        if member is None or member.role not in rule.approver_roles:
            continue
        if not rule.chain:
            yield index, approval, "complete", None
            continue
        last = (index, approval)
        if member.role != rule.chain[step] or approval.by in signed:
            yield index, approval, "out_of_order", rule.chain[step]
            continue
        step, signed = step + 1, signed | {approval.by}
        if step == len(rule.chain):
            yield index, approval, "complete", None
            step, signed = 0, set()
    if rule.chain and step and last:
        yield last[0], last[1], "incomplete", rule.chain[step:]


def approved(records: Records, customer, what: str) -> bool:
    """Has `what` been approved as the policy's approvals say (roles, or the whole chain)?"""
    return any(event == "complete" for _, _, event, _ in approval_runs(records, customer, what))


def approval_problems(records: Records, customer) -> list[Problem]:
    """Each approval by a role the policy allows for its kind; chains in order and complete."""
    problems: list[Problem] = []
    approvals = records.policy.approvals
    for i, approval in enumerate(customer.approvals):
        rule = approvals.get(approval.what)
        if rule is None:
            problems.append(
                problem_at(
                    records,
                    "customer.unknown_approval",
                    customer,
                    ("approvals", i, "what"),
                    what=approval.what,
                    allowed=", ".join(approvals),
                )
            )
            continue
        problems += staff_reference(
            records, customer, ("approvals", i, "by"), approval.by, rule.approver_roles
        )
    for what in dict.fromkeys(a.what for a in customer.approvals):
        rule = approvals.get(what)
        if rule is None or not rule.chain:
            continue
        chain_zh, chain_en = chain_labels(rule.chain)
        for index, approval, event, detail in approval_runs(records, customer, what):
            if event == "out_of_order":
                member = records.staff[approval.by]
                again = member.role == detail
                expected_zh, expected_en = enum_label("team", ROLE_PATH, detail)
                role_zh, role_en = enum_label("team", ROLE_PATH, member.role)
                problems.append(
                    problem_at(
                        records,
                        "customer.approval_out_of_order",
                        customer,
                        ("approvals", index, "by"),
                        what=what,
                        chain_zh=chain_zh,
                        chain_en=chain_en,
                        expected_zh=expected_zh,
                        expected_en=expected_en,
                        ref=approval.by,
                        role_zh=role_zh,
                        role_en=role_en,
                        again_zh="，且已在这一轮批准过" if again else "",
                        again_en=" who has already approved this round" if again else "",
                    )
                )
            elif event == "incomplete":
                missing_zh, missing_en = chain_labels(detail)
                problems.append(
                    problem_at(
                        records,
                        "customer.approval_chain_incomplete",
                        customer,
                        ("approvals", index),
                        what=what,
                        chain_zh=chain_zh,
                        chain_en=chain_en,
                        missing_zh=missing_zh,
                        missing_en=missing_en,
                    )
                )
    return problems


def staff_reference(
    records: Records,
    record: Sourced,
    path: tuple,
    ident: str | None,
    roles: tuple[str, ...] = (),
    must_be_active: bool = False,
) -> list[Problem]:
    """Problems with one staff reference: unknown, wrong role, or no longer active."""
    if not ident:
        return []
    member = records.staff.get(ident)
    wrong_role = member is not None and roles and member.role not in roles
    inactive = member is not None and must_be_active and not member.active
    if member is not None and not wrong_role and not inactive:
        return []  # the common case: found without locating the field (100,000 visits)
    where, field = records.where(record, *path), field_path(path)
    if member is None:
        if records.exists("staff", ident):
            return []
        return [make_problem("ref.unknown_staff", where, field, ref=ident)]
    problems = []
    if wrong_role:
        problems.append(
            make_problem(
                "ref.wrong_role",
                where,
                field,
                ref=ident,
                roles_zh="、".join(enum_label("team", ROLE_PATH, r)[0] for r in roles),
                roles_en=" or ".join(enum_label("team", ROLE_PATH, r)[1] for r in roles),
                role_zh=enum_label("team", ROLE_PATH, member.role)[0],
                role_en=enum_label("team", ROLE_PATH, member.role)[1],
            )
        )
    if inactive:
        problems.append(make_problem("ref.inactive_staff", where, field, ref=ident))
    return problems


def _unknown(
    records: Records, kind: str, record: Sourced, path: tuple, ident: str | None
) -> list[Problem]:
    if not ident or records.exists(kind, ident):
        return []
    code = {"customer": "ref.unknown_customer", "complaint": "ref.unknown_complaint"}[kind]
    return [problem_at(records, code, record, path, ref=ident)]


def customer_references(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for c in records.customer_list:
        problems += staff_reference(
            records, c, ("owner",), c.owner, must_be_active=c.stage != "lost"
        )
        problems += staff_reference(records, c, ("chief",), c.chief, CHIEF_ROLES)
        for i, contact in enumerate(c.contacts):
            problems += staff_reference(
                records, c, ("contacts", i, "our_contact"), contact.our_contact
            )
        if records.policy_usable:
            problems += approval_problems(records, c)
    return problems


def visit_references(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    checked = any(v.checks for v in records.visits)  # the ids are gathered only when needed
    visit_ids = (
        {v.id for v in records.visits} | set(records.unreadable.get("visit", ()))
        if checked
        else set()
    )
    for v in records.visits:
        problems += _unknown(records, "customer", v, ("customer",), v.customer)
        for i, other in enumerate(v.customers):
            problems += _unknown(records, "customer", v, ("customers", i), other)
        for i, member in enumerate(v.staff):
            problems += staff_reference(records, v, ("staff", i), member)
        problems += staff_reference(records, v, ("reviewed_by",), v.reviewed_by, REVIEWER_ROLES)
        problems += _unknown(records, "complaint", v, ("complaint",), v.complaint)
        if v.checks and v.checks not in visit_ids:
            problems.append(problem_at(records, "ref.unknown_visit", v, ("checks",), ref=v.checks))
        complaint = records.complaints.get(v.complaint or "")
        if complaint and complaint.customer not in v.all_customers:
            problems.append(
                problem_at(
                    records,
                    "ref.complaint_customer_mismatch",
                    v,
                    ("complaint",),
                    ref=v.complaint,
                    other=complaint.customer,
                    customer=v.customer,
                )
            )
    return problems


def complaint_references(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for c in records.complaint_list:
        problems += _unknown(records, "customer", c, ("customer",), c.customer)
        problems += staff_reference(records, c, ("first_responder",), c.first_responder)
    return problems


def survey_references(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for s in records.survey_list:
        for i, action in enumerate(s.actions):
            problems += staff_reference(records, s, ("actions", i, "owner"), action.owner)
    return problems


def policy_values(records: Records, today: date) -> list[Problem]:
    """Grades and areas used by customers are the ones the policy defines."""
    if not records.policy_usable:
        return []
    grades = [g.id for g in records.policy.grades]
    areas = set(records.policy.areas)
    problems = []
    for c in records.customer_list:
        if c.grade and c.grade not in grades:
            problems.append(
                problem_at(
                    records,
                    "customer.unknown_grade",
                    c,
                    ("grade",),
                    grade=c.grade,
                    allowed=", ".join(grades),
                )
            )
        if areas and c.area and c.area not in areas:
            problems.append(problem_at(records, "customer.unknown_area", c, ("area",), area=c.area))
    return problems


def departments(records: Records, today: date) -> list[Problem]:
    """Staff departments, issues' departments and rules' `by: department:X` are among the
    policy's departments, when it lists them."""
    known = records.policy.departments
    if not records.policy_usable or not known:
        return []
    allowed = "、".join(known)
    problems = [
        make_problem(
            "ref.unknown_department",
            member.source,
            f"staff[{index}].department",
            department=member.department,
            allowed=allowed,
        )
        for index, member in enumerate(records.staff_list)
        if member.department and member.department not in known
    ]
    found: list[tuple[Sourced, tuple, str]] = []
    for v in records.visits:
        for i, issue in enumerate(v.issues):
            if issue.department:
                found.append((v, ("issues", i, "department"), issue.department))
    for section in ("cadence", "events", "inactivity"):
        for index, rule in enumerate(getattr(records.policy, section)):
            for key in ("by", "lapse_by"):
                name = department_of(getattr(rule, key, None) or "")
                if name:
                    found.append((records.policy, (section, index, key), name))
    return problems + [
        problem_at(
            records, "ref.unknown_department", record, path, department=name, allowed=allowed
        )
        for record, path, name in found
        if name not in known
    ]


CHECKS = (
    departments,
    customer_references,
    visit_references,
    complaint_references,
    survey_references,
    policy_values,
)
