"""Visits: their file names, work done late, what a visit record must hold, and the
timeliness judged from Git history.

The completeness checks (done_late, issue_not_forwarded, unreviewed, no_outcome,
no_record) take their severity from policy.yaml → completeness; the one here is the default.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class VisitFilenameMismatch(ProblemKind):
    code = "visit.filename_mismatch"
    title = "回访文件名与内容不符"
    severity = "warning"
    zh = "回访文件名 {stem} 与内容不符（应以 {expected} 开头：日期-客户编号）。请改名。"
    en = (
        "the visit file name {stem} does not match its content (it should start with "
        "{expected}: date-customer). Rename it."
    )
    stem: str
    expected: str


@dataclass(frozen=True, kw_only=True)
class VisitDoneLate(ProblemKind):
    code = "visit.done_late"
    title = "约定事项超时完成"
    severity = "warning"
    zh = (
        "{what_zh}应在 {deadline} 前完成，{done} 才完成，晚了 {late}。"
        "请按时完成；若记录的时间有误，请更正。"
    )
    en = (
        "{what_en} was due by {deadline} but done at {done}, {late_en} late. Keep the limit; "
        "if the recorded time is wrong, correct it."
    )
    what_zh: str
    deadline: str
    done: str
    late: str
    what_en: str
    late_en: str


@dataclass(frozen=True, kw_only=True)
class VisitIssueNotForwarded(ProblemKind):
    code = "visit.issue_not_forwarded"
    title = "问题未转交"
    severity = "warning"
    zh = "问题“{text}”需要处理，但没有记录转给哪个部门（department）和转交时间（sent_at）。请补上。"
    en = (
        "the issue “{text}” needs action but has no department or sent_at recorded. "
        "Record where and when it was forwarded."
    )
    text: str


@dataclass(frozen=True, kw_only=True)
class VisitUnreviewed(ProblemKind):
    code = "visit.unreviewed"
    title = "回访未经审阅"
    severity = "warning"
    zh = "这次回访已过去 {age} 天，仍未经主管审阅（reviewed_by / reviewed_on）。请主管审阅后签字。"
    en = (
        "this visit is {age} days old and has not been reviewed by a supervisor "
        "(reviewed_by / reviewed_on). A supervisor should sign it off."
    )
    age: int


@dataclass(frozen=True, kw_only=True)
class VisitNoOutcome(ProblemKind):
    code = "visit.no_outcome"
    title = "回访没有实际结果"
    severity = "warning"
    zh = "回访没有填写实际结果（outcome）。请对照拜访目标写明结果。"
    en = "the visit has no outcome. Write down the result against the objective."


@dataclass(frozen=True, kw_only=True)
class VisitNoRecord(ProblemKind):
    code = "visit.no_record"
    title = "回访没有会谈记录"
    severity = "warning"
    zh = "回访没有会谈内容记录（正文为空或只有标题）。请在 --- 之后简要记录谈话内容。"
    en = (
        "the visit has no conversation record (the body is empty or only a heading). Write "
        "a short account below the closing ---."
    )


@dataclass(frozen=True, kw_only=True)
class VisitFiledLate(ProblemKind):
    code = "visit.filed_late"
    title = "回访记录提交过晚"
    severity = "warning"
    zh = (
        "回访时间 {visit_time}，记录到 {filed} 才首次提交（提交 {commit}，{author}），"
        "晚了 {late} 小时，超过填写时限（{limit_zh}，即 {deadline} 前）。请在回访后及时填写并"
        "提交记录（时间取提交的作者时间）。"
    )
    en = (
        "the visit was at {visit_time} but its record was first committed at {filed} "
        "(commit {commit}, {author}), {late} hours later: past the limit ({limit_en}, i.e. "
        "by {deadline}). File visit records promptly (the commit's author date counts)."
    )
    visit_time: str
    filed: str
    commit: str
    author: str
    late: str
    deadline: str
    limit_zh: str
    limit_en: str


@dataclass(frozen=True, kw_only=True)
class VisitReviewedLate(ProblemKind):
    code = "visit.reviewed_late"
    title = "审阅提交过晚"
    severity = "warning"
    zh = (
        "回访时间 {visit_time}，主管审阅（reviewed_by）到 {reviewed} 才提交（提交 {commit}，"
        "{author}），超过 {days} 天的审阅时限。请主管按时审阅签字。"
    )
    en = (
        "the visit was at {visit_time} but the supervisor's sign-off (reviewed_by) was "
        "committed at {reviewed} (commit {commit}, {author}): later than {days} days. "
        "Supervisors should review visits in time."
    )
    visit_time: str
    reviewed: str
    commit: str
    author: str
    days: int


@dataclass(frozen=True, kw_only=True)
class VisitFiledByOther(ProblemKind):
    code = "visit.filed_by_other"
    title = "回访记录不是回访人员提交"
    severity = "warning"
    zh = (
        "这条回访记录由 {actual_zh} 提交（提交 {commit}，{date}，作者 {author}，{basis_zh}），"
        "不是回访人员 {staff} 之一。回访记录应由去回访的人提交；若本团队由文员代为录入，在 "
        "policy.yaml 的 completeness.visit_filed_by_staff 写 severity: 'off'；若那是回访人员"
        "自己的身份，请把它登记在 team.yaml 的 git 中。"
    )
    en = (
        "this visit record was committed by {actual_en} (commit {commit}, {date}, author "
        "{author}, {basis_en}), who is not one of its staff {staff}. The people who made the "
        "visit file it; if a clerk files for others in your team, set "
        "completeness.visit_filed_by_staff to severity: 'off' in policy.yaml; if that identity "
        "is one of the staff's, list it under git in team.yaml."
    )
    actual_zh: str
    actual_en: str
    commit: str
    date: str
    author: str
    basis_zh: str
    basis_en: str
    staff: str


@dataclass(frozen=True, kw_only=True)
class VisitLostWithoutReport(ProblemKind):
    code = "visit.lost_without_report"
    title = "丢单没有丢单报告"
    severity = "warning"
    zh = (
        "这次回访记下商机丢单（opportunity.status: lost），已过去 {days} 天，但客户 {customer} "
        "没有这之后的丢单报告。请填写《丢单报告》：huifang new lost --customer {customer} "
        "--date {date}。"
    )
    en = (
        "this visit records the opportunity as lost (opportunity.status: lost) {days} days ago, "
        "but the customer {customer} has no lost-deal report since. File one: huifang new lost "
        "--customer {customer} --date {date}."
    )
    customer: str
    days: int
    date: str
