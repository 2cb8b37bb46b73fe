"""Satisfaction surveys: counts that add up, levels that are defined, samples large enough."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class SurveyReturnedExceedsDistributed(ProblemKind):
    code = "survey.returned_exceeds_distributed"
    title = "回收多于发放"
    severity = "error"
    zh = "回收份数 {returned} 多于发放份数 {distributed}。请核对数字。"
    en = "{returned} forms returned is more than the {distributed} distributed. Check the numbers."
    returned: int
    distributed: int


@dataclass(frozen=True, kw_only=True)
class SurveyDistributedExceedsPopulation(ProblemKind):
    code = "survey.distributed_exceeds_population"
    title = "发放多于调查对象"
    severity = "error"
    zh = "发放份数 {distributed} 多于调查对象总数 {population}。请核对数字。"
    en = (
        "{distributed} forms distributed is more than the {population} households or customers "
        "to be surveyed. Check the numbers."
    )
    distributed: int
    population: int


@dataclass(frozen=True, kw_only=True)
class SurveySmallSample(ProblemKind):
    code = "survey.small_sample"
    title = "样本过少"
    severity = "warning"
    zh = (
        "只回收了 {returned} 份问卷，少于 policy.yaml 中 surveys.min_sample 要求的 {least} 份，"
        "结果代表性不足。请扩大调查范围或补充回收。"
    )
    en = (
        "only {returned} forms were returned, fewer than the {least} that surveys.min_sample in "
        "policy.yaml asks for: too small a sample. Survey more customers or collect more forms."
    )
    returned: int
    least: int


@dataclass(frozen=True, kw_only=True)
class SurveyCountsExceedReturned(ProblemKind):
    code = "survey.counts_exceed_returned"
    title = "评价人数多于回收份数"
    severity = "error"
    zh = "项目“{item}”各级人数合计 {total}，多于回收份数 {returned}。请核对统计。"
    en = (
        "the counts of the item “{item}” add up to {total}, more than the {returned} forms "
        "returned. Check the tally."
    )
    item: str
    total: int
    returned: int


@dataclass(frozen=True, kw_only=True)
class SurveyUnknownLevel(ProblemKind):
    code = "survey.unknown_level"
    title = "评价等级未定义"
    severity = "error"
    zh = "项目“{item}”使用了未定义的评价等级“{level}”。可选：{allowed}。请在 levels 中定义或改正。"
    en = (
        "the item “{item}” uses the level “{level}”, which is not defined. Allowed: "
        "{allowed}. Define it under levels or correct it."
    )
    item: str
    level: str
    allowed: str


@dataclass(frozen=True, kw_only=True)
class SurveyTallyMismatch(ProblemKind):
    code = "survey.tally_mismatch"
    title = "统计与问卷不符"
    severity = "error"
    zh = (
        "项目“{item}”评价为“{level}”的人数记为 {tally}，但 responses/ 中的问卷有 {count} 份。"
        "请改正统计数字，或补齐、改正问卷；也可以删去各项目的 counts，由问卷汇总。"
    )
    en = (
        "the item “{item}” has {tally} answers of “{level}” in the tally, but {count} of the "
        "responses in responses/ give it. Correct the tally, or complete or correct the "
        "responses; or remove every item's counts and let the responses be summed."
    )
    item: str
    level: str
    tally: int
    count: int


@dataclass(frozen=True, kw_only=True)
class SurveyResponsesExceedReturned(ProblemKind):
    code = "survey.responses_exceed_returned"
    title = "问卷多于回收份数"
    severity = "error"
    zh = "responses/ 中有 {count} 份问卷，多于回收份数 {returned}。请核对回收份数或问卷。"
    en = (
        "there are {count} responses in responses/, more than the {returned} forms returned. "
        "Check the number returned or the responses."
    )
    count: int
    returned: int


@dataclass(frozen=True, kw_only=True)
class SurveyNoTallies(ProblemKind):
    code = "survey.no_tallies"
    title = "调查没有统计"
    severity = "warning"
    zh = (
        "调查已于 {end} 结束，但各项目都没有 counts（各等级人数），responses/ 中也没有问卷，"
        "满意率无法计算。请填写各项目的人数，或把问卷录入 surveys/{survey}/responses/。"
    )
    en = (
        "the survey ended on {end}, but no item has counts and there are no responses in "
        "responses/: no rate can be worked out. Fill in each item's counts, or enter the forms "
        "under surveys/{survey}/responses/."
    )
    end: str
    survey: str
