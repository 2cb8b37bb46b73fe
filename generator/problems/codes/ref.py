"""References between records: customers, staff, complaints, visits, departments."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class RefUnknownCustomer(ProblemKind):
    code = "ref.unknown_customer"
    title = "引用的客户不存在"
    severity = "error"
    zh = "字段 {field} 引用的客户 {ref} 不存在。请检查编号，或先建立该客户档案。"
    en = (
        "the field {field} refers to the customer {ref}, which does not exist. Check the id "
        "or create the customer first."
    )
    field: str | None = None  # the label of the field; None: the path
    ref: str


@dataclass(frozen=True, kw_only=True)
class RefUnknownStaff(ProblemKind):
    code = "ref.unknown_staff"
    title = "引用的员工不存在"
    severity = "error"
    zh = "字段 {field} 引用的员工 {ref} 不在 team.yaml 中。请检查编号，或把此人加入 team.yaml。"
    en = (
        "the field {field} refers to the staff member {ref}, who is not in team.yaml. Check "
        "the id or add the person to team.yaml."
    )
    field: str | None = None  # the label of the field; None: the path
    ref: str


@dataclass(frozen=True, kw_only=True)
class RefUnknownComplaint(ProblemKind):
    code = "ref.unknown_complaint"
    title = "引用的投诉不存在"
    severity = "error"
    zh = "字段 {field} 引用的投诉 {ref} 不存在。请检查投诉编号。"
    en = "the field {field} refers to the complaint {ref}, which does not exist. Check the id."
    field: str | None = None  # the label of the field; None: the path
    ref: str


@dataclass(frozen=True, kw_only=True)
class RefWrongRole(ProblemKind):
    code = "ref.wrong_role"
    title = "员工角色不符"
    severity = "error"
    zh = (
        "字段 {field} 需要角色为 {roles_zh} 的员工，但 {ref} 的角色是 {role_zh}。"
        "请换一位合适的员工，或更正 team.yaml 中的角色。"
    )
    en = (
        "the field {field} needs a staff member with the role {roles_en}, but {ref} is "
        "{role_en}. Choose someone else or correct the role in team.yaml."
    )
    field: str | None = None  # the label of the field; None: the path
    roles_zh: str
    ref: str
    role_zh: str
    roles_en: str
    role_en: str


@dataclass(frozen=True, kw_only=True)
class RefInactiveStaff(ProblemKind):
    code = "ref.inactive_staff"
    title = "指向已停用的员工"
    severity = "warning"
    zh = "字段 {field} 指向已停用的员工 {ref}。请把工作交接给在职员工。"
    en = (
        "the field {field} names {ref}, who is no longer active. Hand the work over to an "
        "active staff member."
    )
    field: str | None = None  # the label of the field; None: the path
    ref: str


@dataclass(frozen=True, kw_only=True)
class RefComplaintCustomerMismatch(ProblemKind):
    code = "ref.complaint_customer_mismatch"
    title = "关联投诉属于其他客户"
    severity = "error"
    zh = "回访关联的投诉 {ref} 属于客户 {other}，而不是本次回访的客户 {customer}。请检查编号。"
    en = (
        "the complaint {ref} belongs to the customer {other}, not to this visit's customer "
        "{customer}. Check the ids."
    )
    ref: str
    other: str
    customer: str


@dataclass(frozen=True, kw_only=True)
class RefUnknownVisit(ProblemKind):
    code = "ref.unknown_visit"
    title = "抽查的回访不存在"
    severity = "error"
    zh = "抽查的回访 {ref} 不存在。checks 填被抽查回访的编号（visits/ 下的文件名，不含 .md）。"
    en = (
        "the checked visit {ref} does not exist. checks takes the id of the visit checked (its "
        "file name under visits/, without .md)."
    )
    ref: str


@dataclass(frozen=True, kw_only=True)
class RefUnknownDepartment(ProblemKind):
    code = "ref.unknown_department"
    title = "部门未定义"
    severity = "warning"
    zh = (
        "部门 {department} 没有在 policy.yaml 的 departments 中定义。可选：{allowed}。"
        "请检查拼写或把它加入 policy.yaml。"
    )
    en = (
        "the department {department} is not listed under departments in policy.yaml. "
        "Allowed: {allowed}. Check the spelling or add it to policy.yaml."
    )
    department: str
    allowed: str
