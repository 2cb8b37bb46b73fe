"""Every reference resolves: customers, staff (with the right role), complaints, grades."""

from __future__ import annotations

from datetime import date

from generator.checks.common import problem_at
from generator.codes import make_problem
from generator.problems import Problem, field_path
from generator.records import Records
from generator.schemas import enum_label

ROLE_PATH = ("staff", 0, "role")
CHIEF_ROLES = ("chief", "manager", "director")
REVIEWER_ROLES = ("supervisor", "chief", "manager", "director")
APPROVER_ROLES = ("manager", "director")


def staff_reference(
    records: Records,
    record: object,
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
    records: Records, kind: str, record: object, path: tuple, ident: str | None
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
        for i, approval in enumerate(c.approvals):
            problems += staff_reference(
                records, c, ("approvals", i, "by"), approval.by, APPROVER_ROLES
            )
    return problems


def visit_references(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for v in records.visits:
        problems += _unknown(records, "customer", v, ("customer",), v.customer)
        for i, member in enumerate(v.staff):
            problems += staff_reference(records, v, ("staff", i), member)
        problems += staff_reference(records, v, ("reviewed_by",), v.reviewed_by, REVIEWER_ROLES)
        problems += _unknown(records, "complaint", v, ("complaint",), v.complaint)
        complaint = records.complaints.get(v.complaint or "")
        if complaint and complaint.customer != v.customer:
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


CHECKS = (
    customer_references,
    visit_references,
    complaint_references,
    survey_references,
    policy_values,
)
