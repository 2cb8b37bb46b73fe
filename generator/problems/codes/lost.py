"""Lost deals (丢单报告): their file names and the policy's reasons (a lost customer's
reason missing is customer.lost_reason_missing)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class LostFilenameMismatch(ProblemKind):
    code = "lost.filename_mismatch"
    title = "丢单报告文件名与内容不符"
    severity = "warning"
    zh = "丢单报告文件名 {stem} 与内容不符（应以 {expected} 开头：日期-客户编号）。请改名。"
    en = (
        "the lost-deal report's file name {stem} does not match its content (it should start "
        "with {expected}: date-customer). Rename it."
    )
    stem: str
    expected: str


@dataclass(frozen=True, kw_only=True)
class LostUnknownReason(ProblemKind):
    code = "lost.unknown_reason"
    title = "丢单原因未定义"
    severity = "error"
    zh = (
        "丢单原因 {reason} 没有在 policy.yaml 的 lost_reasons 中定义。可选：{allowed}；"
        "或把这个原因加入 policy.yaml 的 lost_reasons。"
    )
    en = (
        "the lost reason {reason} is not defined under lost_reasons in policy.yaml. Allowed: "
        "{allowed}; or add the reason to lost_reasons in policy.yaml."
    )
    reason: str
    allowed: str
