"""policy.yaml itself: rule names, method groups, visit kinds, festivals; and the working
calendar it relies on (calendar.*).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind

PREFIXES = ("policy", "calendar")


@dataclass(frozen=True, kw_only=True)
class PolicyUnknownMethodGroup(ProblemKind):
    code = "policy.unknown_method_group"
    title = "方式组未定义"
    severity = "error"
    zh = (
        "方式组 {name} 没有在 methods 中定义。请在 methods 下添加它，或改用 phone、onsite、any"
        "或方式列表（例如 [phone, wechat]）。"
    )
    en = (
        "the method group {name} is not defined under methods. Add it there, or use phone, "
        "onsite, any or a list of methods such as [phone, wechat]."
    )
    name: str


@dataclass(frozen=True, kw_only=True)
class PolicyDuplicateRule(ProblemKind):
    code = "policy.duplicate_rule"
    title = "规则名重复"
    severity = "error"
    zh = "规则名 {name} 重复（第 {first} 行已有）。每条规则的 name 必须唯一，请改名。"
    en = "the rule name {name} is used twice (first on line {first}). Give each rule its own name."
    name: str
    first: int


@dataclass(frozen=True, kw_only=True)
class PolicyUnknownVisitKind(ProblemKind):
    code = "policy.unknown_visit_kind"
    title = "回访类型不存在"
    severity = "error"
    zh = "after: visit.{name} 中的回访类型 {name} 不存在。可用：{allowed}。"
    en = "after: visit.{name} names an unknown visit kind. Known kinds: {allowed}."
    name: str
    allowed: str


@dataclass(frozen=True, kw_only=True)
class PolicyUnknownFestival(ProblemKind):
    code = "policy.unknown_festival"
    title = "节日日期无法确定"
    severity = "error"
    zh = "无法确定节日“{name}”的日期。法定节日请写 {allowed} 之一，其它节日请加 date: MM-DD。"
    en = (
        "cannot place the festival {name}. Use an official holiday name ({allowed}) or add "
        "date: MM-DD."
    )
    name: str
    allowed: str


@dataclass(frozen=True, kw_only=True)
class CalendarUnknownYear(ProblemKind):
    code = "calendar.unknown_year"
    title = "缺少该年的放假安排"
    severity = "warning"
    zh = (
        "holidays 库还没有国务院公布的 {year} 年放假调休安排：该年按库中已知的法定节假日"
        "（元旦、春节、国庆节等及其补假）和周一至周五计算工作日，缺少调休上班的周末，"
        "也缺少国务院另行安排的放假日。请升级 pyproject.toml 中的 holidays，或在 policy.yaml 的 "
        "calendar 中写入该年的安排：extra_workdays（调休上班日）和 extra_holidays（另行放假日），"
        "例如 extra_workdays: [{{date: {year}-MM-DD, name: 调休上班}}]。"
    )
    en = (
        "the holidays library does not have the State Council's {year} arrangement yet: working "
        "days in {year} are counted from the statutory holidays it knows (New Year, Spring "
        "Festival, National Day… and their substitute days) and Monday to Friday, without the "
        "weekend days worked in exchange and the extra days off the arrangement adds. Upgrade "
        "holidays in pyproject.toml, or enter the arrangement in policy.yaml under calendar: "
        "extra_workdays (weekend days worked) and extra_holidays (extra days off), e.g. "
        "extra_workdays: [{{date: {year}-MM-DD, name: 调休上班}}]."
    )
    year: int
