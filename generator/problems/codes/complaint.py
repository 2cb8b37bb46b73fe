"""Complaints: stages done late, feedback, resolution, special cases, and registration
timeliness judged from Git history.

The completeness checks (done_late, no_feedback, no_resolution, special_without_reason)
take their severity from policy.yaml → completeness; the one here is the default.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class ComplaintDoneLate(ProblemKind):
    code = "complaint.done_late"
    title = "投诉环节超时"
    severity = "warning"
    zh = (
        "投诉{stage}应在 {deadline} 前完成（时限 {limit}），{done} 才完成，晚了 {late}。"
        "请按时限处理；若记录的时间有误，请更正。"
    )
    en = (
        "{stage_en} was due by {deadline} but done at {done}, {late_en} late. Keep the limit; "
        "if the recorded time is wrong, correct it."
    )
    stage: str
    deadline: str
    limit: str
    done: str
    late: str
    stage_en: str
    late_en: str


@dataclass(frozen=True, kw_only=True)
class ComplaintNoFeedback(ProblemKind):
    code = "complaint.no_feedback"
    title = "投诉处理后未反馈"
    severity = "warning"
    zh = "投诉已处理完毕，但没有记录向客户反馈（feedback_sent）。请在处理后 {hours} 小时内反馈并记录时间。"
    en = (
        "the complaint is resolved but no feedback to the customer is recorded "
        "(feedback_sent). Send it within {hours} hours of resolution and record the time."
    )
    hours: str


@dataclass(frozen=True, kw_only=True)
class ComplaintNoResolution(ProblemKind):
    code = "complaint.no_resolution"
    title = "投诉没有处理结果"
    severity = "warning"
    zh = "投诉已处理完毕，但没有填写处理结果（resolution）。请补上。"
    en = "the complaint is resolved but the outcome (resolution) is empty. Fill it in."


@dataclass(frozen=True, kw_only=True)
class ComplaintSpecialWithoutReason(ProblemKind):
    code = "complaint.special_without_reason"
    title = "特殊投诉没有原因"
    severity = "warning"
    zh = "投诉标为特殊情况（special），但没有说明原因（special_reason）。请补上原因。"
    en = "the complaint is marked special but has no special_reason. Give the reason."


@dataclass(frozen=True, kw_only=True)
class ComplaintRegisteredLate(ProblemKind):
    code = "complaint.registered_late"
    title = "投诉登记过晚"
    severity = "warning"
    zh = (
        "投诉 {received} 接到，记录到 {filed} 才首次提交（提交 {commit}，{author}），"
        "晚了 {late} 小时，超过 {hours} 小时的登记时限（即 {deadline} 前）。接到投诉后请在时限内"
        "登记并提交。"
    )
    en = (
        "the complaint was received at {received} but first committed at {filed} "
        "(commit {commit}, {author}), {late} hours later: more than the {hours}-hour "
        "registration limit (by {deadline}). Register complaints within the limit."
    )
    received: str
    filed: str
    commit: str
    author: str
    late: str
    hours: str
    deadline: str
