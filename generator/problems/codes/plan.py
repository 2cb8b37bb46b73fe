"""Visit plans (拜访计划书, records/plans/<month>/<staff>.yaml): where they are, their
contacts' weeks and days, their approval, and (from Git) when they were filed and approved."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class PlanMisplaced(ProblemKind):
    code = "plan.misplaced"
    title = "计划书位置不对"
    severity = "warning"
    zh = (
        "拜访计划书应放在 {expected}：文件夹是计划月份（month: {month}），文件名是员工编号"
        "（staff: {staff}）。请把文件移到那里，或更正 month、staff。"
    )
    en = (
        "a visit plan belongs in {expected}: its folder is the month (month: {month}), its "
        "file name the staff id (staff: {staff}). Move the file there or correct month/staff."
    )
    expected: str
    month: str
    staff: str


@dataclass(frozen=True, kw_only=True)
class PlanDuplicate(ProblemKind):
    code = "plan.duplicate"
    title = "同一月份重复的计划书"
    severity = "error"
    zh = (
        "{staff} 的 {month} 拜访计划书已经有一份：{other}。每人每月只写一份，请把这份的计划"
        "拜访并入那份，再删掉这个文件。"
    )
    en = (
        "{staff} already has a visit plan for {month}: {other}. One plan per person and "
        "month: move these contacts into that one and delete this file."
    )
    staff: str
    month: str
    other: str


@dataclass(frozen=True, kw_only=True)
class PlanContactWhen(ProblemKind):
    code = "plan.contact_when"
    title = "计划拜访没有写周次或日期"
    severity = "error"
    zh = (
        "计划拜访要写周次（week，例如 2026-W49）或日期（date）二者之一，这一项{detail_zh}。"
        "请只留一个。"
    )
    en = (
        "a planned contact gives either a week (week, e.g. 2026-W49) or a date (date); this "
        "one {detail_en}. Keep exactly one."
    )
    detail_zh: str
    detail_en: str


@dataclass(frozen=True, kw_only=True)
class PlanBadWeek(ProblemKind):
    code = "plan.bad_week"
    title = "周次写法不对"
    severity = "error"
    zh = (
        "周次 {week} {reason_zh}。请写 ISO 周次（例如 2026-W49）或这一周星期一的日期"
        "（例如 '2026-11-30'）。"
    )
    en = (
        "the week {week} {reason_en}. Write an ISO week (e.g. 2026-W49) or the date of the "
        "week's Monday (e.g. '2026-11-30')."
    )
    week: str
    reason_zh: str
    reason_en: str


@dataclass(frozen=True, kw_only=True)
class PlanOutsideMonth(ProblemKind):
    code = "plan.outside_month"
    title = "计划拜访不在计划月份内"
    severity = "error"
    zh = (
        "计划拜访的 {when} 不在计划月份 {month} 内。请改成 {month} 里的日期或周次，"
        "或写进那个月的计划书。"
    )
    en = (
        "the planned contact's {when} is not in the plan's month {month}. Choose a day or "
        "week in {month}, or put it in that month's plan."
    )
    when: str
    month: str


@dataclass(frozen=True, kw_only=True)
class PlanSelfApproved(ProblemKind):
    code = "plan.self_approved"
    title = "计划书由本人审核"
    severity = "error"
    zh = (
        "审核人 {ref} 就是制订这份计划的本人。计划书要呈主管或经理审核，请换一位审核人"
        "（policy.yaml 的 plans.approver_roles 中的角色）。"
    )
    en = (
        "the approver {ref} is the person whose plan it is. A plan is approved by a "
        "supervisor or manager: name another approver (a role in plans.approver_roles)."
    )
    ref: str


@dataclass(frozen=True, kw_only=True)
class PlanOtherDepartment(ProblemKind):
    code = "plan.other_department"
    title = "审核人不是本部门的主管"
    severity = "warning"
    zh = (
        "审核人 {ref} 在 {approver_department}，{staff} 在 {department}。计划书应由本部门的主管"
        "或经理审核（总监不限部门）；请换一位审核人，或更正 team.yaml 中的部门。"
    )
    en = (
        "the approver {ref} is in {approver_department}, {staff} in {department}. A plan is "
        "approved by a supervisor or manager of the person's own department (a director by "
        "anyone): name another approver or correct the departments in team.yaml."
    )
    ref: str
    approver_department: str
    staff: str
    department: str


@dataclass(frozen=True, kw_only=True)
class PlanApprovalIncomplete(ProblemKind):
    code = "plan.approval_incomplete"
    title = "审核缺审核人或日期"
    severity = "warning"
    zh = "写了 {given}，却没有 {missing}。审核要写审核人（approved_by）和审核日期（approved_on）。"
    en = (
        "{given} is given but {missing} is not. An approval names the approver (approved_by) "
        "and the day (approved_on)."
    )
    given: str
    missing: str


@dataclass(frozen=True, kw_only=True)
class PlanFiledLate(ProblemKind):
    code = "plan.filed_late"
    title = "计划书提交过晚"
    severity = "warning"
    zh = (
        "{month} 的拜访计划书到 {filed} 才首次提交（提交 {commit}，{author}），超过提交期限"
        "（{limit_zh}，即 {deadline} 前）。请每月底前提出次月拜访计划（时间取提交的作者时间）。"
    )
    en = (
        "the visit plan for {month} was first committed at {filed} (commit {commit}, "
        "{author}), after the deadline ({limit_en}, i.e. by {deadline}). File next month's "
        "plan by the end of this one (the commit's author date counts)."
    )
    month: str
    filed: str
    commit: str
    author: str
    limit_zh: str
    limit_en: str
    deadline: str


@dataclass(frozen=True, kw_only=True)
class PlanUnapproved(ProblemKind):
    code = "plan.unapproved"
    title = "计划书未按时审核"
    severity = "warning"
    zh = (
        "拜访计划书 {filed} 提交（提交 {commit}，{author}），过了 {days} 天的审核期限"
        "（{deadline}）仍没有审核人。请主管审核后写上 approved_by 和 approved_on。"
    )
    en = (
        "the visit plan was filed at {filed} (commit {commit}, {author}) and still names no "
        "approver after the {days} days allowed (by {deadline}). The supervisor approves it "
        "and adds approved_by and approved_on."
    )
    filed: str
    commit: str
    author: str
    days: int
    deadline: str


@dataclass(frozen=True, kw_only=True)
class PlanApprovedLate(ProblemKind):
    code = "plan.approved_late"
    title = "计划书审核过晚"
    severity = "warning"
    zh = (
        "拜访计划书 {filed} 提交，审核人（approved_by）到 {approved} 才写上（提交 {commit}，"
        "{author}），超过 {days} 天的审核期限（{deadline} 前）。请主管按时审核。"
    )
    en = (
        "the visit plan was filed at {filed}, but its approver (approved_by) was added only at "
        "{approved} (commit {commit}, {author}), past the {days} days allowed (by {deadline}). "
        "Approve plans in time."
    )
    filed: str
    approved: str
    commit: str
    author: str
    days: int
    deadline: str


@dataclass(frozen=True, kw_only=True)
class PlanApprovedBeforeFiled(ProblemKind):
    code = "plan.approved_before_filed"
    title = "审核日期早于计划书提交"
    severity = "warning"
    zh = (
        "拜访计划书的审核日期（approved_on: {approved_on}）早于它第一次提交的时间（{filed}，"
        "提交 {commit}，{author}）：还没提交的计划不能审核。请写上真实的审核日期。"
    )
    en = (
        "the visit plan's approval date (approved_on: {approved_on}) is before the plan was "
        "first committed ({filed}, commit {commit}, {author}): a plan cannot be approved before "
        "it exists. Write the real approval date."
    )
    approved_on: str
    filed: str
    commit: str
    author: str


@dataclass(frozen=True, kw_only=True)
class PlanRepeatedContact(ProblemKind):
    code = "plan.repeated_contact"
    title = "重复的计划拜访"
    severity = "warning"
    zh = (
        "计划拜访 {customer}（{when}）与第 {first} 项相同：同一位客户、同一时间、同一方式只写一项，"
        "一次回访只完成一项，重复的会拉低完成率。请删掉这一项。"
    )
    en = (
        "the planned contact with {customer} ({when}) repeats contact {first}: one visit makes "
        "only one of them, so the copy lowers the completion rate. Delete it."
    )
    customer: str
    when: str
    first: int
