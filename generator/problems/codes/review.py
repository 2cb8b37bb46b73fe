"""Sign-offs that mean something: a visit is not reviewed by one of its own staff, and
where the Git history is read, a sign-off (a visit's review, a complaint's closure) was
committed by the person it names (docs/rules.md, "Sign-offs").

Severities are the defaults; policy.yaml → completeness (visit_self_review,
review_by_reviewer) sets them, `off` switches a check off.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class ReviewSelfReview(ProblemKind):
    code = "review.self_review"
    title = "自己审阅自己的回访"
    severity = "error"
    zh = (
        "审阅主管（reviewed_by）{reviewer} 也是这次回访的人员（staff）之一：自己审阅自己的回访"
        "不算审阅。请由另一位主管审阅签字并改写 reviewed_by；若本团队允许自审，在 policy.yaml 的 "
        "completeness.visit_self_review 写 severity: 'off'。"
    )
    en = (
        "the reviewer (reviewed_by) {reviewer} is also one of the visit's staff: reviewing "
        "one's own visit is no review. Have another supervisor review it and change "
        "reviewed_by; if your team allows self-review, set completeness.visit_self_review "
        "to severity: 'off' in policy.yaml."
    )
    reviewer: str


@dataclass(frozen=True, kw_only=True)
class ReviewNotByReviewer(ProblemKind):
    code = "review.not_by_reviewer"
    title = "签字不是本人提交"
    severity = "warning"
    zh = (
        "{what_zh}应由{role_zh} {claimed} 本人提交，但写入它的提交 {commit}（{date}，作者 {author}）"
        "是 {actual_zh} 提交的（{basis_zh}）。请 {claimed} 本人核对后用自己的 Git 身份提交（例如由本人"
        "更新 {again}）；若那是 {claimed} 自己的身份，请把它登记在 team.yaml 的 git 中。"
    )
    en = (
        "{what_en} is for {role_en} {claimed} to commit, but the commit that wrote it, "
        "{commit} ({date}, author {author}), was made by {actual_en} ({basis_en}). Have "
        "{claimed} check it and commit it under their own Git identity (for example by "
        "updating {again} themselves); if that identity is {claimed}'s, list it under git in "
        "team.yaml."
    )
    what_zh: str
    what_en: str
    role_zh: str
    role_en: str
    claimed: str
    commit: str
    date: str
    author: str
    actual_zh: str
    actual_en: str
    basis_zh: str
    basis_en: str
    again: str
